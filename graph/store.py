"""Saving and loading a graph directory, and the JSON shapes of records and graphs.

A graph directory is a sequence of generations (:mod:`.generations`): each holds the
records (every paper with its extracted entities, in JSONL shards: the input the graph
is rebuilt from when papers are added), the graph store (:mod:`.lbug`) and the HTML
page. A save writes a whole new generation and makes it current in one atomic step,
under the directory's write lock, so a crash or a failed run never leaves a
half-written or mismatched graph, and two writers never interleave.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx
from paperkg.extract.errors import StoreError
from paperkg.extract.records import Paper, PaperEntities, entity_from_json

from . import generations, lbug, shards

DEFAULT_DIR = Path("paperkg-out")
RECORDS_FILE = "records.jsonl"
FORMAT = "paperkg-graph"
VERSION = 1


def save(
    directory: str | Path,
    graph: nx.MultiDiGraph,
    records: Iterable[PaperEntities] | None = None,
    *,
    page: Callable[[nx.MultiDiGraph, Path], object] | None = None,
) -> Path:
    """Write ``graph``, its ``records`` (when given) and its ``page`` (a function that writes
    the HTML page to the path it is given) as a new generation of ``directory``; return
    the generation's directory. Waits for another writer to finish first."""
    with generations.transaction(directory) as tx:
        write_generation(tx.path, graph, records, page)
        return tx.commit(summary_of(graph, records is not None))


def write_generation(
    path: Path,
    graph: nx.MultiDiGraph,
    records: Iterable[PaperEntities] | None,
    page: Callable[[nx.MultiDiGraph, Path], object] | None = None,
) -> None:
    """The files of one generation, each followed by a checkpoint: the record shards, the
    graph database and its name index, the page."""
    records = list(records) if records is not None else None
    if records is not None:
        shards.write_shards(records, path, after_each=generations.checkpoint)
    lbug.write_graph(graph, path, records)
    if page is not None:
        page(graph, path / generations.PAGE)
        generations.checkpoint(generations.PAGE)


def summary_of(graph: nx.MultiDiGraph, has_records: bool) -> dict:
    """What a generation's manifest says about its graph."""
    papers = sum(1 for _, d in graph.nodes(data=True) if d.get("label") == "Paper")
    return {"papers": papers, "records": papers if has_records else None}


def load(directory: str | Path) -> nx.MultiDiGraph:
    """The graph saved in ``directory`` as a NetworkX MultiDiGraph with the public schema
    (:mod:`.schema`), or a StoreError that says how to make one."""
    from .local import LocalStore

    with LocalStore(directory) as local:
        return local.graph()


def load_records(directory: str | Path) -> list[PaperEntities]:
    """The records a graph was built from (empty when the directory has none).

    A directory of the layout before generations (or a fixture) holds them in
    ``records.jsonl``.
    """
    directory = Path(directory)
    if generations.current(directory) is None:
        legacy = directory / RECORDS_FILE
        return list(shards.read_jsonl(legacy)) if legacy.is_file() else []
    with generations.reading(directory) as gen:
        return list(shards.read_shards(gen.path))


def graph_to_json(graph: nx.MultiDiGraph) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "nodes": [dict(data) for _, data in graph.nodes(data=True)],
        "edges": [
            {"source": u, "target": v, "key": k, **d}
            for u, v, k, d in graph.edges(keys=True, data=True)
        ],
    }


def graph_from_json(data: dict, path: Path | str = "graph") -> nx.MultiDiGraph:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f'{path} is not a paperkg graph (no "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise StoreError(
            f"{path} has graph version {data.get('version')}; this paperkg "
            f"reads version {VERSION}: rebuild it with `paperkg build`"
        )
    graph = nx.MultiDiGraph()
    try:
        for node in data["nodes"]:
            graph.add_node(node["id"], **node)
        for edge in data["edges"]:
            attrs = {k: v for k, v in edge.items() if k not in ("source", "target", "key")}
            graph.add_edge(edge["source"], edge["target"], key=edge["key"], **attrs)
    except (KeyError, TypeError) as exc:
        raise StoreError(f"{path} is damaged: a node or edge lacks {exc}") from exc
    return graph


def record_to_json(rec: PaperEntities) -> dict:
    p = rec.paper
    paper = {f: getattr(p, f) for f in Paper.__slots__}  # type: ignore[attr-defined]
    return {"paper": paper, "entities": [e.to_json() for e in rec.entities]}


def record_from_json(data: dict) -> PaperEntities:
    p = data["paper"]
    tuples = {"authors", "source", "references"}
    paper = Paper(**{k: tuple(v) if k in tuples else v for k, v in p.items()})
    ents = tuple(entity_from_json(e) for e in data["entities"])
    return PaperEntities(paper, ents)
