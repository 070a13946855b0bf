"""Mention offsets as the page uses them: code points from the extractor become UTF-16
code units (what JavaScript strings count), so a mark after an emoji lands on its name."""

from __future__ import annotations

import pytest
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph.build import build_graph
from paperkg.viz.landscape import landscape
from paperkg.viz.payload import build_payload, page_spans

TITLE = "\U0001f916 Agents \u7f51\u9875 on WebArena"
ABSTRACT = "\U0001f600\U0001f680 \u6211\u4eec We run GPT-4o \U0001f525x on WebArena \U0002000b."


def utf16(text: str, offset: int) -> int:
    """The UTF-16 position of code point ``offset``: an independent oracle."""
    return len(text[:offset].encode("utf-16-le")) // 2


@pytest.mark.parametrize("name", ["WebArena", "GPT-4o", "GPT-4o \U0001f525x", "\U0002000b"])
def test_spans_count_utf16_units_before_and_inside_a_mention(name):
    text = f"{TITLE}\n{ABSTRACT}"
    a = text.index(name, len(TITLE))  # a mention in the abstract
    got = page_spans({"title": TITLE, "abstract": ABSTRACT}, [a, a + len(name)])
    assert got == [utf16(text, a), utf16(text, a + len(name)) - utf16(text, a)]
    start, length = got
    units = text.encode("utf-16-le")
    assert units[2 * start : 2 * (start + length)].decode("utf-16-le") == name


def test_a_mention_in_the_title_counts_from_its_start():
    a = TITLE.index("WebArena")
    assert page_spans({"title": TITLE, "abstract": ABSTRACT}, [a, a + 8]) == [a + 1, 8]


def test_ascii_and_bmp_text_keep_their_offsets():
    title, abstract = "Plain", "\u6211\u4eec use GRPO."  # CJK is one unit each
    assert page_spans({"title": title, "abstract": abstract}, [11, 15]) == [11, 4]


@pytest.mark.parametrize("bad", [[3, 2], [-1, 2], [5, 500], []])
def test_offsets_that_do_not_fit_the_text_give_no_spans(bad):
    assert page_spans({"title": "T", "abstract": "We use GRPO."}, bad) is None


def test_payload_has_a_span_list_per_edge_and_0_for_edges_without():
    paper = Paper("p", TITLE, ABSTRACT, year=2025)
    at = paper.text.index("WebArena", len(TITLE))
    ents = (
        Entity("BENCHMARK", "WebArena", mentions=((at, at + 8),)),
        Entity("MODEL", "GPT-4o"),  # from a record without offsets
    )
    graph = build_graph([PaperEntities(paper, ents)])
    edges = build_payload(graph, landscape(graph), {}, {})["edges"]
    by_target = {edges["d"][k]: edges["m"][k] for k in range(len(edges["s"]))}
    order = build_payload(graph, landscape(graph), {}, {})["nodes"]["id"]
    spans = {order[d]: m for d, m in by_target.items()}
    assert spans["benchmark:webarena"] == [utf16(paper.text, at), 8]
    assert spans["model:gpt4o"] == 0
    assert len(edges["m"]) == len(edges["s"])


def test_a_paper_without_a_title_gets_no_spans():  # the page shows its id there instead
    assert page_spans({"title": "", "abstract": "We use GRPO."}, [8, 12]) is None
