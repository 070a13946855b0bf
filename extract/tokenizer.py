"""The tokenizer of the extraction pipeline: spaCy's English rules, hyphenated names kept whole.

spaCy splits ``SWE-bench`` into three tokens and ``Qwen2.5-7B-Instruct`` into five,
which makes names hard to match and to learn. Here a hyphen between letters or
digits stays inside the token, while descriptive suffixes (``GPT-4o-based``,
``LLM-powered``) are still split off so that the name before them is a token.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.lang.char_classes import ALPHA
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

#: words that follow a name after a hyphen without being part of it
DESCRIPTIVE_SUFFIXES = (
    "based",
    "powered",
    "driven",
    "like",
    "style",
    "specific",
    "level",
    "generated",
    "enhanced",
    "guided",
    "augmented",
    "centric",
    "aware",
    "free",
    "only",
    "agnostic",
    "compatible",
    "native",
    "oriented",
    "scale",
    "sized",
    "class",
    "series",
    "family",
    "equipped",
    "assisted",
    "backed",
    "conditioned",
    "inspired",
    "tuned",
    "finetuned",
    "trained",
    "annotated",
    "labeled",
    "labelled",
    "derived",
    "verified",
    "judged",
    "as-a-judge",
    "type",
    "centered",
    "focused",
    "led",
    "integrated",
    "related",
)

_HYPHEN_INFIXES = {r"(?<=[0-9])[+\-\*^](?=[0-9-])"}


def _infixes(defaults: tuple[str, ...]) -> list[str]:
    kept = [p for p in defaults if p not in _HYPHEN_INFIXES and "(?:-|–|—|--|---|——|~)" not in p]
    dashes = rf"(?<=[{ALPHA}0-9])(?:--|---|—|–)(?=[{ALPHA}0-9])"
    tilde = rf"(?<=[{ALPHA}0-9])~(?=[{ALPHA}0-9])"  # LaTeX "D4RL benchmarks~fu2020d4rl"
    sizes = (
        r"(?:(?<=[0-9][BbMm])|(?<=[0-9]))/(?=[0-9])"  # "CodeLlama-13b/34b", "CIFAR-10/100", "3.5/4"
    )
    plus = rf"(?<=[{ALPHA}0-9])\+(?=[{ALPHA}]{{2}})"  # "InstructGPT-3+RLHF", not "MiniWoB++"
    return [*kept, dashes, tilde, sizes, plus, rf"(?<=[{ALPHA}0-9])\((?=[0-9])"]


def _suffixes(defaults: tuple[str, ...]) -> list[str]:
    words = "|".join(DESCRIPTIVE_SUFFIXES)
    # "Qwen2.5-7B." ends a sentence: split the period after a capital or digit pair
    return [
        rf"(?<=[{ALPHA}0-9)])-(?:{words})",  # also "(RAG)-related"
        r"(?<=[A-Z0-9])-(?:Based|Powered|Driven)",  # title case after an acronym: "EEG-Based"
        r"(?<=[0-9A-Z][0-9A-Z])\.",
        r"(?<=-[0-9A-Z])\.",  # "StarPO-S." ends a sentence too
        r"(?<=[a-z])-an?$",  # a hyphen for a dash: "we introduce MetaChain-a framework that"
        *defaults,
    ]


def _strings(patterns: object) -> tuple[str, ...]:
    """spaCy's default affix patterns (strings) as a tuple."""
    return tuple(p for p in (patterns or ()) if isinstance(p, str))  # type: ignore[attr-defined]


@spacy.registry.tokenizers("paperkg.tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """Registered tokenizer factory used by ``extract/config.cfg``."""

    def make(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules={k: v for k, v in d.tokenizer_exceptions.items() if any(c.isalnum() for c in k)},
            prefix_search=compile_prefix_regex(d.prefixes or ()).search,
            suffix_search=compile_suffix_regex(_suffixes(_strings(d.suffixes))).search,
            infix_finditer=compile_infix_regex(_infixes(_strings(d.infixes))).finditer,
            token_match=d.token_match,
            url_match=d.url_match,
        )

    return make
