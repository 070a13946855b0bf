"""`paperkg build` and `paperkg add` end to end: real files, the real pipeline, real output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperkg.cli.main import cli
from paperkg.extract.normalise import name_key
from paperkg.graph import store

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "extract" / "dev_gold.jsonl"
SAMPLE = ROOT / "examples" / "trending-agents.txt"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "where", "what"),
    [
        ("Title one\nAbstract one.\nTitle two\n", "line 3", "odd number"),
        ("", "", "empty"),
        ('{"title": "a", "abstract": "b"}\n' * 16 + '{"title": "broken\n', "line 17", "JSON"),
        ("title,year\nA,2020\n", "line 1", "abstract"),
    ],
    ids=["odd-lines", "empty", "broken-json", "missing-column"],
)
def test_bad_input_exits_2_names_file_and_writes_nothing(runner, tmp_path, content, where, what):
    src = write(
        tmp_path / ("in.jsonl" if "{" in content else "in.csv" if "," in content else "in.txt"),
        content,
    )
    out = tmp_path / "out"
    res = runner.invoke(cli, ["build", str(src), "-o", str(out)])
    assert res.exit_code == 2, res.output
    assert src.name in res.stderr and where in res.stderr and what in res.stderr
    assert "Traceback" not in res.output
    assert not out.exists()


def test_binary_file_is_refused(runner, tmp_path):
    src = tmp_path / "x.pdf"
    src.write_bytes(b"%PDF-1.4\x00\x01\x02\xff" * 20)
    res = runner.invoke(cli, ["build", str(src), "-o", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert "binary" in res.stderr


def test_failed_build_keeps_the_previous_graph(runner, tmp_path, built, snapshot):
    before = snapshot(built)
    bad = write(tmp_path / "bad.txt", "Only a title\n")
    res = runner.invoke(cli, ["add", str(bad), "--into", str(built)])
    assert res.exit_code == 2
    assert snapshot(built) == before


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("build") / "out"
    res = CliRunner().invoke(
        cli, ["build", str(SAMPLE), "-o", str(out), "--format", "json"], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    return out


def test_build_on_sample_writes_graph_html_and_summary(built):
    graph = store.load(built)
    papers = [n for n, d in graph.nodes(data=True) if d["label"] == "Paper"]
    assert len(papers) == 231
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert "<html" in html.lower()
    assert len(store.load_records(built)) == 231


def test_sample_webarena_papers_match_the_gold(runner, built):
    gold_titles = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if any(
            e["type"] == "BENCHMARK" and "webarena" in map(name_key, [e["name"], *e["aliases"]])
            for e in rec["entities"]
        ):
            gold_titles.add(rec["title"])
    res = runner.invoke(
        cli, ["papers", "--benchmark", "WebArena", "--graph", str(built), "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    assert {r["title"] for r in json.loads(res.stdout)} == gold_titles


def test_adding_the_sample_again_changes_nothing(runner, built, sample_listing, snapshot):
    before = snapshot(built)
    res = runner.invoke(cli, ["add", str(sample_listing), "--into", str(built), "--format", "json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["papers_added"] == 0
    assert report["papers_updated"] == 0
    assert snapshot(built) == before


def test_skip_bad_counts_and_keeps_the_rest(runner, tmp_path):
    lines = [
        '{"title": "Good paper on WebArena", "abstract": "We evaluate on WebArena."}',
        '{"title": broken}',
        '{"abstract": "no title"}',
    ]
    src = write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    out = tmp_path / "o"
    res = runner.invoke(
        cli, ["build", str(src), "-o", str(out), "--skip-bad", "--no-html", "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["records_skipped"] == 2
    assert "line 2" in res.stderr and "line 3" in res.stderr
    assert json.loads(res.stdout)["papers"] == 1


def test_reading_reports_a_running_count_on_a_terminal_only(tmp_path, monkeypatch, capsys):
    import sys

    from paperkg.cli.output import counter
    from paperkg.extract.readers import read_papers

    src = tmp_path / "many.jsonl"
    rows = [{"title": f"Paper number {i}", "abstract": "An abstract."} for i in range(2500)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    seen: list[int] = []
    assert len(read_papers([src], on_progress=seen.append).papers) == 2500
    assert seen == [1000, 2000, 2500]

    with counter("Reading") as show:  # a pipe: nothing at all
        show(1000)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with counter("Reading") as show:
        read_papers([src], on_progress=show)
    err = capsys.readouterr().err
    assert "\rReading: 1,000 records" in err and err.endswith("Reading: 2,500 records\n")


def test_build_refuses_to_replace_a_graph_and_says_how_to_add(
    runner, tmp_path, graph_dir, snapshot
):
    before = snapshot(graph_dir)
    src = write(tmp_path / "new.jsonl", '{"title": "New paper", "abstract": "On WebArena."}\n')
    res = runner.invoke(cli, ["build", str(src), "-o", str(graph_dir)])
    assert res.exit_code == 2, res.output
    assert "already holds a graph of 3 papers" in res.stderr
    assert "--into" in res.stderr and "paperkg add" in res.stderr and "--force" in res.stderr
    assert "Traceback" not in res.output
    assert snapshot(graph_dir) == before


def test_build_with_force_replaces_the_graph(runner, tmp_path, graph_dir):
    src = write(tmp_path / "new.jsonl", '{"title": "New paper", "abstract": "On WebArena."}\n')
    args = ["build", str(src), "-o", str(graph_dir), "--no-html", "--format", "json"]
    res = runner.invoke(cli, [*args, "--force"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["papers"] == 1
    assert len(store.load_records(graph_dir)) == 1
