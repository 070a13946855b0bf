"""One spelling per concept across commands: --ner-model, the type vocabulary, '-' for
standard input, --input-format, -o/--output, and a bare `paperkg`. Every test runs the
real CLI on real files (the shipped pipeline, the embedded store)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from paperkg.cli.main import cli
from paperkg.graph import store

FEW = (
    "ZetaBench: Testing Web Agents\n"
    "We introduce ZetaBench and evaluate GPT-4o and Qwen2.5-7B on WebArena with ReAct.\n"
    "OmegaNet for planning\n"
    "We propose OmegaNet, trained with PPO on ALFWorld, and compare it with GPT-4.\n"
)
TYPES = {"Benchmark", "Model", "Method"}


@pytest.fixture
def few(tmp_path: Path) -> Path:
    path = tmp_path / "few.txt"
    path.write_text(FEW, encoding="utf-8")
    return path


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


# --- a bare paperkg -------------------------------------------------------------------


def test_bare_paperkg_prints_the_help_and_exits_0():
    console = Path(sys.executable).parent / "paperkg"
    done = subprocess.run([str(console)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: paperkg")
    assert "build" in done.stdout and "Commands:" in done.stdout
    assert done.stderr == ""


# --- one type vocabulary --------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["benchmark", "Benchmarks", "BENCHMARK", " benchmarks "])
def test_entities_type_takes_any_spelling(runner, graph_dir, spelling):
    res = runner.invoke(
        cli, ["entities", "--type", spelling, "--graph", str(graph_dir), "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert sorted(r["name"] for r in rows) == ["SWE-bench", "WebArena"]
    assert {r["type"] for r in rows} == {"Benchmark"}


def test_entities_takes_several_types_and_both_option_names(runner, graph_dir):
    args = ["entities", "--graph", str(graph_dir), "--format", "json"]
    several = runner.invoke(cli, [*args, "--types", "MODEL,methods"])
    assert several.exit_code == 0, several.output
    rows = json.loads(several.stdout)
    assert {r["type"] for r in rows} == {"Model", "Method"}
    assert {r["name"] for r in rows} == {
        "GPT-4",
        "Qwen2.5",
        "Qwen2.5-7B-Instruct",
        "Qwen2.5-14B",
        "GRPO",
    }
    assert rows[0]["name"] == "GRPO"  # one ranking over both types: GRPO has two papers
    top = runner.invoke(cli, [*args, "--type", "models,method", "--top", "1"])
    assert [r["name"] for r in json.loads(top.stdout)] == ["GRPO"]


@pytest.mark.parametrize("command", [["entities", "--type"], ["viz", "--types"]])
def test_an_unknown_type_is_one_clear_error(runner, graph_dir, command):
    res = runner.invoke(cli, [*command, "benchmark,dataset", "--graph", str(graph_dir)])
    assert res.exit_code == 2
    assert "unknown entity type 'dataset'; expected benchmark, model or method" in res.stderr
    assert res.stdout == ""


def test_viz_types_take_the_same_vocabulary(runner, graph_dir, tmp_path):
    pages = {}
    for option, value in [("--types", "benchmark,model"), ("--type", "Models,BENCHMARKS")]:
        page = tmp_path / f"{option.strip('-')}.html"
        res = runner.invoke(cli, ["viz", option, value, "--graph", str(graph_dir), "-o", str(page)])
        assert res.exit_code == 0, res.output
        pages[option] = res.stdout
    assert "2 benchmarks, 4 models;" in pages["--types"]
    assert "method" not in pages["--types"]
    assert pages["--types"].split("(", 1)[1] == pages["--type"].split("(", 1)[1]


# --- types written one way --------------------------------------------------------------


def test_the_written_types_are_the_schema_labels():
    from paperkg.extract.records import TYPE_LABELS
    from paperkg.graph import schema

    assert TYPE_LABELS == schema.LABEL_OF_TYPE
    assert set(TYPE_LABELS.values()) == set(schema.ENTITY_LABELS) == TYPES


def test_extract_and_records_write_types_as_the_graph_labels(runner, few, tmp_path):
    res = runner.invoke(cli, ["extract", str(few)])
    assert res.exit_code == 0, res.output
    written = {e["type"] for rec in lines(res.stdout) for e in rec["entities"]}
    assert written == TYPES
    out = tmp_path / "g"
    res = runner.invoke(cli, ["build", str(few), "-o", str(out), "--no-html", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert set(json.loads(res.stdout)["entities"]) == TYPES
    shard = next((out / "current" / "records").glob("*.jsonl"))
    on_disk = {
        e["type"] for line in shard.read_text().splitlines() for e in json.loads(line)["entities"]
    }
    assert on_disk == TYPES


def test_gold_types_are_read_in_any_spelling(runner, fixtures, sample_listing, tmp_path):
    gold = fixtures / "extract" / "dev_gold.jsonl"
    respelled = tmp_path / "respelled.jsonl"
    spellings = {"BENCHMARK": "benchmarks", "MODEL": "Model", "METHOD": "Methods"}
    with respelled.open("w", encoding="utf-8") as out:
        for line in gold.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            for e in rec["entities"]:
                e["type"] = spellings[e["type"]]
            out.write(json.dumps(rec) + "\n")
    scores = [
        runner.invoke(
            cli, ["eval", str(g), str(sample_listing), "--rules-only", "--format", "json"]
        )
        for g in (gold, respelled)
    ]
    assert [s.exit_code for s in scores] == [0, 0], scores[1].output
    first = json.loads(scores[0].stdout)
    assert set(first["per_type"]) == TYPES
    assert first["typed"]["tp"] > 0
    assert json.loads(scores[1].stdout) == first


# --- --ner-model, and --model as its deprecated spelling ---------------------------------


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """A model trained by `paperkg train` on three papers: it extracts differently from the
    shipped one, so a test can tell which model a command used."""
    root = tmp_path_factory.mktemp("tiny")
    papers = root / "papers.jsonl"
    gold = root / "gold.jsonl"
    recs = [
        ("ZetaBench: Testing Web Agents", "We introduce ZetaBench and test GPT-4o.", "ZetaBench"),
        ("OmegaNet for planning", "We propose OmegaNet and train it with PPO.", "OmegaNet"),
        ("Delta planning", "Delta uses ReAct with GPT-4 on WebShop.", "WebShop"),
    ]
    papers.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a, _ in recs))
    gold.write_text(
        "".join(
            json.dumps({"title": t, "entities": [{"type": "benchmark", "name": n}]}) + "\n"
            for t, _, n in recs
        )
    )
    model = root / "model"
    # GOLD from standard input, the papers as a positional SOURCE (like eval)
    res = run("train", "-", str(papers), "-o", str(model), "--epochs", "1", input=gold.read_text())
    assert res.exit_code == 0, res.output
    return model


def test_ner_model_is_used_and_model_is_its_deprecated_spelling(few, tiny_model):
    shipped = run("extract", str(few))
    new = run("extract", str(few), "--ner-model", str(tiny_model))
    old = run("extract", str(few), "--model", str(tiny_model))
    assert [r.exit_code for r in (shipped, new, old)] == [0, 0, 0], old.output
    assert new.stdout != shipped.stdout  # the tiny model really was the one used
    assert old.stdout == new.stdout
    assert new.stderr == ""
    assert old.stderr.strip() == (
        "Warning: --model is deprecated and will be removed in the next release; "
        "use --ner-model DIR."
    )


@pytest.mark.parametrize("command", ["build", "add", "eval"])
def test_every_command_that_extracts_takes_ner_model(command):
    res = run(command, "--help")
    assert "--ner-model DIR" in res.stdout
    assert "--model" not in res.stdout  # the old spelling is hidden


def test_model_and_ner_model_together_is_a_usage_error(few, tiny_model):
    res = run("extract", str(few), "--ner-model", str(tiny_model), "--model", str(tiny_model))
    assert res.exit_code == 2
    assert "give --ner-model DIR only (--model is its old name)" in res.stderr


def test_papers_model_is_still_the_entity_filter(runner, graph_dir):
    res = runner.invoke(cli, ["papers", "--model", "GPT-4", "--graph", str(graph_dir)])
    assert res.exit_code == 0, res.output
    assert "deprecated" not in res.stderr
    assert [p["id"] for p in json.loads(res.stdout)] == ["p1"]


def test_build_output_and_its_old_spelling(few, tmp_path):
    new = run("build", str(few), "--output", str(tmp_path / "a"), "--no-html", "--format", "json")
    old = run("build", str(few), "--out", str(tmp_path / "b"), "--no-html", "--format", "json")
    assert (new.exit_code, old.exit_code) == (0, 0), old.output
    assert "Warning: --out is deprecated" in old.stderr and new.stderr == ""
    assert len(store.load_records(tmp_path / "b")) == len(store.load_records(tmp_path / "a")) == 2


# --- '-' is standard input wherever a file is read ---------------------------------------


def test_build_reads_standard_input_like_a_file(sample_listing, tmp_path):
    text = sample_listing.read_text(encoding="utf-8")
    piped = run(
        "build", "-", "-o", str(tmp_path / "p"), "--no-html", "--format", "json", input=text
    )
    assert piped.exit_code == 0, piped.output
    report = json.loads(piped.stdout)
    assert report["papers"] == 231
    records = store.load_records(tmp_path / "p")
    assert {r.paper.source for r in records} == {("hf-listing:stdin",)}
    added = run("add", "-", "--into", str(tmp_path / "p"), "--format", "json", input=text)
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["papers_added"] == 0


def test_extract_reads_standard_input_like_a_file(few):
    from_file = run("extract", str(few))
    from_stdin = run("extract", "-", input=few.read_text())
    assert from_stdin.exit_code == 0, from_stdin.output
    assert from_stdin.stdout == from_file.stdout


def test_eval_reads_gold_or_papers_from_standard_input(fixtures, sample_listing):
    gold = fixtures / "extract" / "dev_gold.jsonl"
    args = ["--rules-only", "--format", "json"]
    files = run("eval", str(gold), str(sample_listing), *args)
    gold_piped = run("eval", "-", str(sample_listing), *args, input=gold.read_text())
    papers_piped = run("eval", str(gold), "-", *args, input=sample_listing.read_text())
    assert [r.exit_code for r in (files, gold_piped, papers_piped)] == [0, 0, 0]
    assert gold_piped.stdout == files.stdout == papers_piped.stdout


def test_standard_input_whose_format_cannot_be_told_is_refused(tmp_path):
    out = tmp_path / "g"
    res = run("build", "-", "-o", str(out), input='{"id": 1, "name": "not papers"}\n')
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        "Error: <stdin>: cannot tell the file format from its content; expected one of: "
        "arxiv-atom, openalex, s2, arxiv-kaggle, bibtex, wos, wos-tab, ris, scopus, jsonl, "
        "csv, hf-listing (use --input-format NAME to choose one)"
    ]
    assert res.stdout == "" and not out.exists()


def test_input_format_is_applied_to_standard_input(few):
    res = run("extract", "-", "--input-format", "jsonl", input=few.read_text())
    assert res.exit_code == 2
    assert res.stderr.startswith("Error: <stdin>, line 1: ")  # read as JSON Lines, not text


def test_standard_input_given_twice_is_refused(few, fixtures):
    res = run("extract", "-", "-", input=few.read_text())
    assert res.exit_code == 2
    assert "'-' (standard input) is given more than once" in res.stderr
    gold = fixtures / "extract" / "dev_gold.jsonl"
    res = run("eval", "-", "-", input=gold.read_text())
    assert res.exit_code == 2
    assert "'-' (standard input) is given more than once" in res.stderr


def test_train_old_source_option_still_works_with_a_warning(tmp_path):
    papers = tmp_path / "papers.jsonl"
    papers.write_text(json.dumps({"title": "ZetaBench", "abstract": "ZetaBench is new."}) + "\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"title": "ZetaBench", "entities": []}) + "\n")
    res = run("train", str(gold), "--source", str(papers), "-o", str(tmp_path / "m"))
    assert "Warning: --source is deprecated" in res.stderr
    # it reached the reader: the gold has no names, which training refuses, not the pairing
    assert "no paper with the title" not in res.stderr


def test_extract_skips_bad_records_when_asked(tmp_path):
    src = tmp_path / "papers.jsonl"
    good = {"title": "ZetaBench", "abstract": "We introduce ZetaBench."}
    src.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "title": "B"}) + "\n")
    strict = run("extract", str(src))
    assert strict.exit_code == 2 and "papers.jsonl, line 2" in strict.stderr
    lenient = run("extract", str(src), "--skip-bad")
    assert lenient.exit_code == 0, lenient.output
    assert [r["title"] for r in lines(lenient.stdout)] == ["ZetaBench", "B"]
    assert lenient.stderr.startswith("skipped: ") and "papers.jsonl, line 2" in lenient.stderr
