"""Trained NER component: runs a ``paperkg train`` model and keeps its spans as candidates.

The model (tok2vec + ner, see :mod:`paperkg.extract.train`) is loaded from
``model``: ``"builtin"`` is the one shipped in ``extract/data/ner``, ``"none"``
turns the NER off, anything else is a directory. Its entities are moved to
``doc.spans["ner"]`` so that the resolver can weigh them against the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ExtractionError
from ..records import ENTITY_TYPES

GROUP = "ner"


@Language.factory("paperkg_ner", default_config={"model": "builtin"})
def make_ner(nlp: Language, name: str, model: str) -> TrainedNER:
    for label in ENTITY_TYPES:
        nlp.vocab.strings.add(label)
    return TrainedNER(_load(model))


def builtin_model_dir() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("paperkg.extract") / "data" / "ner"))


def _load(model: str) -> Language | None:
    if model == "none":
        return None
    path = builtin_model_dir() if model == "builtin" else Path(model)
    if not (path / "config.cfg").is_file():
        if model == "builtin":
            return None  # no model shipped yet: the rules work alone
        raise ExtractionError(
            f"{path}: not a paperkg NER model (no config.cfg; use `paperkg train`)"
        )
    try:
        return spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"{path}: cannot load the NER model: {exc}") from exc


class TrainedNER:
    """Applies the trained pipes in place, then moves ``doc.ents`` to ``doc.spans["ner"]``."""

    def __init__(self, model: Language | None) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        if self.model is None:
            for doc in docs:
                doc.spans[GROUP] = []
                yield doc
            return
        stream: Iterable[Doc] = docs
        for _, proc in self.model.pipeline:
            stream = proc.pipe(stream, batch_size=batch_size)
        for doc in stream:
            doc.spans[GROUP] = [t for t in (_trim(e) for e in doc.ents) if t is not None]
            doc.ents = []
            yield doc


def _trim(span: Span) -> Span | None:
    """The span without leading or trailing punctuation ("Policy Refinement (")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and not doc[start].text[:1].isalnum():
        start += 1
    while end > start and not doc[end - 1].text[-1:].isalnum():
        end -= 1
    return Span(doc, start, end, label=span.label) if end > start else None
