"""Gazetteer component: marks names from the curated public lists.

Matching is by :func:`name_key` over runs of up to ``max_tokens`` tokens, so
``SWE-Bench``, ``SWE bench`` and ``swe-bench`` all hit the ``SWE-bench`` entry; a
run never crosses a comma, bracket, colon or quote. Plain-word texts must be
spelled as listed (see :meth:`KBHit.accepts`). Longest match wins, left to right.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..kb import KBHit, default_index
from ..normalise import name_key

GROUP = "gazetteer"
_GLUE = {"-", "_", ".", "/", "'s", "’s", "'", "’", "+"}


@Language.factory("paperkg_gazetteer", default_config={"max_tokens": 6})
def make_gazetteer(nlp: Language, name: str, max_tokens: int) -> Gazetteer:
    return Gazetteer(default_index(), max_tokens)


class Gazetteer:
    """Writes typed spans to ``doc.spans["gazetteer"]``."""

    def __init__(self, index: dict[str, KBHit], max_tokens: int = 6) -> None:
        self.index = index
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[GROUP] = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[Span]:
        keys = [name_key(t.text) for t in doc]
        spans: list[Span] = []
        i = 0
        while i < len(doc):
            hit = self._longest_at(doc, keys, i)
            if hit is None:
                i += 1
                continue
            spans.append(hit)
            i = hit.end
        return spans

    def _longest_at(self, doc: Doc, keys: list[str], start: int) -> Span | None:
        if not keys[start] or not doc[start].text[:1].isalnum():
            return None
        best, key = None, ""
        for end in range(start + 1, min(start + self.max_tokens, len(doc)) + 1):
            token = doc[end - 1]
            if end > start + 1 and not keys[end - 1] and token.text not in _GLUE:
                break
            key += keys[end - 1]
            hit = self.index.get(key) if keys[end - 1] else None
            if hit is not None and hit.accepts(doc[start:end].text):
                best = Span(doc, start, end, label=hit.type)
        return best
