"""What a researcher sees: tables that fit the terminal, --format table|json|jsonl|csv|tsv
on every command that prints rows, and Cypher nodes shown by their key properties; all
through the real CLI on a real saved graph (the embedded LadybugDB engine answers)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from paperkg.cli.main import cli
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import build, store

LONG = (
    "WebArena: A Realistic Web Environment for Building Autonomous Agents, "
    "with a Title Long Enough to Need Cutting"
)
ABSTRACT = "We introduce WebArena. " + "It is a long abstract about web agents. " * 60
#: paper ids as paperkg makes them for papers without a DOI or arXiv id
P1, P2, P3, P4, P5 = (f"title:{n}88c7db3a1b2c3d4" for n in range(1, 6))
PAPERS = [
    # (id, title, year, entities)
    (P1, LONG, 2023, [Entity("BENCHMARK", "WebArena", (), "introduces")]),
    (P2, "Agents\tthat browse,\nwith GPT-4", None, [Entity("BENCHMARK", "WebArena")]),
    (P3, '=HYPERLINK("http://evil.example")', 2024, [Entity("BENCHMARK", "WebArena")]),
    (P4, "Escapes \x1b[2J clear the screen", 2025, [Entity("BENCHMARK", "WebArena")]),
]


@pytest.fixture
def tables_graph(tmp_path: Path) -> Path:
    records = [
        PaperEntities(Paper(pid, title, ABSTRACT, year=year), tuple(ents))
        for pid, title, year, ents in PAPERS
    ]
    records.append(
        PaperEntities(
            Paper(P5, "GPT-4 on agents", "We use GPT-4 and GRPO.", year=2024),
            (Entity("MODEL", "GPT-4"), Entity("METHOD", "GRPO", (), "introduces")),
        )
    )
    out = tmp_path / "g"
    store.save(out, build.build_graph(records), records)
    return out


def run(runner, graph: Path, *args: str, columns: int = 80) -> str:
    res = runner.invoke(
        cli, [*args, "--graph", str(graph)], env={"COLUMNS": str(columns)}, catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    return res.stdout


def header(text: str) -> list[str]:
    return text.splitlines()[0].split()


def test_papers_table_fits_the_terminal_and_cuts_titles_with_an_ellipsis(runner, tables_graph):
    for columns in (60, 80, 120):
        out = run(
            runner,
            tables_graph,
            "papers",
            "--benchmark",
            "WebArena",
            "--format",
            "table",
            columns=columns,
        )
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= columns
        assert header(out)[0] == "title"
        assert any(line.startswith("WebArena: A Realistic") and "…" in line for line in lines)
    wide = run(
        runner, tables_graph, "papers", "--benchmark", "WebArena", "--format", "table", columns=300
    )
    assert LONG in wide and "…" not in wide
    assert header(wide)[-1] == "id"  # the opaque id comes last


def test_ids_give_way_before_titles_shrink_below_a_readable_width(runner, tables_graph):
    for columns in (60, 80):
        out = run(
            runner,
            tables_graph,
            "papers",
            "--benchmark",
            "WebArena",
            "--format",
            "table",
            columns=columns,
        )
        assert "id" not in header(out) and P1 not in out
        # the room the id left goes to the title: the table is as wide as the terminal
        assert len(out.splitlines()[1]) == columns
    out = run(
        runner,
        tables_graph,
        "papers",
        "--benchmark",
        "WebArena",
        "--format",
        "table",
        columns=100,
    )
    assert header(out)[-1] == "id" and P1 in out
    assert len(out.splitlines()[1].split("  ")[0]) >= 40  # the title's rule


def test_text_is_left_aligned_and_numbers_right_aligned(runner, tables_graph):
    out = run(runner, tables_graph, "entities", "--format", "table")
    lines = out.splitlines()
    start = lines[0].index("papers")
    end = start + len("papers")
    rows = {line.split()[0]: line for line in lines[2:]}
    # the count ends where its header ends; the name starts at the left edge
    assert rows["WebArena"][start:end] == "     4"
    assert rows["GPT-4"][start:end] == "     1"
    assert all(not line.startswith(" ") for line in lines)


def test_years_are_integers_and_empty_columns_are_left_out(runner, tables_graph):
    out = run(
        runner, tables_graph, "papers", "--benchmark", "WebArena", "--format", "table", columns=200
    )
    assert "year" in header(out) and "url" not in header(out)
    assert "2023" in out and "2023.0" not in out
    rows = json.loads(
        run(runner, tables_graph, "papers", "--benchmark", "WebArena", "--format", "json")
    )
    assert sorted(type(r["year"]).__name__ for r in rows) == ["NoneType", "int", "int", "int"]
    # csv and json keep every column: programs get the same fields whatever the data
    assert "url" in rows[0]
    first = run(runner, tables_graph, "papers", "--benchmark", "WebArena", "--format", "csv")
    assert first.splitlines()[0].split(",")[:3] == ["id", "title", "year"]


def test_a_table_shows_control_characters_as_escapes(runner, tables_graph):
    out = run(
        runner, tables_graph, "papers", "--benchmark", "WebArena", "--format", "table", columns=200
    )
    assert "\x1b" not in out and "Escapes \\x1b[2J clear" in out
    assert "Agents that browse, with GPT-4" in out


def test_jsonl_is_one_object_per_line_for_rows_cards_and_summaries(runner, tables_graph):
    out = run(runner, tables_graph, "papers", "--benchmark", "WebArena", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["id"] for r in rows) == [P1, P2, P3, P4]
    [card] = [
        json.loads(line)
        for line in run(runner, tables_graph, "show", "GRPO", "--format", "jsonl").splitlines()
    ]
    assert card["name"] == "GRPO" and card["introduced_by"][0]["title"] == "GPT-4 on agents"
    query = "MATCH (p:Paper) RETURN p.id AS id ORDER BY id"
    lines = run(runner, tables_graph, "cypher", query, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [{"id": p} for p in (P1, P2, P3, P4, P5)]


def test_tsv_escapes_tabs_and_newlines_and_neutralises_formulas(runner, tables_graph):
    out = run(runner, tables_graph, "papers", "--benchmark", "WebArena", "--format", "tsv")
    lines = out.splitlines()
    assert len(lines) == 5 and {line.count("\t") for line in lines} == {5}
    cells = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
    assert cells[P2][1] == "Agents\\tthat browse,\\nwith GPT-4"
    assert cells[P3][1] == '\'=HYPERLINK("http://evil.example")'
    assert cells[P2][2] == "" and cells[P1][2] == "2023"


def test_every_row_command_takes_every_format(runner, tables_graph):
    for args in (
        ["papers", "--benchmark", "WebArena"],
        ["entities"],
        ["show", "WebArena"],
        ["cypher", "MATCH (p:Paper) RETURN p"],
    ):
        for fmt in ("table", "json", "jsonl", "csv", "tsv"):
            assert run(runner, tables_graph, *args, "--format", fmt).strip(), (args, fmt)
    res = runner.invoke(cli, ["formats", "--format", "tsv"])
    assert res.exit_code == 0 and res.stdout.splitlines()[0] == "name\tdescription"


def test_output_is_json_in_a_pipe_without_format(runner, tables_graph):
    rows = json.loads(run(runner, tables_graph, "entities"))
    assert {r["name"] for r in rows} == {"WebArena", "GPT-4", "GRPO"}


def test_cypher_node_prints_its_key_properties_in_a_table(runner, tables_graph):
    query = "MATCH (p:Paper)-[r]->(b:Benchmark) RETURN p, r, b ORDER BY p.id"
    out = run(runner, tables_graph, "cypher", query, "--format", "table", columns=250)
    assert header(out) == [
        "p.title",
        "p.year",
        "p.id",
        "r.type",
        "b.name",
        "b.type",
        "b.id",
    ]
    assert "long abstract" not in out and max(len(line) for line in out.splitlines()) <= 250
    assert "WebArena  Benchmark  benchmark:webarena" in out
    narrow = run(runner, tables_graph, "cypher", query, "--format", "table")
    assert max(len(line) for line in narrow.splitlines()) <= 80


def test_cypher_node_is_its_properties_and_label_in_json_and_every_column_in_csv(
    runner, tables_graph
):
    query = f"MATCH (p:Paper {{id: '{P1}'}})-[r]->(b) RETURN p, r, b"
    [row] = json.loads(run(runner, tables_graph, "cypher", query, "--format", "json"))
    assert row["p"]["_label"] == "Paper" and row["p"]["abstract"] == ABSTRACT
    assert row["p"]["year"] == 2023 and row["b"] == {
        "_label": "Benchmark",
        "id": "benchmark:webarena",
        "name": "WebArena",
        "aliases": [],
    }
    assert row["r"]["_label"] == "INTRODUCES"
    [flat] = csv.DictReader(
        io.StringIO(run(runner, tables_graph, "cypher", query, "--format", "csv"))
    )
    assert flat["p.abstract"] == ABSTRACT and flat["p.type"] == "Paper"
    assert (flat["r.type"], flat["b.name"]) == ("INTRODUCES", "WebArena")


def test_cypher_keeps_the_users_column_order_and_empty_columns(runner, tables_graph):
    query = f"MATCH (p:Paper) WHERE p.id = '{P2}' RETURN p.id, p.url, p.title"
    out = run(runner, tables_graph, "cypher", query, "--format", "table")
    assert header(out) == ["p.id", "p.url", "p.title"]


def test_cypher_paths_lists_and_maps_read_as_names(runner, tables_graph):
    query = (
        f"MATCH path = (p:Paper {{id: '{P5}'}})-[:USES]->(m:Model) "
        "RETURN path, collect(m) AS models, {title: p.title, year: p.year} AS paper"
    )
    out = run(runner, tables_graph, "cypher", query, "--format", "table", columns=200)
    assert header(out) == ["path", "models", "paper.title", "paper.year"]
    assert out.splitlines()[2] == (
        "(GPT-4 on agents)-[:USES]-(GPT-4)  GPT-4   GPT-4 on agents        2024"
    )


def test_a_table_is_80_columns_when_the_width_is_unknown(tables_graph):
    """In a pipe with no COLUMNS, `--format table` lays out for 80 columns."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    args = ["papers", "--benchmark", "WebArena", "--format", "table", "--graph", str(tables_graph)]
    code = f"from paperkg.cli.main import main; import sys; sys.argv[1:] = {args!r}; main()"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    lines = proc.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80 and max(len(line) for line in lines) > 70


def test_build_summary_as_jsonl_is_one_line_and_as_tsv_the_top_entities(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"title": "WebArena", "abstract": "We introduce WebArena, a benchmark."}) + "\n",
        encoding="utf-8",
    )
    args = ["build", str(src), "--no-html", "--format"]
    res = runner.invoke(cli, [*args, "jsonl", "-o", str(tmp_path / "a")])
    assert res.exit_code == 0, res.output
    [summary] = [json.loads(line) for line in res.stdout.splitlines()]
    assert summary["papers"] == 1
    res = runner.invoke(cli, [*args, "tsv", "-o", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["type\tname\tpapers", "Benchmark\tWebArena\t1"]
