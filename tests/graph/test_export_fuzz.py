"""Fuzz the whole way from a file to another tool: any text in a JSON Lines file (every
Unicode category, controls, NUL, lone surrogates escaped as JSON allows) is read, goes
through the real extractor into a graph, and the GraphML, GEXF and JSON exports read back
as that same graph. PAPERKG_FUZZ_EXAMPLES=N runs N fresh random cases (as the reader fuzz)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.readers import read_papers
from paperkg.graph import export, store
from paperkg.graph.build import build_graph

EXAMPLES = int(os.environ.get("PAPERKG_FUZZ_EXAMPLES", "60"))
RANDOM = "PAPERKG_FUZZ_EXAMPLES" in os.environ

#: any code point, lone surrogates included (JSON escapes them; no UTF-8 file holds one)
ANY_CHAR = st.characters(codec=None, exclude_categories=())
NAMES = ("GPT-4", "WebArena", "GRPO", "BERT", "ImageNet")  # so that there are entities
TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=12), st.sampled_from(NAMES)), max_size=8)
ROW = st.fixed_dictionaries(
    {"title": TEXT.map(" ".join), "abstract": TEXT.map(" ".join)},
    optional={"authors": st.lists(st.text(ANY_CHAR, max_size=10), max_size=3)},
)


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    edges = [
        sorted(
            (u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in g.edges(keys=True, data=True)
        )
        for g in (a, b)
    ]
    assert edges[0] == edges[1]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(ROW, min_size=1, max_size=4))
def test_any_text_reads_extracts_and_exports_back_unchanged(extractor, rows) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "papers.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="ascii")
        papers = read_papers([src], "jsonl", skip_bad=True).papers
        graph = build_graph(list(extractor.extract(papers)))
        for fmt, read in (("graphml", export.read_graphml), ("gexf", export.read_gexf)):
            path = export.export(graph, fmt, Path(tmp) / f"g.{fmt}")
            etree.parse(str(path))  # well-formed XML 1.0 for any parser
            _same(graph, read(path))
        path = export.export(graph, "json", Path(tmp) / "g.json")
        _same(graph, store.graph_from_json(json.loads(path.read_text(encoding="utf-8"))))
