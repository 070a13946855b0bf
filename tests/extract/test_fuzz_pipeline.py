"""The whole extraction pipeline on generated text made of the words its rules react to:
it never raises, and every entity it returns is a non-empty name found in the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperkg.extract.normalise import name_key
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.records import Paper

# trigger words, punctuation and name shapes of every rule, so that the rules fire
# at the edges: first and last token, after a newline, next to brackets and quotes
_TEXT = (
    "we propose introduce named called a an the our , . ; : ( ) ' 's & ++ ~ - \n "
    "tasks games benchmark benchmarks dataset datasets game such as i.e. e.g. "
    "results on in evaluate model framework module agent OpenAI "
    "Frozen Lake WebArena GPT-4o Qwen2.5-7B-Instruct SWE-bench GRPO Foo-Bar X 1M 2600 "
    "StarPO-S transformers Transformer ADEs Adverse Drug Events LLMs "
    "/ + < > CodeLlama-13b 34b CIFAR-10 100 InstructGPT-3 RLHF is are proposed namely et al. "
    "2019 (McCulloch Pitts RQ1 BACKGROUND π SOTOPIA-$π$ MetaChain-a Training-Free"
)
WORDS = _TEXT.split(" ")
_SLASH_VARIANT = re.compile(r"^(.*?)(\d+(?:\.\d+)?[BbMm]?)?$")


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()  # the shipped pipeline, NER and classifier included


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    title=st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
    abstract=st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
)
def test_any_mix_of_rule_words_extracts_cleanly(extractor, title, abstract):
    paper = Paper(id="p", title=title.replace("\n", " ") or "T", abstract=abstract)
    found = extractor.extract_one(paper)
    text = name_key(f"{paper.title} {paper.abstract}")
    for entity in found.entities:
        assert entity.name.strip() and entity.type in ("BENCHMARK", "MODEL", "METHOD")
        assert entity.role in ("introduces", "uses")
        # a name is in the text, or is a slash variant: "CodeLlama-13b / 34b" names
        # "CodeLlama-34b", whose stem and number both are
        stem, number = _SLASH_VARIANT.match(entity.name).groups()
        assert name_key(entity.name) in text or (
            number and name_key(stem) in text and number in abstract + title
        )
