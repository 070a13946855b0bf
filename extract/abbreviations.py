"""Abbreviation definitions in prose: "Long Form (LF)" and "LF (Long Form)".

The letter alignment is the Schwartz & Hearst (2003) algorithm: every character
of the short form must appear, in order, in the long form, the first one at the
start of a word. Pure functions over token lists, so they are easy to test.
"""

from __future__ import annotations

import re

_SHORT = re.compile(r"^(?=.*[A-Z])[A-Za-z0-9][\w\-.&*+]{0,11}$")
_PLURAL_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9-]*[A-Z]s$")


def is_plural_acronym(text: str) -> bool:
    """An acronym with a plural "s" ("LLMs", "3DLLMs"): a class of things, not one name.

    >>> is_plural_acronym("3DLLMs"), is_plural_acronym("LLM"), is_plural_acronym("GUMBOs")
    (True, False, True)
    """
    return _PLURAL_ACRONYM.match(text) is not None


def is_short_form(text: str) -> bool:
    """A plausible abbreviation: 2-12 characters, one capital, starts alphanumeric.

    >>> is_short_form("GRPO"), is_short_form("L0"), is_short_form("the"), is_short_form("A")
    (True, True, False, False)
    """
    return len(text) >= 2 and bool(_SHORT.match(text)) and any(c.isalpha() for c in text)


def long_form_start(short: str, words: list[str]) -> int | None:
    """Index in ``words`` where the long form of ``short`` starts, or None.

    ``words`` are the tokens just before the parenthesis, long form last.

    >>> long_form_start("GRPO", "we use Group Relative Policy Optimization".split())
    2
    >>> long_form_start("RLVR", "using Reinforcement Learning with Verifiable Rewards".split())
    1
    >>> long_form_start("XYZ", "a plain sentence".split()) is None
    True
    >>> long_form_start("L0", "we introduce L-Zero".split())  # a number word is its digit
    2
    >>> long_form_start("CodeAct", "consolidate actions into a unified action space".split())

    """
    text = " ".join(words)
    chars = [c.lower() for c in short if c.isalnum()]
    if not chars:
        return None
    pos = _align(chars, text.lower())
    if pos is None and any(c.isdigit() for c in chars):  # "L-Zero (L0)"
        text = _NUMBER_WORD.sub(lambda m: _NUMBERS[m.group(0).lower()], text)
        pos = _align(chars, text.lower())
    if pos is None:
        return None
    start = len(text[: text.rfind(" ", 0, pos) + 1].split())
    n_words = len(words) - start
    # each capital or digit of the short form stands for about one word, give or take two
    marks = sum(c.isupper() or c.isdigit() for c in short)
    limit = min(len(chars) + 5, len(chars) * 2 + 1, max(marks, 1) + 2)
    return start if 0 < n_words <= limit else None


_NUMBERS = {
    w: str(n)
    for n, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    )
}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBERS) + r")\b", re.IGNORECASE)


def _align(chars: list[str], text: str) -> int | None:
    """Schwartz-Hearst: match short-form characters right to left; return the start offset."""
    s, t = len(chars) - 1, len(text) - 1
    while s >= 0:
        ch = chars[s]
        while t >= 0 and (text[t] != ch or (s == 0 and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return None
        t -= 1
        s -= 1
    return t + 1


def initials_match(short: str, long_words: list[str]) -> bool:
    """Loose check for "LF (Long Form)": the short form's first letter starts the long form.

    >>> initials_match("ALE", ["Arcade", "Learning", "Environment"])
    True
    """
    return bool(long_words) and long_words[0][:1].lower() == short[:1].lower()


def is_capitalised(text: str) -> bool:
    """Most content words start with a capital: "Monte Carlo Tree Search", not "Reward models".

    >>> is_capitalised("Monte Carlo Tree Search"), is_capitalised("Reward models")
    (True, False)
    >>> is_capitalised("Generalizable Offline goAl-condiTioned RL")
    True
    """
    words = [w for w in text.replace("-", " ").split() if len(w) > 3]
    return bool(words) and sum(_has_capital(w) for w in words) * 2 > len(words)


def _has_capital(word: str) -> bool:
    """Capitalised, or a capital inside that spells an acronym ("goAl", "eXplainable")."""
    return any(c.isupper() for c in word)
