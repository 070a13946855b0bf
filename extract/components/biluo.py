"""Decodes a tagger's BILUO tags into ``doc.ents``: the last pipe of a tagger-headed NER.

``paperkg train`` can give the NER a tagger head (a softmax over ``B-``, ``I-``, ``L-``,
``U-`` tags per type and ``O`` per token) instead of spaCy's transition-based ``ner``; it
costs a fraction of the CPU time (docs/extraction.md, "Speed on unseen text"). A tagger
can predict sequences no transition system allows; they are read leniently: an ``I`` or
``L`` without its ``B`` starts a name, a new ``B`` or ``U`` or another type ends one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from spacy.attrs import TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..records import ENTITY_TYPES

#: the tagger's labels, "O" first
TAGS = ("O", *(f"{p}-{t}" for t in ENTITY_TYPES for p in "BILU"))


@Language.factory("paperkg_biluo")
def make_biluo(nlp: Language, name: str) -> BiluoDecoder:
    return BiluoDecoder(nlp)


class BiluoDecoder:
    """Sets ``doc.ents`` from the token tags the tagger before it wrote."""

    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.tags = {strings.add(t): (t[0], t[2:]) for t in TAGS[1:]}
        self.outside = strings.add("O")

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = self.spans(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def spans(self, doc: Doc) -> list[Span]:
        tags = doc.to_array(TAG)
        marked = np.flatnonzero((tags != self.outside) & (tags != 0)).tolist()
        marks = ((i, *self.tags.get(int(tags[i]), ("O", ""))) for i in marked)
        return [Span(doc, a, b, label=label) for a, b, label in decode(marks)]


def decode(marks: Iterable[tuple[int, str, str]]) -> list[tuple[int, int, str]]:
    """The names in a sequence of BILUO tags: ``marks`` are the (position, prefix, type) of
    the tokens not tagged ``O``, in order; each name is (start, end, type)."""
    out: list[tuple[int, int, str]] = []
    start, label, last = -1, "", -2
    for i, prefix, kind in marks:
        if prefix == "O":
            continue
        if start >= 0 and (i != last + 1 or prefix in "BU" or kind != label):
            out.append((start, last + 1, label))
            start = -1
        if start < 0:
            start, label = i, kind
        last = i
        if prefix in "LU":
            out.append((start, i + 1, label))
            start = -1
    if start >= 0:
        out.append((start, last + 1, label))
    return out


def tag_codes(labels: Sequence[str]) -> list[tuple[str, str]]:
    """The (prefix, type) of each of a tagger's labels, by class index (``O`` is ("O", ""))."""
    return [(t[0], t[2:]) if t in TAGS[1:] else ("O", "") for t in labels]
