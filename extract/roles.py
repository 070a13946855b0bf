"""Introduces or uses: the role of an entity in its paper, from the words around it.

A paper introduces an entity when it names it in the title prefix, or writes
"we introduce/propose/present X", "our X", "X, a novel ...", "called X". Anything
else is a use (evaluated on, compared with, built on). The words are the lexicon's
(:mod:`paperkg.extract.wordlists`, section ``[introductions]``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .wordlists import Wordlists, load


def introduces(doc: Doc, mention: Span, title_end: int, lex: Wordlists | None = None) -> bool:
    """True when ``mention`` reads as the paper's own contribution."""
    lex = lex or load()
    return (
        _after_intro_verb(doc, mention, lex)
        or _ours(doc, mention, lex)
        or _described_new(doc, mention, lex)
        or _proposed_here(doc, mention, lex)
    )


def _after_intro_verb(doc: Doc, mention: Span, lex: Wordlists) -> bool:
    before = [t.lower_ for t in doc[max(mention.start - 4, 0) : mention.start]]
    named = [w for w in before if w not in lex.quotes]  # "namely, X", "called “X”"
    if named and (named[-1] in lex.naming or named[-1] in lex.more_naming):
        return True  # "called X"
    if named[-2:-1] and named[-2] in lex.naming_this:
        return True  # "we call this X"
    for i in range(mention.start - 1, max(mention.start - 12, -1), -1):
        word = doc[i].lower_
        if word in lex.intro_verbs:
            return True
        if word in lex.blockers or doc[i].is_sent_start or word in lex.sentence_ends:
            return False
    return False


def _proposed_here(doc: Doc, mention: Span, lex: Wordlists) -> bool:
    """ "a Multi-Domain Meta-Learning (MDMAML) approach is proposed to ...": a present
    passive of an introduction verb after the name, in its sentence, not "proposed by"."""
    for i in range(mention.end, min(mention.end + 6, len(doc) - 1)):
        word = doc[i].lower_
        if word in lex.sentence_ends or word in lex.blockers:
            return False
        if word in lex.present_be and doc[i + 1].lower_ in lex.participles:
            return i + 2 >= len(doc) or doc[i + 2].lower_ != "by"
    return False


def _ours(doc: Doc, mention: Span, lex: Wordlists) -> bool:
    """ "our X", "our new X", "our data engine, X": only lower-case words in between."""
    start = (
        mention.start - 1
        if mention.start > 0 and doc[mention.start - 1].text == ","
        else mention.start
    )
    for i in range(start - 1, max(start - 5, -1), -1):
        if doc[i].lower_ == "our":
            return True
        if not doc[i].is_lower or doc[i].lower_ in lex.blockers:
            return False
    return False


def _described_new(doc: Doc, mention: Span, lex: Wordlists) -> bool:
    """ "X, a novel ...", "X, a scalable pipeline that ...", "X (ours)".

    Not after an evaluation word: "on WebArena, a benchmark featuring ..." is a use.
    """
    if mention.start > 0 and doc[mention.start - 1].lower_ in lex.evaluated_on:
        return False
    after = [t.lower_ for t in doc[mention.end : mention.end + 5]]
    if after[:2] == ["(", "ours"]:
        return True
    if after[:1] != [","] or not after[1:2] or after[1] not in lex.determiners:
        return any(w in lex.new for w in after[1:4]) if after[:1] == [","] else False
    return any(w in lex.new or w in lex.role_kinds for w in after[2:5])
