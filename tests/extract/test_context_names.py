"""Plain capitalised names that only their context reveals (``paperkg_context``)."""

from __future__ import annotations

import pytest
from paperkg.extract.components.context import find
from paperkg.extract.normalise import paper_id
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.records import Paper


@pytest.fixture(scope="module")
def extract():
    extractor = load_extractor(ner=False)  # the rules alone; the NER is tested elsewhere

    def run(abstract: str, title: str = "A study of agents") -> dict[str, tuple[str, str]]:
        pe = extractor.extract_one(Paper(id=paper_id(title), title=title, abstract=abstract))
        return {e.name: (e.type, e.role) for e in pe.entities}

    return run


def test_names_listed_after_a_testbed_noun_are_benchmarks(extract):
    found = extract(
        "We test the planner on four grid games (i.e., Frozen Lake, Minesweeper, "
        "Blackjack and Cliff Walking) and report its win rate."
    )
    for name in ("Frozen Lake", "Minesweeper", "Blackjack", "Cliff Walking"):
        assert found[name] == ("BENCHMARK", "uses")


def test_one_name_after_a_comma_and_before_a_verb_is_not_listed(extract):
    found = extract(
        "In an evaluation on USEbench consisting of 1,271 software engineering tasks, "
        "USEagent shows improved efficacy. We test on three tasks, Frozen Lake and Sokoban."
    )
    assert found["USEagent"][0] == "METHOD"
    assert found["Frozen Lake"][0] == found["Sokoban"][0] == "BENCHMARK"


def test_results_on_a_name_make_it_a_benchmark(extract):
    found = extract("Experimental results on Hanabi and Overcooked show large gains.")
    assert found["Hanabi"][0] == found["Overcooked"][0] == "BENCHMARK"


def test_a_testbed_noun_before_or_after_a_name(extract):
    found = extract(
        "Our agent plays the video game Terraria and reaches 90% on the hard NetHack "
        "benchmark after 1M environment steps."
    )
    assert found["Terraria"][0] == found["NetHack"][0] == "BENCHMARK"
    assert "1M" not in found and "M" not in found


def test_an_appositive_types_the_name(extract):
    found = extract(
        "Using Diplomacy, a strategy board game, we study negotiation. We propose "
        "Lumen, a training strategy that mixes both."
    )
    assert found["Diplomacy"] == ("BENCHMARK", "uses")
    assert found["Lumen"] == ("METHOD", "introduces")


def test_an_introduced_name_is_typed_by_its_own_head_word(extract):
    found = extract("We introduce the Open Driving Environment (ODE) for testing planners.")
    assert found["ODE"][0] == "BENCHMARK"
    assert found["ODE"][1] == "introduces"


def test_sentence_openers_document_parts_and_quantities_are_not_names(extract):
    found = extract(
        "The results in Table 2 show gains. However, results on 3 tasks vary. "
        "Results in Section 4 and Figure 3 confirm it."
    )
    assert found == {}


def test_find_keeps_runs_apart_and_skips_a_leading_article():
    text = "we introduce The AI Scholar , a system , and the games such as Go and Atari 2600 ."
    words = text.split(" ")
    assert find(words, 0) == [(3, 5, "METHOD"), (14, 15, "BENCHMARK"), (16, 18, "BENCHMARK")]


def test_names_coordinated_before_a_plural_head_or_after_a_singular_one(extract):
    found = extract(
        "We release the TabAct and TabChat datasets, evaluate on the driving dataset "
        "Road-Seq and gain 5% in the captioning task (Cap3D)."
    )
    for name in ("TabAct", "TabChat", "Road-Seq", "Cap3D"):
        assert found[name][0] == "BENCHMARK", name


def test_a_category_of_tasks_is_not_a_benchmark(extract):
    found = extract("It handles (ii) Calculation tasks and complex IE tasks in Science.")
    assert "Calculation" not in found and "IE" not in found


