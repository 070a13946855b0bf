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


def test_eval_ner_folds_needs_no_ner(tmp_path):
    from click.testing import CliRunner
    from paperkg.cli.main import cli

    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"title": "T", "abstract": "We use GPT-4o.", "entities": []}\n')
    res = CliRunner().invoke(cli, ["eval", "--cv", "2", "--ner-folds", "2", str(gold)])
    assert res.exit_code == 2 and "--ner-folds goes with --cv K --no-ner" in res.output


def test_eval_cv_with_cross_fitted_ner_spans(fixtures, monkeypatch, tmp_path):
    """--ner-folds reaches the CV loop: two NERs are cross-fitted on the gold papers."""
    from click.testing import CliRunner
    from paperkg.cli.main import cli
    from paperkg.extract import train as train_module

    fitted: list[int] = []
    real_fit = train_module.fit_ner

    def spy_fit(pairs, **kw):
        fitted.append(len(pairs))
        return real_fit(pairs, **{**kw, "epochs": 1})

    monkeypatch.setattr(train_module, "fit_ner", spy_fit)
    texts = {}
    for line in (fixtures / "extract" / "dev_papers.jsonl").read_text().splitlines():
        rec = json.loads(line)
        texts[rec["title"]] = rec["abstract"]
    gold = tmp_path / "gold.jsonl"
    records = [
        json.loads(x)
        for x in (fixtures / "extract" / "dev_gold.jsonl").read_text().splitlines()[:12]
    ]
    gold.write_text(
        "".join(json.dumps({**r, "abstract": texts[r["title"]]}) + "\n" for r in records)
    )
    args = ["eval", "--cv", "2", "--no-ner", "--ner-folds", "2", "--format", "json", str(gold)]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert fitted == [6, 6]  # each NER trained on the half it does not mark
    assert json.loads(res.output)["papers"] == 12
