"""The page in a real Chromium, from file://, with every network request refused: the
small graph with XSS probes (viz_fixtures): search, details, years, the URL hash,
expanding in place, the matrix and safety.
"""

from __future__ import annotations

import re

import pytest
from paperkg.viz.html import write_html
from viz_fixtures import PROBE_ABSTRACT, PROBE_ID, PROBE_TITLE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small_page(small_graph, tmp_path_factory):
    return write_html(small_graph, tmp_path_factory.mktemp("page") / "graph.html").path


@pytest.fixture
def page(open_page, small_page):
    return open_page(small_page)


def suggestions(session, query: str) -> list[str]:
    session.page.fill("#search", query)
    return session.page.locator("#suggestions li").all_inner_texts()


def test_page_opens_offline_on_the_map_of_entities(page, small_graph):
    assert page.errors == [] and page.requests == []
    papers = sum(1 for _, d in small_graph.nodes(data=True) if d["label"] == "Paper")
    header = page.page.locator("#bar").inner_text()
    assert f"{papers} papers" in header and "8 benchmarks, models and methods" in header
    assert not re.search(r"vis-network|webgl|renderer|physics|canvas", header, re.IGNORECASE)
    shown = page.call("shown")  # every entity but Qwen2.5, a family name no paper mentions
    assert len(shown) == 7 and not any(i.startswith("p-") or i == PROBE_ID for i in shown)
    # size follows the number of papers: WebArena (3) > GSM8K (2) > DeepSeek-R1 (1)
    sizes = [page.call("size", n) for n in ("benchmark:webarena", "benchmark:gsm8k")]
    assert sizes[0] > sizes[1] > page.call("size", "model:deepseekr1")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("webarna", "WebArena"),  # a typo
        ("Web arena", "WebArena"),  # spaces and case
        ("group relativ policy", "GRPO"),  # several words, one mistyped, of an alias
        ("agent browses", "An Agent That Browses"),  # words of a title
        ("qwen 7b", "Qwen2.5-7B"),
    ],
)
def test_search_forgives_typos_and_takes_several_words(page, query, first):
    hits = suggestions(page, query)
    assert hits and hits[0].startswith(("Benchmark", "Model", "Method", "Paper"))
    assert first in hits[0]


def test_search_enter_selects_the_best_match_and_says_when_nothing_matches(page):
    suggestions(page, "webarna")
    page.page.press("#search", "Enter")
    assert page.call("selected") == "benchmark:webarena"
    assert page.page.locator("#details h2").inner_text() == "WebArena"
    assert page.page.locator("#suggestions").is_hidden()
    assert suggestions(page, "zzqxj") == ["No match for \u201czzqxj\u201d"]
    page.page.press("#search", "Enter")
    assert page.call("selected") == "benchmark:webarena"  # unchanged


def test_search_shows_the_alias_it_matched(page):
    first = suggestions(page, "group relative")[0]
    assert "GRPO" in first and "alias: Group Relative Policy Optimization" in first


def test_paper_panel_links_to_the_paper(page):
    page.call("select", "p-agent")
    links = page.page.locator("#details a.paper-link")
    assert links.all_inner_texts() == ["Hugging Face", "arXiv"]
    assert links.nth(1).get_attribute("href") == "https://arxiv.org/abs/2501.00001"
    assert {links.nth(0).get_attribute(a) for a in ("target", "rel")} == {
        "_blank",
        "noopener noreferrer",
    }
    page.call("select", "p-grpo")
    assert page.page.locator("#details a.paper-link").all_inner_texts() == ["DOI"]
    page.call("select", PROBE_ID)  # its javascript: URL makes no link; searches are offered
    assert page.page.locator("#details a.paper-link").count() == 0
    search = page.page.locator("#details a.search-link")
    assert search.all_inner_texts() == ["arXiv search", "Hugging Face search"]
    hrefs = [search.nth(k).get_attribute("href") for k in range(2)]
    assert all(h.startswith("https://") and "javascript" not in h.split("?")[0] for h in hrefs)
    assert "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E" in hrefs[0]  # the title, encoded


def test_paper_panel_marks_the_entities_in_the_abstract(page):
    page.call("select", "p-grpo")
    marks = page.page.locator("#details .abstract mark")
    assert marks.all_inner_texts() == [
        "Group Relative Policy Optimization",
        "GRPO",
        "GSM8K",
        "DeepSeek-R1",
    ]  # and not GRPOX or MyGSM8K
    marks.nth(2).click()
    assert page.call("selected") == "benchmark:gsm8k"


def test_probe_paper_shows_its_text_literally_and_nothing_runs(page):
    page.call("select", PROBE_ID)
    assert page.page.locator("#details h2").inner_text() == PROBE_TITLE
    assert page.page.locator("#details .abstract").text_content() == PROBE_ABSTRACT
    assert page.page.locator("#details .abstract mark").all_inner_texts() == ["WebArena"]
    chips = page.page.locator("#details .chip").all_inner_texts()
    assert "<img src=x onerror=alert(1)>" in chips
    suggestions(page, "img src")  # the probe entity and paper in the suggestions
    page.call("select", "method:imgsrcxonerroralert1")
    page.page.click("#tab-matrix")
    assert page.dialogs == [] and page.errors == []
    assert page.page.evaluate("window.__xss") is None
    assert page.page.evaluate("document.querySelectorAll('img').length") == 0
    scripts = page.page.evaluate("document.scripts.length")
    assert page.page.evaluate("document.querySelectorAll('script:not([id])').length") == scripts - 1


