"""Push, query and push again against a real Neo4j. Runs only when NEO4J_URI is set
(NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE as for `paperkg push`); it empties the
target database first, so point it at a scratch database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from paperkg.graph import cypher, neo4j_query, store
from paperkg.graph import neo4j as server
from paperkg.graph.build import build_graph

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set: no Neo4j server to test against"
)
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "tricky"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "cypher.md"


@pytest.fixture(scope="module")
def pushed(tmp_path_factory: pytest.TempPathFactory):
    records = store.load_records(FIXTURE)
    graph_dir = tmp_path_factory.mktemp("e2e")
    graph = build_graph(records)
    store.save(graph_dir, graph, records)
    driver = server.connect(
        os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
    )
    database = os.environ.get("NEO4J_DATABASE") or None
    server.run_query(driver, "MATCH (n) DETACH DELETE n", database=database, write=True)
    server.push(driver, graph, database=database, batch_size=3)
    yield driver, database, graph, graph_dir
    driver.close()


def counts(driver, database) -> list[list]:
    q = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels"
    return server.run_query(driver, q, database=database).rows


def test_push_creates_every_node_and_relationship(pushed) -> None:
    driver, database, graph, _ = pushed
    assert counts(driver, database) == [[graph.number_of_nodes(), graph.number_of_edges()]]


def test_pushing_twice_leaves_the_same_graph(pushed) -> None:
    driver, database, graph, _ = pushed
    server.push(driver, graph, database=database)
    assert counts(driver, database) == [[graph.number_of_nodes(), graph.number_of_edges()]]


def test_docs_queries_give_the_same_rows_as_the_embedded_engine(pushed) -> None:
    import re

    driver, database, _, graph_dir = pushed
    for query in re.findall(r"```cypher\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S):
        params = {"name": "GRPO"} if "$name" in query else {}
        there = server.run_query(driver, query, params, database=database).rows
        here = cypher.run(graph_dir, query, params).rows
        assert sorted(map(repr, there)) == sorted(map(repr, here)), query


def test_papers_on_neo4j_match_the_local_answer(pushed) -> None:
    from paperkg.graph import query

    driver, database, graph, _ = pushed
    local = query.papers_with(graph, "webarena", "Benchmark")
    remote = neo4j_query.papers_with(driver, "webarena", "Benchmark", database=database)
    assert [r["id"] for r in remote] == [r["id"] for r in local]


def test_citations_on_neo4j_match_the_local_answer(pushed) -> None:
    from paperkg.graph import query

    driver, database, graph, _ = pushed
    for cited_by in (False, True):
        for node, data in graph.nodes(data=True):
            if data["label"] != "Paper":
                continue
            local = query.citations(graph, node, cited_by=cited_by)
            remote = neo4j_query.citations(driver, node, cited_by=cited_by, database=database)
            assert remote == local, node
