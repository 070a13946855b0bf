"""The tagger-headed NER (the default): BILUO tags decoded to names, tiny models trained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from paperkg.extract.components.biluo import BiluoDecoder
from paperkg.extract.errors import ExtractionError
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.train import blank, fit_ner, train_model
from spacy.tokens import Doc
from test_train import _gold

DEV_PAPERS = Path(__file__).parents[1] / "fixtures" / "extract" / "dev_papers.jsonl"


def _decoded(tags: list[str]) -> list[tuple[int, int, str]]:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=[f"w{i}" for i in range(len(tags))], tags=tags)
    return [(s.start, s.end, s.label_) for s in BiluoDecoder(nlp).spans(doc)]


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["O", "B-MODEL", "I-MODEL", "L-MODEL", "O"], [(1, 4, "MODEL")]),
        (["U-BENCHMARK", "U-METHOD"], [(0, 1, "BENCHMARK"), (1, 2, "METHOD")]),
        # sequences a transition system never makes, read leniently
        (["O", "I-METHOD", "L-METHOD"], [(1, 3, "METHOD")]),  # no B
        (["B-MODEL", "B-MODEL", "L-MODEL"], [(0, 1, "MODEL"), (1, 3, "MODEL")]),
        (["B-MODEL", "L-METHOD"], [(0, 1, "MODEL"), (1, 2, "METHOD")]),  # type changes
        (["B-MODEL", "O", "L-MODEL"], [(0, 1, "MODEL"), (2, 3, "MODEL")]),  # a gap
        (["O", "B-BENCHMARK", "I-BENCHMARK"], [(1, 3, "BENCHMARK")]),  # no L at the end
        (["O", "O"], []),
    ],
)
def test_tags_become_names(tags, spans):
    assert _decoded(tags) == spans


def test_a_tagger_headed_ner_learns_names_and_the_extractor_runs_it(tmp_path):
    pairs = [(g, g.paper()) for g in _gold()]
    nlp = fit_ner(pairs, epochs=50, config={"head": "tagger"})
    assert nlp.pipe_names == ["tok2vec", "tagger", "paperkg_biluo"]
    doc = nlp(pairs[0][1].text)
    assert ("ZetaBench", "BENCHMARK") in {(e.text, e.label_) for e in doc.ents}
    model = train_model(pairs, tmp_path / "model", epochs=2, config={"head": "tagger"})
    assert (model / "tagger" / "model").is_file() and not (model / "ner").exists()
    extractor = load_extractor(model)
    assert "ZetaBench" in {e.name for e in extractor.extract_one(pairs[0][1]).entities}


def test_an_unknown_head_is_refused():
    with pytest.raises(ExtractionError, match="NER head 'crf'; expected one of parser, tagger"):
        blank({"head": "crf"})


def test_the_transition_based_head_is_still_there_for_those_who_ask():
    pairs = [(g, g.paper()) for g in _gold()]
    nlp = fit_ner(pairs, epochs=30, config={"head": "parser"})
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert ("ZetaBench", "BENCHMARK") in {(e.text, e.label_) for e in nlp(pairs[0][1].text).ents}


@pytest.mark.parametrize("sentences", ["all", "candidates"])
def test_the_shipped_ner_decodes_tag_ids_as_its_own_pipeline_would(sentences):
    """The extractor reads the tagger's class ids without writing token tags or
    ``doc.ents``; the names must be those the model's own decoder pipe sets."""
    extractor = load_extractor(overrides={"components.paperkg_ner.sentences": sentences})
    nlp = extractor.nlp
    ner = nlp.get_pipe("paperkg_ner")
    assert ner._tagger is not None  # the shipped model is tagger-headed: the direct path
    papers = [json.loads(line) for line in DEV_PAPERS.read_text(encoding="utf-8").splitlines()]
    texts = [f"{p['title']}\n{p['abstract']}" for p in papers[:60]]

    fast = ner._tagger

    def marked(direct: bool) -> list[list[tuple[int, int, str]]]:
        ner._tagger = fast if direct else None
        docs = list(nlp.pipe(texts, disable=["paperkg_ner", "paperkg_resolve"]))
        return [[(s.start, s.end, s.label_) for s in d.spans["ner"]] for d in ner.pipe(docs)]

    direct = marked(True)
    assert sum(map(len, direct)) > 100
    assert direct == marked(False)


def test_a_model_swapped_in_later_is_read_through_its_own_head():
    """Cross-fitting sets ``model`` after construction; the direct path must follow it."""
    ner = load_extractor().nlp.get_pipe("paperkg_ner")
    shipped = ner.model
    ner.model = None
    assert ner._tagger is None
    ner.model = shipped
    assert ner._tagger is not None and ner._tagger[0] is shipped.get_pipe("tagger")
