"""Cheap facts about a Doc that several components need, computed without Token objects.

Iterating a Doc creates a Python object per token, which costs more than most
rules; these helpers read spaCy's arrays instead.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_LOWER, IS_PUNCT, IS_SPACE, ORTH
from spacy.tokens import Doc

from ..normalise import name_key
from ..wordlists import Wordlists, load

_END_MARKS = (".", "?", "!")


def title_end(doc: Doc) -> int:
    """Index of the first token after the title line (the newline token), or ``len(doc)``.

    A newline is always inside a whitespace token; the title is the first line, so only
    its tokens are read, from the shared :func:`words` list (this runs several times per
    paper; ``doc.text`` would build a Python object per token)."""
    for i, w in enumerate(words(doc)):
        if "\n" in w and w.isspace():
            return i
    return len(doc)


def candidate_tokens(
    doc: Doc, covered: np.ndarray | None = None, lex: Wordlists | None = None
) -> np.ndarray:
    """Indices of tokens in sentences that could hold a new name: some token after the
    first has a capital letter or a digit, is not a stop word, is not ``covered``
    (already inside a rule's span) and is spelled the same elsewhere in the paper (the
    NER's names are kept only when the paper repeats them). The NER runs on these
    sentences only."""
    lex = lex or load()
    if not len(doc):
        return np.zeros(0, dtype=np.int64)
    arr = doc.to_array([IS_LOWER, IS_PUNCT, IS_SPACE, ORTH])
    ends = np.isin(arr[:, 3], [doc.vocab.strings[m] for m in _END_MARKS]) | (arr[:, 2] == 1)
    sentence = np.concatenate(([0], np.cumsum(ends)[:-1]))
    marked = (arr[:, 0] == 0) & (arr[:, 1] == 0) & (arr[:, 2] == 0)
    if covered is not None:
        marked &= ~covered
    _, inverse, counts = np.unique(arr[:, 3], return_inverse=True, return_counts=True)
    marked &= counts[inverse] > 1
    first = np.concatenate(([True], sentence[1:] != sentence[:-1]))
    hopeful = np.zeros(int(sentence[-1]) + 1, dtype=bool)
    texts = words(doc)
    for i in np.flatnonzero(marked & ~first).tolist():
        if not hopeful[sentence[i]] and not lex.is_stop(texts[i]):  # "LLMs" alone gives no hope
            hopeful[sentence[i]] = True
    return np.flatnonzero(hopeful[sentence])


WORDS_KEY = "paperkg.words"


def words(doc: Doc) -> list[str]:
    """The token texts, read from the ORTH array once per doc and shared by the components.

    The resolver drops the cached list when it is done, so it never leaves the pipeline.
    """
    cached = doc.user_data.get(WORDS_KEY)
    if cached is None or len(cached) != len(doc):
        strings = doc.vocab.strings
        cached = list(map(strings.__getitem__, doc.to_array(ORTH).tolist())) if len(doc) else []
        doc.user_data[WORDS_KEY] = cached
    return cached


KEYS_KEY = "paperkg.keys"
#: name_key of each spelling met, shared by the gazetteer and the learned names
_NAME_KEYS: dict[str, str] = {}


def word_keys(doc: Doc) -> list[str]:
    """The :func:`~paperkg.extract.normalise.name_key` of every token text, once per doc
    (both name-list components match on them); cached and dropped like :func:`words`."""
    cached = doc.user_data.get(KEYS_KEY)
    if cached is None or len(cached) != len(doc):
        if len(_NAME_KEYS) > 200_000:
            _NAME_KEYS.clear()
        known = _NAME_KEYS
        cached = []
        for w in words(doc):
            key = known.get(w)
            if key is None:
                key = known[w] = name_key(w)
            cached.append(key)
        doc.user_data[KEYS_KEY] = cached
    return cached
