"""The rule components, each on a real blank-English pipeline with paperkg's tokenizer."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from paperkg.extract import tokenizer  # noqa: F401
from paperkg.extract.components.abbreviations import KEY as ABBR_KEY
from paperkg.extract.components.abbreviations import find_pairs
from paperkg.extract.components.docinfo import title_end
from paperkg.extract.components.gazetteer import Gazetteer
from paperkg.extract.components.patterns import Patterns, title_prefix
from paperkg.extract.kb import default_index, model_families


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "paperkg.tokenizer.v1"}}})


def texts(spans):
    return [(s.text, s.label_) for s in spans]


def test_tokenizer_keeps_hyphenated_names_whole_but_splits_descriptive_suffixes(nlp):
    words = [t.text for t in nlp("Qwen2.5-7B-Instruct beats GPT-4o-based agents on SWE-bench.")]
    assert words == [
        "Qwen2.5-7B-Instruct",
        "beats",
        "GPT-4o",
        "-based",
        "agents",
        "on",
        "SWE-bench",
        ".",
    ]


def test_abbreviation_long_form_then_short_form(nlp):
    doc = nlp("We train with Group Relative Policy Optimization (GRPO) on math.")
    ((short, long_),) = find_pairs(doc)
    assert doc[short[0] : short[1]].text == "GRPO"
    assert doc[long_[0] : long_[1]].text == "Group Relative Policy Optimization"


def test_abbreviation_short_form_then_long_form(nlp):
    doc = nlp("We evaluate on ALE (Arcade Learning Environment) games.")
    ((_, long_),) = find_pairs(doc)
    assert doc[long_[0] : long_[1]].text == "Arcade Learning Environment"


def test_abbreviation_needs_matching_letters(nlp):
    assert find_pairs(nlp("the results (XYZ) were good")) == []


def test_gazetteer_matches_across_case_and_hyphen_variants(nlp):
    gaz = Gazetteer(default_index())
    found = texts(gaz.find(nlp("Results on SWE-Bench Verified, MMLU and WebArena with gpt-4o.")))
    assert ("SWE-Bench Verified", "BENCHMARK") in found
    assert ("WebArena", "BENCHMARK") in found
    assert ("MMLU", "BENCHMARK") in found
    assert ("gpt-4o", "MODEL") in found


def test_gazetteer_ignores_generic_and_lowercase_words(nlp):
    gaz = Gazetteer(default_index())
    doc = nlp("We use attention, Adam and dropout to close the gap for the community.")
    assert texts(gaz.find(doc)) == []


def test_gazetteer_lowercase_and_plural_forms_of_a_listed_method_word(nlp):
    gaz = Gazetteer(default_index())
    doc = nlp("A transformer architecture, two Vision Transformers and the use of transformers.")
    found = texts(gaz.find(doc))
    assert ("transformer", "METHOD") in found
    assert ("Vision Transformers", "METHOD") in found
    assert ("transformers", "METHOD") in found
    assert all(text != "use" for text, _ in found)  # listed only as the acronym USE


def test_patterns_find_unseen_benchmark_and_model_shapes(nlp):
    pat = Patterns(model_families())
    doc = nlp(
        "ZorbBench and KappaArena test Qwen3-235B-A22B, Llama-4-70B, o3-mini and "
        "Claude 3.7 Sonnet, plus FooQA."
    )
    found = texts(pat.find(doc))
    for item in [
        ("ZorbBench", "BENCHMARK"),
        ("KappaArena", "BENCHMARK"),
        ("FooQA", "BENCHMARK"),
        ("Llama-4-70B", "MODEL"),
        ("o3-mini", "MODEL"),
        ("Claude 3.7 Sonnet", "MODEL"),
    ]:
        assert item in found


def test_patterns_keep_named_benchmark_variant_in_the_span(nlp):
    found = texts(Patterns(model_families()).find(nlp("on SWE-bench Verified and SWE-bench.")))
    assert found == [("SWE-bench Verified", "BENCHMARK"), ("SWE-bench", "BENCHMARK")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("MCPMark: A Benchmark for Stress-Testing MCP Use\nAbstract.", ("MCPMark", "BENCHMARK")),
        ("AgentFoo: A Hierarchical Multi-Agent Framework\nAbstract.", ("AgentFoo", "METHOD")),
        (
            "The Arcade Learning Environment: An Evaluation Platform\nWe build the Arcade "
            "Learning Environment (ALE).",
            ("Arcade Learning Environment", "BENCHMARK"),
        ),
        ("Towards Scientific Intelligence: A Survey\nX.", None),
        ("Kitchen Agent Arena: Evaluating Helpers\nX.", ("Kitchen Agent Arena", "BENCHMARK")),
        ("Multi-Agent Collaboration: A Study\nX.", None),
        ("Contextualize Me -- The Case for Context\nX: y.", None),
    ],
)
def test_title_prefix_rule(nlp, title, expected):
    doc = nlp(title)
    doc.user_data[ABBR_KEY] = find_pairs(doc)
    found = title_prefix(doc)
    assert (found[0].text, found[0].label_) == expected if expected else found is None


def test_abbreviation_rejects_a_long_clause_that_only_spells_the_letters(nlp):
    doc = nlp("We consolidate actions into a unified action space (CodeAct) for agents.")
    assert find_pairs(doc) == []


def test_coined_names_typed_by_shape_and_context(nlp):
    pat = Patterns(model_families())
    doc = nlp(
        "We extend NB-Agent with Chain-of-Thought, test on the FinTEB suite, compare to "
        "Q-learning and evaluate WebDancer-style GraphCodeBERT."
    )
    coined = pat.find_coined(doc)
    found = texts([span for span, _ in coined])
    cued = {span.text for span, cue in coined if cue}
    assert cued == {"FinTEB", "GraphCodeBERT"}  # "suite" after it; a model suffix
    assert ("NB-Agent", "METHOD") in found
    assert ("Chain-of-Thought", "METHOD") in found
    assert ("FinTEB", "BENCHMARK") in found
    assert ("GraphCodeBERT", "MODEL") in found
    assert "Q-learning" not in [t for t, _ in found]


def test_capitalised_words_ending_in_a_benchmark_head_noun(nlp):
    pat = Patterns(model_families())
    doc = nlp(
        "A Large-Scale Benchmark\nWe test agents on the Kitchen Chores Arena and LLM-as-a-Judge."
    )
    found = texts(pat.find(doc))
    assert ("Kitchen Chores Arena", "BENCHMARK") in found
    assert not any(t.startswith("Large-Scale") for t, _ in found)
    assert ("LLM-as-a-Judge", "METHOD") in texts([span for span, _ in pat.find_coined(doc)])


def test_tokenizer_splits_a_slash_between_numbers(nlp):
    assert [t.text for t in nlp("CIFAR-10/100 GPT-3.5/4")] == [
        "CIFAR-10",
        "/",
        "100",
        "GPT-3.5",
        "/",
        "4",
    ]
    assert [t.text for t in nlp("CodeLlama-13b/34b and input/output")] == [
        "CodeLlama-13b",
        "/",
        "34b",
        "and",
        "input",
        "/",
        "output",
    ]


def test_tokenizer_splits_a_title_case_suffix_only_after_an_acronym(nlp):
    words = [t.text for t in nlp("EEG-Based Emotion and Rule-Based Systems")]
    assert words == ["EEG", "-Based", "Emotion", "and", "Rule-Based", "Systems"]


def test_tokenizer_splits_a_descriptive_suffix_after_a_bracket(nlp):
    words = [t.text for t in nlp("Generation (RAG)-related skills")]
    assert words == ["Generation", "(", "RAG", ")", "-related", "skills"]


def test_tokenizer_splits_a_plus_between_names_but_not_in_them(nlp):
    words = [t.text for t in nlp("InstructGPT-3+RLHF on MiniWoB++ in C++ with A+B")]
    assert words == ["InstructGPT-3", "+", "RLHF", "on", "MiniWoB++", "in", "C++", "with", "A+B"]


def test_tokenizer_reads_a_hyphen_before_an_article_as_a_dash(nlp):
    words = [t.text for t in nlp("we introduce MetaChain-a framework; Yi-A and one-off")]
    assert words[:4] == ["we", "introduce", "MetaChain", "-a"]
    assert "Yi-A" in words and "one-off" in words


def test_a_benchmark_name_may_hold_a_caret(nlp):
    pat = Patterns(model_families())
    doc = nlp("A study\nWe present a new benchmark C^3-Bench for agents.")
    assert ("C^3-Bench", "BENCHMARK") in texts(pat.find(doc))


def test_the_ner_reads_only_sentences_with_a_repeated_uncovered_capital(nlp):
    from paperkg.extract.components.docinfo import candidate_tokens

    doc = nlp("A study\nWe meet Zorblax once. Then Quuxnet runs. Quuxnet wins again.")
    kept = {doc[i].text for i in candidate_tokens(doc).tolist()}
    assert "Quuxnet" in kept and "runs" in kept  # its sentences are read
    assert "Zorblax" not in kept  # said once: the NER's names must repeat
    covered = np.array([t.text == "Quuxnet" for t in doc])
    assert candidate_tokens(doc, covered).tolist() == []  # a rule already has it


def test_ner_spans_keep_lower_case_names_for_the_classifier_to_judge():
    """With trim="edges" and no name-shape filter (the shipped setting) a lower-case
    span of the NER ("importance sampling") stays a candidate; the old filter dropped it."""
    import spacy
    from paperkg.extract.components.ner import TrainedNER
    from paperkg.extract.errors import ExtractionError
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    doc = nlp.make_doc("We apply importance sampling , with the GRPO recipe .")
    spans = [Span(doc, 2, 5, label="METHOD"), Span(doc, 7, 9, label="METHOD")]
    raw = TrainedNER(None, name_shapes=False, typing="ner", min_mentions=1, trim="edges")
    assert [s.text for s in raw._spans(doc, spans)] == ["importance sampling", "GRPO recipe"]
    old = TrainedNER(None)  # name-shaped, marked twice, descriptive tails cut
    assert old._spans(doc, spans) == []
    with pytest.raises(ExtractionError, match="sentences = 'some'"):
        TrainedNER(None, sentences="some")


@pytest.mark.parametrize(
    ("text", "title_words"),
    [
        ("ZetaBench: Testing Agents\nWe introduce ZetaBench.", "ZetaBench : Testing Agents"),
        ("A title\r\n\nand the abstract", "A title"),
        ("  \nThe abstract after an empty title", ""),
        ("A title with no abstract", "A title with no abstract"),
        ("Line\u2028separator is not a newline", "Line separator is not a newline"),
        ("", ""),
    ],
)
def test_the_title_ends_at_the_first_newline(nlp, text, title_words):
    doc = nlp.make_doc(text)
    end = title_end(doc)
    assert end == len(doc) or "\n" in doc[end].text
    assert " ".join(t.text for t in doc[:end] if not t.is_space) == title_words
