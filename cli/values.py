"""Nodes, relationships and maps in a Cypher answer, split into one column per property.

Both stores give a node as a dict of its properties with its label under ``_label``
(``graph.cypher.plain``, ``graph.neo4j.plain``). A table shows a node by its key
properties (a Paper: title, year, id; an entity: name, type, id) and never its whole
abstract; csv and tsv get every property, one column each; json and jsonl keep the dicts
as they are. A column ``p`` becomes ``p.title``, ``p.year``, ... as the user would have
written them in the ``RETURN``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from paperkg.graph import schema as s

from .text import is_path

#: the properties a table shows of a node, by label (``type`` is the node's label)
PAPER_KEYS = ("title", "year", "id")
ENTITY_KEYS = ("name", "type", "id")
#: and of a relationship, by type
CITES_KEYS = ("type", "inferred", "via")
LINK_KEYS = ("type", "confidence", "evidence")


def flatten(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, brief: bool
) -> tuple[list[dict[str, Any]], list[str]]:
    """``rows`` with each column of nodes, relationships or maps split into one column
    per property: the key properties when ``brief`` (a table; sub-columns empty in every
    row are left out), else every property.

    >>> paper = {"_label": "Paper", "id": "p1", "title": "WebArena", "abstract": "A web",
    ...          "year": None}
    >>> flatten([{"p": paper, "n": 3}], ["p", "n"], brief=True)
    ([{'p.title': 'WebArena', 'p.id': 'p1', 'n': 3}], ['p.title', 'p.id', 'n'])
    >>> flatten([{"p": paper}], ["p"], brief=False)[1]
    ['p.type', 'p.id', 'p.title', 'p.abstract', 'p.year']
    """
    keys = {c: _keys([r.get(c) for r in rows], brief=brief) for c in columns}
    if brief:
        keys = {
            c: None if ks is None else [k for k in ks if any(_filled(r.get(c), k) for r in rows)]
            for c, ks in keys.items()
        }
    if all(ks is None for ks in keys.values()):
        return [dict(r) for r in rows], list(columns)
    names: list[str] = []
    for c in columns:
        names += [c] if keys[c] is None else [f"{c}.{k}" for k in keys[c] or ()]
    return [_row(r, columns, keys) for r in rows], names


def _row(
    row: Mapping[str, Any], columns: Sequence[str], keys: Mapping[str, list[str] | None]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in columns:
        split = keys[c]
        if split is None:
            out[c] = row.get(c)
        else:
            out.update((f"{c}.{k}", sub(row.get(c), k)) for k in split)
    return out


def sub(value: Any, key: str) -> Any:
    """One property of a node, relationship or map (``type`` is a node's label or a
    relationship's type); None when it has none."""
    if not isinstance(value, dict):
        return None
    if key == "type" and "_label" in value:
        return value["_label"]
    return value.get(key)


def _filled(value: Any, key: str) -> bool:
    return sub(value, key) not in (None, "", [])


def _keys(values: list[Any], *, brief: bool) -> list[str] | None:
    """The sub-columns a column of these values splits into; None when it stays one."""
    present = [v for v in values if v is not None]
    if not present or not all(isinstance(v, dict) and not is_path(v) for v in present):
        return None
    labelled = ["_label" in v for v in present]
    if not any(labelled):  # maps: {title: p.title, year: p.year}
        return list(dict.fromkeys(k for v in present for k in v))
    if not all(labelled):
        return None
    if brief:  # the key properties, the id last
        keys = list(dict.fromkeys(k for v in present for k in _element_keys(v)))
        return [k for k in keys if k != "id"] + (["id"] if "id" in keys else [])
    props = list(dict.fromkeys(k for v in present for k in v if k != "_label"))
    return ["type", *(["id"] if "id" in props else []), *(k for k in props if k != "id")]


def _element_keys(value: Mapping[str, Any]) -> tuple[str, ...]:
    label = value["_label"]
    if label == s.CITES:
        return CITES_KEYS
    if label in s.REL_TYPES:
        return LINK_KEYS if label != s.VARIANT_OF else ("type",)
    return PAPER_KEYS if label == s.PAPER else ENTITY_KEYS
