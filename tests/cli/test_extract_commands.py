"""paperkg extract / eval through click's CliRunner, on the bundled sample."""

from __future__ import annotations

import json

from click.testing import CliRunner
from paperkg.cli.main import cli


def test_extract_writes_one_gold_format_line_per_paper(sample_listing, tmp_path):
    out = tmp_path / "entities.jsonl"
    result = CliRunner().invoke(
        cli, ["extract", str(sample_listing), "--format", "jsonl", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 231
    first = lines[0]
    assert first["title"].startswith("L0: Reinforcement Learning")
    assert {"type", "name", "aliases", "role"} <= set(first["entities"][0])
    assert any(e["name"] == "Qwen2.5-7B-Instruct" for e in first["entities"])


def test_extract_to_stdout(fixtures, tmp_path):
    papers = tmp_path / "p.jsonl"
    papers.write_text(json.dumps({"title": "X", "abstract": "We evaluate GPT-4o on MMLU."}) + "\n")
    result = CliRunner().invoke(cli, ["extract", str(papers)])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    assert {e["name"] for e in json.loads(line)["entities"]} == {"GPT-4o", "MMLU"}


def test_eval_prints_key_numbers_in_the_last_lines(fixtures, sample_listing):
    gold = fixtures / "extract" / "dev_gold.jsonl"
    result = CliRunner().invoke(cli, ["eval", str(gold), str(sample_listing)])
    assert result.exit_code == 0, result.output
    tail = result.output.strip().splitlines()[-8:]
    assert tail[0].startswith("231 papers")
    assert [line.split()[0] for line in tail[2:7]] == [
        "typed",
        "untyped",
        "Benchmark",
        "Model",
        "Method",
    ]
    assert tail[-1].startswith("role accuracy")
    typed_f1 = float(tail[2].split()[4])
    assert 0.5 < typed_f1 <= 1.0


def test_eval_json_and_unknown_title_error(fixtures, sample_listing, tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"title": "Not in the listing", "entities": []}) + "\n")
    result = CliRunner().invoke(cli, ["eval", str(gold), str(sample_listing)])
    assert result.exit_code == 2
    assert "g.jsonl, line 1: no paper with the title" in result.output
    gold.write_text(
        json.dumps(
            {
                "title": "Solo",
                "abstract": "We use GPT-4o.",
                "entities": [{"type": "MODEL", "name": "GPT-4o", "aliases": [], "role": "uses"}],
            }
        )
        + "\n"
    )
    result = CliRunner().invoke(cli, ["eval", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["typed"]["f1"] == 1.0


def test_eval_no_ner_needs_cv():
    from click.testing import CliRunner
    from paperkg.cli.main import cli

    res = CliRunner().invoke(cli, ["eval", "--no-ner", "gold.jsonl"])
    assert res.exit_code == 2 and "--no-ner goes with --cv" in res.output
