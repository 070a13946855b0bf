"""``papers`` with several filters on the real engine, against an answer worked out in
Python from the NetworkX graph: however the query is planned, the rows are the same."""

from __future__ import annotations

import itertools
import sys
from collections import deque
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from paperkg.graph import schema as s
from paperkg.graph import store
from paperkg.graph.build import build_graph
from paperkg.graph.local import LocalStore
from paperkg.graph.selection import PaperFilter

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_papers import synthetic

LINKS = (s.INTRODUCES, s.USES, s.EVALUATES_ON)
FIELD = {s.BENCHMARK: "benchmarks", s.MODEL: "models", s.METHOD: "methods"}


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory):
    records = synthetic(400, 11, titled=False)
    graph = build_graph(records)
    out = tmp_path_factory.mktemp("selection")
    store.save(out, graph, records)
    with LocalStore(out) as local:
        yield local, graph


def family(graph: nx.MultiDiGraph, target: str, exact: bool) -> dict[str, int]:
    """Entity id -> VARIANT_OF hops to ``target`` (only ``target`` itself when ``exact``)."""
    hops = {target: 0}
    todo = deque([target])
    while todo and not exact and graph.nodes[target]["label"] == s.MODEL:
        node = todo.popleft()
        for child, _, key in graph.in_edges(node, keys=True):
            if key == s.VARIANT_OF and child not in hops:
                hops[child] = hops[node] + 1
                todo.append(child)
    return hops


def expected(local: LocalStore, graph: nx.MultiDiGraph, want: PaperFilter) -> list[dict]:
    """The rows ``want`` asks for, from the graph in memory."""
    sets, subject = [], None
    for label, name in want.entity_names():
        hops = family(graph, local.resolve(name, label).id, want.exact)
        linked: dict[str, list] = {}
        for entity in hops:
            for paper, _, rel in graph.in_edges(entity, keys=True):
                if rel.split(":")[0] in LINKS:
                    linked.setdefault(paper, []).append((rel, entity))
        sets.append(set(linked))
        subject = subject or ("entity", label, hops, linked)
    for kind, refs in (("cites", want.cites), ("cited_by", want.cited_by)):
        for ref in refs:
            pid = local.find_paper(ref)
            edges = (
                graph.out_edges(pid, data=True)
                if kind == "cites"
                else graph.in_edges(pid, data=True)
            )
            cites: dict[str, list] = {}
            for u, v, d in edges:
                if d["type"] == s.CITES:
                    cites.setdefault(v if kind == "cites" else u, []).append(d)
            sets.append(set(cites))
            subject = subject or (kind, None, None, cites)
    papers = (
        set.intersection(*sets)
        if sets
        else {n for n, d in graph.nodes(data=True) if d["label"] == s.PAPER}
    )
    rows = []
    for pid in papers:
        p = graph.nodes[pid]
        year = p.get("year")
        if want.since is not None and (year is None or year < want.since):
            continue
        if want.until is not None and (year is None or year > want.until):
            continue
        row: dict[str, Any] = {"id": pid, "title": p["title"], "year": year, "url": p.get("url")}
        row["_intro"] = 0
        if subject and subject[0] == "entity":
            _, label, hops, linked = subject
            intro = any(rel == s.INTRODUCES for rel, _ in linked[pid])
            nearest = min((hops[e], graph.nodes[e]["name"]) for _, e in linked[pid])[1]
            plain = s.EVALUATES_ON if label == s.BENCHMARK else s.USES
            row |= {"relationship": s.INTRODUCES if intro else plain, "entity": nearest}
            row["_intro"] = int(intro)
        elif subject:
            links = subject[3][pid]
            inferred = all(d["inferred"] for d in links)
            via = sorted({v for d in links for v in d.get("via") or ()})
            row |= {"relationship": s.CITES, "inferred": inferred, "via": via}
            row["_intro"] = int(not inferred)
        rows.append(row)
    sort = "year" if subject is None and want.sort == "role" else want.sort
    keys = {
        "role": lambda r: (-r["_intro"], -(r["year"] or 0), r["title"], r["id"]),
        "year": lambda r: (-(r["year"] or 0), r["title"], r["id"]),
        "title": lambda r: (r["title"], r["id"]),
    }
    rows.sort(key=keys[sort])
    cut = rows[: want.limit] if want.limit else rows
    return [{k: v for k, v in r.items() if k != "_intro"} for r in cut]


def wants(local: LocalStore) -> list[PaperFilter]:
    table = local.entity_table()
    picks = [table[0], table[1], table[len(table) // 2], table[-1]]  # the most used and rare
    models = [r for r in table if r["type"] == s.MODEL][:2]
    out = []
    for a, b in itertools.permutations(picks + models[:1], 2):
        names = {FIELD[a["type"]]: (a["name"],)}
        names.setdefault(FIELD[b["type"]], ())
        names[FIELD[b["type"]]] += (b["name"],)
        for since, until, sort, limit, exact in (
            (None, None, "role", None, False),
            (2023, None, "role", 5, False),
            (None, 2023, "year", None, True),
            (2022, 2023, "title", 7, False),
        ):
            out.append(
                PaperFilter(**names, since=since, until=until, sort=sort, limit=limit, exact=exact)
            )
    out += [
        PaperFilter(models=(models[0]["name"],), since=2023, limit=3),
        PaperFilter(benchmarks=(picks[0]["name"],), since=2024, until=2024, sort="title"),
        PaperFilter(since=2024, limit=10),
        PaperFilter(until=2022, sort="title"),
    ]
    return out


def test_several_filters_give_the_rows_the_graph_gives(opened) -> None:
    local, graph = opened
    asked = wants(local)
    assert len(asked) > 60
    nonempty = 0
    for want in asked:
        rows = local.select_papers(want).rows
        assert rows == expected(local, graph, want), want
        nonempty += bool(rows)
    assert nonempty > len(asked) * 0.8


def test_citation_filters_give_the_rows_the_graph_gives(opened) -> None:
    local, graph = opened
    cited = sorted(
        {v for u, v, d in graph.edges(data=True) if d["type"] == s.CITES},
        key=lambda n: -graph.in_degree(n),
    )[:3]
    name = local.entity_table()[0]["name"]
    label = local.entity_table()[0]["type"]
    checked = 0
    for paper in cited:
        for want in (
            PaperFilter(cited_by=(paper,), **{FIELD[label]: (name,)}, sort="year"),
            PaperFilter(**{FIELD[label]: (name,)}, cited_by=(paper,), since=2023, limit=4),
            PaperFilter(cites=(paper,), cited_by=(paper,)),
        ):
            rows = local.select_papers(want).rows
            assert rows == expected(local, graph, want), want
            checked += bool(rows)
    assert checked >= 3
