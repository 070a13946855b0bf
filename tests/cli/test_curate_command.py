"""`paperkg curate` end to end: a graph built by the real pipeline from real files,
corrected, queried through every command, rebuilt and added to."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from paperkg.api import curating
from paperkg.cli.main import cli
from paperkg.extract.errors import StoreError
from paperkg.extract.gold import read_gold
from paperkg.graph import locking, store

ROOT = Path(__file__).resolve().parents[2]
PAPERS = ROOT / "tests" / "fixtures" / "graph" / "curate" / "papers.jsonl"
MORE = ROOT / "tests" / "fixtures" / "graph" / "curate" / "more.jsonl"
WEREWOLF = "Agents that Play Werewolf"
CORRECTIONS = [
    ["merge", "GPT-4", "gpt-4o"],
    ["rename", "react", "ReAct prompting"],
    ["retype", "Werewolf", "Method"],
    ["block", "ISBN"],
    ["unlink", WEREWOLF, "GPT 4"],
]


def run(*args: str, ok: bool = True):
    res = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    return res


def ask(graph: Path, *args: str):
    return json.loads(run(*args, "--graph", graph, "--format", "json").stdout)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("curate") / "built"
    run("build", PAPERS, "-o", out, "--format", "json")
    return out


@pytest.fixture
def graph(built, tmp_path) -> Path:
    """A fresh copy of the built graph for each test."""
    copy = tmp_path / "g"
    shutil.copytree(built, copy, symlinks=True)
    return copy


@pytest.fixture(scope="module")
def curated_once(built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("curated") / "g"
    shutil.copytree(built, out, symlinks=True)
    for args in CORRECTIONS:
        run("curate", *args, "--graph", out)
    return out


@pytest.fixture
def curated(curated_once, tmp_path) -> Path:
    """A fresh copy of the graph with :data:`CORRECTIONS` made, for each test."""
    copy = tmp_path / "c"
    shutil.copytree(curated_once, copy, symlinks=True)
    return copy


def titles(rows: list[dict]) -> set[str]:
    return {r["title"] for r in rows}


def entity(graph: Path, name: str) -> dict | None:
    rows = ask(graph, "entities")
    return next((r for r in rows if r["name"] == name), None)


def test_the_fixture_has_the_errors_to_correct(graph):
    assert entity(graph, "ISBN")["type"] == "Benchmark"
    assert entity(graph, "Werewolf")["type"] == "Benchmark"
    assert entity(graph, "GPT-4o") is not None
    assert WEREWOLF in titles(ask(graph, "papers", "--model", "GPT-4"))


def test_each_correction_shows_at_once_in_every_command(curated):
    gpt4 = titles(ask(curated, "papers", "--model", "GPT-4", "--exact"))
    assert "Scaling Web Agents" in gpt4  # the GPT-4o paper, merged
    assert WEREWOLF not in gpt4  # unlinked
    assert entity(curated, "GPT-4o") is None
    react = ask(curated, "show", "REACT")  # the old name still finds it
    assert react["name"] == "ReAct prompting" and react["aliases"] == ["ReAct"]
    assert entity(curated, "Werewolf")["type"] == "Method"
    assert entity(curated, "ISBN") is None
    rows = ask(curated, "cypher", "MATCH (b:Benchmark) RETURN b.name AS name")
    assert {"ISBN", "Werewolf"}.isdisjoint(r["name"] for r in rows)
    page = (curated / "graph.html").read_text(encoding="utf-8")
    assert "ReAct prompting" in page and '"ISBN"' not in page
    out = curated / "g.json"
    run("export", "--format", "json", "-o", out, "--graph", curated)
    exported = {n.get("name") for n in json.loads(out.read_text())["nodes"]}
    assert "ReAct prompting" in exported and "ISBN" not in exported


def test_list_shows_the_corrections_in_order(curated):
    rows = ask(curated, "curate", "list")
    assert [r["op"] for r in rows] == [c[0] for c in CORRECTIONS]
    assert [r["number"] for r in rows] == [1, 2, 3, 4, 5]
    assert all(r["links"] >= 1 for r in rows)
    assert rows[0]["correction"] == 'merge "GPT-4o" (model) into "GPT-4" (model)'
    csv = run("curate", "list", "--graph", curated, "--format", "csv").stdout
    assert csv.splitlines()[0].startswith("number,correction,links")
    lines = (curated / "curation.jsonl").read_text().splitlines()
    assert json.loads(lines[3]) | {"at": None} == {"op": "block", "name": "ISBN", "at": None}
    # types are written as the graph's labels, like every other output
    retype = json.loads(lines[2])
    assert (retype["type"], retype["to"]) == ("Benchmark", "Method")
    assert json.loads(lines[0])["into_type"] == "Model"


def test_corrections_survive_add_and_a_forced_rebuild(curated):
    run("add", MORE, "--into", curated, "--format", "json")
    check_corrected(curated, papers=5)
    assert entity(curated, "Werewolf")["papers"] == 2
    assert entity(curated, "GPT-4")["papers"] == 4  # GPT-4o of the new paper too
    run("build", PAPERS, "-o", curated, "--force", "--format", "json")
    check_corrected(curated, papers=4)
    # the records stay as extracted, so a correction can be undone
    raw = {e.name for r in store.load_records(curated) for e in r.entities}
    assert {"ISBN", "GPT-4o", "ReAct"} <= raw


def check_corrected(graph: Path, papers: int) -> None:
    assert len(ask(graph, "cypher", "MATCH (p:Paper) RETURN p.id")) == papers
    assert entity(graph, "ISBN") is None and entity(graph, "GPT-4o") is None
    assert entity(graph, "Werewolf")["type"] == "Method"
    assert WEREWOLF not in titles(ask(graph, "papers", "--model", "GPT-4"))
    assert ask(graph, "show", "ReAct")["name"] == "ReAct prompting"


def test_build_with_a_curation_file_brings_the_corrections_to_a_new_directory(curated, tmp_path):
    new = tmp_path / "new"
    run("build", PAPERS, MORE, "-o", new, "--curation", curated / "curation.jsonl")
    check_corrected(new, papers=5)
    assert (new / "curation.jsonl").read_text() == (curated / "curation.jsonl").read_text()


def test_remove_undoes_one_correction(curated):
    res = run("curate", "remove", "4", "--graph", curated)
    assert 'Removed correction 4: block "ISBN"' in res.stdout
    assert entity(curated, "ISBN")["type"] == "Benchmark"
    assert [r["op"] for r in ask(curated, "curate", "list")] == [
        "merge",
        "rename",
        "retype",
        "unlink",
    ]
    assert entity(curated, "Werewolf")["type"] == "Method"  # the others stay


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["rename", "webarna", "X"], 1, "entity 'webarna' not found"),
        (["merge", "GPT-4", "Nothing Like It"], 1, "not found"),
        (
            ["retype", "Werewolf", "dataset"],
            2,
            "unknown entity type 'dataset'; expected benchmark, model or method",
        ),
        (["retype", "Werewolf", "benchmark"], 2, "'Werewolf' is already a benchmark"),
        (["merge", "GPT-4", "gpt4"], 2, "already one entity"),
        (["unlink", "No Such Paper", "GPT-4"], 1, "paper 'No Such Paper' not found"),
        (["unlink", "Scaling Web Agents", "GSM8K"], 2, "is not linked to 'GSM8K'"),
        (["block", "Qwen2.5"], 2, "changes nothing"),
        (["rename", "GPT-4", "***"], 2, "the new name needs a letter or a digit"),
        (["remove", "1"], 2, "there is no correction 1"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(graph, snapshot, args, code, message):
    before = snapshot(graph)
    res = run("curate", *args, "--graph", graph, ok=False)
    assert res.exit_code == code
    assert message in res.stderr
    assert res.stderr.startswith("Error: ") and res.stderr.count("Error") == 1
    assert res.stdout == ""
    assert snapshot(graph) == before


def test_a_miss_suggests_the_closest_names(graph):
    res = run("curate", "block", "webarena2", "--graph", graph, ok=False)
    assert "Closest names: WebArena" in res.stderr


def test_a_malformed_hand_edit_stops_curate_add_and_build(curated, snapshot, tmp_path):
    path = curated / "curation.jsonl"
    path.write_text(path.read_text() + '{"op": "rename", "name": "GPT-4"}\n')
    before = snapshot(curated)
    for args in (
        ["curate", "block", "PPO", "--graph", curated],
        ["add", MORE, "--into", curated],
        ["build", PAPERS, "-o", curated, "--force"],
        ["curate", "list", "--graph", curated],
    ):
        res = run(*args, ok=False)
        assert res.exit_code == 2
        assert f'{path}, line 6: rename needs "to"' in res.stderr
    assert snapshot(curated) == before
    res = run("build", PAPERS, "-o", tmp_path / "new", "--curation", path, ok=False)
    assert res.exit_code == 2 and "line 6" in res.stderr
    assert not (tmp_path / "new").exists()


def test_a_hand_added_line_applies_on_the_next_add_even_of_the_same_file(graph):
    (graph / "curation.jsonl").write_text('# by hand\n{"op": "block", "name": "PPO"}\n')
    assert entity(graph, "PPO") is not None
    assert ask(graph, "curate", "list")[0]["links"] is None  # the graph does not have it yet
    run("add", PAPERS, "--into", graph, "--format", "json")
    assert entity(graph, "PPO") is None
    assert ask(graph, "curate", "list")[0]["links"] == 2


def test_export_is_gold_that_round_trips_and_trains(curated, tmp_path):
    out = tmp_path / "corrections.jsonl"
    run("curate", "export", out, "--graph", curated)
    gold = read_gold(out)
    assert {g.title for g in gold} == {
        WEREWOLF,
        "WebArena: A Realistic Web Environment for Building Autonomous Agents",
        "Scaling Web Agents",
    }
    werewolf = next(g for g in gold if g.title == WEREWOLF)
    assert ("METHOD", "Werewolf") in {(e.type, e.name) for e in werewolf.entities}
    assert "ISBN" not in {e.name for e in werewolf.entities}
    assert "GPT-4" not in {e.name for e in werewolf.entities}
    stdout = run("curate", "export", "-", "--graph", curated).stdout
    assert stdout == out.read_text()
    written = {e["type"] for line in stdout.splitlines() for e in json.loads(line)["entities"]}
    assert written <= {"Benchmark", "Model", "Method"} and "Method" in written
    other = tmp_path / "other.jsonl"
    other.write_text(
        json.dumps(
            {
                "title": "ZetaBench: Testing Agents",
                "abstract": "We introduce ZetaBench and evaluate GPT-4o on it.",
                "entities": [{"type": "BENCHMARK", "name": "ZetaBench", "role": "introduces"}],
            }
        )
        + "\n"
    )
    both = tmp_path / "both.jsonl"
    both.write_text(out.read_text() + other.read_text())
    run("train", both, "-o", tmp_path / "model", "--epochs", "1")
    assert (tmp_path / "model" / "tagger").is_dir()


def test_curate_waits_for_the_writer_and_can_refuse_at_once(graph, snapshot):
    before = snapshot(graph)
    with locking.locked(graph), pytest.raises(StoreError, match="is being written by"):
        curating.block(graph, "ISBN", lock_timeout=0)
    assert snapshot(graph) == before


def test_curate_without_a_graph_says_how_to_make_one(tmp_path):
    for args in (["list"], ["block", "X"], ["export", tmp_path / "x.jsonl"]):
        res = run("curate", *args, "--graph", tmp_path / "none", ok=False)
        assert res.exit_code == 2 and "run `paperkg build SOURCE" in res.stderr


def test_a_correction_that_finds_nothing_is_kept_with_a_warning(graph):
    path = graph / "curation.jsonl"
    path.write_text('{"op": "block", "name": "PPO"}\n{"op": "block", "name": "Not In Here"}\n')
    res = run("add", PAPERS, "--into", graph, "--format", "json")
    assert res.stderr.count("Warning: ") == 1
    assert f'{path}, line 2: block "Not In Here" finds nothing to change' in res.stderr
    json.loads(res.stdout)  # the summary stays clean
    assert [r["links"] for r in ask(graph, "curate", "list")] == [2, 0]


def test_curate_writes_no_page_for_a_graph_built_without_one(tmp_path):
    out = tmp_path / "g"
    run("build", PAPERS, "-o", out, "--no-html", "--format", "json")
    run("curate", "block", "ISBN", "--graph", out)
    assert not (out / "graph.html").exists()
    assert not (out / "current" / "graph.html").exists()
    assert entity(out, "ISBN") is None


def test_a_type_picks_one_of_several_entities_of_a_name(graph):
    # DeepSeekMath is a method (introduced) and a model family (of DeepSeekMath 7B)
    res = run(
        "curate", "rename", "DeepSeekMath", "X", "--type", "models", "--graph", graph, ok=False
    )
    assert res.exit_code == 2 and '"DeepSeekMath" (model)' in res.stderr
    res = run(
        "curate", "retype", "DeepSeekMath", "model", "--from", "dataset", "--graph", graph, ok=False
    )
    assert res.exit_code == 2 and "unknown entity type 'dataset'" in res.stderr
    args = ["DeepSeekMath", "DeepSeekMath 7B", "--keep-type", "Model", "--type", "model"]
    run("curate", "merge", *args, "--graph", graph)
    rows = [r for r in ask(graph, "entities") if r["name"] == "DeepSeekMath"]
    assert {(r["type"], r["papers"]) for r in rows} == {("Method", 1), ("Model", 1)}
    run("curate", "retype", "DeepSeekMath", "benchmark", "--from", "method", "--graph", graph)
    rows = [r for r in ask(graph, "entities") if r["name"] == "DeepSeekMath"]
    assert {r["type"] for r in rows} == {"Benchmark", "Model"}
    title = "DeepSeekMath: Pushing the Limits of Mathematical Reasoning"
    run("curate", "unlink", title, "DeepSeekMath", "--type", "model", "--graph", graph)
    rows = [r for r in ask(graph, "entities") if r["name"] == "DeepSeekMath"]
    assert {(r["type"], r["papers"]) for r in rows} == {("Benchmark", 1)}  # no model left
