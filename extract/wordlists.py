"""The rules' words and the stop list, read from data files once per process.

Every word list a rule reads is defined once, in ``extract/data/lexicon.toml`` (kind nouns,
introduction and naming words, testbed cues, name endings, ...); the generic words that are
never entities are ``extract/data/stoplist.toml``. The pipeline config names both files
(``[paths]`` in extract/config.cfg, ``"builtin"`` for the shipped ones), so a user can
point them elsewhere; :func:`load` reads each pair once and every component shares it.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

from .errors import ExtractionError
from .normalise import name_key

BUILTIN = "builtin"
LEXICON_FILE = "lexicon.toml"
STOPLIST_FILE = "stoplist.toml"
#: the stop list's part whose entries are also makers ("OpenAI's Deep Research")
ORGANISATIONS = "organisations"
_LINE_BREAK = "\\n"  # how a list writes the line-break token


@dataclass(frozen=True, slots=True)
class Wordlists:
    """One lexicon and one stop list; each field is the list of the same name in
    ``lexicon.toml`` (its comment there says what it is for)."""

    benchmark_kinds: frozenset[str]
    method_kinds: frozenset[str]
    model_kinds: frozenset[str]
    appositive_benchmark_kinds: frozenset[str]
    head_prepositions: frozenset[str]
    testbed_prepositions: frozenset[str]
    more_testbed_prepositions: frozenset[str]
    intro_verbs: frozenset[str]
    adopt_verbs: frozenset[str]
    naming: frozenset[str]
    more_naming: frozenset[str]
    naming_this: frozenset[str]
    participles: frozenset[str]
    present_be: frozenset[str]
    new: frozenset[str]
    role_kinds: frozenset[str]
    blockers: frozenset[str]
    evaluated_on: frozenset[str]
    testbed_plurals: frozenset[str]
    testbed_heads: frozenset[str]
    named_after: frozenset[str]
    name_intro: frozenset[str]
    reported: frozenset[str]
    list_intro: frozenset[str]
    method_heads: frozenset[str]
    list_glue: frozenset[str]
    list_glue_testbeds: frozenset[str]
    title_name_glue: frozenset[str]
    list_glue_types: frozenset[str]
    determiners: frozenset[str]
    indefinite: frozenset[str]
    np_end: frozenset[str]
    name_ends: frozenset[str]
    kind_name_ends: frozenset[str]
    possessive: frozenset[str]
    sentence_ends: frozenset[str]
    full_stops: frozenset[str]
    first_person: frozenset[str]
    doc_parts: frozenset[str]
    openers: frozenset[str]
    makers: frozenset[str]
    benchmark_endings: frozenset[str]
    benchmark_type_endings: frozenset[str]
    model_endings: frozenset[str]
    benchmark_heads: frozenset[str]
    benchmark_variants: frozenset[str]
    model_variants: frozenset[str]
    o_series_variants: frozenset[str]
    hyphen_glue: frozenset[str]
    title_skip: frozenset[str]
    articles: frozenset[str]
    not_families: frozenset[str]
    generic_tails: frozenset[str]
    quotes: frozenset[str]
    #: name keys of the stop list (not from the lexicon)
    stop_keys: frozenset[str] = frozenset()
    #: name keys of the makers whose possessive names a product: the stop list's
    #: organisations and the lexicon's ``makers``
    org_keys: frozenset[str] = frozenset()

    def is_stop(self, name: str) -> bool:
        """True when ``name`` is a generic word or phrase, not a named entity.

        >>> lex = load()
        >>> lex.is_stop("LLMs"), lex.is_stop("large language models"), lex.is_stop("GRPO")
        (True, True, False)
        """
        return name_key(name) in self.stop_keys

    def kind(self, word: str) -> str | None:
        """The type a lower-case kind noun says, or None.

        >>> load().kind("benchmark"), load().kind("models"), load().kind("paper")
        ('BENCHMARK', 'MODEL', None)
        """
        if word in self.benchmark_kinds:
            return "BENCHMARK"
        if word in self.model_kinds:
            return "MODEL"
        return "METHOD" if word in self.method_kinds else None


_STOP_FIELDS = frozenset({"stop_keys", "org_keys"})
LISTS = tuple(f.name for f in fields(Wordlists) if f.name not in _STOP_FIELDS)


@functools.cache
def load(lexicon: str | Path = BUILTIN, stoplist: str | Path = BUILTIN) -> Wordlists:
    """The word lists of ``lexicon`` and the stop list ``stoplist`` (``"builtin"``: the
    shipped files); each pair of files is read once per process."""
    return _load(_path(lexicon, LEXICON_FILE), _path(stoplist, STOPLIST_FILE))


def shipped_file(name: str) -> Path:
    """The path of a data file shipped in ``paperkg.extract/data`` ("lexicon.toml")."""
    return Path(str(resources.files("paperkg.extract") / "data" / name))


def _path(path: str | Path, shipped: str) -> Path:
    return shipped_file(shipped) if str(path) == BUILTIN else Path(path).resolve()


@functools.cache
def _load(lexicon: Path, stoplist: Path) -> Wordlists:
    lists = read_lexicon(lexicon)
    stop = read_stoplist(stoplist)
    return Wordlists(
        **lists,
        stop_keys=frozenset().union(*stop.values()),
        org_keys=stop.get(ORGANISATIONS, frozenset()) | lists["makers"],
    )


def read_lexicon(path: Path) -> dict[str, frozenset[str]]:
    """Every list of a lexicon file by name: a string's words, or a list's name keys."""
    out: dict[str, frozenset[str]] = {}
    for section in _read_toml(path).values():
        if not isinstance(section, dict):
            raise ExtractionError(f"{path}: every list belongs to a [section]")
        for name, value in section.items():
            if name in out:
                raise ExtractionError(f"{path}: list {name!r} is defined twice")
            out[name] = _words(path, name, value)
    missing, unknown = set(LISTS) - set(out), set(out) - set(LISTS)
    if missing or unknown:
        raise ExtractionError(
            f"{path}: not a paperkg lexicon: missing lists {sorted(missing)}, "
            f"unknown lists {sorted(unknown)} (extract/data/lexicon.toml has them all)"
        )
    return out


def _words(path: Path, name: str, value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset("\n" if w == _LINE_BREAK else w for w in value.split())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(k for k in (name_key(v) for v in value) if k)
    raise ExtractionError(f"{path}: list {name!r} must be a string of words or a list of names")


def read_stoplist(path: Path) -> dict[str, frozenset[str]]:
    """The name keys of each part of a stop-list file (comma-separated entries)."""
    out = {}
    for name, block in _read_toml(path).items():
        if not isinstance(block, str):
            raise ExtractionError(f"{path}: {name!r} must be a string of comma-separated names")
        items = (item for item in block.replace("\n", " ").split(","))
        out[name] = frozenset(k for k in (name_key(i) for i in items) if k)
    return out


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read the word lists: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ExtractionError(f"{path}: not valid TOML: {exc}") from exc
