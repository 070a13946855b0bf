"""The page file itself: offline, escaped, written atomically (no browser needed)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from paperkg.extract.errors import StoreError
from paperkg.viz.html import pick_renderer, render_html, write_html
from paperkg.viz.layout import layout
from paperkg.viz.select import View
from viz_fixtures import PROBE_ABSTRACT, PROBE_TITLE


class _Tags(HTMLParser):
    """Collects start tags with their attributes and the text of each script element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def parse(text: str) -> _Tags:
    tags = _Tags()
    tags.feed(text)
    return tags


@pytest.fixture(scope="module", params=["vis", "webgl"])
def page(request, small_graph) -> str:
    return render_html(small_graph, renderer=request.param)


def test_page_loads_nothing_from_a_network(page):
    tags = parse(page)
    for tag, attrs in tags.tags:
        for attr in ("src", "href", "data", "action"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(attr) or ""), (tag, attrs)
    assert not re.search(
        r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*['\"]?(https?:)?//", page, re.IGNORECASE
    )
    assert "cdn" not in " ".join(str(a) for _, a in tags.tags).lower()


def test_probe_appears_only_escaped(page):
    assert "<img src=x" not in page
    assert "onerror=alert" not in page.replace("\\u003cimg src=x onerror=alert", "")
    assert page.count("</script>") == len(parse(page).scripts)  # no script closes early
    assert "\u2028" not in page


def test_embedded_data_round_trips_the_probe_exactly(page, small_graph):
    (data_script,) = [
        text for attrs, text in parse(page).scripts if attrs.get("id") == "paperkg-data"
    ]
    data = json.loads(data_script)
    i = data["nodes"]["id"].index("probe-paper")
    assert data["nodes"]["name"][i] == PROBE_TITLE
    assert data["nodes"]["abstract"][i] == PROBE_ABSTRACT
    assert data["nodes"]["url"][i] is None  # javascript: links are dropped
    assert len(data["nodes"]["id"]) == small_graph.number_of_nodes()
    assert len(data["edges"]["s"]) == small_graph.number_of_edges()


def test_only_the_chosen_renderer_is_inlined(small_graph):
    vis_page = render_html(small_graph, renderer="vis")
    webgl_page = render_html(small_graph, renderer="webgl")
    assert "vis.Network" in vis_page and "createShader" not in vis_page
    assert "createShader" in webgl_page and "Almende" not in webgl_page


def test_renderer_is_vis_for_small_and_webgl_for_large_graphs():
    assert pick_renderer(1_000) == "vis"
    assert pick_renderer(20_000) == "webgl"
    with pytest.raises(ValueError, match="renderer must be one of"):
        pick_renderer(10, "svg")


def test_write_html_reports_counts_and_writes_one_file(small_graph, tmp_path):
    result = write_html(small_graph, tmp_path / "out" / "graph.html", View(focus="GSM8K", hops=1))
    assert result.path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (result.nodes, result.renderer) == (3, "vis")
    assert result.counts["Paper"] == 2 and result.counts["Benchmark"] == 1
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["graph.html"]


def test_write_html_failure_keeps_the_old_page(small_graph, tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("old page", encoding="utf-8")
    with pytest.raises(ValueError, match="renderer"):
        write_html(small_graph, target, renderer="svg")
    assert target.read_text(encoding="utf-8") == "old page"
    with pytest.raises(StoreError, match="cannot write"):
        write_html(small_graph, Path(target, "not-a-dir", "x.html"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


def test_layout_places_every_node_apart(small_graph):
    pos = layout(small_graph)
    assert set(pos) == set(small_graph.nodes)
    assert len(set(pos.values())) == len(pos)
    assert layout(small_graph) == pos  # deterministic


def test_an_empty_graph_still_makes_a_page(tmp_path):
    result = write_html(nx.MultiDiGraph(), tmp_path / "empty.html")
    assert (result.nodes, result.edges) == (0, 0)
    assert "paperkg-data" in result.path.read_text(encoding="utf-8")
