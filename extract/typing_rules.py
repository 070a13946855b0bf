"""Context words that tell what kind of thing a name is.

Used for names no list knows: a title prefix ("MCPMark: A Benchmark for ..."), the
long form of an abbreviation ("Arcade Learning Environment (ALE)"), the words around a
coined name. The words are the lexicon's kind nouns and name endings
(:mod:`paperkg.extract.wordlists`); every function takes the lexicon to read, the
shipped one by default.
"""

from __future__ import annotations

import functools
import re

from .wordlists import Wordlists, load

_WORD = re.compile(r"[A-Za-z]+")


def type_from_words(
    text: str, default: str | None = "METHOD", lex: Wordlists | None = None
) -> str | None:
    """Guess the type of a name from words describing it; the first cue word wins.

    >>> type_from_words("A Benchmark for Stress-Testing Realistic MCP Use")
    'BENCHMARK'
    >>> type_from_words("An Open Foundation Model for GUI Agents")
    'MODEL'
    >>> type_from_words("Group Relative Policy Optimization")
    'METHOD'
    """
    lex = lex or load()
    cues = [c for c in (lex.kind(w.lower()) for w in _WORD.findall(text)) if c]
    return cues[0] if cues else default


def head_type(long_form: str, lex: Wordlists | None = None) -> str | None:
    """Type from the head of a long form, or None when it says nothing. The head is the
    last word before a preposition ("Weighted Acquisition of Knowledge across
    Environments" is an acquisition, not an environment).

    >>> head_type("Arcade Learning Environment"), head_type("Monte Carlo Tree Search")
    ('BENCHMARK', 'METHOD')
    >>> head_type("Weighted Acquisition of Knowledge across Environments")
    'METHOD'
    """
    lex = lex or load()
    words = [w.lower() for w in _WORD.findall(long_form)]
    cut = next((k for k, w in enumerate(words) if w in lex.head_prepositions and k > 0), len(words))
    words = words[:cut]
    if not words:
        return None
    if words[-1] in lex.benchmark_kinds:
        return "BENCHMARK"
    if words[-1] in lex.model_kinds:
        return "MODEL"
    return "METHOD"


def context_type(
    before: list[str],
    after: list[str],
    default: str | None = "METHOD",
    lex: Wordlists | None = None,
) -> str | None:
    """Type of an unknown name from the word right after it, or "on X" before it.

    >>> context_type(["we", "evaluate", "on"], [",", "a"])
    'BENCHMARK'
    >>> context_type(["using"], ["dataset", "and"]), context_type([], ["framework"])
    ('BENCHMARK', 'METHOD')
    >>> context_type([], ["selects", "environments"])  # the object of a verb says nothing
    'METHOD'
    """
    lex = lex or load()
    cue = lex.kind(after[0].lower()) if after else None
    if cue:
        return cue
    if before and _testbed_preposition(before[-1], lex):
        return "BENCHMARK"
    if len(before) > 1 and before[-1].lower() == "the" and _testbed_preposition(before[-2], lex):
        return "BENCHMARK"
    return default


def _testbed_preposition(word: str, lex: Wordlists) -> bool:
    lower = word.lower()
    return lower in lex.testbed_prepositions or lower in lex.more_testbed_prepositions


def suffix_type(name: str, lex: Wordlists | None = None) -> str | None:
    """Type from how a coined name ends: ``FinMTEB`` a benchmark, ``CodeBERT`` a model.

    >>> suffix_type("GRScenes"), suffix_type("GraphCodeBERT"), suffix_type("HistAgent")
    ('BENCHMARK', 'MODEL', None)
    """
    lex = lex or load()
    if _bench_suffix(lex.benchmark_endings | lex.benchmark_type_endings).search(name):
        return "BENCHMARK"
    return "MODEL" if _model_suffix(lex.model_endings).search(name) else None


def alternatives(words: frozenset[str]) -> str:
    """A regex alternation of ``words``, longest first.

    >>> alternatives(frozenset({"QA", "Bench"}))
    'Bench|QA'
    """
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@functools.cache
def _bench_suffix(endings: frozenset[str]) -> re.Pattern[str]:
    return re.compile(f"(?:{alternatives(endings)})" + r"(?:-[\w.]+)?$")


@functools.cache
def _model_suffix(endings: frozenset[str]) -> re.Pattern[str]:
    # a version after "GPT-" and a size ("-7B") are endings no word list can spell
    return re.compile(f"(?:{alternatives(endings)}" + r"|GPT-\d\w*|-\d+(?:\.\d+)?B)$")
