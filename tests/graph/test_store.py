"""Saving is atomic and loading fails clearly."""

from __future__ import annotations

import json

import pytest
from paperkg.extract.errors import StoreError
from paperkg.extract.records import Paper, PaperEntities
from paperkg.graph import build, store


def test_load_missing_graph_says_how_to_build(tmp_path):
    with pytest.raises(StoreError, match="paperkg build"):
        store.load(tmp_path / "nothing")


def test_load_rejects_foreign_json(tmp_path):
    (tmp_path / "graph.json").write_text(json.dumps({"nodes": []}))
    with pytest.raises(StoreError, match="not a paperkg graph"):
        store.load(tmp_path)


def test_failed_save_keeps_previous_graph(tmp_path, monkeypatch):
    recs = [PaperEntities(Paper("a", "A"))]
    store.save(tmp_path, build.build_graph(recs), recs)
    before = (tmp_path / "graph.json").read_bytes()

    def boom(graph):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "graph_to_json", boom)
    with pytest.raises(RuntimeError):
        store.save(tmp_path, build.build_graph(recs * 2), recs)
    assert (tmp_path / "graph.json").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
