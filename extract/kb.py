"""The gazetteer: curated public name lists, looked up by normalised name.

The shipped files in ``extract/data/`` are derived at development time from the
public lists (see ``scripts/build_gazetteer.py`` and ``extract/data/SOURCES.md``).
Each row is ``type<TAB>name<TAB>aliases<TAB>origin``; aliases are ``|``-separated.
:func:`curate_forms` decides which surface forms of a row are safe to match:
identifiers, descriptions and generic words are dropped, and a one-word name
that could be an ordinary English word only matches when cased exactly as listed.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import ExtractionError
from .normalise import name_key
from .wordlists import BUILTIN, Wordlists, load

#: shipped gazetteer files, in priority order (an earlier file wins a name)
DATA_FILES = ("gazetteer.tsv", "pwc_methods.tsv")
#: how the pipeline config names a shipped gazetteer file: "builtin:gazetteer.tsv"
SHIPPED = f"{BUILTIN}:"
SHIPPED_LISTS = tuple(SHIPPED + name for name in DATA_FILES)

_ID_LIKE = re.compile(r"[_/@:]|\d{6,}|^\W|\W$")
_ACRONYM_NAME = re.compile(r"^[A-Z][A-Z0-9-]*[A-Z0-9]$")
_PLAIN = re.compile(r"^[A-Za-z][a-z]*(?:['’]s)?(?:[ -][A-Za-z][a-z]*(?:['’]s)?)*$")


@dataclass(frozen=True, slots=True)
class KBHit:
    """What the gazetteer knows about a name key."""

    type: str
    name: str
    forms: frozenset[str] = frozenset()  # spellings in the list, for plain-word texts
    other_types: tuple[str, ...] = ()  # other lists give the same name another type

    def accepts(self, text: str) -> bool:
        """Whether ``text`` may be this entry: a plain word or phrase must be spelled as listed.

        >>> KBHit("BENCHMARK", "RACE", frozenset({"RACE"})).accepts("race")
        False
        >>> KBHit("BENCHMARK", "WebArena", frozenset({"Webarena"})).accepts("WebArena")
        True
        """
        if text.islower() and is_plain(text):
            return self._common_noun(text)  # "gap", "community" are never list names here
        return not is_plain(text) or _unhyphen(text) in {_unhyphen(f) for f in self.forms}

    def _common_noun(self, text: str) -> bool:
        """A method listed as one capitalised word may be written lower-case ("transformer"),
        and so may the long form of a method listed by its acronym.

        Acronyms listed in capitals ("HOPE", "USE") never match their lower-case word.
        """
        if self.type != "METHOD":
            return False
        if " " not in text:
            return text.capitalize() in self.forms
        # the spelled-out form of a listed acronym ("proximal policy optimization", PPO)
        return _ACRONYM_NAME.match(self.name) is not None and any(
            _unhyphen(f.lower()) == _unhyphen(text) for f in self.forms
        )


def _unhyphen(text: str) -> str:
    """Spelling up to hyphens ("Retrieval Augmented" is "Retrieval-Augmented")."""
    return text.replace("-", " ")


def curate_forms(name: str, aliases: list[str], lex: Wordlists | None = None) -> list[str]:
    """The surface forms of a list row that are worth matching in prose (not stop words
    of ``lex``, the shipped lists by default).

    >>> curate_forms("GPT-4o", ["gpt_4o", "openai/gpt-4o", "gpt 4o"])
    ['GPT-4o', 'gpt 4o']
    >>> curate_forms("Attention", [])
    []
    """
    lex = lex or load()
    forms = []
    for form in [name, *aliases]:
        form = " ".join(form.split())
        if _keep_form(form, lex) and form not in forms:
            forms.append(form)
    return forms


def _keep_form(form: str, lex: Wordlists) -> bool:
    words = form.split()
    if not form or len(words) > 5 or len(name_key(form)) < 2 or _ID_LIKE.search(form):
        return False
    if len(words) >= 3 and form == form.lower():
        return False  # a lower-case phrase is a description, not a name
    return not lex.is_stop(form)


def is_plain(text: str) -> bool:
    """True for text shaped like ordinary words ("Florence", "race", "natural questions").

    >>> is_plain("Reflexion"), is_plain("HotpotQA"), is_plain("gsm8k"), is_plain("Last Exam")
    (True, False, False, True)
    """
    return bool(_PLAIN.match(text))


def read_rows(path: Path | str) -> list[tuple[str, str, list[str]]]:
    """Rows ``(type, name, aliases)`` of a gazetteer TSV with a header."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            return [
                (r["type"], r["name"], [a for a in r["aliases"].split("|") if a]) for r in reader
            ]
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read the name list: {exc}") from exc
    except (KeyError, AttributeError) as exc:
        raise ExtractionError(
            f"{path}: not a name list (expected a header: type, name, aliases, origin)"
        ) from exc


