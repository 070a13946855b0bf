"""Resolution rules: one entity per name, short forms as names, variants kept apart."""

from __future__ import annotations

import pytest
from paperkg.extract.normalise import paper_id
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.records import Paper
from paperkg.extract.resolution import typed_groups
from spacy.tokens import Span


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


def test_context_picks_the_type_of_a_name_listed_with_two_types(extract):
    # CLIP is listed as a model and as a method; the words after it decide
    assert extract("A study", "We fine-tune the CLIP model.")["CLIP"].type == "MODEL"
    assert extract("A study", "We adopt the CLIP method here.")["CLIP"].type == "METHOD"


def test_model_named_after_the_papers_own_system_is_introduced(extract):
    found = extract("GUI-Fox: Agents for Screens", "We release GUI-Fox-7B, which beats GPT-4o.")
    assert found["GUI-Fox"].role == "introduces"
    assert found["GUI-Fox-7B"].role == "introduces"
    assert found["GPT-4o"].role == "uses"


def test_a_topic_before_the_title_colon_is_not_a_name(extract):
    assert extract("Multi-Agent Collaboration: Harnessing Many Minds", "We study agents.") == {}
    found = extract(
        "The Arcade Learning Environment: A Platform",
        "We introduce the Arcade Learning Environment (ALE).",
    )
    assert found["ALE"].role == "introduces"
    assert found["ALE"].aliases == ("Arcade Learning Environment",)


def test_names_listed_together_share_a_type(extract):
    found = extract("A study", "We evaluate on WebArena, Mind2Web and ZorpLab across tasks.")
    assert found["ZorpLab"].type == "BENCHMARK"


@pytest.mark.parametrize(
    "abstract",
    [
        "We call this ZorpNet and train it with PPO.",
        "Tasks come from ZorpNet, a scalable pipeline that grounds tasks.",
        "We construct three new datasets, ZorpA, ZorpB, and ZorpNet, for charts.",
        "Data comes from our novel data engine, ZorpNet, at scale.",
    ],
)
def test_role_cues_mark_the_papers_own_names(extract, abstract):
    assert extract("A study", abstract)["ZorpNet"].role == "introduces"


def test_prior_work_in_a_comparison_is_used(extract):
    found = extract("A study", "We propose ZorpNet and compare it with ReAct and Reflexion.")
    assert found["ZorpNet"].role == "introduces"
    assert found["ReAct"].role == "uses"


def test_a_coined_word_inside_a_capitalised_name_grows_to_the_whole_name(extract):
    found = extract(
        "A study",
        "Agents run in the open-source RoboPlay Toolkit. RoboPlay Toolkit ships with "
        "ten maps, and GridNav results are reported.",
    )
    assert "RoboPlay Toolkit" in found and "RoboPlay" not in found
    assert "GridNav" in found  # a sentence's first words are not pulled in


def test_a_plural_and_its_singular_are_one_entity_in_a_paper(extract):
    found = extract(
        "A study",
        "Adverse Drug Events (ADEs) are rare; each ADE is logged. We train transformers, "
        "then compare the Transformer with StarPO and StarPO-S.",
    )
    assert "ADE" not in found and found["ADEs"].aliases == ("Adverse Drug Events", "ADE")
    assert ("transformers" in found) != ("Transformer" in found)
    assert {"StarPO", "StarPO-S"} <= set(found)


def test_a_plural_acronym_for_a_plural_long_form_is_a_class_not_a_name(extract):
    found = extract("A study", "Clinical Trial Reports (CTRs) vary; we parse CTRs with ReAct.")
    assert "CTRs" not in found and "Clinical Trial Reports" not in found
    assert "ReAct" in found


def test_names_a_public_list_gives_as_one_entry_are_one_entity(extract):
    # the method list has RAG with the long form of its paper's title, spelled with a hyphen
    found = extract(
        "Agents with Retrieval Augmented Generations",
        "We build on RAG-style pipelines and compare two RAG variants.",
    )
    assert list(found) == ["RAG"]
    assert "Retrieval Augmented Generations" in found["RAG"].aliases


def test_a_number_word_in_a_long_form_is_its_digit(extract):
    found = extract("A study", "We introduce L-Zero (L0), a training pipeline. L0 scales.")
    assert list(found) == ["L0"] and found["L0"].aliases == ("L-Zero",)


def test_words_shared_by_a_long_form_and_its_short_form(extract):
    found = extract(
        "A study",
        "We propose Training-Free Group Relative Policy Optimization (Training-Free GRPO), "
        "a cheap variant of GRPO that needs no parameter updates.",
    )
    assert sorted(found) == ["GRPO", "Training-Free GRPO"]
    assert found["Training-Free GRPO"].aliases == (
        "Training-Free Group Relative Policy Optimization",
    )


