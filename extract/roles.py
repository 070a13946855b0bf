"""Introduces or uses: the role of an entity in its paper, from the words around it.

A paper introduces an entity when it names it in the title prefix, or writes
"we introduce/propose/present X", "our X", "X, a novel ...", "called X". Anything
else is a use (evaluated on, compared with, built on).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INTRO_VERBS = _words(
    """
introduce introduces introducing introduced propose proposes proposing proposed present
presents presenting develop develops developing design designs construct constructs create
creates build builds release releases releasing contribute curate curates open-source
open-sources unveil unveils
"""
)
_NAMING = frozenset(["called", "named", "dubbed", "termed", "coined", "namely"])
_BLOCKERS = _words(
    """
on using use uses with from than against like including such e.g. e.g over via of to by in
across versus vs baselines baseline existing prior previous which that outperforms
outperforming outperform beats beating surpasses surpassing compared comparing while where
whereas but including
"""
)
#: words before "X, a <kind> ..." that make X something the paper evaluates on or uses
_EVALUATED_ON = _words("on in using against than versus vs like across over")
_NEW = frozenset(["novel", "new", "first", "our"])
_NAMING_THIS = frozenset(["call", "calls", "name", "term", "dub"])
_KINDS = _words(
    """
framework pipeline method approach system benchmark dataset suite toolkit algorithm agent
environment model library platform architecture
"""
)


def introduces(doc: Doc, mention: Span, title_end: int) -> bool:
    """True when ``mention`` reads as the paper's own contribution."""
    return (
        _after_intro_verb(doc, mention)
        or _ours(doc, mention)
        or _described_new(doc, mention)
        or _proposed_here(doc, mention)
    )


def _after_intro_verb(doc: Doc, mention: Span) -> bool:
    before = [t.lower_ for t in doc[max(mention.start - 4, 0) : mention.start]]
    named = [w for w in before if w not in _QUOTES]  # "namely, X", "called “X”"
    if (named[-1:] and named[-1] in _NAMING) or (named[-2:-1] and named[-2] in _NAMING_THIS):
        return True  # "called X", "we call this X"
    for i in range(mention.start - 1, max(mention.start - 12, -1), -1):
        word = doc[i].lower_
        if word in _INTRO_VERBS:
            return True
        if word in _BLOCKERS or doc[i].is_sent_start or word in {".", ";", "\n"}:
            return False
    return False


_QUOTES = frozenset([",", '"', "“", "”", "'", "‘", "’", "``", "''"])
_PRESENT_BE = frozenset(["is", "are"])
_PARTICIPLES = _words(
    "proposed introduced presented developed designed constructed created devised built"
)


def _proposed_here(doc: Doc, mention: Span) -> bool:
    """ "a Multi-Domain Meta-Learning (MDMAML) approach is proposed to ...": a present
    passive of an introduction verb after the name, in its sentence, not "proposed by"."""
    for i in range(mention.end, min(mention.end + 6, len(doc) - 1)):
        word = doc[i].lower_
        if word in {".", ";", "\n"} or word in _BLOCKERS:
            return False
        if word in _PRESENT_BE and doc[i + 1].lower_ in _PARTICIPLES:
            return i + 2 >= len(doc) or doc[i + 2].lower_ != "by"
    return False


def _ours(doc: Doc, mention: Span) -> bool:
    """ "our X", "our new X", "our data engine, X": only lower-case words in between."""
    start = (
        mention.start - 1
        if mention.start > 0 and doc[mention.start - 1].text == ","
        else mention.start
    )
    for i in range(start - 1, max(start - 5, -1), -1):
        if doc[i].lower_ == "our":
            return True
        if not doc[i].is_lower or doc[i].lower_ in _BLOCKERS:
            return False
    return False


def _described_new(doc: Doc, mention: Span) -> bool:
    """ "X, a novel ...", "X, a scalable pipeline that ...", "X (ours)".

    Not after an evaluation word: "on WebArena, a benchmark featuring ..." is a use.
    """
    if mention.start > 0 and doc[mention.start - 1].lower_ in _EVALUATED_ON:
        return False
    after = [t.lower_ for t in doc[mention.end : mention.end + 5]]
    if after[:2] == ["(", "ours"]:
        return True
    if after[:1] != [","] or after[1:2] not in (["a"], ["an"], ["our"], ["the"]):
        return any(w in _NEW for w in after[1:4]) if after[:1] == [","] else False
    return any(w in _NEW or w in _KINDS for w in after[2:5])
