"""Which part of a graph the page shows: focus views and cuts, as a pure function.

``select`` never draws anything; it returns a subgraph and the notes a user
should read (what was cut and why), so it is tested without a browser.
Filters apply in a fixed order: ``since``/``until``, ``types``, ``min_papers``, ``top``,
then ``focus``/``hops`` on what is left, then the ``max_nodes`` safety cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
from paperkg.extract.errors import NotFoundError
from paperkg.graph import query
from paperkg.graph import schema as s

#: beyond this many nodes the page is cut down (the WebGL renderer is measured to 100k)
MAX_NODES = 150_000
FOCUS_HINT = (
    "choose what to show with --focus NAME [--hops N], --top N, --min-papers N, "
    "--since YEAR or --types"
)


@dataclass(frozen=True, slots=True)
class Selection:
    """The subgraph to draw and the notes that explain any cut."""

    graph: nx.MultiDiGraph
    notes: tuple[str, ...] = field(default=())
    focus: str | None = None


@dataclass(frozen=True, slots=True)
class View:
    """Which part of a graph a page shows: the focus views of ``paperkg viz``."""

    focus: str | None = None
    hops: int = 2
    types: tuple[str, ...] | None = None
    min_papers: int | None = None
    top: int | None = None
    since: int | None = None
    max_nodes: int | None = MAX_NODES
    until: int | None = None


def select(graph: nx.MultiDiGraph, view: View = View()) -> Selection:
    """The part of ``graph`` a page should show, with notes on what was left out.

    Raises NotFoundError (with the closest names) when ``view.focus`` names no entity.
    """
    focus, since, until, types, min_papers, top = (
        view.focus,
        view.since,
        view.until,
        view.types,
        view.min_papers,
        view.top,
    )
    focus_node = _focus_node(graph, focus) if focus else None
    keep = set(graph.nodes)
    notes: list[str] = []
    if since is not None or until is not None:
        keep = _papers_between(graph, keep, since, until)
        notes += _no_years(graph, since, until)
    if types:
        keep = {n for n in keep if _label(graph, n) in (s.PAPER, *types)}
    if min_papers:
        keep = _entities_with(
            graph, keep, lambda counts: {n for n, c in counts.items() if c >= min_papers}
        )
    if top:
        keep = _entities_with(graph, keep, lambda counts: set(_ranked(graph, counts)[:top]))
    if any(v is not None for v in (since, until, types, min_papers, top)):
        keep = _drop_orphans(graph, keep)
    if focus_node is not None:
        keep = _neighbourhood(graph, keep, focus_node, view.hops, focus or "")
    # nothing left out: the graph itself (copying 10k papers costs a second)
    sub = graph if len(keep) == graph.number_of_nodes() else graph.subgraph(keep).copy()
    if view.max_nodes is not None and sub.number_of_nodes() > view.max_nodes:
        sub, note = _cut(sub, view.max_nodes)
        notes.append(note)
    return Selection(sub, tuple(notes), focus_node)


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node]["label"]


def _focus_node(graph: nx.MultiDiGraph, name: str) -> str:
    """An entity by name or alias, else a paper by id or exact title."""
    try:
        return query.find_entity(graph, name)
    except NotFoundError as exc:
        wanted = name.strip().casefold()
        for node, data in graph.nodes(data=True):
            if data["label"] == s.PAPER and wanted in (
                node.casefold(),
                str(data.get("title", "")).casefold(),
            ):
                return node
        raise NotFoundError(
            f"--focus {name!r}: no benchmark, model, method or paper of that name", exc.suggestions
        ) from exc


def _papers_between(
    graph: nx.MultiDiGraph, keep: set[str], since: int | None, until: int | None
) -> set[str]:
    """Drop papers before ``since`` or after ``until``, and papers without a year."""
    low, high = since if since is not None else -1, until if until is not None else 10**9
    return {
        n
        for n in keep
        if _label(graph, n) != s.PAPER or low <= (graph.nodes[n].get("year") or -2) <= high
    }


def _no_years(graph: nx.MultiDiGraph, since: int | None, until: int | None) -> list[str]:
    """Why a year bound left no paper, when the reason is that no paper has a year."""
    if any(d.get("year") for _, d in graph.nodes(data=True) if d["label"] == s.PAPER):
        return []
    given = [o for o, v in (("--since", since), ("--until", until)) if v is not None]
    return [f"no paper in this graph has a year; {' and '.join(given)} matched nothing"]


def paper_counts(graph: nx.MultiDiGraph, keep: set[str]) -> dict[str, int]:
    """Entity node -> number of kept papers linked to it."""
    counts = {}
    for node in keep:
        if _label(graph, node) == s.PAPER:
            continue
        counts[node] = len(
            {u for u in graph.predecessors(node) if u in keep and _label(graph, u) == s.PAPER}
        )
    return counts


def _ranked(graph: nx.MultiDiGraph, counts: dict[str, int]) -> list[str]:
    return sorted(counts, key=lambda n: (-counts[n], graph.nodes[n]["name"].casefold(), n))


def _entities_with(graph: nx.MultiDiGraph, keep: set[str], choose) -> set[str]:
    """Keep the entities ``choose(counts)`` picks and only the papers linked to them."""
    entities = choose(paper_counts(graph, keep))
    papers = {
        u
        for e in entities
        for u in graph.predecessors(e)
        if u in keep and _label(graph, u) == s.PAPER
    }
    return entities | papers


def _drop_orphans(graph: nx.MultiDiGraph, keep: set[str]) -> set[str]:
    """Remove nodes that no longer link to anything kept (an entity of dropped papers)."""
    sub = graph.subgraph(keep)
    return {n for n in keep if sub.degree(n) > 0}


def _neighbourhood(
    graph: nx.MultiDiGraph, keep: set[str], node: str, hops: int, name: str
) -> set[str]:
    if node not in keep:
        raise NotFoundError(
            f"--focus {name!r} is in the graph but the other options "
            f"(--since, --until, --types, --min-papers, --top) leave it out"
        )
    undirected = graph.subgraph(keep).to_undirected(as_view=True)
    reach = nx.single_source_shortest_path_length(undirected, node, cutoff=max(hops, 0))
    return set(reach)


def _cut(graph: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, str]:
    """The most connected entities and their papers, as many as fit in ``max_nodes``."""
    counts = paper_counts(graph, set(graph.nodes))
    keep: set[str] = set()
    for entity in _ranked(graph, counts):
        papers = [u for u in graph.predecessors(entity) if _label(graph, u) == s.PAPER]
        new = {entity, *papers} - keep
        if len(keep) + len(new) > max_nodes:
            break
        keep |= new
    total = graph.number_of_nodes()
    note = (
        f"the graph has {total:,} nodes, more than the page shows smoothly "
        f"({max_nodes:,}); showing the most connected entities and their papers "
        f"({len(keep):,} nodes): {FOCUS_HINT}"
    )
    return graph.subgraph(keep).copy(), note