def test_a_listed_name_wins_over_a_shorter_pattern_inside_it(extract):
    found = extract("A study", "GPT-4o Search Preview beats GPT-4o on FRAMES.")
    assert {"GPT-4o Search Preview", "GPT-4o"} <= set(found)


def test_two_names_with_nothing_between_them_are_one(extract):
    found = extract("A study", "We run OpenHands CodeActAgent and the GPT-4 ReAct agent.")
    assert "OpenHands CodeActAgent" in found
    assert "OpenHands" not in found and "CodeActAgent" not in found
    assert {"GPT-4", "ReAct"} <= set(found)  # a model before a method modifies it


def test_a_greek_letter_in_latex_and_its_latin_spelling_are_one_entity(extract):
    found = extract(
        "SOTOPIA-$π$: Interactive Learning of Social Agents",
        "We propose SOTOPIA-pi, a learning method. SOTOPIA-pi improves social skills.",
    )
    assert list(found) == ["SOTOPIA-$π$"] and found["SOTOPIA-$π$"].aliases == ("SOTOPIA-pi",)


def test_a_coined_word_inside_a_capitalised_long_form_is_part_of_it(extract):
    found = extract(
        "A study",
        "We propose a novel method, MLLM as ReTriever (MART), for embodied agents. "
        "MART retrieves trajectories.",
    )
    assert "ReTriever" not in found
    assert found["MART"].aliases == ("MLLM as ReTriever",)


def test_capitals_inside_words_mark_a_coined_long_form(extract):
    found = extract(
        "Collective eXplainable AI: Explaining Cooperative Strategies",
        "We propose a new method, Generalizable Offline goAl-condiTioned RL (GOAT). "
        "GOAT generalises well.",
    )
    assert "Collective eXplainable AI" in found
    assert found["GOAT"].aliases[0].endswith("goAl-condiTioned RL")


def test_a_coined_word_inside_a_short_form_of_several_words_is_part_of_it(extract):
    found = extract(
        "A study",
        "We propose Agentic Continual Pre-training (Agentic CPT) for deep research agents.",
    )
    assert "CPT" not in found and "Agentic CPT" in found


def test_an_acronym_whose_suffixed_form_is_defined_is_that_name(extract):
    found = extract(
        "A study",
        "We introduce Multi-Scale Insight Agent (MSI-Agent), an embodied agent. "
        "MSI outperforms other insight strategies.",
    )
    assert list(found) == ["MSI-Agent"] and "MSI" in found["MSI-Agent"].aliases


def test_a_special_token_in_angle_brackets_is_not_a_name(extract):
    found = extract("A study", "The head aligns a dedicated <ACTOR> token with ReAct traces.")
    assert "ACTOR" not in found and "ReAct" in found


def test_the_words_around_sgd_decide_optimiser_or_dataset(extract):
    assert extract("A study", "We train the policy with SGD.")["SGD"].type == "METHOD"
    assert extract("A study", "We evaluate on the SGD dataset.")["SGD"].type == "BENCHMARK"


def test_authors_in_citations_are_not_names(extract):
    found = extract(
        "A study",
        "Neurons were modelled early (McCulloch and Pitts, 1943); Russell and Norvig (2009) "
        "survey search, and LeCun et al. train LeNet on MNIST.",
    )
    assert not {"McCulloch", "Pitts", "Russell", "Norvig", "LeCun"} & set(found)
    assert {"LeNet", "MNIST"} <= set(found)
    cited = extract("A study", "Agents (e.g., ReAct (Yao et al., 2023) and Reflexion) help.")
    assert "ReAct" in cited and "Yao" not in cited


def test_headings_labels_and_record_ids_are_not_names(extract):
    found = extract(
        "A study",
        "BACKGROUND Reviews matter. OBJECTIVE We ask RQ1 and RQ1-RQ3. METHODS We searched "
        "PubMed, Scopus and the ACM Digital Library. SIMILARITY IDENTIFICATION is hard. "
        "Registration PROSPERO CRD42021256005. RESULTS GPT-4 helps on MMLU.",
    )
    assert set(found) == {"GPT-4", "MMLU"}


def test_model_classes_and_metrics_are_not_names(extract):
    found = extract(
        "A study",
        "We compare CNNs, RNNs and Generative Adversarial Networks with ResNet by ROUGE-L "
        "and METEOR on MRI and EEG data.",
    )
    assert set(found) == {"ResNet"}