def test_the_spelled_out_form_of_a_listed_acronym_method_matches_in_lower_case(extract):
    found = extract("Unlike proximal policy optimization, our update is exact.")
    assert found["proximal policy optimization"][0] == "METHOD"


def test_names_listed_with_a_known_name_take_its_type(extract):
    found = extract(
        "Tool-using agents such as ChemCrow and Labrador exist, and modules like "
        "Chain-of-Thought, Self-Critique, and Toolsmith are common."
    )
    assert found["Labrador"][0] == found["ChemCrow"][0]
    assert found["Self-Critique"][0] == found["Toolsmith"][0] == "METHOD"


def test_a_list_does_not_reach_past_a_sentence_or_a_lower_case_word(extract):
    found = extract("We compare with GPT-4o. Results and Analysis follow, then Python tools.")
    assert set(found) == {"GPT-4o"}


def test_a_testbed_noun_then_such_as_and_a_latex_tilde(extract):
    found = extract(
        "In a game such as StarCraftII (SC2), agents plan; we also report scores on "
        "several D5RL benchmarks~fu2020d5rl."
    )
    assert found["StarCraftII"][0] == "BENCHMARK"
    assert found["D5RL"][0] == "BENCHMARK"


def test_the_noun_before_named_types_the_name(extract):
    found = extract(
        "We train a web agent model named Pathfinder. We also give an algorithm called "
        "Guided Rollout Search."
    )
    assert found["Pathfinder"] == ("MODEL", "introduces")
    assert found["Guided Rollout Search"][0] == "METHOD"


def test_a_sentence_saying_what_a_name_is(extract):
    found = extract(
        "ODS calls tools. Open Search Tool is a novel web search tool that beats others. "
        "But is a fair question. It is a benchmark."
    )
    assert found["Open Search Tool"][0] == "METHOD"
    assert "But" not in found and "It" not in found


def test_a_name_after_named_may_be_made_of_generic_words(extract):
    found = extract("We give an algorithm named Meta Agent Search to design agents.")
    assert found["Meta Agent Search"] == ("METHOD", "introduces")
    assert "Agent Search" not in extract("Agent Search helps, Meta said.")


def test_a_capitalised_name_after_an_organisation_possessive_is_a_product(extract):
    found = extract("It beats OpenAI's Deep Research and Google's Gemini Deep Think on HLE.")
    assert found["Deep Research"][0] == "MODEL"
    assert "Gemini Deep Think" in found or "Deep Think" in found


def test_capitalised_words_before_a_method_noun_name_a_method(extract):
    found = extract(
        "We add a Latent Skill Memory module and the Goal Relabeling framework. "
        "We propose ZIP, a Zero Interaction Planning framework, and a Planner module."
    )
    assert found["Latent Skill Memory"][0] == found["Goal Relabeling"][0] == "METHOD"
    assert "Zero Interaction Planning" not in found  # describes ZIP
    assert "Planner" not in found  # one word is not enough


def test_a_kind_noun_before_a_name_types_it(extract):
    found = extract(
        "We develop a baseline model Atlas Agent and compare it. The best-performing "
        "model, Vision Bard, wins. We propose a guardrail Sentinel, which checks plans."
    )
    assert found["Atlas Agent"][0] == "MODEL"
    assert found["Vision Bard"][0] == "MODEL"
    assert "Sentinel" in found
    found = extract("We also introduce a new multi-modal agent, Pilot. Pilot is fast.")
    assert found["Pilot"] == ("METHOD", "introduces")


def test_a_lower_case_name_the_paper_introduces_with_an_appositive(extract):
    found = extract(
        "We introduce graph prompt routing, a lightweight framework for tools. "
        "We propose a new method, a simple one."
    )
    assert found["graph prompt routing"] == ("METHOD", "introduces")
    assert set(found) == {"graph prompt routing"}


def test_a_name_before_modifiers_and_a_method_noun(extract):
    found = extract("Our code leverages the Tooltree multi-agent LLM framework and runs locally.")
    assert found["Tooltree"][0] == "METHOD"
