"""Exports for other graph tools: GraphML, GEXF, JSON, neo4j-admin CSV and a .cypher script.

GraphML and GEXF have no list type, so list properties (``authors``, ``aliases``,
``via``…) are written as JSON text and the graph attribute ``list_encoding``
says so; :func:`read_graphml` and :func:`read_gexf` decode them by the schema and
give back the graph that was exported. GEXF reserves an edge's ``type`` for its
direction, so there the relationship type travels as the edge ``label`` and the
MultiDiGraph key as the attribute ``edge_key``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from paperkg.extract.errors import StoreError
from paperkg.extract.files import atomic_write

from . import schema as s
from . import store
from .cypher_rows import rel_properties
from .export_neo4j import write_cypher_script, write_neo4j_admin

FORMATS = ("graphml", "gexf", "json", "neo4j-admin", "cypher")


def export(graph: nx.MultiDiGraph, fmt: str, path: str | Path) -> Path:
    """Write ``graph`` to ``path`` in format ``fmt``; return what was written."""
    writers: dict[str, Callable[[nx.MultiDiGraph, Path], Path]] = {
        "graphml": write_graphml,
        "gexf": write_gexf,
        "json": write_json,
        "neo4j-admin": write_neo4j_admin,
        "cypher": write_cypher_script,
    }
    if fmt not in writers:
        raise StoreError(f"unknown export format {fmt!r}; expected one of {FORMATS}")
    target = Path(path)
    if fmt != "neo4j-admin" and target.is_dir():
        raise StoreError(f"{target} is a directory; give a file name for --format {fmt}")
    return writers[fmt](graph, target)


def write_json(graph: nx.MultiDiGraph, path: Path) -> Path:
    """The paperkg graph format (the same as graph.json), readable by ``store.graph_from_json``."""
    with atomic_write(path) as out:
        json.dump(store.graph_to_json(graph), out, ensure_ascii=False, indent=1)
    return path


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    with atomic_write(path, "wb", encoding=None) as out:
        nx.write_graphml(portable(graph), out, encoding="utf-8")
    return path


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> Path:
    with atomic_write(path, "wb", encoding=None) as out:
        nx.write_gexf(portable(graph, gexf=True), out, encoding="utf-8")
    return path


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """The graph an exported GraphML file holds, lists decoded."""
    return from_portable(nx.read_graphml(path, force_multigraph=True))


def read_gexf(path: str | Path) -> nx.MultiDiGraph:
    """The graph an exported GEXF file holds, lists decoded and types restored."""
    return from_portable(nx.read_gexf(path), gexf=True)


def portable(graph: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of ``graph`` with only scalar attributes: lists as JSON text, ``None`` left out.

    >>> g = nx.MultiDiGraph(); g.add_node("m", label="Model", id="m", name="M", aliases=["x"])
    >>> portable(g).nodes["m"]["aliases"]
    '["x"]'
    """
    out = nx.MultiDiGraph(list_encoding="json")
    for node, data in graph.nodes(data=True):
        out.add_node(node, **_scalars(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = _scalars(data)
        if gexf:
            attrs["label"] = attrs.pop("type", key)
            attrs["edge_key"] = key
        out.add_edge(u, v, key=key, **attrs)
    return out


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: json.dumps(list(v), ensure_ascii=False) if isinstance(v, list | tuple) else v
        for k, v in data.items()
        if v is not None
    }


def from_portable(graph: nx.Graph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """The inverse of :func:`portable`, guided by the schema's property types."""
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {**data, "id": node}
        out.add_node(node, **_decode(attrs, s.properties_of(attrs.get("label", ""))))
    for u, v, key, data in _keyed_edges(graph):
        attrs = {k: val for k, val in data.items() if not (gexf and k == "id")}
        if gexf:
            attrs["type"] = attrs.pop("label")
            key = attrs.pop("edge_key", key)
        out.add_edge(u, v, key=key, **_decode(attrs, rel_properties(attrs.get("type", ""))))
    return out


def _keyed_edges(graph: nx.Graph) -> list[tuple[Any, Any, Any, dict]]:
    """Edges with their keys (read_gexf makes a simple graph when no two edges are parallel)."""
    if graph.is_multigraph():
        return list(graph.edges(keys=True, data=True))
    return [(u, v, d.get("id"), d) for u, v, d in graph.edges(data=True)]


def _decode(data: dict[str, Any], props: dict[str, str]) -> dict[str, Any]:
    out = dict(data)
    for name, kind in props.items():
        value = out.get(name)
        if kind in ("list[str]", "list[int]"):
            out[name] = json.loads(value) if isinstance(value, str) else list(value or [])
        elif kind == "int" and value is not None:
            out[name] = int(value)
        elif kind == "float" and value is not None:
            out[name] = float(value)
        elif kind == "bool" and isinstance(value, str):
            out[name] = value.lower() == "true"
        else:
            out.setdefault(name, None)
    return out
