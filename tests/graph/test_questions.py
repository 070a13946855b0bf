"""The shared questions on the real embedded engine: a limited answer is the start of the
full one, however the engine gets there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from paperkg.graph import store
from paperkg.graph.build import build_graph
from paperkg.graph.local import LocalStore

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_papers import synthetic


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory):
    records = synthetic(400, 7)
    out = tmp_path_factory.mktemp("questions")
    store.save(out, build_graph(records), records)
    with LocalStore(out) as opened:
        yield opened


@pytest.mark.parametrize("exact", [False, True])
def test_the_first_papers_are_the_start_of_all_of_them(local: LocalStore, exact: bool) -> None:
    for row in local.entity_table():
        everything = local.papers_with(row["name"], row["type"], exact=exact)
        for limit in (1, 3, 10, 1000):
            first = local.papers_with(row["name"], row["type"], exact=exact, limit=limit)
            assert first == everything[:limit], (row["name"], limit)


def test_a_paper_that_introduces_and_uses_a_name_comes_once(tmp_path: Path) -> None:
    from paperkg.extract.records import Entity, Paper, PaperEntities

    both = (Entity("BENCHMARK", "XBench", (), "introduces"), Entity("BENCHMARK", "X-Bench"))
    records = [
        PaperEntities(Paper("a", "A", year=2025), both),
        PaperEntities(Paper("b", "B", year=2024), (Entity("BENCHMARK", "XBench"),)),
        PaperEntities(Paper("c", "C", year=2023), (Entity("BENCHMARK", "XBench"),)),
    ]
    store.save(tmp_path, build_graph(records), records)
    with LocalStore(tmp_path) as opened:
        rows = opened.papers_with("xbench", limit=2)
        assert [(r["id"], r["relationship"]) for r in rows] == [
            ("a", "INTRODUCES"),
            ("b", "EVALUATES_ON"),
        ]
        assert rows == opened.papers_with("xbench")[:2]
        card = opened.show("xbench")
        assert (card["papers_count"], card["introduced_by_count"], card["used_by_count"]) == (
            3,
            1,
            2,
        )
        assert [p["id"] for p in card["introduced_by"] + card["used_by"]] == ["a", "b", "c"]


def test_an_entity_cards_first_papers_are_the_start_of_all_of_them(local: LocalStore) -> None:
    for row in local.entity_table():
        hit = local.resolve(row["name"], row["type"])
        whole = local.entity_card(hit, limit=None)
        everything = whole["introduced_by"] + whole["used_by"]
        assert len(everything) == whole["papers_count"] == row["papers"], row["name"]
        for limit in (1, 3, 10, 60, 150):  # 60 and 150 reach past the newest year
            card = local.entity_card(hit, limit=limit)
            assert card["introduced_by"] + card["used_by"] == everything[:limit], row["name"]


@pytest.mark.parametrize("exact", [False, True])
def test_several_filters_agree_with_one(local: LocalStore, exact: bool) -> None:
    """A name asked twice is the same set of papers, answered by the several-filter query
    instead of the one-name question: the same rows, in the same order."""
    from paperkg.graph.selection import PaperFilter

    field = {"Benchmark": "benchmarks", "Model": "models", "Method": "methods"}
    for row in local.entity_table()[:40]:
        name = row["name"]
        twice = PaperFilter(**{field[row["type"]]: (name, name)}, exact=exact, limit=7)
        once = local.papers_with(name, row["type"], exact=exact, limit=7)
        assert local.select_papers(twice).rows == once, name
