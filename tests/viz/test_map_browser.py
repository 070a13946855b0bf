"""The map as a person sees it, in a real Chromium: the 231-paper sample (built by the
real pipeline) and a 10,000-paper field. Labels must never overlap and stay readable,
a selection must visibly dim the rest, and the screenshots in tests/artifacts/ are
the ones to look at: viz-overview, viz-selection, viz-focus, viz-matrix, viz-10k.
"""

from __future__ import annotations

import time

import pytest
from pages import screenshot
from paperkg.viz.html import write_html
from paperkg.viz.landscape import landscape
from paperkg.viz.select import View

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_page(sample_graph, tmp_path_factory):
    return write_html(sample_graph, tmp_path_factory.mktemp("sample") / "graph.html").path


def settle(session) -> None:
    """Let the map draw the current state (two animation frames)."""
    session.page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and (a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])
    )


def assert_labels_apart(session, labels: list[dict]) -> None:
    """No two labels overlap, and no label covers a node labelled before it (more important)."""
    clash = [
        (a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[:i] if overlaps(a, b)
    ]
    assert clash == []
    box = session.page.locator("#graph").bounding_box()
    centres = {n["id"]: (n["x"] - box["x"], n["y"] - box["y"]) for n in session.call("onScreen")}
    for i, lab in enumerate(labels):
        for before in labels[:i]:
            x, y = centres[before["id"]]
            inside = lab["x"] < x < lab["x"] + lab["w"] and lab["y"] < y < lab["y"] + lab["h"]
            assert not inside, (lab["text"], "covers", before["text"])


def visible_nodes(session, margin: int = 20) -> dict[str, dict]:
    """Nodes whose centre is on the map and not under the details panel."""
    box = session.page.locator("#graph").bounding_box()
    panel = session.page.locator("#details")
    right = box["x"] + box["width"] - (panel.bounding_box()["width"] if panel.is_visible() else 0)
    return {
        n["id"]: n
        for n in session.call("onScreen")
        if box["x"] + margin < n["x"] < right - margin
        and box["y"] + margin < n["y"] < box["y"] + box["height"] - margin
    }


def pixel(session, node: str) -> tuple[int, int, int]:
    """The colour the map's canvas shows at the centre of ``node``."""
    x, y = session.call("screen", node)
    return tuple(
        session.page.evaluate(
            """([x, y]) => {
                const c = document.querySelector('#graph canvas'), r = c.getBoundingClientRect();
                const k = c.width / r.width, px = Math.round((x - r.left) * k);
                const py = Math.round((y - r.top) * k);
                return Array.from(c.getContext('2d').getImageData(px, py, 1, 1).data).slice(0, 3);
            }""",
            [x, y],
        )
    )


def faded(rgb: tuple[int, int, int]) -> bool:
    return min(rgb) > 185  # close to the map's near-white background


def test_overview_names_the_most_mentioned_entities_without_overlap(
    open_page, sample_page, sample_graph
):
    session = open_page(sample_page)
    labels = session.call("labels")
    assert len(labels) >= 40
    assert_labels_apart(session, labels)
    assert min(lab["size"] for lab in labels) >= 12  # readable: no 5-pixel labels
    scape = landscape(sample_graph)
    top = sorted(scape.members, key=lambda e: -scape.counts[e])[:10]
    assert set(top) <= {lab["id"] for lab in labels}
    assert session.errors == [] and session.requests == []
    screenshot(session, "viz-overview")


def test_zooming_in_makes_room_for_more_labels(open_page, sample_page):
    session = open_page(sample_page)
    before = {lab["id"] for lab in session.call("labels")}
    session.call("zoom", session.call("scale") * 2.5)
    settle(session)
    after = session.call("labels")
    in_view = set(visible_nodes(session))
    assert len(in_view & {lab["id"] for lab in after}) > len(in_view & before) + 10
    assert_labels_apart(session, after)


def test_selection_dims_everything_but_its_neighbourhood(open_page, sample_page):
    session = open_page(sample_page)
    shown = session.call("shown")
    session.call("select", "benchmark:webarena")
    settle(session)
    lit = set(session.call("highlighted"))
    assert "model:gpt4o" in lit and len(lit) < len(shown) / 4
    nodes = visible_nodes(session)
    unlit = max((n for n in nodes if n not in lit), key=lambda n: nodes[n]["r"])
    near = max((n for n in nodes if n in lit - {"benchmark:webarena"}), key=lambda n: nodes[n]["r"])
    assert faded(pixel(session, unlit)), unlit
    assert not faded(pixel(session, near)), near
    assert not faded(pixel(session, "benchmark:webarena"))
    labelled = {lab["id"] for lab in session.call("labels")}
    assert "benchmark:webarena" in labelled and labelled <= lit
    screenshot(session, "viz-selection")
    session.page.keyboard.press("Escape")
    settle(session)
    assert not faded(pixel(session, unlit))


def test_papers_shown_in_place_take_free_spots(open_page, sample_page, sample_graph):
    session = open_page(sample_page)
    session.call("select", "model:gpt4o")
    session.page.click("#expand")
    nodes = session.call("onScreen")
    papers = [n for n in nodes if sample_graph.nodes[n["id"]]["label"] == "Paper"]
    assert len(papers) == 13
    crowded = [
        (p["id"], n["id"])
        for p in papers
        for n in nodes
        if n is not p and ((p["x"] - n["x"]) ** 2 + (p["y"] - n["y"]) ** 2) ** 0.5 < p["r"] + n["r"]
    ]
    assert crowded == []


def test_focus_page_opens_on_the_entity_with_its_papers_in_place(open_page, sample_graph, tmp_path):
    page = write_html(sample_graph, tmp_path / "webarena.html", View(focus="WebArena")).path
    session = open_page(page)
    assert session.call("selected") == "benchmark:webarena"
    assert session.call("expanded") == ["benchmark:webarena"]
    papers = [
        n for n in session.call("shown") if not n.startswith(("benchmark:", "model:", "method:"))
    ]
    assert len(papers) == 4
    assert session.page.locator("#details h2").inner_text() == "WebArena"
    assert_labels_apart(session, session.call("labels"))
    screenshot(session, "viz-focus")


def test_matrix_of_the_sample_lists_the_papers_of_a_cell(open_page, sample_page):
    session = open_page(sample_page, "view=matrix")
    rows = session.page.locator("#matrix-table tbody tr")
    assert rows.count() >= 20
    cell = session.page.locator(".cell").first
    count = int(cell.inner_text())
    cell.click()
    assert session.page.locator("#details ul.papers li").count() == count
    assert " \u00d7 " in session.page.locator("#details h2").inner_text()
    screenshot(session, "viz-matrix")


def test_a_10k_paper_field_opens_fast_and_a_hub_does_not_bury_the_map(
    open_page, field_graph, tmp_path
):
    page = write_html(field_graph, tmp_path / "field.html").path
    start = time.perf_counter()
    session = open_page(page)
    assert time.perf_counter() - start < 15
    labels = session.call("labels")
    assert len(labels) >= 60
    assert_labels_apart(session, labels)
    screenshot(session, "viz-10k")
    hub = session.page.evaluate("window.PaperKG.nodes.id[0]")  # the most mentioned
    session.call("select", hub)
    settle(session)
    labels = session.call("labels")
    assert 20 <= len(labels) <= 300  # not a thousand titles
    assert_labels_apart(session, labels)
    session.page.click("#expand")
    settle(session)
    assert_labels_apart(session, session.call("labels"))
    assert session.errors == []
