"""The page in a real Chromium, from file://, with every network request refused.

Both renderers are driven through the same UI: vis-network (small graphs) and the
project's WebGL renderer (large graphs), forced here on the small fixture graph.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from paperkg.viz.html import write_html
from viz_fixtures import PROBE_ABSTRACT, PROBE_ID, PROBE_TITLE

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


class Session:
    """One page with everything it reported: console errors, dialogs, network attempts."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []


@pytest.fixture(scope="module")
def playwright_browser_dir(tmp_path_factory):
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (bash .ci/setup does)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        yield pw, tmp_path_factory.mktemp("chromium-profile")


@pytest.fixture(scope="module", params=["vis", "webgl"])
def session(request, playwright_browser_dir, small_graph, tmp_path_factory):
    pw, profile = playwright_browser_dir
    page_file = tmp_path_factory.mktemp("page") / f"graph-{request.param}.html"
    write_html(small_graph, page_file, renderer=request.param)
    context = pw.chromium.launch_persistent_context(
        str(profile / request.param),
        executable_path=str(CHROMIUM),
        args=FLAGS,
        headless=True,
        offline=True,
        viewport={"width": 1280, "height": 800},
    )
    found = Session(context.new_page())

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            found.requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    found.page.on("console", lambda m: m.type == "error" and found.errors.append(m.text))
    found.page.on("pageerror", lambda e: found.errors.append(str(e)))
    found.page.on("dialog", lambda d: (found.dialogs.append(d.message), d.dismiss()))
    found.page.goto(page_file.as_uri())
    found.page.wait_for_function("document.body.dataset.ready === '1'", timeout=20_000)
    found.renderer = request.param
    yield found
    context.close()


def test_page_renders_offline_without_errors(session, small_graph):
    page = session.page
    assert page.evaluate("window.paperkg.renderer") == session.renderer
    n = small_graph.number_of_nodes()
    assert page.locator("#counts").inner_text().startswith(f"{n} nodes")
    assert session.errors == []
    assert session.requests == []


def test_search_finds_a_node_by_alias_and_centres_it(session):
    page = session.page
    page.fill("#search", "group relative")
    first = page.locator("#suggestions li").first
    assert "GRPO" in first.inner_text()
    assert "alias: Group Relative Policy Optimization" in first.inner_text()
    page.press("#search", "Enter")
    assert page.locator("#details h2").inner_text() == "GRPO"
    assert page.evaluate("window.paperkg.selected()") == "method:grpo"
    centre = page.evaluate("window.paperkg.viewCentre()")
    node = page.evaluate("window.paperkg.nodePosition('method:grpo')")
    assert abs(centre[0] - node[0]) < 1 and abs(centre[1] - node[1]) < 1
    details = page.locator("#details").inner_text()
    assert "DeepSeekMath: Group Relative Policy Optimization" in details  # introduced by
    assert "Qwen2.5-7B (2)" in details  # co-occurs in two papers


def test_type_filter_hides_that_type_and_restores_it(session):
    page = session.page
    before = page.evaluate("window.paperkg.visibleCount('Method')")
    assert before == 2
    page.uncheck("#filter-type-method")
    assert page.evaluate("window.paperkg.visibleCount('Method')") == 0
    assert page.evaluate("window.paperkg.visibleCount('Benchmark')") == 2
    page.check("#filter-type-method")
    assert page.evaluate("window.paperkg.visibleCount('Method')") == before


def test_clicking_the_probe_paper_shows_its_text_literally(session):
    page = session.page
    page.evaluate(f"window.paperkg.select({PROBE_ID!r})")
    x, y = page.evaluate(f"window.paperkg.screenPosition({PROBE_ID!r})")
    page.locator("#details-close").click()
    page.mouse.click(x, y)
    page.wait_for_timeout(100)
    assert page.evaluate("window.paperkg.selected()") == PROBE_ID
    assert page.locator("#details h2").inner_text() == PROBE_TITLE
    assert page.locator("#details .abstract").text_content() == PROBE_ABSTRACT
    chips = page.locator("#details .chip").all_inner_texts()
    assert "<img src=x onerror=alert(1)>" in chips and "WebArena" in chips
    assert page.locator("#details a").count() == 0  # its javascript: URL made no link
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"viz-{session.renderer}.png"))


def test_xss_probes_never_run(session):
    page = session.page
    page.fill("#search", "img src")  # the probe entity and paper in the suggestions
    page.wait_for_timeout(50)
    assert page.locator("#suggestions li").count() >= 2
    assert session.dialogs == []
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert (
        page.evaluate("document.querySelectorAll('script:not([id])').length")
        == page.evaluate("document.scripts.length") - 1
    )
    assert session.errors == []


def test_hovering_an_edge_shows_the_relationship(session):
    page = session.page
    page.evaluate("window.paperkg.select('p-webarena')")
    page.locator("#details-close").click()
    a = page.evaluate("window.paperkg.screenPosition('p-webarena')")
    b = page.evaluate("window.paperkg.screenPosition('benchmark:webarena')")
    page.mouse.move((a[0] + b[0]) / 2 + 2, (a[1] + b[1]) / 2 + 2)
    page.mouse.move((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    page.wait_for_selector("#tooltip:not([hidden])", timeout=3000)
    text = page.locator("#tooltip").inner_text()
    assert "introduces" in text and "WebArena" in text
