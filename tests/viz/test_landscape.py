"""The map's content and shape, without a browser: which entities, which links, where."""

from __future__ import annotations

import math
from itertools import combinations

import networkx as nx
import pytest
from field import field_records
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph.build import build_graph
from paperkg.viz.landscape import MAX_ENTITIES, landscape, map_graph, radii
from paperkg.viz.layout import layout


def _graph(papers: dict[str, list[str]]) -> nx.MultiDiGraph:
    """A graph from {paper id: [names]}; B..., M..., T... are benchmarks, models, methods."""
    kinds = {"B": "BENCHMARK", "M": "MODEL", "T": "METHOD"}
    return build_graph(
        [
            PaperEntities(
                Paper(id=pid, title=f"Paper {pid}"),
                tuple(Entity(kinds[n[0]], n) for n in names),
            )
            for pid, names in papers.items()
        ]
    )


def _names(graph: nx.MultiDiGraph, nodes) -> set[str]:
    return {graph.nodes[n]["name"] for n in nodes}


def test_map_keeps_names_of_two_papers_and_what_hangs_off_them():
    graph = _graph(
        {
            "p1": ["Bweb", "Mgpt", "Tlone"],  # Tlone: one paper, beside two-paper names
            "p2": ["Bweb", "Mgpt"],
            "p3": ["Bisland", "Misland"],  # a one-paper island: left to search
            "p4": [],
        }
    )
    scape = landscape(graph)
    assert _names(graph, scape.members) == {"Bweb", "Mgpt", "Tlone"}
    assert scape.members[-1] == "method:tlone"  # the two-paper names come first
    assert scape.counts["benchmark:bweb"] == 2
    assert scape.left_out == 2


def test_a_graph_without_any_name_in_two_papers_maps_everything():
    graph = _graph({"p1": ["Ba", "Mb"], "p2": ["Bc"]})
    assert _names(graph, landscape(graph).members) == {"Ba", "Mb", "Bc"}


def test_map_is_cut_to_the_most_mentioned():
    graph = _graph({f"p{i}": [f"B{j}" for j in range(i % 7, 7)] for i in range(14)})
    scape = landscape(graph, max_entities=3)
    assert _names(graph, scape.members) == {"B4", "B5", "B6"}
    assert scape.left_out == 4


def test_each_entity_keeps_its_strongest_links_only():
    # a hub appears with everything; each spoke also appears twice with one partner
    papers = {f"h{i}": ["Mhub", f"B{i}"] for i in range(8)}
    papers |= {f"pair{i}{k}": [f"B{i}", f"B{i + 4}"] for i in range(4) for k in range(2)}
    graph = _graph(papers)
    scape = landscape(graph, links_per_entity=1)
    links = {(graph.nodes[a]["name"], graph.nodes[b]["name"]): w for a, b, w in scape.links}
    # B0's strongest partner is B4 (two papers), not the hub (one); the hub keeps one link
    assert links[("B0", "B4")] == 2
    assert sum(1 for a, b in links if "Mhub" in (a, b)) == 1
    full = landscape(graph, links_per_entity=20)
    assert len(full.links) == len(full.weights) > len(scape.links)


def test_radius_grows_with_the_square_root_of_papers():
    graph = _graph({f"p{i}": ["Bbig", "Msmall"] if i < 1 else ["Bbig"] for i in range(9)})
    r = radii(landscape(graph))
    # area in proportion to papers: 9 papers vs 1 paper is 3x the (radius above the smallest)
    small, big = r["model:msmall"], r["benchmark:bbig"]
    assert big - 4.0 == pytest.approx(3 * (small - 4.0))


def test_map_layout_keeps_discs_apart():
    graph = build_graph(field_records(600, seed=3))
    scape = landscape(graph)
    sizes = radii(scape)
    pos = layout(map_graph(scape), radii=sizes)
    assert set(pos) == set(scape.members)
    close = [
        (a, b)
        for a, b in combinations(scape.members, 2)
        if math.dist(pos[a], pos[b]) < sizes[a] + sizes[b] - 0.5
    ]
    assert close == []


def test_pieces_are_packed_around_the_biggest_not_in_rows():
    graph = nx.Graph()
    nx.add_path(graph, [f"main{i}" for i in range(60)])
    graph.add_edges_from((f"main{i}", f"main{(i * 7) % 60}") for i in range(60))
    for k in range(40):
        graph.add_edge(f"island{k}a", f"island{k}b")
    pos = layout(graph)
    xs, ys = zip(*pos.values(), strict=True)
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.6 < width / height < 1.7
    centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    main = [pos[f"main{i}"] for i in range(60)]
    middle = (sum(x for x, _ in main) / 60, sum(y for _, y in main) / 60)
    assert math.dist(middle, centre) < 0.15 * width  # the big piece in the middle
    reach = max(math.dist(middle, p) for p in main)
    islands = [pos[f"island{k}a"] for k in range(40)]
    # 40 islands (each about 100 units across) fit in three rings around it
    assert max(math.dist(middle, p) for p in islands) < reach + 300


def test_landscape_of_a_10k_paper_field_is_capped_and_linked(field_graph):
    scape = landscape(field_graph)
    assert len(scape.members) == MAX_ENTITIES
    assert scape.left_out > 3_000
    biggest = map_graph(scape).subgraph(max(nx.connected_components(map_graph(scape)), key=len))
    assert biggest.number_of_nodes() > 0.9 * MAX_ENTITIES  # one landscape, not islands
    assert len(scape.links) < 3.5 * MAX_ENTITIES  # few enough lines to read
