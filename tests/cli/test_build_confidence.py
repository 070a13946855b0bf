"""`paperkg build/add --min-confidence` on the sample, through the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperkg import api
from paperkg.cli.main import cli
from paperkg.extract.errors import InputError
from paperkg.graph import store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "trending-agents.txt"


def weak(directory: Path, threshold: float) -> int:
    """How many of the records' links are under ``threshold``."""
    return sum(
        1
        for rec in store.load_records(directory)
        for e in rec.entities
        if e.confidence is not None and e.confidence < threshold
    )


def mention_links(directory: Path) -> int:
    graph = store.load(directory)
    return sum(1 for *_, k in graph.edges(keys=True) if k in ("INTRODUCES", "EVALUATES_ON", "USES"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("confidence") / "out"
    args = ["build", str(SAMPLE), "-o", str(out), "--format", "json"]
    res = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["links_dropped"] == 0
    return out


def test_add_with_a_threshold_rebuilds_from_the_records_and_says_what_it_left_out(runner, built):
    every = mention_links(built)
    records = store.load_records(built)
    into = ["--into", str(built), "--format", "table"]
    res = runner.invoke(cli, ["add", str(SAMPLE), *into, "--min-confidence", "0.9"])
    assert res.exit_code == 0, res.output
    dropped = weak(built, 0.9)
    assert dropped > 10  # the sample has weak links to leave out
    assert f"Links left out: {dropped} under confidence 0.9 (the records keep them)" in res.stdout
    assert "0 added, 0 updated" in res.stdout  # nothing extracted again
    assert store.load_records(built) == records
    assert every - dropped <= mention_links(built) < every  # two weak spellings may share a link


def test_json_summary_carries_the_threshold_and_the_count(runner, built):
    args = ["add", str(SAMPLE), "--into", str(built), "--min-confidence", "0.8", "--format", "json"]
    res = runner.invoke(cli, args)
    report = json.loads(res.stdout)
    assert report["min_confidence"] == 0.8 and report["links_dropped"] == weak(built, 0.8)


@pytest.mark.parametrize("bad", ["2", "-0.5", "often"])
def test_a_threshold_outside_0_to_1_exits_2_and_writes_nothing(runner, tmp_path, bad):
    out = tmp_path / "out"
    res = runner.invoke(cli, ["build", str(SAMPLE), "-o", str(out), "--min-confidence", bad])
    assert res.exit_code == 2
    assert "--min-confidence" in res.stderr and "Traceback" not in res.output
    assert not out.exists()


def test_the_api_refuses_a_bad_threshold_before_reading(tmp_path):
    with pytest.raises(InputError, match="from 0 to 1, got 7"):
        api.build([tmp_path / "missing.txt"], tmp_path / "out", min_confidence=7)
    assert not (tmp_path / "out").exists()


def test_add_without_sources_only_re_thresholds(runner, built, tmp_path):
    records = store.load_records(built)
    res = runner.invoke(cli, ["add", "--into", str(built), "--min-confidence", "0.7"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["links_dropped"] == weak(built, 0.7) > 0
    assert store.load_records(built) == records
    strict = mention_links(built)
    res = runner.invoke(cli, ["add", "--into", str(built), "--min-confidence", "0"])
    assert json.loads(res.stdout)["links_dropped"] == 0 and mention_links(built) > strict
    missing = runner.invoke(cli, ["add", "--into", str(built)])
    assert missing.exit_code == 2 and "Missing argument 'SOURCES...'" in missing.stderr
    empty = tmp_path / "empty"
    res = runner.invoke(cli, ["add", "--into", str(empty), "--min-confidence", "0.5"])
    assert res.exit_code == 2 and f"no graph in {empty}/" in res.stderr
    assert not empty.exists()


def test_add_says_when_it_rebuilt_the_store_in_full_and_why(runner, tmp_path):
    out = tmp_path / "out"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(
        json.dumps({"title": "Tuning GRPO", "abstract": "We train Qwen2.5-7B with GRPO."}) + "\n"
    )
    second.write_text(
        json.dumps({"title": "A web agent", "abstract": "We evaluate GPT-4o on WebArena."}) + "\n"
    )
    res = runner.invoke(cli, ["build", str(first), "-o", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["incremental"] is False  # a build writes everything
    res = runner.invoke(cli, ["add", str(second), "--into", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["incremental"] is True and report["rebuilt_because"] is None
    third = tmp_path / "third.jsonl"
    third.write_text(
        json.dumps({"title": "Another agent", "abstract": "We evaluate Claude on GAIA."}) + "\n"
    )
    args = ["add", str(third), "--into", str(out), "--min-confidence", "0.6"]
    res = runner.invoke(cli, [*args, "--format", "table"])
    assert res.exit_code == 0, res.output
    assert (
        "Store: rebuilt in full, not only the new papers: a --min-confidence threshold is "
        "applied by a full build" in res.stdout
    )
