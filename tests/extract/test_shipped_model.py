"""The NER model shipped in the package loads and finds names in an unseen abstract."""

from __future__ import annotations

import spacy
from paperkg.extract.components.ner import builtin_model_dir
from paperkg.extract.normalise import paper_id
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.records import Paper

# Written for this test; not one of the annotated papers.
UNSEEN = (
    "Tool-using agents often fail on long office workflows. We present LedgerPilot, an agent "
    "framework that plans with Monte Carlo Tree Search (MCTS) and verifies each step. "
    "We evaluate it on WebArena, OSWorld and SWE-bench Verified with GPT-4o, "
    "Claude 3.5 Sonnet and Qwen2.5-72B-Instruct, and LedgerPilot improves success rates."
)


def test_builtin_model_is_shipped_and_loaded():
    assert (builtin_model_dir() / "config.cfg").is_file()
    nlp = load_extractor().nlp
    assert nlp.get_pipe("paperkg_ner").model is not None


def test_shipped_ner_finds_entities_in_an_unseen_abstract():
    model = spacy.load(builtin_model_dir())  # the raw model, before paperkg's span filters
    found = {e.text for e in model(f"LedgerPilot: Planning Office Agents\n{UNSEEN}").ents}
    planted = {
        "LedgerPilot",
        "MCTS",
        "WebArena",
        "OSWorld",
        "SWE-bench Verified",
        "GPT-4o",
        "Claude 3.5 Sonnet",
        "Qwen2.5-72B-Instruct",
    }
    assert len(found & planted) >= 4, found


def test_full_pipeline_on_the_unseen_abstract():
    title = "LedgerPilot: Planning Office Agents"
    pe = load_extractor().extract_one(Paper(id=paper_id(title), title=title, abstract=UNSEEN))
    found = {e.name: e for e in pe.entities}
    assert (found["LedgerPilot"].type, found["LedgerPilot"].role) == ("METHOD", "introduces")
    assert found["MCTS"].aliases == ("Monte Carlo Tree Search",)
    assert {"WebArena", "OSWorld", "SWE-bench Verified"} <= {
        n for n, e in found.items() if e.type == "BENCHMARK"
    }
    assert {"GPT-4o", "Claude 3.5 Sonnet", "Qwen2.5-72B-Instruct"} <= {
        n for n, e in found.items() if e.type == "MODEL"
    }
