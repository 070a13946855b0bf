"""The entity landscape: what a field is made of, as a small weighted graph.

The page's map draws benchmarks, models and methods, sized by how many papers
mention them and linked when papers mention them together; papers appear only on
demand. This module decides, as a pure function, which entities are on the map and
which of their co-occurrences are drawn:

- an entity mentioned by two papers or more is on the map, and so is one mentioned
  by a single paper that also mentions such an entity (it hangs off it); an entity
  whose only paper mentions nothing else of note is left to search, so the map is
  not a grid of one-paper islands;
- at most ``max_entities``, the most mentioned first;
- each entity keeps its ``links_per_entity`` strongest co-occurrences (by the
  number of shared papers); the union of those is what the map draws, so a hub
  mentioned with everything does not turn the map into a hairball.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from paperkg.graph import schema as s

#: measured: vis-network draws 1,500 nodes and 4,500 links in ~0.1 s per frame on a CPU
MAX_ENTITIES = 1_500
LINKS_PER_ENTITY = 3
#: a map node's radius in page units: SMALLEST + SPAN * sqrt(papers / most papers); the
#: page reads these two numbers, so Python (which keeps nodes apart) and it agree
SMALLEST, SPAN = 4.0, 24.0
_MENTIONS = frozenset((s.INTRODUCES, s.EVALUATES_ON, s.USES))


@dataclass(frozen=True, slots=True)
class Landscape:
    """The map: its entities (most mentioned first), their paper counts and drawn links."""

    members: tuple[str, ...]
    counts: dict[str, int]
    links: tuple[tuple[str, str, int], ...]
    left_out: int = 0
    weights: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)


def paper_entities(graph: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    """Paper node -> the entities it mentions (introduces, evaluates on, uses)."""
    out: dict[str, tuple[str, ...]] = {}
    for node, data in graph.nodes(data=True):
        if data["label"] != s.PAPER:
            continue
        ents = {v for _, v, k in graph.out_edges(node, keys=True) if k in _MENTIONS}
        out[node] = tuple(sorted(ents))
    return out


def cooccurrence(papers: Iterable[tuple[str, ...]]) -> tuple[Counter, Counter]:
    """Entity -> number of papers, and (a, b) with a < b -> number of shared papers.

    >>> counts, pairs = cooccurrence([("a", "b"), ("a", "b", "c"), ("c",)])
    >>> counts["a"], counts["c"], pairs[("a", "b")], pairs[("b", "c")]
    (2, 2, 2, 1)
    """
    counts: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for ents in papers:
        counts.update(ents)
        pairs.update(combinations(sorted(ents), 2))
    return counts, pairs


def landscape(
    graph: nx.MultiDiGraph,
    *,
    max_entities: int = MAX_ENTITIES,
    links_per_entity: int = LINKS_PER_ENTITY,
) -> Landscape:
    """The entities on the map of ``graph`` and the co-occurrence links it draws."""
    counts, pairs = cooccurrence(paper_entities(graph).values())
    names = {n: str(graph.nodes[n].get("name", n)).casefold() for n in counts}
    members = _members(counts, pairs, names, max_entities)
    chosen = set(members)
    weights = {p: w for p, w in pairs.items() if p[0] in chosen and p[1] in chosen}
    links = _backbone(members, weights, counts, links_per_entity)
    all_entities = sum(1 for _, d in graph.nodes(data=True) if d["label"] != s.PAPER)
    return Landscape(tuple(members), dict(counts), links, all_entities - len(members), weights)


def _members(
    counts: Counter, pairs: Counter, names: dict[str, str], max_entities: int
) -> list[str]:
    """Entities of two papers or more, then one-paper entities that hang off them."""
    anchored = {e for e, c in counts.items() if c >= 2}
    if not anchored:
        anchored = set(counts)
    partner: Counter[str] = Counter()  # a one-paper entity -> its best anchored partner's count
    for a, b in pairs:
        for one, other in ((a, b), (b, a)):
            if one not in anchored and other in anchored:
                partner[one] = max(partner[one], counts[other])
    ranked = sorted(anchored, key=lambda e: (-counts[e], names[e], e))
    ranked += sorted(partner, key=lambda e: (-partner[e], names[e], e))
    return ranked[:max_entities]


def _backbone(
    members: list[str],
    weights: dict[tuple[str, str], int],
    counts: Counter,
    k: int,
) -> tuple[tuple[str, str, int], ...]:
    """Each entity's ``k`` strongest links (ties: the more mentioned partner), merged."""
    around: dict[str, list[tuple[str, int]]] = {e: [] for e in members}
    for (a, b), w in weights.items():
        around[a].append((b, w))
        around[b].append((a, w))
    kept: set[tuple[str, str]] = set()
    for node, partners in around.items():
        partners.sort(key=lambda pw: (-pw[1], -counts[pw[0]], pw[0]))
        kept.update((min(node, o), max(node, o)) for o, _ in partners[:k])
    rank = {e: i for i, e in enumerate(members)}
    ordered = sorted(kept, key=lambda p: (rank[p[0]] + rank[p[1]], p))
    return tuple((a, b, weights[(a, b)]) for a, b in ordered)


def radii(scape: Landscape) -> dict[str, float]:
    """Each map entity's radius (area grows with its number of papers).

    >>> scape = Landscape(("a", "b"), {"a": 4, "b": 1}, ())
    >>> radii(scape)
    {'a': 28.0, 'b': 16.0}
    """
    top = max(scape.counts.values(), default=1)
    return {e: SMALLEST + SPAN * math.sqrt(scape.counts.get(e, 0) / top) for e in scape.members}


def map_graph(scape: Landscape) -> nx.Graph:
    """The map as a weighted undirected graph: members as nodes, drawn links as edges."""
    out = nx.Graph()
    out.add_nodes_from(scape.members)
    out.add_weighted_edges_from(scape.links)
    return out
