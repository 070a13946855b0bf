"""Resolution rules: one entity per name, short forms as names, variants kept apart."""

from __future__ import annotations

import pytest
from paperkg.extract.normalise import paper_id
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.records import Paper


@pytest.fixture(scope="module")
def extract():
    extractor = load_extractor(ner=False)  # the rules themselves; the NER is tested elsewhere

    def run(title: str, abstract: str) -> dict:
        pe = extractor.extract_one(Paper(id=paper_id(title), title=title, abstract=abstract))
        return {e.name: e for e in pe.entities}

    return run


def test_abbreviation_and_long_form_are_one_entity_named_by_the_short_form(extract):
    found = extract("A study", "We use Monte Carlo Tree Search (MCTS) and then MCTS again.")
    assert list(found) == ["MCTS"]
    assert found["MCTS"].aliases == ("Monte Carlo Tree Search",)


def test_case_and_hyphen_variants_are_one_entity(extract):
    found = extract("A study", "We test on SWE-bench. Later, SWE-Bench results improve.")
    assert list(found) == ["SWE-bench"]


def test_named_variants_stay_separate(extract):
    found = extract("A study", "We compare GPT-4 and GPT-4o on SWE-bench and SWE-bench Verified.")
    assert {"GPT-4", "GPT-4o", "SWE-bench", "SWE-bench Verified"} <= set(found)


def test_lower_case_long_form_is_a_generic_term_not_an_entity(extract):
    found = extract("A study", "Reward models (RMs) and large language models (LLMs) help.")
    assert found == {}


def test_context_decides_the_type_of_an_unknown_acronym(extract):
    found = extract("A study", "We train with ZQRT and evaluate on the KLMN dataset.")
    assert found["KLMN"].type == "BENCHMARK"
    assert found["ZQRT"].type == "METHOD"


def test_our_and_we_propose_mark_introduces(extract):
    found = extract("A study", "We propose FlowMind. Our FlowNet beats ReAct on HotpotQA.")
    assert found["FlowMind"].role == "introduces"
    assert found["FlowNet"].role == "introduces"
    assert found["ReAct"].role == "uses"
    assert found["HotpotQA"].role == "uses"
