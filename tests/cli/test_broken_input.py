"""Broken input through the real command: a clear one-line error naming the file and the
line or record, exit code 2, no traceback, nothing written (docs/security.md)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from paperkg.cli.main import cli

CASES = {
    "csv-cut-in-quotes": (
        "papers.csv",
        'title,abstract\nOne,"Whole."\nTwo,"We train GPT-4 on MM',
        ["line 3", "cut short"],
    ),
    "csv-too-few-fields": (
        "papers.csv",
        "title,abstract,year\nOne,Whole.,2020\nTwo\nThree,Whole.,2021\n",
        ["line 3", "row has 1 field but the header has 3"],
    ),
    "jsonl-nested-too-deep": (
        "papers.jsonl",
        '{"title": "A", "abstract": "x"}\n{"title": "B", "abstract": '
        + "[" * 100_000
        + "]" * 100_000
        + "}\n",
        ["line 2", "nested too deeply"],
    ),
    "unknown-content": (
        "notes.txt",
        "<html><body>not papers</body></html>\n",
        ["cannot tell the file format", "--input-format"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_exits_2_with_file_and_line(runner, tmp_path: Path, case: str) -> None:
    name, content, words = CASES[case]
    src = tmp_path / name
    src.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    out = tmp_path / "out"
    res = runner.invoke(cli, ["build", str(src), "-o", str(out), "--format", "json"])
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output
    message = res.output.strip().splitlines()[-1]
    assert message.startswith(f"Error: {src}"), message
    for word in words:
        assert word in message
    assert not out.exists()


def test_controls_and_lone_surrogates_build_and_export_as_valid_xml(runner, tmp_path: Path):
    """NUL, ESC and a lone surrogate used to give a traceback (spaCy could not hash the
    text), a crash in `export --format graphml` and a GEXF file no XML parser reads."""
    src = tmp_path / "papers.jsonl"
    src.write_text(
        '{"title": "Agents\\u0000 on \\u001b[31mWebArena\\ud800", '
        '"abstract": "We evaluate GPT-4\\u0007 on WebArena.\\u0000"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    res = runner.invoke(cli, ["build", str(src), "-o", str(out), "--no-html", "--format", "json"])
    assert res.exit_code == 0, res.output
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        target = tmp_path / f"papers.{fmt}"
        res = runner.invoke(
            cli, ["export", "--graph", str(out), "--format", fmt, "-o", str(target)]
        )
        assert res.exit_code == 0, res.output
        etree.parse(str(target))  # a strict XML parser reads it back
        graph = read(target)
        titles = [d.get("title") for _, d in graph.nodes(data=True) if d.get("title")]
        assert titles == ["Agents on [31mWebArena\ufffd"], fmt


@pytest.mark.parametrize(
    "args",
    [["push"], ["cypher", "--neo4j", "RETURN 1"], ["papers", "--neo4j", "--benchmark", "X"]],
    ids=["push", "cypher", "papers"],
)
@pytest.mark.parametrize("uri", ["neo4j://[::1", "neo4j://bob:pw-in-uri@[::1:7687"])
def test_malformed_neo4j_uri_is_a_clear_error_without_the_password(
    runner, graph_dir: Path, monkeypatch, args: list[str], uri: str
) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pw")
    res = runner.invoke(cli, [*args, "--uri", uri, "--graph", str(graph_dir)])
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output
    assert "Error:" in res.output and "Invalid IPv6 URL" in res.output
    assert "s3cret-pw" not in res.output and "pw-in-uri" not in res.output


def test_abstract_over_spacys_limit_builds_with_a_warning_naming_it(runner, tmp_path: Path):
    """A 1.25 MB abstract ended in spaCy's E088 traceback; now the paper is kept whole,
    names come from its first 100,000 characters, and one warning line says so."""
    sentence = "We evaluate GPT-4 on WebArena. "
    src = tmp_path / "big.jsonl"
    rows = [
        {"title": "A huge abstract", "abstract": sentence * (1_250_000 // len(sentence))},
        {"title": "A normal one", "abstract": "We use GRPO on WebArena."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(cli, ["build", str(src), "-o", str(out), "--no-html", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    [warning] = [line for line in res.output.splitlines() if line.startswith("Warning:")]
    assert "jsonl:big.jsonl" in warning and "'A huge abstract'" in warning
    text = f"{rows[0]['title']}\n{rows[0]['abstract'].strip()}"
    assert f"has {len(text):,} characters" in warning and "first 99,9" in warning
    assert json.loads(res.stdout)["papers"] == 2
