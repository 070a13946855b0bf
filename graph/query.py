"""The canned questions: which papers use X, which entities are there, what is X."""

from __future__ import annotations

import difflib
from collections import Counter

import networkx as nx
from paperkg.extract.errors import NotFoundError
from paperkg.extract.normalise import name_key

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
    key = name_key(name)
    hits = []
    for node in entity_nodes(graph, label):
        data = graph.nodes[node]
        if key in {name_key(f) for f in (data["name"], *data.get("aliases", ()))}:
            hits.append(node)
    if hits:
        # an exact name beats an alias; then the most connected
        return max(hits, key=lambda n: (name_key(graph.nodes[n]["name"]) == key, graph.degree(n)))
    what = (label or "entity").lower()
    raise NotFoundError(f"{what} {name!r} not found", closest_names(graph, name, label))


def closest_names(
    graph: nx.MultiDiGraph, name: str, label: str | None = None, n: int = 5
) -> list[str]:
    names: dict[str, str] = {}
    for node in entity_nodes(graph, label):
        data = graph.nodes[node]
        for form in (data["name"], *data.get("aliases", ())):
            names.setdefault(form.lower(), data["name"])
    close = difflib.get_close_matches(name.lower(), list(names), n=n * 2, cutoff=0.5)
    contains = [f for f in names if name.lower() in f or (len(f) > 2 and f in name.lower())]
    return list(dict.fromkeys(names[f] for f in [*close, *contains]))[:n]


def variants_of(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """Every model that is (transitively) a variant of ``node``, ``node`` first."""
    seen, todo = [node], [node]
    while todo:
        for child, _, k in graph.in_edges(todo.pop(), keys=True):
            if k == s.VARIANT_OF and child not in seen:
                seen.append(child)
                todo.append(child)
    return seen


def papers_with(
    graph: nx.MultiDiGraph, name: str, label: str | None = None, *, exact: bool = False
) -> list[dict]:
    """Papers linked to the entity ``name`` (and, unless ``exact``, to its variants)."""
    target = find_entity(graph, name, label)
    nodes = [target] if exact else variants_of(graph, target)
    rows: dict[str, dict] = {}
    for node in nodes:
        for paper, _, rel in graph.in_edges(node, keys=True):
            if graph.nodes[paper]["label"] != s.PAPER:
                continue
            p = graph.nodes[paper]
            row = rows.setdefault(
                paper,
                {
                    "id": paper,
                    "title": p["title"],
                    "year": p.get("year"),
                    "url": p.get("url"),
                    "relationship": rel,
                    "entity": graph.nodes[node]["name"],
                },
            )
            if rel == s.INTRODUCES:
                row["relationship"] = rel
    return sorted(
        rows.values(),
        key=lambda r: (r["relationship"] != s.INTRODUCES, -(r["year"] or 0), r["title"]),
    )


def _papers_of(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str]]:
    return [
        (u, k) for u, _, k in graph.in_edges(node, keys=True) if graph.nodes[u]["label"] == s.PAPER
    ]


def entity_table(
    graph: nx.MultiDiGraph, label: str | None = None, top: int | None = None
) -> list[dict]:
    """Entities with how many papers mention them, most mentioned first."""
    rows = []
    for node in entity_nodes(graph, label):
        d = graph.nodes[node]
        links = _papers_of(graph, node)
        rows.append(
            {
                "name": d["name"],
                "type": d["label"],
                "papers": len({u for u, _ in links}),
                "introduced_by": sum(k == s.INTRODUCES for _, k in links),
                "aliases": list(d.get("aliases", [])),
            }
        )
    rows.sort(key=lambda r: (-r["papers"], r["name"].lower()))
    return rows[:top] if top else rows


def cooccurring(graph: nx.MultiDiGraph, node: str, top: int = 10) -> list[dict]:
    """Entities mentioned in the same papers as ``node``, most shared papers first."""
    counts: Counter[str] = Counter()
    for paper, _ in _papers_of(graph, node):
        others = {
            v for v in graph.successors(paper) if v != node and graph.nodes[v]["label"] != s.PAPER
        }
        counts.update(others)
    return [
        {"name": graph.nodes[n]["name"], "type": graph.nodes[n]["label"], "papers": c}
        for n, c in sorted(counts.items(), key=lambda kv: (-kv[1], graph.nodes[kv[0]]["name"]))[
            :top
        ]
    ]


