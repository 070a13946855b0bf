"""Abbreviation component: records "Long Form (LF)" and "LF (Long Form)" pairs.

The pairs go to ``doc.user_data["paperkg.abbr"]`` as token offsets
``((short_start, short_end), (long_start, long_end))``; the resolver decides
which pairs name an entity (a capitalised or listed long form) and merges the
two forms into one entity with the short form as its name.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..abbreviations import initials_match, is_short_form, long_form_start
from .docinfo import words as doc_words

KEY = "paperkg.abbr"
_STOP_BEFORE = frozenset({",", ";", ":", ".", "(", ")", "[", "]", "\n", "?", "!"})
Pair = tuple[tuple[int, int], tuple[int, int]]


@Language.factory("paperkg_abbreviations", default_config={"window": 12})
def make_abbreviations(nlp: Language, name: str, window: int) -> Abbreviations:
    return Abbreviations(window)


class Abbreviations:
    """Finds abbreviation definitions; see :mod:`paperkg.extract.abbreviations`."""

    def __init__(self, window: int = 12) -> None:
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[KEY] = find_pairs(doc, self.window)
        return doc


def find_pairs(doc: Doc, window: int = 12) -> list[Pair]:
    """All definitions in ``doc``, in text order."""
    pairs: list[Pair] = []
    words = doc_words(doc)
    for i, text in enumerate(words):
        if text != "(":
            continue
        close = next(
            (j for j in range(i + 1, min(i + 12, len(words))) if words[j][:1] == ")"), None
        )
        if close is None:
            continue
        pair = _long_then_short(doc, i, close, window) or _short_then_long(doc, i, close)
        if pair:
            pairs.append(pair)
    return pairs


def _long_then_short(doc: Doc, open_: int, close: int, window: int) -> Pair | None:
    """ "Long Form (LF)", and "Training-Free Group Relative Policy Optimization
    (Training-Free GRPO)": words shared by both forms, then the abbreviated part."""
    inner = [t.text.lower() for t in doc[open_ + 1 : close]]
    if not 1 <= len(inner) <= 3 or not is_short_form(doc[close - 1].text):
        return None
    first = open_
    while first > 0 and open_ - first < window and doc[first - 1].text not in _STOP_BEFORE:
        first -= 1
    words = [t.text for t in doc[first:open_]]
    start = long_form_start(doc[close - 1].text, words)
    shared = len(inner) - 1
    if start is None or start < shared:
        return None
    if [w.lower() for w in words[start - shared : start]] != inner[:-1]:
        return None
    return (open_ + 1, close), (first + start - shared, open_)


def _short_then_long(doc: Doc, open_: int, close: int) -> Pair | None:
    if open_ == 0 or close - open_ < 3:
        return None
    short = doc[open_ - 1]
    words = [t.text for t in doc[open_ + 1 : close]]
    if not is_short_form(short.text) or (not short.text.isupper() and not short.text[1:].lower()):
        return None
    if long_form_start(short.text, words) == 0 and initials_match(short.text, words):
        return (open_ - 1, open_), (open_ + 1, close)
    return None
