"""Node positions computed in Python, so the browser never runs O(n²) physics.

Small graphs get networkx's ForceAtlas2 on every node. Large ones get it on a
core of the most connected nodes only (linked by direct edges and by shared
neighbours); every other node is then placed in one breadth-first sweep next to
its already placed neighbours, on a sunflower spiral so satellites do not
overlap. The cost is ForceAtlas2 on ``core_size`` nodes plus O(edges).
"""

from __future__ import annotations

import math
from collections import Counter, deque
from itertools import combinations

import networkx as nx
import numpy as np

#: ForceAtlas2 in networkx is O(n²) per iteration: 400 nodes take about half a second
CORE_SIZE = 400
#: typical distance between neighbouring core nodes, in page units (vis-network pixels)
SPACING = 70.0
_GOLDEN = math.pi * (3 - math.sqrt(5))


def layout(
    graph: nx.Graph,
    *,
    core_size: int = CORE_SIZE,
    seed: int = 7,
) -> dict[str, tuple[float, float]]:
    """Positions for every node of ``graph``, deterministic for a given seed.

    >>> pos = layout(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos) == ["a", "b", "c"] and all(len(p) == 2 for p in pos.values())
    True
    """
    simple = _simple(graph)
    if simple.number_of_nodes() == 0:
        return {}
    by_degree = sorted(simple, key=lambda n: (-simple.degree(n), str(n)))
    core = by_degree[:core_size]
    pos = _core_positions(simple, core, seed)
    _place_rest(simple, pos, by_degree, seed)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}


def _simple(graph: nx.Graph) -> nx.Graph:
    """The undirected simple graph under a MultiDiGraph (self loops dropped)."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return simple


def _core_positions(simple: nx.Graph, core: list[str], seed: int) -> dict[str, np.ndarray]:
    """ForceAtlas2 on the core, scaled so neighbouring nodes sit about SPACING apart."""
    core_graph = _core_graph(simple, core)
    if len(core) == 1:
        return {core[0]: np.zeros(2)}
    iterations = 150 if len(core) <= 150 else 80
    raw = nx.forceatlas2_layout(
        core_graph,
        max_iter=iterations,
        seed=seed,
        weight="weight",
        gravity=2.0,
        scaling_ratio=2.0,
        distributed_action=True,
    )
    points = np.array([raw[n] for n in core], dtype=float)
    points -= points.mean(axis=0)
    scale = SPACING / max(_median_nearest(points), 1e-9)
    return {n: p * scale for n, p in zip(core, points, strict=True)}


def _core_graph(simple: nx.Graph, core: list[str]) -> nx.Graph:
    """Core nodes linked by direct edges and, weighted, by the neighbours they share."""
    members = set(core)
    out = nx.Graph()
    out.add_nodes_from(core)
    weights: Counter[tuple[str, str]] = Counter()
    for u, v in simple.subgraph(core).edges():
        weights[(min(u, v), max(u, v))] += 2
    for node in simple:
        if node in members:
            continue
        linked = sorted(n for n in simple[node] if n in members)[:12]
        for u, v in combinations(linked, 2):
            weights[(u, v)] += 1
    out.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    return out


def _median_nearest(points: np.ndarray) -> float:
    """Median distance from each point to its nearest other point."""
    sample = points[: min(len(points), 2000)]
    dist = np.sqrt(((sample[:, None, :] - sample[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    return float(np.median(dist.min(axis=1)))


def _place_rest(
    simple: nx.Graph, pos: dict[str, np.ndarray], by_degree: list[str], seed: int
) -> None:
    """Place unplaced nodes breadth-first from the placed ones; new components outside."""
    rng = np.random.default_rng(seed)
    satellites: Counter[str] = Counter()
    queue = deque(n for n in by_degree if n in pos)
    extent = max(float(np.linalg.norm(p)) for p in pos.values())
    outer = 0
    for start in by_degree:
        if start not in pos:
            pos[start] = _outside(extent, outer)
            outer += 1
            queue.append(start)
        while queue:
            node = queue.popleft()
            for nb in simple[node]:
                if nb not in pos:
                    pos[nb] = _beside(simple, pos, nb, satellites, rng)
                    queue.append(nb)


def _beside(
    simple: nx.Graph,
    pos: dict[str, np.ndarray],
    node: str,
    satellites: Counter[str],
    rng: np.random.Generator,
) -> np.ndarray:
    """Near the mean of the node's placed neighbours, on a spiral around the biggest."""
    placed = [n for n in simple[node] if n in pos]
    anchor = max(placed, key=lambda n: (simple.degree(n), str(n)))
    k = satellites[anchor]
    satellites[anchor] += 1
    radius = SPACING * 0.45 * math.sqrt(k + 1.5)
    angle = k * _GOLDEN + rng.uniform(-0.2, 0.2)
    centre = np.mean([pos[n] for n in placed], axis=0)
    return centre + radius * np.array([math.cos(angle), math.sin(angle)])


def _outside(extent: float, k: int) -> np.ndarray:
    """A spot for the k-th disconnected piece, on a sunflower ring around the placed graph."""
    r = extent + SPACING * (1.5 + 0.6 * math.sqrt(k + 1))
    return np.array([r * math.cos(k * _GOLDEN), r * math.sin(k * _GOLDEN)])
