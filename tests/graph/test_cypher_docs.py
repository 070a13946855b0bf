"""Every query in docs/cypher.md runs on the embedded engine, returns rows on the fixture
graph, and is valid Cypher by Neo4j's own grammar (so it runs after `paperkg push` too)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from paperkg.graph import cypher, store
from paperkg.graph.build import build_graph

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "cypher.md"
QUERIES = re.findall(r"```cypher\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
_spec = importlib.util.spec_from_file_location(
    "cypher_validator", ROOT / "tests" / "cypher_validator" / "validator.py"
)
validator = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(validator)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = store.load_records(ROOT / "tests" / "fixtures" / "graph" / "tricky")
    target = tmp_path_factory.mktemp("docs")
    store.save(target, build_graph(records), records)
    return target


def test_docs_hold_at_least_ten_queries() -> None:
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("query", QUERIES, ids=[f"q{i}" for i in range(len(QUERIES))])
def test_docs_query_returns_rows_on_the_embedded_engine(graph_dir: Path, query: str) -> None:
    params = {"name": "GRPO"} if "$name" in query else {}
    result = cypher.run(graph_dir, query, params)
    assert result.rows, f"no rows for:\n{query}"


@pytest.mark.skipif(validator.unavailable() is not None, reason=str(validator.unavailable()))
def test_docs_queries_are_valid_neo4j_cypher() -> None:
    problems = validator.diagnostics(QUERIES)
    assert {q: p for q, p in zip(QUERIES, problems, strict=True) if p} == {}