def test_a_lower_case_name_with_a_digit_inside_is_coined(extract):
    found = extract("A study", "We embed words with word2vec and graphs with node2vec.")
    assert {"word2vec", "node2vec"} <= set(found) and found["word2vec"].type == "METHOD"


def test_each_number_after_a_slash_is_the_same_name_with_that_number(extract):
    found = extract(
        "A study",
        "We test CodeLlama-13b/34b, Llama-2-7B/13B/70B and GPT-3.5/4 on CIFAR-10/100 "
        "(doi DERR1-10.2196/33145); top 5/10 runs.",
    )
    assert {"CodeLlama-34b", "Llama-2-13B", "Llama-2-70B", "GPT-4", "CIFAR-100"} <= set(found)
    assert found["CodeLlama-34b"].type == "MODEL" and found["CodeLlama-34b"].aliases == ()
    assert not any("DERR1" in name or name[:1].isdigit() for name in found)


def test_more_role_cues_and_a_listed_name_in_the_title_is_used(extract):
    found = extract(
        "Trials of natural language processing with GPT-3 in ophthalmology",
        "In this paper, a Multi-Domain Meta-Learning (MDMAML) approach is proposed to "
        "transfer knowledge. A custom dataset, namely, SentimentSet, was created. A framework "
        "called “Framework of Syntenic Three Approaches” (FSTA) is induced. ZorpNet was "
        "proposed by earlier work.",
    )
    assert found["GPT-3"].role == "uses"
    assert found["MDMAML"].role == "introduces"
    assert found["SentimentSet"].role == "introduces"
    assert found["FSTA"].role == "introduces"
    assert found["ZorpNet"].role == "uses"


def test_a_title_prefix_that_starts_with_a_gerund_describes(extract):
    found = extract("Measuring CLEVRness: Black-box Testing", "We test ReAct on WebShop.")
    assert "Measuring CLEVRness" not in found and {"ReAct", "WebShop"} <= set(found)


def test_fields_organisations_and_article_types_are_not_names(extract):
    found = extract(
        "A study",
        "Editorial. Artificial Intelligence and Natural Language Processing, funded by the "
        "NSF and IEEE, use EEG-Based signals, the UCI Machine Learning Repository and ResNet.",
    )
    assert set(found) == {"ResNet"}


@pytest.fixture(scope="module")
def shipped():
    return load_extractor()


def _nested_doc(shipped):
    """A doc where the public list marks "DAVIS" and the NER (the resolver's input, set
    here) the longer "DAVIS 2017"."""
    text = "Video segmentation\nWe evaluate on DAVIS 2017 and report results on DAVIS 2017 val."
    doc = shipped.nlp(text, disable=["paperkg_resolve"])
    assert "DAVIS" in {s.text for s in doc.spans["gazetteer"]}
    doc.spans["ner"] = [Span(doc, 6, 8, label="BENCHMARK"), Span(doc, 12, 14, label="BENCHMARK")]
    assert {s.text for s in doc.spans["ner"]} == {"DAVIS 2017"}
    return doc


def test_the_classifier_chooses_between_a_chosen_span_and_a_longer_name_around_it(shipped):
    r = shipped.nlp.get_pipe("paperkg_resolve")
    doc = _nested_doc(shipped)

    def names(judge):
        return {e.name for e, _, _ in typed_groups(doc, r.sources, r.type_sources, judge=judge)}

    assert "DAVIS" in names(None)  # the list's span wins by priority
    assert "DAVIS 2017" in names(lambda feats: 0.9 if "n:davis 2017" in feats else 0.2)
    assert "DAVIS" in names(lambda feats: 0.9 if "n:davis" in feats else 0.2)
    assert "DAVIS" in names(lambda feats: 0.5)  # a tie keeps the chosen span


def test_the_shipped_pipeline_keeps_a_year_or_variant_word_another_source_marks(shipped):
    title = "Segmenting and Transcribing Video"
    abstract = (
        "We evaluate on DAVIS 2017 and YouTube-VOS 2019, transcribe audio with Whisper "
        "Small, and take part in SemEval-2023 Task 4. On CIFAR-10/100 we compare with ResNet."
    )
    pe = shipped.extract_one(Paper(id=paper_id(title), title=title, abstract=abstract))
    found = {e.name: e.type for e in pe.entities}
    assert found.get("DAVIS 2017") == "BENCHMARK", found
    assert found.get("Whisper Small") == "MODEL", found
    assert found.get("SemEval-2023 Task 4") == "BENCHMARK", found
    assert {"CIFAR-10", "CIFAR-100"} <= set(found), found  # slashed items stay apart
    assert not {"DAVIS", "Whisper", "SemEval-2023"} & set(found), found
