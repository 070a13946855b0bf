"""Adding papers to a graph directory: no duplicates, idempotent, failure-safe."""

from __future__ import annotations

import pytest
from paperkg.extract.errors import StoreError
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import store, update


class CountingExtractor:
    """A real (rule-of-thumb) extractor: every capitalised word ending in 'Bench'."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, papers: list[Paper]) -> list[PaperEntities]:
        self.seen += [p.id for p in papers]
        return [
            PaperEntities(
                p,
                tuple(
                    Entity("BENCHMARK", w.strip(".,"))
                    for w in p.text.split()
                    if w.strip(".,").endswith("Bench")
                ),
            )
            for p in papers
        ]


def papers(*titles: str) -> list[Paper]:
    return [Paper(f"id-{t}", t, f"We test on {t}Bench.", doi=None) for t in titles]


def test_adding_the_same_papers_twice_changes_nothing(tmp_path, snapshot):
    ex = CountingExtractor()
    update.update(tmp_path, papers("A", "B"), ex)
    first = snapshot(tmp_path)
    result = update.update(tmp_path, papers("A", "B"), ex, into=True)
    assert snapshot(tmp_path) == first
    assert (result.added, result.updated) == (0, 0)
    assert ex.seen == ["id-A", "id-B"]


def test_adding_new_papers_extracts_only_them(tmp_path):
    ex = CountingExtractor()
    update.update(tmp_path, papers("A"), ex)
    result = update.update(tmp_path, papers("A", "C"), ex, into=True)
    assert ex.seen == ["id-A", "id-C"]
    assert result.added == 1
    assert store.load(tmp_path).number_of_nodes() == 4  # two papers, two benchmarks


def test_failing_extraction_leaves_previous_graph(tmp_path, snapshot):
    update.update(tmp_path, papers("A"), CountingExtractor())
    before = snapshot(tmp_path)

    def broken(ps):
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        update.update(tmp_path, papers("A", "Z"), broken, into=True)
    assert snapshot(tmp_path) == before
    assert len(store.load_records(tmp_path)) == 1


def test_a_record_linking_two_old_papers_merges_them(tmp_path):
    ex = CountingExtractor()
    by_arxiv = Paper("arxiv:2401.00001", "Preprint title", "On XBench.", arxiv_id="2401.00001")
    by_doi = Paper("doi:10.1000/j", "Journal title", "On XBench.", doi="10.1000/j")
    update.update(tmp_path, [by_arxiv, by_doi, *papers("Z")], ex)
    both = Paper(
        "doi:10.1000/j", "Journal title", "On XBench.", doi="10.1000/j", arxiv_id="2401.00001"
    )
    result = update.update(tmp_path, [both], ex, into=True)
    ids = [r.paper.id for r in store.load_records(tmp_path)]
    assert len(ids) == 2
    assert "id-Z" in ids
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)


def test_building_over_a_graph_needs_force_and_changes_nothing_without_it(tmp_path, snapshot):
    update.update(tmp_path, papers("A", "B"), CountingExtractor())
    before = snapshot(tmp_path)
    ex = CountingExtractor()
    with pytest.raises(StoreError, match="already holds a graph of 2 papers"):
        update.update(tmp_path, papers("C"), ex)
    assert ex.seen == []
    assert snapshot(tmp_path) == before
    result = update.update(tmp_path, papers("C"), ex, force=True)
    assert result.added == 1 and len(store.load_records(tmp_path)) == 1