def build_index(
    rows: list[tuple[str, str, list[str]]], lex: Wordlists | None = None
) -> dict[str, KBHit]:
    """Map each name key to its type and preferred name; the first row wins a key.

    Other types a later list gives the same name are kept, for context to decide
    (``RAG`` the architecture vs the method, ``SGD`` the optimiser vs the dataset).
    """
    lex = lex or load()
    index: dict[str, KBHit] = {}
    plurals: list[tuple[str, str, str]] = []
    for etype, name, aliases in rows:
        for form in curate_forms(name, aliases, lex):
            if etype == "METHOD" and form[-1:].islower() and form[-1] != "s":
                plurals.append((etype, name, form + "s"))
            _add(index, etype, name, form)
    for etype, name, form in plurals:  # "Vision Transformers": never displaces a listed name
        if name_key(form) not in index:
            _add(index, etype, name, form)
    return index


def _add(index: dict[str, KBHit], etype: str, name: str, form: str) -> None:
    key = name_key(form)
    old = index.get(key)
    if old is None:
        index[key] = KBHit(etype, name, frozenset({form}))
    elif old.type == etype:
        index[key] = KBHit(etype, old.name, old.forms | {form}, old.other_types)
    elif etype not in old.other_types:
        index[key] = KBHit(old.type, old.name, old.forms, (*old.other_types, etype))


def default_index() -> dict[str, KBHit]:
    """The index of the gazetteer files shipped in ``paperkg.extract/data``."""
    return load_index()


@functools.cache
def load_index(
    lists: tuple[str, ...] = SHIPPED_LISTS, lexicon: str = BUILTIN, stoplist: str = BUILTIN
) -> dict[str, KBHit]:
    """The index of the name lists ``lists`` (in priority order; ``"builtin:NAME"`` is a
    file shipped in ``paperkg.extract/data``), without the stop words; read once."""
    rows: list[tuple[str, str, list[str]]] = []
    data = resources.files("paperkg.extract") / "data"
    for item in lists:
        if item.startswith(SHIPPED):
            with resources.as_file(data / item.removeprefix(SHIPPED)) as path:
                rows.extend(read_rows(path))
        else:
            rows.extend(read_rows(item))
    return build_index(rows, load(lexicon, stoplist))


_FAMILY = re.compile(r"^[A-Za-z]+")
_VERSION = re.compile(r"^[-. ]?v?\d")


@functools.cache
def load_families(
    lists: tuple[str, ...] = SHIPPED_LISTS, lexicon: str = BUILTIN, stoplist: str = BUILTIN
) -> frozenset[str]:
    """:func:`model_families` of the index :func:`load_index` reads; computed once."""
    return model_families(load_index(lists, lexicon, stoplist), load(lexicon, stoplist))


def model_families(
    index: dict[str, KBHit] | None = None, lex: Wordlists | None = None
) -> frozenset[str]:
    """Lower-case family stems of the listed models ("gpt", "qwen", "llama", "claude"), of
    ``index`` (the shipped lists by default).

    A stem counts when at least three listed model names start with it followed by
    a version number, so one-off product names do not become families; the lexicon's
    ``not_families`` never count.
    """
    if index is None:
        return load_families()
    lex = lex or load()
    counts: dict[str, int] = {}
    for hit in index.values():
        if hit.type != "MODEL":
            continue
        for form in hit.forms:
            stem = _FAMILY.match(form)
            if stem and _VERSION.match(form[stem.end() :]):
                key = stem.group(0).lower()
                counts[key] = counts.get(key, 0) + 1
    return frozenset(
        k for k, n in counts.items() if n >= 3 and len(k) >= 2 and k not in lex.not_families
    )
