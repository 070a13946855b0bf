"""Node positions computed in Python, so the browser never runs O(n²) physics.

Small graphs get networkx's ForceAtlas2 on every node. Large ones get it on a
core of the most connected nodes only (linked by their weighted edges and by
shared neighbours); every other node is then placed in one breadth-first sweep
next to its already placed neighbours, on a sunflower spiral so satellites do
not overlap. The cost is ForceAtlas2 on ``core_size`` nodes plus O(edges).

Connected pieces are laid out alone and then packed around the biggest one,
nearest first, into one round map (rows of pieces read as a grid of islands).
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
#: the least space between two nodes' discs when ``radii`` are given, in page units
GAP = 12.0
#: graphs with fewer nodes than this are spread out by sqrt(ROOMY / nodes)
ROOMY = 40
#: pieces this small are placed around their hub without ForceAtlas2
SMALL_PIECE = 12
_GOLDEN = math.pi * (3 - math.sqrt(5))


def layout(
    graph: nx.Graph,
    *,
    core_size: int = CORE_SIZE,
    seed: int = 7,
    radii: dict[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """Positions for every node of ``graph``, deterministic for a given seed.

    Each connected piece is laid out alone, then the pieces are packed around the
    biggest, nearest first, so a graph of many small islands stays one round map.

    With ``radii`` (node -> radius, in layout units) nodes are then pushed apart
    until no two discs overlap.

    >>> pos = layout(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos) == ["a", "b", "c"] and all(len(p) == 2 for p in pos.values())
    True
    """
    simple = _simple(graph)
    degree = dict(simple.degree())
    pieces = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    budget, placed = core_size, []
    for piece in pieces:
        by_degree = sorted(piece, key=lambda n: (-degree[n], str(n)))
        k = min(budget, len(by_degree)) if len(by_degree) > SMALL_PIECE else 1
        budget -= k if k > 1 else 0
        pos = _core_positions(simple, by_degree[: max(k, 1)], by_degree, seed)
        _place_rest(simple, pos, by_degree, degree, seed)
        if radii:
            _separate(pos, radii)
        placed.append(pos)
    packed = _pack(placed)
    # a small graph has room to spare, and its labels need it
    spread = max(1.0, math.sqrt(ROOMY / max(len(packed), 1)))
    return {
        n: (round(float(x) * spread, 1), round(float(y) * spread, 1))
        for n, (x, y) in packed.items()
    }


def _simple(graph: nx.Graph) -> nx.Graph:
    """The undirected simple graph under any graph (self loops dropped, weights kept)."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for u, v, data in graph.edges(data=True):
        if u != v:
            simple.add_edge(u, v, weight=float(data.get("weight", 1)))
    return simple


def _core_positions(
    simple: nx.Graph, core: list[str], piece: list[str], seed: int
) -> dict[str, np.ndarray]:
    """ForceAtlas2 on the core, scaled so neighbouring nodes sit about SPACING apart."""
    if len(core) == 1:
        return {core[0]: np.zeros(2)}
    core_graph = _core_graph(simple, core, piece)
    iterations = 150 if len(core) <= 150 else 80
    raw = nx.forceatlas2_layout(
        core_graph,
        max_iter=iterations,
        seed=seed,
        weight="weight",
        gravity=0.5,
        strong_gravity=True,  # measured: the most even edge lengths on agent-paper graphs
    )
    points = np.array([raw[n] for n in core], dtype=float)
    points -= points.mean(axis=0)
    scale = SPACING / max(_typical_length(core_graph, core, points), 1e-9)
    return {n: p * scale for n, p in zip(core, points, strict=True)}


def _core_graph(simple: nx.Graph, core: list[str], piece: list[str]) -> nx.Graph:
    """Core nodes linked by direct edges and, weighted, by the neighbours they share."""
    members = set(core)
    out = nx.Graph()
    out.add_nodes_from(core)
    weights: Counter[tuple[str, str]] = Counter()
    for u, v, w in simple.subgraph(core).edges(data="weight"):
        weights[(min(u, v), max(u, v))] += 2 * w
    for node in piece:
        if node in members:
            continue
        linked = sorted(n for n in simple[node] if n in members)[:12]
        for u, v in combinations(linked, 2):
            weights[(u, v)] += 1
    out.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    return out


def _typical_length(core_graph: nx.Graph, core: list[str], points: np.ndarray) -> float:
    """Median length of the core's edges (its spread when it has none)."""
    where = {n: i for i, n in enumerate(core)}
    lengths = [
        float(np.linalg.norm(points[where[u]] - points[where[v]])) for u, v in core_graph.edges()
    ]
    if not lengths:
        return float(points.std()) or 1.0
    return float(np.median(lengths))


