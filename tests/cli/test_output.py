"""What `--format csv` and `--format table` print for text a spreadsheet would run and
for years that are missing on some papers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from paperkg.cli.main import cli
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import build, store

#: titles a spreadsheet would read as a formula, as OWASP's CSV-injection page lists them
FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def formula_graph(tmp_path: Path) -> Path:
    uses = (Entity("BENCHMARK", "WebArena"),)
    records = [
        PaperEntities(Paper(f"p{i}", title, "We use WebArena.", year=2020 + i), uses)
        for i, title in enumerate(FORMULAS)
    ]
    records.append(
        PaperEntities(
            Paper("plain", "A plain title", "We use WebArena.", authors=("=cmd", "Ada")), uses
        )
    )
    out = tmp_path / "g"
    store.save(out, build.build_graph(records), records)
    return out


def _csv(runner, args: list[str]) -> list[dict[str, str]]:
    res = runner.invoke(cli, [*args, "--format", "csv"])
    assert res.exit_code == 0, res.output
    return list(csv.DictReader(io.StringIO(res.stdout, newline="")))


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(runner, formula_graph: Path):
    rows = _csv(runner, ["papers", "--graph", str(formula_graph), "--benchmark", "WebArena"])
    titles = {r["title"] for r in rows}
    # a CR inside a cell becomes a newline: unquoted, it would end the row for a reader
    assert titles == {"'" + t.replace("\r", "\n") for t in FORMULAS} | {"A plain title"}
    assert {r["year"] for r in rows} == {"", *(str(2020 + i) for i in range(len(FORMULAS)))}


def test_csv_from_cypher_quotes_formula_text_but_not_negative_numbers(
    runner, formula_graph: Path
) -> None:
    query = "MATCH (p:Paper {id: 'plain'}) RETURN p.title, p.authors, -1 AS n, '-1' AS s"
    [row] = _csv(runner, ["cypher", "--graph", str(formula_graph), query])
    assert list(row.values())[:2] == ["A plain title", "'=cmd; Ada"]
    assert (row["n"], row["s"]) == ("-1", "'-1")


def test_help_says_what_csv_does_to_formula_cells(runner) -> None:
    res = runner.invoke(cli, ["papers", "--help"])
    assert "formula" in " ".join(res.output.split())


def test_years_print_as_integers_when_some_are_missing(runner, tmp_path: Path) -> None:
    """pandas made a year column with a gap floats ("2025.0") in csv and table output."""
    records = [
        PaperEntities(Paper(f"p{i}", f"Paper {i}", "x", year=year), (Entity("MODEL", "GPT-4"),))
        for i, year in enumerate([2025, None, 2024])
    ]
    graph = tmp_path / "g"
    store.save(graph, build.build_graph(records), records)
    rows = _csv(runner, ["papers", "--graph", str(graph), "--model", "GPT-4"])
    assert sorted(r["year"] for r in rows) == ["", "2024", "2025"]
    query = "MATCH (p:Paper) RETURN p.title AS title, p.year AS year ORDER BY title"
    for args in (["papers", "--model", "GPT-4"], ["cypher", query]):
        res = runner.invoke(cli, [*args, "--graph", str(graph), "--format", "table"])
        assert res.exit_code == 0, res.output
        assert "2025.0" not in res.output and "2025" in res.output
        assert "2024.0" not in res.output and "2024" in res.output
