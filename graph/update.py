"""Building a graph directory from papers, from scratch or by adding to it.

The extractor is passed in as a callable, so this module (like all of ``graph``)
never imports spaCy. Nothing is written until every paper is read and extracted:
a run that fails halfway leaves the previous graph as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from paperkg.extract.identity import merge_papers
from paperkg.extract.records import Paper, PaperEntities

from . import store
from .build import build_graph

Extract = Callable[[list[Paper]], Iterable[PaperEntities]]


@dataclass(frozen=True, slots=True)
class UpdateResult:
    graph: nx.MultiDiGraph
    path: Path
    papers_in: int
    added: int
    updated: int
    unchanged: int


def update(
    directory: str | Path, papers: list[Paper], extract: Extract, *, into: bool = False
) -> UpdateResult:
    """Write the graph of ``papers`` into ``directory``.

    With ``into``, the papers are added to the graph already there: a paper seen
    before (same DOI, arXiv, OpenAlex or S2 id, or title) is merged, not duplicated,
    and re-extracted only when its title or abstract changed. Running the same
    input twice changes nothing.
    """
    old = store.load_records(directory) if into else []
    merged, todo, counts = _plan(old, papers)
    fresh = {rec.paper.id: rec for rec in extract([merged[i] for i in todo])} if todo else {}
    records = [
        fresh.get(p.id) or PaperEntities(p, _old_entities(old, i)) for i, p in enumerate(merged)
    ]
    graph = build_graph(records)
    path = store.save(directory, graph, records)
    return UpdateResult(graph, path, len(papers), *counts)


def _plan(old: list[PaperEntities], new: list[Paper]) -> tuple[list[Paper], list[int], tuple]:
    """Merged paper list, indexes needing extraction, (added, updated, unchanged)."""
    merged = [r.paper for r in old]
    combined = merge_papers([*merged, *new])
    todo, added, updated = [], 0, 0
    for i, paper in enumerate(combined):
        if i >= len(merged):
            todo.append(i)
            added += 1
        elif paper.text != merged[i].text:
            todo.append(i)
            updated += 1
    # merge_papers keeps first-seen order, so old papers keep their positions
    return combined, todo, (added, updated, len(merged) - updated)


def _old_entities(old: list[PaperEntities], i: int) -> tuple:
    return old[i].entities if i < len(old) else ()
