"""Saving is atomic and loading fails clearly."""

from __future__ import annotations

import json

import pytest
from paperkg.extract.errors import StoreError
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import build, lbug, store


def test_load_missing_graph_says_how_to_build(tmp_path):
    with pytest.raises(StoreError, match="paperkg build"):
        store.load(tmp_path / "nothing")


def test_load_rejects_a_generation_it_cannot_read(tmp_path):
    recs = [PaperEntities(Paper("a", "A"))]
    gen = store.save(tmp_path, build.build_graph(recs), recs)
    manifest = json.loads((gen / "manifest.json").read_text())
    (gen / "manifest.json").write_text(json.dumps({**manifest, "version": 99}))
    with pytest.raises(StoreError, match="store version 99"):
        store.load(tmp_path)
    (gen / "manifest.json").write_text(json.dumps({"nodes": []}))
    with pytest.raises(StoreError, match="not a paperkg generation"):
        store.load(tmp_path)


def test_failed_save_keeps_previous_graph(tmp_path, monkeypatch, snapshot):
    """The failed save brings different records (a paper the saved graph lacks), so
    records written before the failure would show, in the files and in what loads; with
    the same records they were byte-identical and a half-done save went unseen."""
    old = [PaperEntities(Paper("a", "A"), (Entity("MODEL", "GPT-4"),))]
    store.save(tmp_path, build.build_graph(old), old)
    before = snapshot(tmp_path)
    new = [*old, PaperEntities(Paper("b", "B"), (Entity("BENCHMARK", "WebArena"),))]
    assert new != old

    def boom(tables, path):
        raise RuntimeError("disk full")

    monkeypatch.setattr(lbug, "write_database", boom)
    with pytest.raises(RuntimeError):
        store.save(tmp_path, build.build_graph(new), new)
    assert snapshot(tmp_path) == before
    assert store.load_records(tmp_path) == old
    titles = {d["title"] for _, d in store.load(tmp_path).nodes(data=True) if "title" in d}
    assert titles == {"A"}


def test_load_gives_nodes_and_edges_in_id_order_whatever_order_they_were_stored_in(tmp_path):
    """The engine scans in parallel, so unordered rows came back in any order now and
    then, and with them the page and the exports (seen: 2 of 200 loads differed)."""
    recs = [
        PaperEntities(Paper(pid, pid.upper()), (Entity("MODEL", f"M{pid}"), Entity("MODEL", "X")))
        for pid in ("c", "a", "d", "b")
    ]
    store.save(tmp_path, build.build_graph(recs), recs)
    graph = store.load(tmp_path)
    papers = [n for n, d in graph.nodes(data=True) if d["label"] == "Paper"]
    assert papers == sorted(papers) and len(papers) == 4
    uses = [(u, v) for u, v, d in graph.edges(data=True) if d["type"] == "USES"]
    assert uses == sorted(uses) and len(uses) == 8
