"""``paperkg viz`` through click's CliRunner, on a saved graph directory."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from paperkg.cli.main import cli
from paperkg.graph import store
from viz_fixtures import records


@pytest.fixture
def graph_dir(tmp_path, small_graph):
    store.save(tmp_path / "kg", small_graph, records())
    return tmp_path / "kg"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_viz_writes_graph_html_beside_the_graph_by_default(graph_dir, small_graph):
    result = run("viz", "--graph", str(graph_dir))
    assert result.exit_code == 0, result.output
    page = graph_dir / "graph.html"
    assert page.is_file()
    assert f"Wrote {page} ({small_graph.number_of_nodes()} nodes" in result.output
    assert "; 7 on the map)" in result.output


def test_viz_focus_view_to_a_chosen_file(graph_dir, tmp_path):
    out = tmp_path / "webarena.html"
    result = run(
        "viz", "--graph", str(graph_dir), "--focus", "webarena", "--hops", "1", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert "(4 nodes: 3 papers, 1 benchmark;" in result.output
    assert out.is_file() and not (graph_dir / "graph.html").exists()


def test_viz_unknown_focus_exits_1_with_closest_names(graph_dir):
    result = CliRunner().invoke(cli, ["viz", "--graph", str(graph_dir), "--focus", "WebArna"])
    assert result.exit_code == 1
    assert "not found" in result.output or "no benchmark" in result.output
    assert "Closest names: WebArena" in result.output
    assert not (graph_dir / "graph.html").exists()


def test_viz_rejects_unknown_types(graph_dir):
    result = CliRunner().invoke(cli, ["viz", "--graph", str(graph_dir), "--types", "dataset"])
    assert result.exit_code == 2
    assert "unknown entity type 'dataset'" in result.output


def test_viz_without_a_graph_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(cli, ["viz", "--graph", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "paperkg build" in result.output


def test_viz_help_shows_an_example():
    result = run("viz", "--help")
    assert "paperkg viz --focus WebArena" in result.output


@pytest.mark.parametrize("opened", [True, False])
def test_viz_open_hands_the_page_to_the_browser_or_says_where_it_is(graph_dir, monkeypatch, opened):
    import webbrowser

    asked: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: asked.append(url) or opened)
    result = CliRunner().invoke(cli, ["viz", "--graph", str(graph_dir), "--open"])
    assert result.exit_code == 0, result.output
    page = graph_dir / "graph.html"
    assert asked == [page.resolve().as_uri()]
    assert ("No web browser found" in result.stderr) is not opened
    assert (str(page) in result.stderr) is not opened


def test_viz_still_takes_the_old_renderer_option_but_no_longer_shows_it(graph_dir):
    assert run("viz", "--graph", str(graph_dir), "--renderer", "vis").exit_code == 0
    assert "--renderer" not in run("viz", "--help").output
