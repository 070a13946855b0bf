"""What a Neo4j user types first, on the real embedded engine: errors that show the portable
form, the closest names for a mistyped label or type, and columns named as Neo4j names them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from paperkg.cli.main import cli
from paperkg.extract.errors import QueryError
from paperkg.graph import cypher, store
from paperkg.graph.build import build_graph
from paperkg.graph.cypher_columns import neo4j_columns
from paperkg.graph.cypher_hints import CONSTRUCTS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")

#: construct name -> what a Neo4j user writes
NEO4J = {
    "shortestPath": "MATCH p = shortestPath((a:Paper)-[:CITES*]-(b:Paper)) RETURN length(p)",
    "list comprehension": "MATCH (p:Paper) RETURN [a IN p.authors WHERE a <> 'x' | toUpper(a)]",
    "list comprehension, no WHERE": "MATCH (p:Paper) RETURN [a IN p.authors | toUpper(a)]",
    "pattern comprehension": "MATCH (p:Paper) RETURN [(p)-[:USES]->(m) | m.name] AS models",
    "CALL": "MATCH (p:Paper) CALL { WITH p MATCH (p)-[:USES]->(m) RETURN count(m) AS n } "
    "RETURN p.title, n",
    "label test": "MATCH (n) WHERE n:Model OR n:Method RETURN n.name",
    "map projection": "MATCH (p:Paper) RETURN p {.title, .year}",
}


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = store.load_records(ROOT / "tests" / "fixtures" / "graph" / "tricky")
    target = tmp_path_factory.mktemp("hints")
    store.save(target, build_graph(records), records)
    return target


def error(graph_dir: Path, query: str) -> str:
    with pytest.raises(QueryError) as caught:
        cypher.run(graph_dir, query)
    return str(caught.value)


@pytest.mark.parametrize("key", NEO4J)
def test_neo4j_only_syntax_gets_the_portable_form(graph_dir: Path, key: str) -> None:
    construct = next(c for c in CONSTRUCTS if c.name.startswith(key.split(",")[0]))
    message = error(graph_dir, NEO4J[key])
    assert message.startswith(construct.name), message
    assert construct.portable in message.replace("\n    ", "\n")
    assert "Details: " in message  # the engine's own words stay, last


def test_each_portable_form_runs_and_is_in_the_docs(graph_dir: Path) -> None:
    """docs/cypher.md holds each as a cypher block, so test_cypher_docs also checks it with
    Neo4j's grammar; the table there names each construct."""
    blocks = re.findall(r"```cypher\n(.*?)\n```", DOC, re.DOTALL)
    for construct in CONSTRUCTS:
        assert construct.portable in blocks, construct.name
        assert cypher.run(graph_dir, construct.portable).rows, construct.name
    table = DOC.split("## Where the embedded dialect differs from Neo4j")[1]
    for written in ("shortestPath(", "[x IN l WHERE", "CALL { … }", "WHERE n:Model", "p {.title"):
        assert written in table


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("MATCH (p:Papr) RETURN p.title", "There is no label Papr; did you mean Paper?"),
        ("MATCH (m:modle) RETURN m.name", "There is no label modle; did you mean Model?"),
        (
            "MATCH (p:Paper)-[:EVALUATE_ON]->(b) RETURN b.name",
            "There is no relationship type EVALUATE_ON; did you mean EVALUATES_ON?",
        ),
        ("MATCH (p:Paper)-[:CITESS|USES]->(x) RETURN x", "did you mean CITES?"),
    ],
)
def test_an_unknown_label_or_type_gets_the_closest_name(graph_dir, query, suggestion) -> None:
    message = error(graph_dir, query)
    assert suggestion in message
    assert "does not exist" in message  # the engine's message first


def test_a_parameter_inside_a_list_predicate_says_how_to_bind_it(graph_dir: Path) -> None:
    # a string with a quote is sent as a parameter, which the engine cannot read there
    message = error(graph_dir, "MATCH (p:Paper) RETURN any(a IN p.authors WHERE a = 'O\\'x')")
    assert "WITH $x AS s" in message and "UNREACHABLE" in message
    plain = cypher.run(graph_dir, "MATCH (p:Paper) RETURN any(a IN p.authors WHERE a = 'x')")
    assert plain.rows  # a plain string literal works as it is


def test_other_errors_pass_through_unchanged(graph_dir: Path) -> None:
    assert error(graph_dir, "MATCH (p:Paper) RETURN p.nope").startswith("Binder exception")
    assert error(graph_dir, "MATCH (p:Paper) RETURN [a IN p.authors | nope]").startswith(
        "list comprehension"
    )


@pytest.mark.parametrize(
    ("query", "columns"),
    [
        ("MATCH (p:Paper) RETURN count(*), count(p)", ["count(*)", "count(p)"]),
        ("MATCH (n) RETURN labels(n), count(*) ORDER BY count(*)", ["labels(n)", "count(*)"]),
        ("MATCH (a)-[r]->(b) RETURN DISTINCT type(r) LIMIT 1", ["type(r)"]),
        ("MATCH (p:Paper) RETURN p.title, p.year * 2 LIMIT 1", ["p.title", "p.year * 2"]),
        ("RETURN 'it\\'s' + \"x\", 1+2 AS three", ["'it\\'s' + \"x\"", "three"]),
        ("MATCH (p:Paper) RETURN count( DISTINCT  p ) // how many\n", ["count( DISTINCT p )"]),
        ("MATCH (p:Paper) RETURN count(*) AS `paper count`", ["paper count"]),
        ("RETURN 1; MATCH (p:Paper) RETURN min(p.year)", ["min(p.year)"]),
        ("MATCH (p:Paper) WITH p LIMIT 1 RETURN *", ["p"]),
        ("MATCH (p:Paper) WHERE EXISTS { MATCH (p)-->(m) } RETURN count(p)", ["count(p)"]),
    ],
)
def test_columns_are_named_as_neo4j_names_them(graph_dir: Path, query, columns) -> None:
    assert cypher.run(graph_dir, query).columns == columns


def test_a_return_inside_a_subquery_is_not_the_result() -> None:
    query = "MATCH (p) WHERE EXISTS { MATCH (p)-->(m) RETURN m } RETURN count(p), p.return"
    assert neo4j_columns(query, ["COUNT(p._ID)", "p.return"]) == ["count(p)", "p.return"]


def test_cli_prints_the_suggestion_and_neo4j_column_names(graph_dir: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["cypher", "MATCH (p:Papr) RETURN p", "--graph", str(graph_dir)])
    assert res.exit_code == 2
    assert "did you mean Paper?" in res.stderr
    res = runner.invoke(
        cli,
        ["cypher", "MATCH (p:Paper) RETURN count(*)", "--graph", str(graph_dir), "--format", "csv"],
    )
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0] == "count(*)"
