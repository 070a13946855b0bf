"""Push, query and push again against a real Neo4j. Runs only when NEO4J_URI is set
(NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE as for `paperkg push`); it empties the
target database first, so point it at a scratch database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from paperkg.graph import cypher, store
from paperkg.graph import neo4j as server
from paperkg.graph.build import build_graph
from paperkg.graph.graphstore import open_local
from paperkg.graph.neo4j_store import Neo4jStore
from paperkg.graph.selection import PaperFilter

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


def test_every_question_gets_the_local_answer_from_neo4j(pushed) -> None:
    """Both stores run the same Cypher; here the server answers it."""
    driver, database, graph, graph_dir = pushed
    remote = Neo4jStore(driver, database=database)
    with open_local(graph_dir) as local:
        for name, label in (("webarena", "Benchmark"), ("M2W-Live", None), ("GRPO", None)):
            assert remote.papers_with(name, label) == local.papers_with(name, label), name
            assert remote.show(name) == local.show(name), name
            want = PaperFilter(benchmarks=("webarena",), since=2000, sort="title")
            assert remote.select_papers(want) == local.select_papers(want)
        for node, data in graph.nodes(data=True):
            if data["label"] == "Paper":
                assert remote.show(node, paper=True) == local.show(node, paper=True), node
        assert remote.entity_table() == local.entity_table()
        assert remote.summary() == local.summary()
        for node, data in graph.nodes(data=True):
            if data["label"] == "Paper":
                for cited_by in (False, True):
                    assert remote.citations(node, cited_by=cited_by) == local.citations(
                        node, cited_by=cited_by
                    ), node
        assert nx_equal(remote.graph(), local.graph())


def nx_equal(a, b) -> bool:
    def norm(g):
        nodes = sorted(
            (n, sorted((k, repr(v)) for k, v in d.items() if v is not None))
            for n, d in g.nodes(data=True)
        )
        edges = sorted(
            repr((u, v, k, sorted(d.items()))) for u, v, k, d in g.edges(keys=True, data=True)
        )
        return nodes, edges

    return norm(a) == norm(b)


def test_returned_nodes_and_relationships_have_the_embedded_shape(pushed) -> None:
    """`RETURN p, r, b` gives the same dicts (keys in the same order) from both stores,
    so tables, json and csv print the same whichever answered."""
    driver, database, _, graph_dir = pushed
    for query in (
        "MATCH (n) RETURN n",
        "MATCH (a)-[r]->(b) RETURN a, r, b",
        "MATCH path = (p:Paper)-[:USES]->(m:Model) RETURN path",
    ):
        there = server.run_user_query(driver, query, database=database).records()
        here = cypher.run(graph_dir, query).records()
        assert sorted(map(repr, there)) == sorted(map(repr, here)), query
