"""The graph as plain rows, grouped the way every Cypher target loads them.

The Neo4j writer and the neo4j-admin / ``.cypher`` exports want one list of
property rows per node label, and one list of ``{"from", "to", **properties}``
rows per (relationship type, start label, end label). The embedded engine wants
the same tables column by column (:func:`graph_tables`),
which it bulk-copies without a dict per row. Both shapes come from here, coerced
by the same rules, so every target holds the same graph, and the graph is checked
against :mod:`paperkg.graph.schema` on the way: nothing outside the schema
reaches a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from paperkg.extract.errors import StoreError

from . import schema as s

if TYPE_CHECKING:  # the query path reads these helpers without loading NetworkX
    import networkx as nx

#: (relationship type, start label, end label)
RelKey = tuple[str, str, str]
#: one table: property name -> one value per row
Columns = dict[str, list[Any]]
#: node tables by label and relationship tables by :data:`RelKey`
Tables = tuple[dict[str, Columns], dict[RelKey, Columns]]


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """One row per node, every schema property present (``None`` when unknown), by label.

    >>> import networkx as nx; g = nx.MultiDiGraph()
    >>> g.add_node("benchmark:x", label="Benchmark", id="benchmark:x", name="X")
    >>> node_rows(g)["Benchmark"]
    [{'id': 'benchmark:x', 'name': 'X', 'aliases': []}]
    """
    out: dict[str, list[dict[str, Any]]] = {label: [] for label in s.LABELS}
    for node, data in graph.nodes(data=True):
        label = data.get("label")
        if label not in out:
            raise StoreError(f"node {node!r} has label {label!r}; expected one of {s.LABELS}")
        row = {name: coerce(data.get(name), kind) for name, kind in s.properties_of(label).items()}
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
            row[name] = coerce(data.get(name), kind)
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
    """The property names and types a relationship type carries."""
    if rel == s.CITES:
        return dict(s.CITES_PROPERTIES)
    return {} if rel == s.VARIANT_OF else dict(s.LINK_PROPERTIES)


def coerce(value: Any, kind: str) -> Any:
    """``value`` coerced to the schema ``kind``; lists are never ``None``.

    >>> coerce(None, "list[int]"), coerce(3, "float"), coerce(None, "bool")
    ([], 3.0, False)
    """
    if kind == "list[str]":
        return [str(v) for v in value] if value else []
    if kind == "list[int]":
        return [int(v) for v in value] if value else []
    if value is None:
        return False if kind == "bool" else None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    return str(value)


def graph_tables(graph: nx.MultiDiGraph) -> Tables:
    """The graph as column tables: the values :func:`node_rows` and :func:`rel_rows`
    give, one list per property.

    >>> import networkx as nx; g = nx.MultiDiGraph()
    >>> g.add_node("benchmark:x", label="Benchmark", id="benchmark:x", name="X")
    >>> graph_tables(g)[0]["Benchmark"]
    {'id': ['benchmark:x'], 'name': ['X'], 'aliases': [[]]}
    """
    nodes = node_columns(graph.nodes(data=True))  # first: it rejects a node with no label
    labels = {node: data.get("label") for node, data in graph.nodes(data=True)}
    groups = _empty_groups()
    group_of = groups.get
    for u, neighbours in graph.adjacency():  # the raw dicts: EdgeView costs more than the rest
        start = labels[u]
        for v, keyed in neighbours.items():
            end = labels[v]
            for key, data in keyed.items():
                items = group_of((data.get("type", key), start, end))
                if items is not None:
                    items.append((u, v, data))
    return nodes, rel_columns(groups)


def node_columns(nodes: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, Columns]:
    """``(node key, attributes)`` pairs as one column table per label (every label present)."""
    by_label: dict[str, list[tuple[str, Mapping[str, Any]]]] = {label: [] for label in s.LABELS}
    for node, data in nodes:
        group = by_label.get(data.get("label"))  # type: ignore[arg-type]
        if group is None:
            label = data.get("label")
            raise StoreError(f"node {node!r} has label {label!r}; expected one of {s.LABELS}")
        group.append((node, data))
    out = {}
    for label, items in by_label.items():
        table = {
            name: _coerced([data.get(name) for _, data in items], kind)
            for name, kind in s.properties_of(label).items()
        }
        table["id"] = [str(node) for node, _ in items]
        out[label] = table
    return out


#: edges as (start, end, attributes), by (type, start label, end label); keyed loosely,
#: because a lookup may carry a missing label or a type the schema does not know
EdgeGroups = dict[tuple[Any, Any, Any], list[tuple[str, str, Mapping[str, Any]]]]


def _empty_groups() -> EdgeGroups:
    return {group: [] for group in rel_groups()}


def rel_columns(groups: EdgeGroups) -> dict[RelKey, Columns]:
    """Grouped edges as one column table per group: ``from``, ``to``, then the type's
    properties."""
    out: dict[RelKey, Columns] = {}
    for group, items in groups.items():
        table = {"from": [u for u, _, _ in items], "to": [v for _, v, _ in items]}
        for name, kind in rel_properties(group[0]).items():
            table[name] = _coerced([data.get(name) for _, _, data in items], kind)
        out[group] = table
    return out


def _coerced(values: list[Any], kind: str) -> list[Any]:
    """:func:`coerce` over a whole column, inlined, with values already of the right type
    passed through (a function call per value would cost more than the engine's COPY)."""
    if kind == "str":
        return [v if v is None or type(v) is str else str(v) for v in values]
    if kind == "int":
        return [v if v is None or type(v) is int else int(v) for v in values]
    if kind == "bool":
        return [v if type(v) is bool else bool(v) for v in values]
    if kind == "float":
        return [v if v is None else float(v) for v in values]
    if kind == "list[int]":
        return [[int(item) for item in v] if v else [] for v in values]
    return [[str(item) for item in v] if v else [] for v in values]
