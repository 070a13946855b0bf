"""The assembled extractor on hand-written abstracts (not from the annotated papers)."""

from __future__ import annotations

import pytest
from paperkg.extract.errors import ExtractionError
from paperkg.extract.normalise import paper_id
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.records import Paper

ABSTRACT = (
    "Large language models (LLMs) still struggle with long spreadsheet tasks. We introduce "
    "SheetArena, a benchmark of 900 spreadsheet tasks, and propose Cellwise Policy Refinement "
    "(CPR), a training method built on Group Relative Policy Optimization (GRPO). "
    "Fine-tuning Qwen2.5-7B-Instruct with CPR improves accuracy over GPT-4o and "
    "Llama-3-70B on SheetArena and on WebArena."
)


def paper(title: str, abstract: str) -> Paper:
    return Paper(id=paper_id(title), title=title, abstract=abstract)


@pytest.fixture(scope="module")
def extractor():
    return load_extractor()


def by_name(pe):
    return {e.name: e for e in pe.entities}


def test_extractor_finds_typed_entities_with_roles(extractor):
    found = by_name(extractor.extract_one(paper("SheetArena: Spreadsheet Agents", ABSTRACT)))
    assert found["SheetArena"].type == "BENCHMARK"
    assert found["SheetArena"].role == "introduces"
    assert found["CPR"].aliases == ("Cellwise Policy Refinement",)
    assert found["CPR"].role == "introduces"
    assert (found["GRPO"].type, found["GRPO"].role) == ("METHOD", "uses")
    for model in ("Qwen2.5-7B-Instruct", "GPT-4o", "Llama-3-70B"):
        assert (found[model].type, found[model].role) == ("MODEL", "uses")
    assert found["WebArena"].role == "uses"
    assert "LLMs" not in found and "LLM" not in found


def test_extract_keeps_input_order_and_reports_progress(extractor):
    papers = [paper(f"Paper {i}", f"We evaluate GPT-{i} on MMLU.") for i in range(1, 8)]
    ticks = []
    out = list(extractor.extract(papers, batch_size=3, on_progress=ticks.append))
    assert [pe.paper.title for pe in out] == [p.title for p in papers]
    assert sum(ticks) == len(papers)


def test_empty_abstract_gives_no_entities(extractor):
    assert extractor.extract_one(paper("On the nature of things", "")).entities == ()


def test_missing_model_dir_is_a_clear_error(tmp_path):
    with pytest.raises(ExtractionError, match="no such model directory"):
        load_extractor(tmp_path / "missing")


def test_benchmark_described_after_on_is_used_not_introduced(extractor):
    paper = Paper(
        paper_id("TrailBlazer: Fast Web Agents"),
        "TrailBlazer: Fast Web Agents",
        "We study web agents. On WebArena, a benchmark of realistic web tasks, our agent "
        "TrailBlazer improves the success rate by 12 points over GPT-4o.",
    )
    (rec,) = extractor.extract([paper])
    roles = {e.name: e.role for e in rec.entities}
    assert roles["WebArena"] == "uses"
    assert roles["TrailBlazer"] == "introduces"
