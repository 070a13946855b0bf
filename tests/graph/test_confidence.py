"""`--min-confidence`: weak links are left out of the graph, never out of the records, so
another threshold later is a rebuild from the records, not a new extraction."""

from __future__ import annotations

import json
import math

import pytest
from paperkg.extract.errors import InputError
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import generations, store, update

#: name -> the extractor's confidence in it (None: extracted without the learned classifier)
SURE = {"WebArena": 0.99, "GPT-4o": 0.95, "Reflexion": 0.55, "ToolBench": 0.4, "ReAct": None}


class ConfidenceExtractor:
    """A real extractor of a small kind: every name of SURE found in a paper's text, with
    its confidence and its mention offsets; it records the papers it was asked about."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, papers: list[Paper]) -> list[PaperEntities]:
        self.seen += [p.id for p in papers]
        return [PaperEntities(p, tuple(self.entities(p.text))) for p in papers]

    @staticmethod
    def entities(text: str) -> list[Entity]:
        kind = {"GPT-4o": "MODEL", "Reflexion": "METHOD", "ReAct": "METHOD"}
        return [
            Entity(kind.get(name, "BENCHMARK"), name, (), "uses", sure, ((at, at + len(name)),))
            for name, sure in SURE.items()
            if (at := text.find(name)) >= 0
        ]


PAPERS = [
    Paper("p1", "Agents on the web", "We run GPT-4o with Reflexion on WebArena.", year=2024),
    Paper("p2", "Tool use", "We score GPT-4o on ToolBench with ReAct.", year=2024),
]


def names(directory) -> set[str]:
    graph = store.load(directory)
    return {d["name"] for _, d in graph.nodes(data=True) if d["label"] != "Paper"}


def links(directory) -> set[tuple[str, str]]:
    graph = store.load(directory)
    return {(u, graph.nodes[v]["name"]) for u, v, k in graph.edges(keys=True) if k != "CITES"}


def manifest(directory) -> dict:
    with generations.reading(directory) as gen:
        return gen.manifest


def test_weak_links_leave_the_graph_and_their_entities_with_them(tmp_path):
    result = update.update(tmp_path, PAPERS, ConfidenceExtractor(), min_confidence=0.5)
    assert (result.min_confidence, result.links_dropped) == (0.5, 1)
    assert names(tmp_path) == {"WebArena", "GPT-4o", "Reflexion", "ReAct"}  # no ToolBench
    assert ("p2", "GPT-4o") in links(tmp_path)  # the paper keeps its other links
    kept = {e.name for r in store.load_records(tmp_path) for e in r.entities}
    assert kept == set(SURE)  # the records keep every link
    assert manifest(tmp_path)["min_confidence"] == 0.5
    assert manifest(tmp_path)["links_dropped"] == 1


def test_a_link_without_a_confidence_is_kept(tmp_path):
    update.update(tmp_path, PAPERS, ConfidenceExtractor(), min_confidence=1.0)
    assert names(tmp_path) == {"ReAct"}  # GPT-4o at 0.95 is under 1.0 too
    assert links(tmp_path) == {("p2", "ReAct")}


def test_another_threshold_rebuilds_from_the_records_without_extracting(tmp_path):
    ex = ConfidenceExtractor()
    update.update(tmp_path, PAPERS, ex, min_confidence=0.5)
    first = generations.current(tmp_path)
    result = update.update(tmp_path, PAPERS, ex, into=True, min_confidence=0.9)
    assert ex.seen == ["p1", "p2"]  # extracted once, by the first build
    assert generations.current(tmp_path) != first
    assert names(tmp_path) == {"WebArena", "GPT-4o", "ReAct"}
    assert (result.min_confidence, result.links_dropped) == (0.9, 2)
    update.update(tmp_path, PAPERS, ex, into=True, min_confidence=0)
    assert names(tmp_path) == set(SURE) and ex.seen == ["p1", "p2"]


def test_adding_keeps_the_graphs_threshold_unless_told_otherwise(tmp_path):
    ex = ConfidenceExtractor()
    update.update(tmp_path, PAPERS[:1], ex, min_confidence=0.6)
    result = update.update(tmp_path, PAPERS, ex, into=True)  # p2 has a weak ToolBench
    assert result.min_confidence == 0.6 and "ToolBench" not in names(tmp_path)
    again = update.update(tmp_path, PAPERS, ex, into=True)  # nothing new: nothing written
    assert again.path == result.path and again.links_dropped == result.links_dropped == 2


def test_a_new_build_without_a_threshold_keeps_every_link(tmp_path):
    update.update(tmp_path, PAPERS, ConfidenceExtractor(), min_confidence=0.9)
    result = update.update(tmp_path, PAPERS, ConfidenceExtractor(), force=True)
    assert (result.min_confidence, result.links_dropped) == (0.0, 0)
    assert names(tmp_path) == set(SURE)


@pytest.mark.parametrize("bad", [1.5, -0.1, math.nan, "0.5", True])
def test_a_threshold_outside_0_to_1_is_refused_before_anything_is_written(tmp_path, bad):
    ex = ConfidenceExtractor()
    with pytest.raises(InputError, match="min_confidence must be a number from 0 to 1"):
        update.update(tmp_path / "out", PAPERS, ex, min_confidence=bad)
    assert ex.seen == [] and not (tmp_path / "out").exists()


def test_the_page_draws_only_the_links_that_stay(tmp_path):
    drawn: list[set[str]] = []

    def page(graph, path):
        drawn.append({d["name"] for _, d in graph.nodes(data=True) if d["label"] != "Paper"})
        path.write_text(json.dumps(sorted(drawn[-1])), encoding="utf-8")

    update.update(tmp_path, PAPERS, ConfidenceExtractor(), page=page, min_confidence=0.5)
    assert drawn == [{"WebArena", "GPT-4o", "Reflexion", "ReAct"}]


def test_a_correction_keeps_the_graphs_threshold(tmp_path):
    from paperkg.api import curating

    update.update(tmp_path, PAPERS, ConfidenceExtractor(), min_confidence=0.5)
    curating.rename(tmp_path, "WebArena", "WebArena-2")
    assert names(tmp_path) == {"WebArena-2", "GPT-4o", "Reflexion", "ReAct"}  # no ToolBench
    assert manifest(tmp_path)["min_confidence"] == 0.5
