"""Name resolution, defined once for every store: which entity a user means by a name.

A store finds the *hits* for a name — every entity whose name or one of its aliases
has the same normalised key (:func:`paperkg.extract.normalise.name_key`: case, hyphen,
space and Unicode insensitive) — the local store by one look-up in its name index,
Neo4j by a scan. The rules for choosing among them, and for suggesting names when
there is none, live here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from paperkg.extract.errors import NotFoundError
from paperkg.extract.normalise import clean_arxiv_id, clean_doi, name_key, title_key

from . import schema as s


@dataclass(frozen=True, slots=True)
class Hit:
    """An entity whose name or an alias has the key asked for."""

    id: str
    label: str
    #: the key is its name's key, not only an alias's
    exact: bool
    #: how many relationships it has (the tie-break: the most linked wins)
    degree: int


def keys_of(name: str, aliases: Iterable[str]) -> list[str]:
    """The distinct non-empty name keys of an entity, its name's first.

    >>> keys_of("SWE-bench", ["SWE Bench", "swebench"])
    ['swebench']
    """
    keys = [name_key(form) for form in (name, *aliases)]
    return list(dict.fromkeys(k for k in keys if k))


def hits_from(rows: Iterable[dict], key: str) -> list[Hit]:
    """The hits for ``key`` among entity rows (``id``, ``name``, ``aliases``, ``degree``),
    for a store that has no name index.

    >>> hits_from([{"id": "benchmark:x", "name": "X", "aliases": ["Ex"], "degree": 2}], "ex")
    [Hit(id='benchmark:x', label='Benchmark', exact=False, degree=2)]
    """
    return [
        Hit(str(r["id"]), label_of(str(r["id"])), name_key(r["name"]) == key, r["degree"] or 0)
        for r in rows
        if key in keys_of(r["name"], r["aliases"] or ())
    ]


def label_of(entity_id: str) -> str:
    """The label of an entity id (ids are ``label:key``, :func:`schema.entity_id`).

    >>> label_of("model:qwen2.5")
    'Model'
    """
    prefix = entity_id.partition(":")[0]
    for label in s.ENTITY_LABELS:
        if label.lower() == prefix:
            return label
    raise ValueError(f"{entity_id!r} is not an entity id")


def pick(hits: Sequence[Hit], label: str | None = None) -> Hit | None:
    """The entity meant: an exact name beats an alias, then the most linked, then the id.

    >>> pick([Hit("model:a", "Model", False, 9), Hit("model:b", "Model", True, 1)]).id
    'model:b'
    """
    allowed = [h for h in hits if label is None or h.label == label]
    if not allowed:
        return None
    return max(allowed, key=lambda h: (h.exact, h.degree, _reverse(h.id)))


def _reverse(text: str) -> tuple[int, ...]:
    """A key under which max() prefers the smallest string, for a stable tie-break."""
    return tuple(-ord(c) for c in text)


def not_found(name: str, label: str | None, forms: Iterable[tuple[str, str]]) -> NotFoundError:
    """The error for a name no entity has, with the closest names among ``forms``
    (``(surface form, entity name)`` pairs)."""
    names: dict[str, str] = {}
    for form, entity in forms:
        names.setdefault(form.lower(), entity)
    wanted = name.lower()
    close = difflib.get_close_matches(wanted, list(names), n=10, cutoff=0.5)
    contains = [f for f in names if wanted in f or (len(f) > 2 and f in wanted)]
    suggestions = list(dict.fromkeys(names[f] for f in [*close, *contains]))[:5]
    what = (label or "entity").lower()
    return NotFoundError(f"{what} {name!r} not found", suggestions)


def paper_candidates(ref: str) -> list[str]:
    """The paper ids ``ref`` may be: itself, or a bare DOI or arXiv id with its scheme.

    >>> paper_candidates("2401.01234v2"), paper_candidates("10.1000/XYZ")
    (['2401.01234v2', 'arxiv:2401.01234'], ['10.1000/XYZ', 'doi:10.1000/xyz'])
    """
    doi, arxiv = clean_doi(ref), clean_arxiv_id(ref)
    cands = [ref, *([f"doi:{doi}"] if doi else []), *([f"arxiv:{arxiv}"] if arxiv else [])]
    return list(dict.fromkeys(cands))


def paper_title_key(ref: str) -> str:
    """The key a paper is found by through its title (case and punctuation insensitive)."""
    return f"title:{title_key(ref)}"


def paper_not_found(ref: str, titles: Iterable[str]) -> NotFoundError:
    """The error for a paper reference nothing matches, with the closest titles."""
    by_key = {title_key(t): t for t in titles}
    close = difflib.get_close_matches(title_key(ref), list(by_key), n=3)
    return NotFoundError(
        f"paper {ref!r} not found (give its id, DOI, arXiv id or title)",
        [by_key[k] for k in close],
    )
