"""Finding things in a NetworkX graph held in memory (the HTML page's focus, analyses).

The command-line questions are asked of a store (:mod:`.questions`); these helpers
answer the same "which entity is meant" for a graph already loaded, by the same
rules (:mod:`.names`).
"""

from __future__ import annotations

import networkx as nx

from . import names
from . import schema as s


def entity_nodes(graph: nx.MultiDiGraph, label: str | None = None) -> list[str]:
    return [
        n
        for n, d in graph.nodes(data=True)
        if d["label"] != s.PAPER and (label is None or d["label"] == label)
    ]


def find_entity(graph: nx.MultiDiGraph, name: str, label: str | None = None) -> str:
    """The node of the entity called ``name`` (or one of its aliases), any case or hyphen.

    Raises NotFoundError with the closest names when there is none.
    """
    key = names.name_key(name)
    rows = (
        {"id": n, "name": d["name"], "aliases": d.get("aliases"), "degree": graph.degree(n)}
        for n, d in graph.nodes(data=True)
        if d["label"] != s.PAPER
    )
    hit = names.pick(names.hits_from(rows, key), label)
    if hit is not None:
        return hit.id
    forms = (
        (form, graph.nodes[n]["name"])
        for n in entity_nodes(graph, label)
        for form in (graph.nodes[n]["name"], *graph.nodes[n].get("aliases", ()))
    )
    raise names.not_found(name, label, forms)


def variants_of(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """Every model that is (transitively) a variant of ``node``, ``node`` first."""
    seen, todo = [node], [node]
    while todo:
        for child, _, k in graph.in_edges(todo.pop(), keys=True):
            if k == s.VARIANT_OF and child not in seen:
                seen.append(child)
                todo.append(child)
    return seen
