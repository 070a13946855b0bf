"""papers, entities and show through the real CLI on a real saved graph."""

from __future__ import annotations

import csv
import io
import json

from paperkg.cli.main import cli


def run(runner, *args):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_papers_by_benchmark_is_case_insensitive_json(runner, graph_dir):
    res = run(
        runner, "papers", "--benchmark", "webarena", "--graph", str(graph_dir), "--format", "json"
    )
    assert res.exit_code == 0
    rows = json.loads(res.stdout)
    assert [(r["id"], r["relationship"]) for r in rows] == [
        ("p1", "INTRODUCES"),
        ("p2", "EVALUATES_ON"),
    ]
    assert {"id", "title", "year", "relationship"} <= set(rows[0])


def test_papers_by_alias_and_family(runner, graph_dir):
    res = run(
        runner,
        "papers",
        "--method",
        "group relative policy optimization",
        "--graph",
        str(graph_dir),
        "--format",
        "csv",
    )
    assert {r["id"] for r in csv.DictReader(io.StringIO(res.stdout))} == {"p2", "p3"}
    fam = json.loads(
        run(
            runner, "papers", "--model", "qwen2.5", "--graph", str(graph_dir), "--format", "json"
        ).stdout
    )
    assert {r["id"] for r in fam} == {"p2", "p3"}
    exact = json.loads(
        run(
            runner,
            "papers",
            "--model",
            "qwen2.5",
            "--exact",
            "--graph",
            str(graph_dir),
            "--format",
            "json",
        ).stdout
    )
    assert exact == []


def test_unknown_name_exits_1_with_closest_names(runner, graph_dir):
    res = runner.invoke(cli, ["papers", "--benchmark", "WebArina", "--graph", str(graph_dir)])
    assert res.exit_code == 1
    assert "not found" in res.stderr and "WebArena" in res.stderr


def test_missing_graph_is_a_clear_error(runner, tmp_path):
    res = runner.invoke(cli, ["entities", "--graph", str(tmp_path / "none")])
    assert res.exit_code == 2
    assert "paperkg build" in res.stderr and "Traceback" not in res.output


def test_entities_top_and_type(runner, graph_dir):
    res = run(
        runner, "entities", "--type", "benchmark", "--graph", str(graph_dir), "--format", "json"
    )
    rows = json.loads(res.stdout)
    assert rows[0]["name"] == "WebArena" and rows[0]["papers"] == 2
    assert {r["type"] for r in rows} == {"Benchmark"}
    top = json.loads(
        run(runner, "entities", "--top", "1", "--graph", str(graph_dir), "--format", "json").stdout
    )
    assert len(top) == 1


def test_show_card_table_and_json(runner, graph_dir):
    res = run(runner, "show", "WEBARENA", "--graph", str(graph_dir), "--format", "table")
    assert "WebArena  (Benchmark)" in res.stdout
    assert "WebArena: A Realistic Web Environment" in res.stdout
    card = json.loads(
        run(runner, "show", "GRPO", "--graph", str(graph_dir), "--format", "json").stdout
    )
    assert card["aliases"] == ["Group Relative Policy Optimization"]
    assert [p["id"] for p in card["used_by"]] == ["p3", "p2"]  # newest first
    assert (card["used_by_count"], card["introduced_by_count"]) == (2, 0)
    assert {c["name"] for c in card["cooccurring"]} >= {"WebArena", "SWE-bench"}


def test_every_command_help_has_an_example(runner):
    for name in cli.commands:
        res = run(runner, name, "--help")
        assert res.exit_code == 0, name
        assert "Example" in res.stdout, f"{name} --help has no example"


def test_cites_and_cited_by_answer_both_ways(runner, graph_dir):
    # p2 uses WebArena, which p1 introduces: an inferred citation p2 -> p1
    cited = json.loads(
        run(runner, "papers", "--cites", "p2", "--graph", str(graph_dir), "--format", "json").stdout
    )
    assert [(r["id"], r["inferred"], r["via"]) for r in cited] == [("p1", True, ["WebArena"])]
    citing = json.loads(
        run(
            runner,
            "papers",
            "--cited-by",
            "WebArena: a realistic web environment",
            "--graph",
            str(graph_dir),
            "--format",
            "json",
        ).stdout
    )
    assert [r["id"] for r in citing] == ["p2"]
    res = runner.invoke(cli, ["papers", "--cites", "nope", "--graph", str(graph_dir)])
    assert res.exit_code == 1 and "not found" in res.stderr
