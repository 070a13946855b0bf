"""A node or relationship a Cypher query returns has the same shape from Neo4j as from the
embedded engine, so tables, json and csv print the same either way. The driver's objects
are real ``neo4j.graph`` Nodes and Relationships holding what `push` writes (Neo4j keeps
no null properties); the embedded side is a real query on the saved graph."""

from __future__ import annotations

from pathlib import Path

import neo4j.graph
import pytest
from paperkg.graph import cypher, store
from paperkg.graph import neo4j as server
from paperkg.graph.build import build_graph
from paperkg.graph.cypher_rows import node_rows, rel_rows

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "tricky"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory):
    records = store.load_records(FIXTURE)
    graph = build_graph(records)
    out = tmp_path_factory.mktemp("values")
    store.save(out, graph, records)
    return graph, out


def stored(row: dict) -> dict:
    """The properties Neo4j holds after a push: a null is no property at all."""
    return {k: v for k, v in row.items() if v is not None and k not in ("from", "to")}


def test_nodes_from_neo4j_have_the_embedded_engines_shape(saved) -> None:
    graph, out = saved
    local = {r["n"]["id"]: r["n"] for r in cypher.run(out, "MATCH (n) RETURN n").records()}
    driver_graph = neo4j.graph.Graph()
    seen = 0
    for label, rows in node_rows(graph).items():
        for i, row in enumerate(rows):
            node = neo4j.graph.Node(driver_graph, f"{label}:{i}", i, [label], stored(row))
            assert server.plain(node) == local[row["id"]]
            assert list(server.plain(node)) == list(local[row["id"]])  # the same order
            seen += 1
    assert seen == len(local) == graph.number_of_nodes()


def test_relationships_from_neo4j_have_the_embedded_engines_shape(saved) -> None:
    graph, out = saved
    query = "MATCH (a)-[r]->(b) RETURN a.id AS a, b.id AS b, r"
    records = cypher.run(out, query).records()
    # repr: the same keys in the same order; sorted: two papers may have a real and an
    # inferred CITES
    local = sorted((r["a"], r["b"], repr(r["r"])) for r in records)
    driver_graph = neo4j.graph.Graph()
    remote = []
    for (rel, _, _), rows in rel_rows(graph).items():
        kind = driver_graph.relationship_type(rel)
        for i, row in enumerate(rows):
            value = server.plain(kind(driver_graph, f"{rel}:{i}", i, stored(row)))
            remote.append((row["from"], row["to"], repr(value)))
    assert sorted(remote) == local
    assert {"CITES", "INTRODUCES", "USES"} <= {r["r"]["_label"] for r in records}


def test_a_property_neo4j_holds_beyond_the_schema_is_kept_after_the_schemas() -> None:
    node = neo4j.graph.Node(
        neo4j.graph.Graph(),
        "x",
        1,
        ["Model", "Extra"],
        {"name": "M", "id": "model:m", "note": "mine"},
    )
    assert server.plain(node) == {
        "_label": "Model",
        "id": "model:m",
        "name": "M",
        "aliases": [],
        "note": "mine",
    }