def entity_card(graph: nx.MultiDiGraph, name: str, label: str | None = None) -> dict:
    """Everything a user wants to know about one entity."""
    node = find_entity(graph, name, label)
    d = graph.nodes[node]
    links = _papers_of(graph, node)
    intro = [graph.nodes[u] for u, k in links if k == s.INTRODUCES]
    family = [
        graph.nodes[v]["name"] for _, v, k in graph.out_edges(node, keys=True) if k == s.VARIANT_OF
    ]
    variants = [graph.nodes[n]["name"] for n in variants_of(graph, node)[1:]]
    return {
        "id": node,
        "name": d["name"],
        "type": d["label"],
        "aliases": list(d.get("aliases", [])),
        "introduced_by": [
            {"id": p["id"], "title": p["title"], "year": p.get("year")} for p in intro
        ],
        "used_by": len({u for u, k in links if k != s.INTRODUCES}),
        "variant_of": family,
        "variants": variants,
        "cooccurring": cooccurring(graph, node),
    }


def summary(graph: nx.MultiDiGraph, top: int = 5) -> dict:
    """Counts of papers and entities per type, and the most used entities of each type."""
    out: dict = {"papers": sum(1 for _, d in graph.nodes(data=True) if d["label"] == s.PAPER)}
    out["entities"] = {lab: len(entity_nodes(graph, lab)) for lab in s.ENTITY_LABELS}
    out["edges"] = dict(Counter(d["type"] for _, _, d in graph.edges(data=True)))
    out["top"] = {lab: entity_table(graph, lab, top) for lab in s.ENTITY_LABELS}
    return out


def find_paper(graph: nx.MultiDiGraph, ref: str) -> str:
    """The paper node for an id (``arxiv:2401.01234``), a bare DOI or arXiv id, or a title."""
    titles = {n: d["title"] for n, d in graph.nodes(data=True) if d["label"] == s.PAPER}
    return match_paper(ref, titles)


def match_paper(ref: str, titles: dict[str, str]) -> str:
    """The id among ``titles`` (paper id -> title) that ``ref`` names: the id itself, a
    bare DOI or arXiv id, or the title (case- and punctuation-insensitive); else
    NotFoundError with the closest titles. Shared by the local graph and Neo4j.

    >>> match_paper("2401.01234v2", {"arxiv:2401.01234": "A"})
    'arxiv:2401.01234'
    """
    from paperkg.extract.normalise import clean_arxiv_id, clean_doi, title_key

    for cand in (ref, f"doi:{clean_doi(ref)}", f"arxiv:{clean_arxiv_id(ref)}"):
        if cand in titles:
            return cand
    key = title_key(ref)
    for node, title in titles.items():
        if title_key(title) == key:
            return node
    close = difflib.get_close_matches(key, [title_key(t) for t in titles.values()], n=3)
    found = [t for t in titles.values() if title_key(t) in close]
    raise NotFoundError(f"paper {ref!r} not found (give its id, DOI, arXiv id or title)", found)


def citations(graph: nx.MultiDiGraph, ref: str, *, cited_by: bool = False) -> list[dict]:
    """Papers that ``ref`` cites (or, with ``cited_by``, that cite it), real and inferred."""
    paper = find_paper(graph, ref)
    edges = graph.in_edges(paper, data=True) if cited_by else graph.out_edges(paper, data=True)
    rows = []
    for u, v, d in edges:
        if d["type"] != s.CITES:
            continue
        other = graph.nodes[u if cited_by else v]
        rows.append(citation_row(other, d["inferred"], d.get("via")))
    return sort_citations(rows)


def citation_row(other: dict, inferred: bool, via: list[str] | None) -> dict:
    """One row of ``papers --cites/--cited-by``, the same shape locally and from Neo4j."""
    return {
        "id": other["id"],
        "title": other["title"],
        "year": other.get("year"),
        "url": other.get("url"),
        "relationship": s.CITES,
        "inferred": bool(inferred),
        "via": list(via or []),
    }


def sort_citations(rows: list[dict]) -> list[dict]:
    """Real citations first, then newest first, then by title."""
    return sorted(rows, key=lambda r: (r["inferred"], -(r["year"] or 0), r["title"]))
