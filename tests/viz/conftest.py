"""Fixtures for the page tests: the small graph with XSS probes (viz_fixtures), the
231-paper sample built by the real pipeline, a 10,000-paper synthetic field (field.py),
and a real headless Chromium that opens pages from file:// with the network refused."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest
from field import field_records
from pages import CHROMIUM, FLAGS, Session
from paperkg.graph.build import build_graph
from viz_fixtures import records

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def small_graph() -> nx.MultiDiGraph:
    return build_graph(records())


@pytest.fixture(scope="session")
def sample_graph() -> nx.MultiDiGraph:
    """examples/trending-agents.txt through the shipped extractor, as `paperkg build` does."""
    from paperkg.extract.pipeline import load_extractor
    from paperkg.extract.readers import read_papers

    papers = read_papers([ROOT / "examples" / "trending-agents.txt"]).papers
    return build_graph(list(load_extractor().extract(papers)))


@pytest.fixture(scope="session")
def field_graph() -> nx.MultiDiGraph:
    return build_graph(field_records(10_000))


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (bash .ci/setup does)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """open_page(path, hash="") -> Session, once the page has drawn its first frame."""
    contexts = []

    def opener(path: Path, fragment: str = "", width: int = 1400, height: int = 850) -> Session:
        context = browser.new_context(offline=True, viewport={"width": width, "height": height})
        contexts.append(context)
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
        found.page.goto(Path(path).as_uri() + (f"#{fragment}" if fragment else ""))
        found.page.wait_for_function("document.body.dataset.ready === '1'", timeout=30_000)
        return found

    yield opener
    for context in contexts:
        context.close()
