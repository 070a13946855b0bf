"""`paperkg cypher` and `paperkg push` as a user runs them: output, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from paperkg.cli.main import cli
from paperkg.graph import store
from paperkg.graph.build import build_graph

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "tricky"


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = store.load_records(FIXTURE)
    target = tmp_path_factory.mktemp("cli")
    store.save(target, build_graph(records), records)
    return target


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_cypher_prints_json_with_params(graph_dir: Path) -> None:
    result = run(
        "cypher",
        "--graph",
        str(graph_dir),
        "--format",
        "json",
        "MATCH (b:Benchmark) WHERE b.name IN $names RETURN b.name AS name ORDER BY name",
        "--param",
        'names=["WebArena", "HotpotQA"]',
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"name": "HotpotQA"}, {"name": "WebArena"}]


def test_cypher_csv_keeps_tricky_titles(graph_dir: Path) -> None:
    result = run(
        "cypher",
        "--graph",
        str(graph_dir),
        "--format",
        "csv",
        "MATCH (p:Paper {id: 'title:obrien'}) RETURN p.title AS title",
    )
    assert result.output.splitlines()[1] == "It's a </script> test: O'Brien's \\ backslash agent"


def test_cypher_syntax_error_exits_2_with_position(graph_dir: Path) -> None:
    result = run("cypher", "--graph", str(graph_dir), "MATCH (p:Paper RETURN p")
    assert result.exit_code == 2
    assert "offset: 15" in result.output and "Traceback" not in result.output


def test_cypher_refuses_writes_unless_asked(graph_dir: Path) -> None:
    refused = run("cypher", "--graph", str(graph_dir), "MATCH (p:Paper) DETACH DELETE p")
    assert refused.exit_code == 2 and "--write" in refused.output
    allowed = run(
        "cypher",
        "--graph",
        str(graph_dir),
        "--write",
        "--format",
        "json",
        "MATCH (p:Paper) DETACH DELETE p RETURN count(*) AS n",
    )
    assert allowed.exit_code == 0, allowed.output


def test_bad_param_is_a_usage_error(graph_dir: Path) -> None:
    result = run("cypher", "--graph", str(graph_dir), "RETURN 1", "--param", "novalue")
    assert result.exit_code == 2 and "name=value" in result.output


def test_push_without_a_server_says_so(graph_dir: Path) -> None:
    result = run("push", "--graph", str(graph_dir), env={"NEO4J_URI": ""})
    assert result.exit_code == 2 and "NEO4J_URI" in result.output


def test_push_to_an_unreachable_server_is_one_line_and_hides_the_password(graph_dir) -> None:
    result = run(
        "push",
        "--graph",
        str(graph_dir),
        "--uri",
        "bolt://127.0.0.1:9",
        env={"NEO4J_PASSWORD": "pa55word-xyz"},
    )
    assert result.exit_code == 2
    assert "cannot reach Neo4j at bolt://127.0.0.1:9" in result.output
    assert "pa55word-xyz" not in result.output and "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("Error")]) == 1
