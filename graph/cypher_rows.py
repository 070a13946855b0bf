"""The graph as plain rows, grouped the way every Cypher target loads them.

The embedded engine, the Neo4j writer and the neo4j-admin / ``.cypher`` exports
all want the same thing: one list of property rows per node label, and one list
of ``{"from", "to", **properties}`` rows per (relationship type, start label, end
label). Computing them once, purely, keeps the four targets identical, and checks
the graph against :mod:`paperkg.graph.schema` on the way, so nothing outside the
schema reaches a database.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from paperkg.extract.errors import StoreError

from . import schema as s

#: (relationship type, start label, end label)
RelKey = tuple[str, str, str]


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """One row per node, every schema property present (``None`` when unknown), by label.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("benchmark:x", label="Benchmark", id="benchmark:x", name="X")
    >>> node_rows(g)["Benchmark"]
    [{'id': 'benchmark:x', 'name': 'X', 'aliases': []}]
    """
    out: dict[str, list[dict[str, Any]]] = {label: [] for label in s.LABELS}
    for node, data in graph.nodes(data=True):
        label = data.get("label")
        if label not in out:
            raise StoreError(f"node {node!r} has label {label!r}; expected one of {s.LABELS}")
        row = {name: _value(data.get(name), kind) for name, kind in s.properties_of(label).items()}
        row["id"] = str(node)
        out[label].append(row)
    return out


def rel_rows(graph: nx.MultiDiGraph) -> dict[RelKey, list[dict[str, Any]]]:
    """One row per edge (``from``, ``to`` and its properties), by type and endpoint labels.

    Edges the schema does not allow are left out (:func:`off_schema_edges` lists them).
    """
    out: dict[RelKey, list[dict[str, Any]]] = {group: [] for group in rel_groups()}
    for u, v, key, data in graph.edges(keys=True, data=True):
        group = _group(graph, u, v, key, data)
        if group not in out:
            continue
        row: dict[str, Any] = {"from": u, "to": v}
        for name, kind in rel_properties(group[0]).items():
            row[name] = _value(data.get(name), kind)
        out[group].append(row)
    return out


def off_schema_edges(graph: nx.MultiDiGraph) -> list[str]:
    """Edges whose type and endpoint labels the schema does not allow, described for a user."""
    allowed = set(rel_groups())
    bad = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        rel, start, end = _group(graph, u, v, key, data)
        if (rel, start, end) not in allowed:
            bad.append(f"{u} -[{key}]-> {v} ({start}-[:{rel}]->{end})")
    return bad


def _group(graph: nx.MultiDiGraph, u: str, v: str, key: str, data: dict) -> RelKey:
    return (data.get("type", key), graph.nodes[u].get("label"), graph.nodes[v].get("label"))


def rel_groups() -> list[RelKey]:
    """Every (type, start label, end label) the schema allows, in schema order.

    >>> rel_groups()[:2]
    [('INTRODUCES', 'Paper', 'Benchmark'), ('INTRODUCES', 'Paper', 'Model')]
    """
    return [
        (rel, start, end)
        for rel in s.REL_TYPES
        for start in s.ENDPOINTS[rel][0]
        for end in s.ENDPOINTS[rel][1]
    ]


def rel_properties(rel: str) -> dict[str, str]:
    """The property names and types a relationship type carries (only CITES has any)."""
    return dict(s.CITES_PROPERTIES) if rel == s.CITES else {}


def _value(value: Any, kind: str) -> Any:
    """``value`` coerced to the schema ``kind``; lists are never ``None``."""
    if kind == "list[str]":
        return [str(v) for v in value] if value else []
    if value is None:
        return False if kind == "bool" else None
    if kind == "int":
        return int(value)
    if kind == "bool":
        return bool(value)
    return str(value)
