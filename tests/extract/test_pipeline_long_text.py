"""Text no abstract should be, still extracted: over spaCy's length limit (E088), and
whitespace-free runs that make spaCy's tokenizer quadratic. Each ends in entities and a
warning naming the paper, in bounded time, never in a traceback."""

from __future__ import annotations

import time
import warnings

import pytest
from paperkg.extract.errors import InputWarning
from paperkg.extract.pipeline import MAX_TEXT_CHARS, load_extractor
from paperkg.extract.records import Paper

SENTENCE = "We fine-tune Qwen2.5-7B-Instruct with GRPO and evaluate it on WebArena. "


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def test_abstract_over_spacys_limit_is_read_up_to_the_cap_with_a_warning(extractor) -> None:
    """1.25 MB, past nlp.max_length (1,000,000): spaCy raised E088 and the build died."""
    abstract = SENTENCE * (1_250_000 // len(SENTENCE))
    paper = Paper("title:big", "A huge abstract", abstract, source=("jsonl:big.jsonl",))
    assert len(paper.text) > extractor.nlp.max_length
    with pytest.warns(InputWarning) as caught:
        found = extractor.extract_one(paper)
    assert {e.name for e in found.entities} >= {"Qwen2.5-7B-Instruct", "GRPO", "WebArena"}
    assert found.paper == paper  # the record keeps its whole abstract
    (warning,) = caught
    message = str(warning.message)
    assert "jsonl:big.jsonl" in message and "'A huge abstract'" in message
    assert f"{len(paper.text):,} characters" in message and f"{MAX_TEXT_CHARS:,}" in message
    for e in found.entities:  # offsets still point into the paper's own text
        assert all(paper.text[a:b] for a, b in e.mentions)
        assert all(b <= MAX_TEXT_CHARS for _, b in e.mentions)


def test_normal_abstracts_give_no_warning(extractor) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)
        extractor.extract_one(Paper("p", "A title", SENTENCE * 50))


@pytest.mark.timeout(120)
@pytest.mark.parametrize("unit", ["{", "=", "<", "“", ")", "\\'e"])
def test_a_long_run_without_spaces_is_extracted_in_bounded_time(extractor, unit: str) -> None:
    """spaCy's tokenizer re-searches the rest of a 'word' after each prefix it strips:
    20,000 '{' took 95 s, a 100 KB run would take half an hour."""
    run = unit * (60_000 // len(unit))
    paper = Paper("p", "Agents on WebArena", f"We evaluate GPT-4 on WebArena. {run} Done.")
    start = time.process_time()
    found = extractor.extract_one(paper)
    assert time.process_time() - start < 15
    assert {"WebArena", "GPT-4"} <= {e.name for e in found.entities}
    for e in found.entities:
        assert all(paper.text[a:b] for a, b in e.mentions)


def test_a_lone_surrogate_in_a_paper_built_in_python_is_extracted(extractor) -> None:
    """The readers replace lone surrogates; a Paper made in Python may still hold one, and
    spaCy cannot hash it (UnicodeEncodeError, and a segfault after repeated failures)."""
    paper = Paper("p", "GPT-4 \ud800 on WebArena", "We fine-tune BERT \udfff on ImageNet.")
    found = extractor.extract_one(paper)
    assert {"GPT-4", "WebArena"} <= {e.name for e in found.entities}
    assert found.paper == paper