def test_selecting_an_entity_lights_what_it_appears_with(page):
    x, y = page.call("screen", "method:grpo")
    page.page.mouse.click(x, y)
    assert page.call("selected") == "method:grpo"
    lit = set(page.call("highlighted"))
    assert lit == {"method:grpo", "benchmark:gsm8k", "model:deepseekr1", "model:qwen257b",
                   "benchmark:webarena", "model:gpt4"}  # fmt: skip
    details = page.page.locator("#details").inner_text()
    assert "DeepSeekMath: Group Relative Policy Optimization" in details
    assert "Qwen2.5-7B (2)" in details  # appears with it in two papers
    page.page.keyboard.press("Escape")
    assert page.call("selected") is None and page.call("highlighted") == []


def test_expand_in_place_shows_the_papers_beside_the_entity_and_hides_them_again(page):
    page.call("select", "benchmark:webarena")
    page.page.click("#expand")
    papers = {"p-webarena", "p-agent", PROBE_ID}
    assert papers <= set(page.call("shown"))
    centre = page.call("position", "benchmark:webarena")
    for paper in papers:
        x, y = page.call("position", paper)
        assert ((x - centre[0]) ** 2 + (y - centre[1]) ** 2) ** 0.5 < 150  # in place
    assert page.page.locator("#expand").inner_text() == "Hide its papers from the map"
    page.page.click("#expand")
    assert not papers & set(page.call("shown"))


def test_double_click_expands_and_selecting_a_paper_places_it_by_its_entities(page):
    x, y = page.call("screen", "benchmark:gsm8k")
    page.page.mouse.dblclick(x, y)
    assert page.call("expanded") == ["benchmark:gsm8k"]
    assert {"p-grpo", "p-math"} <= set(page.call("shown"))
    page.call("select", "p-old")  # a paper without entities: shown beside the map
    assert "p-old" in page.call("shown")
    page.call("select", "p-webarena")  # shown on demand, next to WebArena
    assert "p-webarena" in page.call("shown") and "p-old" not in page.call("shown")


def test_the_url_hash_reopens_the_selection_view_and_years(page, open_page, small_page):
    page.call("select", "benchmark:webarena")
    page.page.click("#expand")
    page.page.select_option("#year-from", "2025")
    fragment = page.page.evaluate("location.hash").lstrip("#")
    assert "sel=benchmark%3Awebarena" in fragment and "years=2025-2025" in fragment
    again = open_page(small_page, fragment)
    assert again.call("selected") == "benchmark:webarena"
    assert again.call("expanded") == ["benchmark:webarena"]
    assert again.page.locator("#details h2").inner_text() == "WebArena"
    assert again.page.locator("#year-from").input_value() == "2025"
    # a link to another selection, followed in the same tab
    again.page.evaluate("location.hash = '#sel=model%3Agpt4&view=matrix'")
    again.page.wait_for_function("window.paperkg.selected() === 'model:gpt4'")
    assert again.call("view") == "matrix"
    assert again.call("expanded") == []


def test_year_filter_keeps_the_names_of_those_years(page):
    assert page.page.locator("#years").is_visible()
    assert page.page.locator("#year-bars .bar").count() == 2025 - 2019 + 1
    page.page.click("#year-bars .bar[data-year='2024']")
    assert set(page.call("shown")) == {"method:grpo", "benchmark:gsm8k", "model:deepseekr1"}
    assert "1 paper from 2024" in page.page.locator("#year-note").inner_text()
    page.page.select_option("#year-from", "2023")
    page.page.select_option("#year-to", "2025")
    assert "model:deepseekr1" in page.call("shown") and len(page.call("shown")) == 7
    page.page.click("#year-note button")  # all years
    assert page.page.evaluate("location.hash") == ""


def test_matrix_counts_papers_per_benchmark_and_model_and_lists_them(page):
    page.page.click("#tab-matrix")
    assert page.page.locator("#matrix").is_visible() and page.page.locator("#graph").is_hidden()
    cell = page.page.locator(".cell[data-row='benchmark:webarena'][data-col='model:gpt4']")
    assert cell.inner_text() == "2"
    cell.click()
    assert page.page.locator("#details h2").inner_text() == "WebArena \u00d7 GPT-4"
    listed = page.page.locator("#details ul.papers .link").all_inner_texts()
    assert sorted(listed) == ["An Agent That Browses", "WebArena: A Realistic Web Environment"]
    page.page.click("#matrix-methods")
    gsm_grpo = page.page.locator(".cell[data-row='benchmark:gsm8k'][data-col='method:grpo']")
    assert gsm_grpo.inner_text() == "2"
    page.page.click("#year-bars .bar[data-year='2025']")
    assert gsm_grpo.inner_text() == "1"  # years apply to the matrix too
    assert "view=matrix" in page.page.evaluate("location.hash")


def test_hovering_links_says_what_they_mean(page):
    def hover_between(a: str, b: str) -> str:
        """Hover the line from a to b halfway between the rims of their shapes."""
        (ax, ay), (bx, by) = page.call("screen", a), page.call("screen", b)
        ra, rb = (page.call("size", n) * page.call("scale") for n in (a, b))
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        t = (ra + (length - ra - rb) / 2) / length
        x, y = ax + (bx - ax) * t, ay + (by - ay) * t
        page.page.mouse.move(x + 3, y + 3)
        page.page.mouse.move(x, y)
        page.page.wait_for_selector("#tooltip:not([hidden])", timeout=3000)
        return page.page.locator("#tooltip").inner_text()

    assert "1 paper mentions both" in hover_between("benchmark:gsm8k", "model:qwen257b")
    page.call("select", "benchmark:webarena")
    page.page.click("#expand")
    page.page.keyboard.press("Escape")
    assert "introduces" in hover_between("p-webarena", "benchmark:webarena")
