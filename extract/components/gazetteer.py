"""Gazetteer component: marks names from the curated public lists.

Matching is by :func:`name_key` over runs of up to ``max_tokens`` tokens, so
``SWE-Bench``, ``SWE bench`` and ``swe-bench`` all hit the ``SWE-bench`` entry; a
run never crosses a comma, bracket, colon or quote. Plain-word texts must be
spelled as listed (see :meth:`KBHit.accepts`). Longest match wins, left to right.

``lists`` are the name lists (TSV) in priority order, ``"builtin:NAME"`` a shipped one;
their stop words (``stoplist``) are never matched.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..kb import SHIPPED_LISTS, KBHit, load_index
from ..typing_rules import context_type, suffix_type
from ..wordlists import BUILTIN, Wordlists, load
from .docinfo import word_keys
from .docinfo import words as doc_words

GROUP = "gazetteer"
_GLUE = {"-", "_", ".", "/", "'s", "’s", "'", "’", "+"}


@Language.factory(
    "paperkg_gazetteer",
    default_config={
        "max_tokens": 6,
        "lists": list(SHIPPED_LISTS),
        "lexicon": BUILTIN,
        "stoplist": BUILTIN,
    },
)
def make_gazetteer(
    nlp: Language, name: str, max_tokens: int, lists: list[str], lexicon: str, stoplist: str
) -> Gazetteer:
    index = load_index(tuple(lists), lexicon, stoplist)
    return Gazetteer(index, max_tokens, load(lexicon, stoplist))


class Gazetteer:
    """Writes typed spans to ``doc.spans["gazetteer"]``.

    Every prefix of every listed key is kept in a set, so a run of tokens is
    abandoned as soon as it cannot grow into a listed name (most tokens cost one
    set lookup); token keys are computed once per doc (:func:`word_keys`).
    """

    def __init__(
        self, index: dict[str, KBHit], max_tokens: int = 6, lex: Wordlists | None = None
    ) -> None:
        self.index = index
        self.max_tokens = max_tokens
        self.lex = lex or load()
        self.prefixes = frozenset(k[:n] for k in index for n in range(1, len(k) + 1))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[GROUP] = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[Span]:
        words = doc_words(doc)
        keys = word_keys(doc)
        prefixes = self.prefixes
        spans: list[Span] = []
        i, n = 0, len(words)
        while i < n:
            if keys[i] not in prefixes:  # most tokens start no listed name: no call
                i += 1
                continue
            hit = self._longest_at(doc, words, keys, i)
            if hit is None:
                i += 1
                continue
            spans.append(hit)
            i = hit.end
        return spans

    def _longest_at(self, doc: Doc, words: list[str], keys: list[str], start: int) -> Span | None:
        if keys[start] not in self.prefixes or not words[start][:1].isalnum():
            return None
        best, key = None, ""
        for end in range(start + 1, min(start + self.max_tokens, len(words)) + 1):
            if end > start + 1 and not keys[end - 1] and words[end - 1] not in _GLUE:
                break
            key += keys[end - 1]
            if key not in self.prefixes:
                break
            hit = self.index.get(key) if keys[end - 1] else None
            if hit is not None and hit.accepts(doc[start:end].text):
                label = _typed(hit, words, start, end, self.lex)
                best = Span(doc, start, end, label=label, kb_id=hit.name)
        return best


def _typed(hit: KBHit, words: list[str], start: int, end: int, lex: Wordlists) -> str:
    """The listed type, unless the name is listed with several and the context picks another.

    A model-shaped name (``CodeBERT``, ``CodeT5``) that a method list holds is a model.
    """
    if hit.type == "METHOD" and suffix_type(words[end - 1], lex) == "MODEL":
        return "MODEL"
    if not hit.other_types:
        return hit.type
    before, after = words[max(start - 2, 0) : start], words[end : end + 2]
    cue = context_type(before, after, default=None, lex=lex)
    return cue if cue in hit.other_types else hit.type
