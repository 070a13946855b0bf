"""The page file itself: offline, escaped, written atomically (no browser needed)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from paperkg.extract.errors import StoreError
from paperkg.viz.html import APP_SCRIPTS, render_html, write_html
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


@pytest.fixture(scope="module")
def page(small_graph) -> str:
    return render_html(small_graph)


def _data(page: str) -> dict:
    (text,) = [t for attrs, t in parse(page).scripts if attrs.get("id") == "paperkg-data"]
    return json.loads(text)


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
    data = _data(page)
    i = data["nodes"]["id"].index("probe-paper")
    assert data["nodes"]["name"][i] == PROBE_TITLE
    assert data["nodes"]["abstract"][i] == PROBE_ABSTRACT
    assert data["nodes"]["links"][i] == []  # its javascript: URL makes no link
    assert len(data["nodes"]["id"]) == small_graph.number_of_nodes()
    assert len(data["edges"]["s"]) == small_graph.number_of_edges()


def test_embedded_data_has_the_map_first_with_positions_and_links(page):
    data, nodes = _data(page), _data(page)["nodes"]
    on_map = [i for i, x in enumerate(nodes["x"]) if x is not None]
    assert on_map == list(range(len(on_map)))  # map entities first
    assert nodes["id"][0] in ("benchmark:webarena", "method:grpo")  # three papers each
    assert all(nodes["t"][i] != 0 for i in on_map)  # no paper on the map
    assert data["map"]["w"] and max(data["map"]["s"] + data["map"]["d"]) < len(on_map)
    links = dict(zip(nodes["id"], nodes["links"], strict=True))
    assert links["p-grpo"] == [["DOI", "https://doi.org/10.48550/arxiv.2402.03300"]]
    assert links["p-agent"] == [["Hugging Face", "https://huggingface.co/papers/2501.00001"],
                                ["arXiv", "https://arxiv.org/abs/2501.00001"]]  # fmt: skip
    assert links["p-webarena"] == [["arXiv", "https://arxiv.org/abs/2307.13854"]]


def test_page_inlines_vis_network_then_its_own_scripts_in_order(page):
    texts = [text for attrs, text in parse(page).scripts if "id" not in attrs]
    assert len(texts) == 1 + len(APP_SCRIPTS)
    assert "vis-network" in texts[0][:3000] and "window.PaperKG" not in texts[0]
    assert "var PK = window.PaperKG = {" in texts[1]
    assert "window.paperkg = {" in texts[-1]


def test_page_has_no_inline_event_handlers_and_no_html_sinks():
    """The CSP is moving to script hashes: handlers are attached with addEventListener
    only, and user text never goes through an HTML parser."""
    assets = resources.files("paperkg.viz").joinpath("assets")
    page_html = assets.joinpath("page.html").read_text(encoding="utf-8")
    assert not re.search(r"<[^>]*\son\w+\s*=", page_html, re.IGNORECASE)
    sinks = (  # DOM event properties are lower case: el.onclick = ..., never PK.onMap
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function"
        r"|\.on[a-z]+\s*=(?!=)"
    )
    for name in APP_SCRIPTS:
        js = assets.joinpath(name).read_text(encoding="utf-8")
        code = re.sub(r"/\*.*?\*/|^\s*//[^\n]*", "", js, flags=re.DOTALL | re.MULTILINE)
        assert not re.search(sinks, code), name


def test_renderer_option_is_kept_and_checked(small_graph, tmp_path):
    assert write_html(small_graph, tmp_path / "a.html", renderer="vis").renderer == "vis"
    with pytest.raises(ValueError, match="renderer must be one of"):
        write_html(small_graph, tmp_path / "b.html", renderer="webgl")


def test_write_html_reports_counts_and_writes_one_file(small_graph, tmp_path):
    result = write_html(small_graph, tmp_path / "out" / "graph.html", View(focus="GSM8K", hops=1))
    assert result.path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (result.nodes, result.on_map) == (3, 1)
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
    assert (result.nodes, result.edges, result.on_map) == (0, 0, 0)
    assert "paperkg-data" in result.path.read_text(encoding="utf-8")
