"""Evidence in the page, in a real Chromium: a paper's title and abstract show every
mention of its entities where the extractor found it (the links' offsets), coloured by
type, and a click on one selects its entity. Built as a user builds it: the sample and a
paper with emoji and CJK before its mentions, read from files, extracted by the shipped
pipeline, written to the store and drawn from it. Screenshot: viz-evidence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pages import screenshot
from paperkg.api import build
from paperkg.extract.normalise import name_key, singular_key
from paperkg.graph import schema as s
from paperkg.graph import store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WIDE = {
    "id": "wide-text",
    "title": "Web Agents \U0001f916 for \u7f51\u9875\u4efb\u52a1: GRPO on WebArena",
    "abstract": "\u6211\u4eec\u7814\u7a76\u7f51\u9875\u667a\u80fd\u4f53 \U0001f600\U0001f680 "
    "in this work. We fine-tune Qwen2.5-7B with GRPO and evaluate it against GPT-4o on WebArena "
    "and GSM8K \U0002000b; GPT-4o stays ahead on WebArena.",
    "year": 2025,
}
KEYS = (name_key, singular_key)  # how the graph merges spellings of one entity


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The graph directory of the sample and the wide-text paper, as `paperkg build` makes it."""
    tmp = tmp_path_factory.mktemp("evidence")
    wide = tmp / "wide.jsonl"
    wide.write_text(json.dumps(WIDE, ensure_ascii=False) + "\n", encoding="utf-8")
    build([ROOT / "examples" / "trending-agents.txt", wide], tmp / "out")
    return tmp / "out"


@pytest.fixture(scope="module")
def graph(built):
    return store.load(built)


def expected_marks(graph, paper: str) -> list[tuple[str, str]]:
    """(text, entity) of each mention of the paper's entities, in reading order, as the
    extractor's offsets (code points into title + newline + abstract) say; a mention
    overlapping an earlier (or at the same start, longer) one is not marked twice."""
    d = graph.nodes[paper]
    text = f"{d['title']}\n{d['abstract']}" if d.get("abstract") else d["title"]
    spans = sorted(
        (a, -b, entity)
        for _, entity, link in graph.out_edges(paper, data=True)
        if link.get("mentions")
        for a, b in zip(link["mentions"][::2], link["mentions"][1::2], strict=True)
    )
    marks, last = [], 0
    for a, minus_b, entity in spans:
        if a >= last:
            marks.append((text[a:-minus_b], entity))
            last = -minus_b
    return marks


def shown_marks(session) -> list[tuple[str, str]]:
    return session.page.evaluate(
        "Array.from(document.querySelectorAll('#details h2 mark, #details .abstract mark'))"
        ".map(m => [m.textContent, m.dataset.id])"
    )


def test_mentions_after_emoji_and_cjk_are_marked_where_the_extractor_found_them(
    open_page, built, graph
):
    session = open_page(built / "graph.html")
    session.call("select", "wide-text")
    marks = shown_marks(session)
    assert [tuple(m) for m in marks] == expected_marks(graph, "wide-text")
    assert [text for text, _ in marks] == [
        *("GRPO", "WebArena"),  # in the title, after an emoji and four CJK characters
        *("Qwen2.5-7B", "GRPO", "GPT-4o", "WebArena", "GSM8K", "GPT-4o", "WebArena"),
    ]
    details = session.page.locator("#details")
    assert details.locator("h2").text_content() == WIDE["title"]
    assert details.locator(".abstract").text_content() == WIDE["abstract"]  # nothing lost
    assert session.errors == [] and session.requests == []


def test_every_mention_in_the_sample_is_marked_with_its_entitys_text(open_page, built, graph):
    session = open_page(built / "graph.html")
    papers = [n for n, d in graph.nodes(data=True) if d["label"] == s.PAPER]
    busiest = sorted(papers, key=lambda p: (-graph.out_degree(p), p))[:12]
    for paper in busiest:
        session.call("select", paper)
        marks = [tuple(m) for m in shown_marks(session)]
        assert marks == expected_marks(graph, paper), paper
        for text, entity in marks:  # a spelling of its entity, or its end ("13b/34b")
            node = graph.nodes[entity]
            names = {key(n) for n in (node["name"], *node["aliases"]) for key in KEYS}
            spelt = {key(text) for key in KEYS}
            assert spelt & names or name_key(node["name"]).endswith(name_key(text)), text


def legend_colour(session, label: str) -> str:
    """The fill of the type's shape in the page's legend."""
    return session.page.evaluate(
        "t => getComputedStyle(document.getElementById('filter-type-' + t)"
        ".parentNode.querySelector('svg > *')).fill",
        label.lower(),
    )


def test_marks_are_coloured_as_the_legend_and_a_click_selects_the_entity(open_page, built, graph):
    session = open_page(built / "graph.html")
    session.call("select", "wide-text")
    marks = session.page.locator("#details .abstract mark")
    legend = {label: legend_colour(session, label) for label in s.ENTITY_LABELS}
    assert len(set(legend.values())) == 3
    for k in range(marks.count()):
        entity = marks.nth(k).get_attribute("data-id")
        colour = marks.nth(k).evaluate("m => getComputedStyle(m).borderBottomColor")
        assert colour == legend[graph.nodes[entity]["label"]], entity
    screenshot(session, "viz-evidence")
    gsm = session.page.locator("#details .abstract mark", has_text="GSM8K")
    gsm.click()
    assert session.call("selected") == "benchmark:gsm8k"
    assert session.page.locator("#details h2").inner_text() == "GSM8K"
    session.call("select", "wide-text")
    session.page.locator("#details h2 mark").first.click()  # a mark in the title too
    assert session.call("selected") == "method:grpo"
