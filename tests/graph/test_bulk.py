"""The bulk writer makes exactly the graph build_graph makes, without holding it."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.records import PaperEntities
from paperkg.graph import bulk, store
from paperkg.graph.build import build_graph
from paperkg.graph.local import LocalStore
from synthetic_papers import canonical, synthetic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "graph"


def via_bulk(records: list[PaperEntities], tmp_path: Path):
    gen = tmp_path / "generations" / "000001"
    gen.mkdir(parents=True)
    bulk.write_store(records, gen)
    with LocalStore.of_generation(gen) as written:
        return written.graph()


def via_graph(records: list[PaperEntities], tmp_path: Path):
    store.save(tmp_path / "ref", build_graph(records), records)
    return store.load(tmp_path / "ref")


@pytest.mark.parametrize("name", ["tricky", "dev"])
def test_bulk_store_equals_the_graph_on_the_fixtures(name: str, tmp_path: Path) -> None:
    records = store.load_records(FIXTURES / name)
    assert canonical(via_bulk(records, tmp_path)) == canonical(via_graph(records, tmp_path))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bulk_store_equals_the_graph_on_generated_papers(seed: int, tmp_path: Path) -> None:
    records = synthetic(300, seed, two_senses=True)
    got, want = via_bulk(records, tmp_path), via_graph(records, tmp_path)
    assert canonical(got) == canonical(want)
    assert any(d["type"] == "CITES" and d["inferred"] for *_, d in want.edges(data=True))
    assert any(d["type"] == "VARIANT_OF" for *_, d in want.edges(data=True))


def test_bulk_store_copied_in_many_parts_equals_the_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Papers copied a few at a time, the database closed and opened again after each part
    (as a million papers are), make the same graph."""
    monkeypatch.setattr(bulk, "PAPER_CHUNK", 7)
    records = synthetic(100, 4)
    assert canonical(via_bulk(records, tmp_path)) == canonical(via_graph(records, tmp_path))


def test_bulk_name_index_resolves_like_the_graph(tmp_path: Path) -> None:
    records = synthetic(200, 5)
    gen = tmp_path / "generations" / "000001"
    gen.mkdir(parents=True)
    bulk.write_store(records, gen)
    store.save(tmp_path / "ref", build_graph(records), records)
    with LocalStore.of_generation(gen) as a, LocalStore(tmp_path / "ref") as b:
        for name in ("swe bench", "web-arena", "qwen2.5", "gpt 4o", "transformer", "mdps"):
            assert a.resolve(name) == b.resolve(name), name
            assert a.papers_with(name) == b.papers_with(name), name
        assert a.find_paper("2401.00007") == b.find_paper("2401.00007") == "arxiv:2401.00007"
