"""The data a page embeds: a compact, column-wise JSON of nodes and edges, made safe
to sit inside a ``<script>`` element.

Columns (one array per attribute) keep a 100,000-node page small and fast to
parse. Every string in it is user data: the page only ever puts it into the DOM
with ``textContent``, and :func:`script_json` makes sure no string can close the
script element or start an HTML comment.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import networkx as nx
from paperkg.graph import schema as s

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
MAX_AUTHORS = 12


def script_json(data: object) -> str:
    """JSON that is safe as the text of a ``<script type="application/json">`` element.

    >>> script_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":") if _big(data) else None)
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def _big(data: object) -> bool:
    return isinstance(data, Mapping) and len(data.get("nodes", {}).get("id", ())) > 2000


def safe_url(url: object) -> str | None:
    """The URL when it is http(s), else None: a ``javascript:`` link must never be made.

    >>> safe_url("https://arxiv.org/abs/1"), safe_url("javascript:alert(1)")
    ('https://arxiv.org/abs/1', None)
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if url.lower().startswith(("https://", "http://")) else None


def build_payload(
    graph: nx.MultiDiGraph, positions: Mapping[str, tuple[float, float]], meta: Mapping[str, object]
) -> dict:
    """Nodes and edges of ``graph`` as columns, with positions and page settings."""
    order = list(graph.nodes)
    index = {n: i for i, n in enumerate(order)}
    return {
        "meta": dict(meta),
        "types": list(s.LABELS),
        "rels": list(s.REL_TYPES),
        "nodes": _node_columns(graph, order, positions),
        "edges": _edge_columns(graph, index),
    }


def _node_columns(
    graph: nx.MultiDiGraph, order: list[str], positions: Mapping[str, tuple[float, float]]
) -> dict[str, list]:
    type_index = {lab: i for i, lab in enumerate(s.LABELS)}
    cols: dict[str, list] = {
        k: []
        for k in (
            "id",
            "t",
            "name",
            "x",
            "y",
            "deg",
            "year",
            "url",
            "abstract",
            "authors",
            "aliases",
        )
    }
    for node in order:
        d = graph.nodes[node]
        paper = d["label"] == s.PAPER
        x, y = positions.get(node, (0.0, 0.0))
        cols["id"].append(node)
        cols["t"].append(type_index.get(d["label"], 0))
        cols["name"].append(str((d.get("title") if paper else d.get("name")) or node))
        cols["x"].append(x)
        cols["y"].append(y)
        cols["deg"].append(graph.degree(node))
        cols["year"].append(d.get("year") if paper else None)
        cols["url"].append(_paper_url(d) if paper else None)
        cols["abstract"].append((d.get("abstract") or None) if paper else None)
        cols["authors"].append(list(d.get("authors") or [])[:MAX_AUTHORS] if paper else None)
        cols["aliases"].append(None if paper else list(d.get("aliases") or []))
    return cols


def _paper_url(data: Mapping[str, object]) -> str | None:
    url = safe_url(data.get("url"))
    if url is None and data.get("doi"):
        url = f"https://doi.org/{data['doi']}"
    return url


def _edge_columns(graph: nx.MultiDiGraph, index: Mapping[str, int]) -> dict:
    rel_index = {rel: i for i, rel in enumerate(s.REL_TYPES)}
    src: list[int] = []
    dst: list[int] = []
    rel: list[int] = []
    via: dict[str, list[str]] = {}
    for u, v, d in graph.edges(data=True):
        if d.get("type") not in rel_index:
            continue
        if d.get("type") == s.CITES and d.get("inferred"):
            via[str(len(src))] = [str(name) for name in d.get("via") or []]
        src.append(index[u])
        dst.append(index[v])
        rel.append(rel_index[d["type"]])
    return {"s": src, "d": dst, "r": rel, "via": via}
