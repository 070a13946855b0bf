"""The embedded Cypher engine, for real: loading, Neo4j-style queries, errors, the guard,
the store written by build and only read by queries."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest
from paperkg.extract.errors import QueryError, StoreError
from paperkg.graph import cypher, store
from paperkg.graph.build import build_graph
from paperkg.graph.lbug import database_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "graph"


def save_fixture(name: str, target: Path) -> Path:
    records = store.load_records(FIXTURES / name)
    store.save(target, build_graph(records), records)
    return target


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_fixture("tricky", tmp_path_factory.mktemp("tricky"))


def values(graph_dir: Path, query: str, **params: object) -> list[list]:
    return cypher.run(graph_dir, query, params).rows


def test_every_node_and_property_arrives_exactly(tricky: Path) -> None:
    graph = store.load(tricky)
    rows = values(tricky, "MATCH (p:Paper) RETURN p ORDER BY p.id")
    got = {r[0]["id"]: r[0] for r in rows}
    for node, data in graph.nodes(data=True):
        if data["label"] == "Paper":
            expected = {k: v for k, v in data.items() if k != "label"}
            assert {k: v for k, v in got[node].items() if k != "_label"} == expected


def test_tricky_titles_match_by_literal_in_either_quote_style(tricky: Path) -> None:
    where = "MATCH (p:Paper) WHERE p.title = "
    single = where + "'It\\'s a </script> test: O\\'Brien\\'s \\\\ backslash agent' RETURN p.id"
    double = where + "\"It's a </script> test: O'Brien's \\\\ backslash agent\" RETURN p.id"
    assert values(tricky, single) == values(tricky, double) == [["title:obrien"]]


def test_relationship_counts_and_types_match_the_graph(tricky: Path) -> None:
    graph = store.load(tricky)
    rows = values(tricky, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t")
    expected: dict[str, int] = {}
    for _, _, data in graph.edges(data=True):
        expected[data["type"]] = expected.get(data["type"], 0) + 1
    assert dict(map(tuple, rows)) == expected


def test_real_and_inferred_citations_between_the_same_papers_both_exist(tricky: Path) -> None:
    rows = values(
        tricky,
        "MATCH (:Paper {id: 'title:quotes'})-[c:CITES]->(:Paper {id: 'title:unicode'}) "
        "RETURN c.inferred, c.via ORDER BY c.inferred",
    )
    assert rows == [[False, []], [True, ["GRPO", "Mind2Web-Live"]]]


def test_neo4j_style_features_work(tricky: Path) -> None:
    q = (
        "MATCH (p:Paper) OPTIONAL MATCH (p)-[:EVALUATES_ON|INTRODUCES]->(b:Benchmark) "
        "WITH p, count(DISTINCT b) AS n WHERE n > $min RETURN p.id AS id, n "
        "ORDER BY n DESC, id SKIP 1 LIMIT 2"
    )
    assert values(tricky, q, min=0) == [["title:unicode", 2], ["arxiv:2307.13854", 1]]
    alias = "MATCH (b:Benchmark) WHERE $a IN b.aliases RETURN b.name"
    assert values(tricky, alias, a="M2W-Live") == [["Mind2Web-Live"]]
    chain = "MATCH (a:Paper {id: 'title:quotes'})-[:CITES*2..2]->(b:Paper) RETURN DISTINCT b.id"
    assert values(tricky, chain) == [["arxiv:2307.13854"]]
    undirected = "MATCH (:Paper {id: 'title:react'})--(x) RETURN count(x)"
    assert values(tricky, undirected) == [[4]]


def test_syntax_error_carries_the_engine_position(tricky: Path) -> None:
    with pytest.raises(QueryError, match=r"offset: 15") as err:
        cypher.run(tricky, "MATCH (p:Paper RETURN p")
    assert err.value.exit_code == 2


def test_unknown_label_is_a_query_error(tricky: Path) -> None:
    with pytest.raises(QueryError, match="Nope"):
        cypher.run(tricky, "MATCH (n:Nope) RETURN n")


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:Model {id: 'x', name: 'X'})",
        "MATCH (p:Paper) SET p.title = 'x'",
        "MATCH (p:Paper) DETACH DELETE p",
        "MERGE (m:Model {id: 'x'})",
        "MATCH (m:Model) REMOVE m.name",
        "DROP TABLE Paper",
        "COPY Paper FROM 'x.csv'",
        "match (p:Paper) /* harmless */ set p.year = 1",
    ],
)
def test_writes_are_refused_without_write(tricky: Path, query: str) -> None:
    with pytest.raises(QueryError, match="read-only unless you add --write"):
        cypher.run(tricky, query)


def test_write_words_inside_strings_comments_and_names_are_not_writes(tricky: Path) -> None:
    q = (
        "MATCH (p:Paper) // set delete create\n"
        "WHERE p.title CONTAINS 'SET x' OR p.title = \"DELETE\" /* MERGE */ "
        "RETURN p.id AS `create`, {set: 1} AS m"
    )
    assert values(tricky, q) == []


def test_write_runs_on_a_copy_and_leaves_the_saved_graph_alone(tricky: Path) -> None:
    result = cypher.run(tricky, "MATCH (p:Paper) SET p.title = 'gone' RETURN count(p)", write=True)
    assert result.rows == [[6]]
    assert values(tricky, "MATCH (p:Paper {title: 'gone'}) RETURN count(p)") == [[0]]


def test_a_new_generation_is_what_the_next_query_reads(tmp_path: Path) -> None:
    graph_dir = save_fixture("tricky", tmp_path / "g")
    first = database_path(graph_dir)
    assert values(graph_dir, "MATCH (p:Paper) RETURN count(p)") == [[6]]
    graph = store.load(graph_dir)
    graph.add_node("title:new", label="Paper", id="title:new", title="New", year=2026)
    store.save(graph_dir, graph)
    assert values(graph_dir, "MATCH (p:Paper) RETURN count(p)") == [[7]]
    assert database_path(graph_dir) != first
    assert not first.exists()  # the old generation was retired


def test_queries_never_write_into_the_graph_directory(tricky: Path) -> None:
    """Not a file added or touched: a reader without write permission can query too."""
    before = {p: p.stat().st_mtime_ns for p in tricky.rglob("*") if p.is_file()}
    values(tricky, "MATCH (p:Paper) RETURN count(p)")
    cypher.run(tricky, "MATCH (p:Paper) SET p.title = 'x' RETURN count(p)", write=True)
    after = {p: p.stat().st_mtime_ns for p in tricky.rglob("*") if p.is_file()}
    assert after == before


def _count_papers(graph_dir: str) -> int:
    return cypher.run(graph_dir, "MATCH (p:Paper) RETURN count(p)").rows[0][0]


def test_two_processes_query_at_once(tmp_path: Path) -> None:
    graph_dir = save_fixture("tricky", tmp_path / "g")
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        assert pool.map(_count_papers, [str(graph_dir)] * 4) == [6, 6, 6, 6]


def test_missing_graph_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="paperkg build"):
        cypher.run(tmp_path, "MATCH (n) RETURN n")


def test_realistic_graph_loads_every_paper(tmp_path: Path) -> None:
    graph_dir = save_fixture("dev", tmp_path / "dev")
    rows = values(graph_dir, "MATCH (p:Paper) RETURN count(p)")
    assert rows == [[231]]
    assert json.dumps(cypher.run(graph_dir, "MATCH (m:Model) RETURN m LIMIT 3").records())
    shutil.rmtree(graph_dir)