def _place_rest(
    simple: nx.Graph,
    pos: dict[str, np.ndarray],
    by_degree: list[str],
    degree: dict[str, int],
    seed: int,
) -> None:
    """Place the rest of a connected piece breadth-first from its placed nodes."""
    rng = np.random.default_rng(seed)
    satellites: Counter[str] = Counter()
    queue = deque(n for n in by_degree if n in pos)
    while queue:
        node = queue.popleft()
        for nb in simple[node]:
            if nb not in pos:
                pos[nb] = _beside(simple, pos, nb, degree, satellites, rng)
                queue.append(nb)


def _beside(
    simple: nx.Graph,
    pos: dict[str, np.ndarray],
    node: str,
    degree: dict[str, int],
    satellites: Counter[str],
    rng: np.random.Generator,
) -> np.ndarray:
    """Near the mean of the node's placed neighbours, on a spiral around the biggest."""
    placed = [n for n in simple[node] if n in pos]
    anchor = max(placed, key=lambda n: (degree[n], str(n)))
    k = satellites[anchor]
    satellites[anchor] += 1
    radius = SPACING * 0.45 * math.sqrt(k + 1.5)
    angle = k * _GOLDEN + rng.uniform(-0.2, 0.2)
    centre = sum((pos[n] for n in placed), np.zeros(2)) / len(placed)
    return centre + radius * np.array([math.cos(angle), math.sin(angle)])


def _separate(pos: dict[str, np.ndarray], radii: dict[str, float], rounds: int = 60) -> None:
    """Push overlapping discs apart (each pair by half its overlap) until none overlap.

    Only pairs that could touch are checked; they are found again every few rounds,
    in row blocks so memory stays O(block x n) on a 1,500-node map.
    """
    nodes = list(pos)
    if len(nodes) < 2:
        return
    points = np.array([pos[n] for n in nodes], dtype=float)
    r = np.array([radii.get(n, 0.0) for n in nodes]) + GAP / 2
    reach = 2 * float(r.max()) + SPACING
    rng = np.random.default_rng(3)
    first = second = np.zeros(0, dtype=int)
    for step in range(rounds):
        fresh = step % 5 == 0
        if fresh:
            first, second = _near_pairs(points, reach)
        diff = points[first] - points[second]
        dist = np.linalg.norm(diff, axis=1)
        need = r[first] + r[second]
        over = np.flatnonzero(dist < need)
        if not over.size:
            if fresh:
                break
            first, second = _near_pairs(points, reach)
            continue
        d = dist[over]
        direction = diff[over] / np.maximum(d, 1e-9)[:, None]
        stuck = d < 1e-9
        direction[stuck] = rng.normal(size=(int(stuck.sum()), 2))
        push = ((need[over] - d) / 2 + 0.5)[:, None] * direction
        np.add.at(points, first[over], push)
        np.add.at(points, second[over], -push)
    for node, p in zip(nodes, points, strict=True):
        pos[node] = p


def _near_pairs(points: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of points closer than ``reach``."""
    firsts, seconds = [], []
    index = np.arange(len(points))
    for start in range(0, len(points), 256):
        block = points[start : start + 256]
        dist = np.linalg.norm(block[:, None, :] - points[None, :, :], axis=2)
        rows, cols = np.nonzero(
            (dist < reach) & (index[None, :] > index[start : start + 256, None])
        )
        firsts.append(rows + start)
        seconds.append(cols)
    return np.concatenate(firsts), np.concatenate(seconds)


def _pack(pieces: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Place the laid-out pieces around the first (biggest), each at the nearest free spot.

    Every piece is a disc (its centre and the farthest node plus a margin); a piece
    goes on the innermost ring of candidate spots where its disc overlaps no placed one.
    """
    out: dict[str, np.ndarray] = {}
    centres: list[np.ndarray] = []
    radii: list[float] = []
    for pos in pieces:
        pts = np.array(list(pos.values()))
        mid = (pts.min(axis=0) + pts.max(axis=0)) / 2
        radius = float(np.linalg.norm(pts - mid, axis=1).max()) + SPACING * 0.4
        spot = _free_spot(np.array(centres), np.array(radii), radius) if centres else mid * 0
        for node, p in pos.items():
            out[node] = p - mid + spot
        centres.append(spot)
        radii.append(radius)
    return out


def _free_spot(centres: np.ndarray, radii: np.ndarray, radius: float) -> np.ndarray:
    """The spot nearest the origin where a disc of ``radius`` overlaps none of the others."""
    distance = max(float(radii[0]) - radius, 0.0)
    step = max(radius * 0.5, SPACING * 0.25)
    while True:
        count = max(12, int(2 * math.pi * max(distance, step) / step))
        angles = np.arange(count) * (2 * math.pi / count) + distance * 0.017
        spots = distance * np.stack([np.cos(angles), np.sin(angles)], axis=1)
        gaps = np.linalg.norm(spots[:, None, :] - centres[None, :, :], axis=2) - radii[None, :]
        free = np.flatnonzero((gaps >= radius).all(axis=1))
        if free.size:
            return spots[free[0]]
        distance += step
