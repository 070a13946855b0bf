"""Context words that tell what kind of thing a name is.

Used for names no list knows: a title prefix ("MCPMark: A Benchmark for ...") or
the long form of an abbreviation ("Arcade Learning Environment (ALE)").
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


BENCHMARK_WORDS = _words(
    """
benchmark benchmarks bench dataset datasets corpus suite environment environments arena
testbed leaderboard evaluation evaluations evaluating gym simulator challenge playground
exam test tests competition benchmarking measuring testing assessing
"""
)
METHOD_WORDS = _words(
    """
framework method approach algorithm agent agents system systems toolkit library platform
protocol architecture prompting learning training optimization optimisation reasoning
search policy planner planning pipeline scaffold network networks mechanism strategy
tuning decoding attention memory engine compiler tool tools distillation alignment
feedback sampling inference
"""
)
MODEL_WORDS = frozenset(["model", "models"])
_WORD = re.compile(r"[A-Za-z]+")


def type_from_words(text: str, default: str | None = "METHOD") -> str | None:
    """Guess the type of a name from words describing it; the first cue word wins.

    >>> type_from_words("A Benchmark for Stress-Testing Realistic MCP Use")
    'BENCHMARK'
    >>> type_from_words("An Open Foundation Model for GUI Agents")
    'MODEL'
    >>> type_from_words("Group Relative Policy Optimization")
    'METHOD'
    """
    cues = [c for c in (_cue(w.lower()) for w in _WORD.findall(text)) if c]
    return cues[0] if cues else default


def _cue(word: str) -> str | None:
    if word in BENCHMARK_WORDS:
        return "BENCHMARK"
    if word in MODEL_WORDS:
        return "MODEL"
    return "METHOD" if word in METHOD_WORDS else None


def head_type(long_form: str) -> str | None:
    """Type from the head of a long form, or None when it says nothing. The head is the
    last word before a preposition ("Weighted Acquisition of Knowledge across
    Environments" is an acquisition, not an environment).

    >>> head_type("Arcade Learning Environment"), head_type("Monte Carlo Tree Search")
    ('BENCHMARK', 'METHOD')
    >>> head_type("Weighted Acquisition of Knowledge across Environments")
    'METHOD'
    """
    words = [w.lower() for w in _WORD.findall(long_form)]
    cut = next((k for k, w in enumerate(words) if w in _PREPOSITIONS and k > 0), len(words))
    words = words[:cut]
    if not words:
        return None
    if words[-1] in BENCHMARK_WORDS:
        return "BENCHMARK"
    if words[-1] in MODEL_WORDS:
        return "MODEL"
    return "METHOD"


_BENCH_BEFORE = frozenset(["on", "in", "across"])
_PREPOSITIONS = _words("of for in on across with via to from by through over under")


def context_type(before: list[str], after: list[str], default: str | None = "METHOD") -> str | None:
    """Type of an unknown name from the word right after it, or "on X" before it.

    >>> context_type(["we", "evaluate", "on"], [",", "a"])
    'BENCHMARK'
    >>> context_type(["using"], ["dataset", "and"]), context_type([], ["framework"])
    ('BENCHMARK', 'METHOD')
    >>> context_type([], ["selects", "environments"])  # the object of a verb says nothing
    'METHOD'
    """
    cue = _cue(after[0].lower()) if after else None
    if cue:
        return cue
    if before and before[-1].lower() in _BENCH_BEFORE:
        return "BENCHMARK"
    if len(before) > 1 and before[-1].lower() == "the" and before[-2].lower() in _BENCH_BEFORE:
        return "BENCHMARK"
    return default


_BENCH_SUFFIX = re.compile(
    r"(?:Bench|bench|BENCH|Arena|ARENA|QA|World|WORLD|Gym|GYM|Eval|Test|Set|Suite|Games?|Realm|"
    r"Scenes|TEB|Grid|Spot|Board|Instruct|Corpus|Data)(?:-[\w.]+)?$"
)
_MODEL_SUFFIX = re.compile(
    r"(?:BERT|T5|GLM|LLaMA|Llama|Coder|LM|VL|GPT-\d\w*|-R1|-\d+(?:\.\d+)?B)$"
)


def suffix_type(name: str) -> str | None:
    """Type from how a coined name ends: ``FinMTEB`` a benchmark, ``CodeBERT`` a model.

    >>> suffix_type("GRScenes"), suffix_type("GraphCodeBERT"), suffix_type("HistAgent")
    ('BENCHMARK', 'MODEL', None)
    """
    if _BENCH_SUFFIX.search(name):
        return "BENCHMARK"
    return "MODEL" if _MODEL_SUFFIX.search(name) else None
