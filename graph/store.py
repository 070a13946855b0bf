"""Saving and loading a graph directory.

A graph directory holds ``records.jsonl`` (every paper with its extracted
entities: the input the graph is rebuilt from when papers are added) and
``graph.json`` (the graph itself). Both are written atomically, graph last, so
a crash or a failed run never leaves a half-written or mismatched graph.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
from paperkg.extract.errors import StoreError
from paperkg.extract.files import atomic_write
from paperkg.extract.records import Entity, Paper, PaperEntities

DEFAULT_DIR = Path("paperkg-out")
GRAPH_FILE = "graph.json"
RECORDS_FILE = "records.jsonl"
FORMAT = "paperkg-graph"
VERSION = 1


def graph_path(directory: str | Path) -> Path:
    return Path(directory) / GRAPH_FILE


def save(
    directory: str | Path, graph: nx.MultiDiGraph, records: Iterable[PaperEntities] | None = None
) -> Path:
    """Write records (when given) and the graph into ``directory``; return the graph file."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} exists and is not a directory")
    if records is not None:
        with atomic_write(directory / RECORDS_FILE) as out:
            for rec in records:
                out.write(json.dumps(record_to_json(rec), ensure_ascii=False) + "\n")
    with atomic_write(graph_path(directory)) as out:
        json.dump(graph_to_json(graph), out, ensure_ascii=False)
    return graph_path(directory)


def load(directory: str | Path) -> nx.MultiDiGraph:
    """The graph saved in ``directory``, or a StoreError that says how to make one."""
    path = graph_path(directory)
    if not path.is_file():
        raise StoreError(
            f"no graph in {Path(directory)}/ (expected {path}); "
            f"run `paperkg build SOURCE -o {directory}` first"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path} is not a readable paperkg graph: {exc}") from exc
    return graph_from_json(data, path)


def graph_digest(directory: str | Path) -> str:
    """A content hash of the saved graph, for caches derived from it."""
    h = hashlib.sha256()
    with graph_path(directory).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_records(directory: str | Path) -> list[PaperEntities]:
    """The records a graph was built from (empty when the directory has none)."""
    path = Path(directory) / RECORDS_FILE
    if not path.is_file():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            out.append(record_from_json(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{path}, line {n}: not a paperkg record ({exc})") from exc
    return out


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
    ents = tuple(
        Entity(e["type"], e["name"], tuple(e.get("aliases", ())), e.get("role", "uses"))
        for e in data["entities"]
    )
    return PaperEntities(paper, ents)
