"""The graph store in a local directory: the current generation's LadybugDB files.

Opening one resolves the current generation and holds it (a shared lock: no writer
retires it meanwhile); the graph database and the name index are opened read-only
on first use. Nothing is loaded into memory: every question is a query.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import ladybug
from paperkg.extract.errors import StoreError

from . import generations, names
from .cypher import Result, checked_statements, plain, run_on
from .lbug import DB_FILE, NAMES_FILE
from .questions import PAPER_IDS_QUERY, Questions

NAME_QUERY = "MATCH (k:NameKey {key: $key}) RETURN k.ids, k.exact, k.degree"
PAPER_KEYS_QUERY = "UNWIND $keys AS k MATCH (p:PaperKey {key: k}) RETURN p.ids"


class LocalStore(Questions):
    """A :class:`~paperkg.graph.graphstore.GraphStore` over a graph directory."""

    def __init__(self, directory: str | Path, *, generation: Path | None = None) -> None:
        self.directory = Path(directory)
        self.where = f"{self.directory}/"
        self._stack = contextlib.ExitStack()
        if generation is None:
            generation = self._stack.enter_context(generations.reading(self.directory)).path
        self.generation = generation
        self._conns: dict[str, Any] = {}

    @classmethod
    def of_generation(cls, path: Path) -> LocalStore:
        """The store of a generation a writer is making (not current yet, so no lock)."""
        return cls(path.parent.parent, generation=path)

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stack.close()

    def _conn(self, name: str) -> Any:
        """A read-only connection to the generation's ``name`` database, opened once."""
        if name not in self._conns:
            path = self.generation / name
            if not path.is_file():
                raise StoreError(f"{path} is missing: the graph directory is damaged")
            try:
                db = ladybug.Database(str(path), read_only=True)
            except RuntimeError as exc:
                raise StoreError(f"cannot open {path}: {exc}") from exc
            conn = ladybug.Connection(db)
            self._stack.callback(db.close)
            self._stack.callback(conn.close)
            self._conns[name] = conn
        return self._conns[name]

    def _execute(self, name: str, query: str, params: Mapping[str, Any] | None) -> Any:
        try:
            return self._conn(name).execute(query, dict(params or {}))
        except RuntimeError as exc:
            raise StoreError(f"{self.where}: the store cannot answer ({exc})") from exc

    def _rows(self, name: str, query: str, params: Mapping[str, Any] | None) -> list[list]:
        return [[plain(v) for v in row] for row in self._execute(name, query, params).get_all()]

    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self._execute(DB_FILE, query, params)
        columns = result.get_column_names()
        return [
            dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.get_all()
        ]

    def _entity_hits(self, key: str) -> list[names.Hit]:
        hits = []
        for ids, exact, degree in self._rows(NAMES_FILE, NAME_QUERY, {"key": key}):
            for entity, is_exact, links in zip(ids, exact, degree, strict=True):
                hits.append(names.Hit(entity, names.label_of(entity), is_exact, links))
        return hits

    def _paper_ids(self, ref: str) -> list[str]:
        ids = names.paper_candidates(ref)
        found = [r["id"] for r in self._read(PAPER_IDS_QUERY, {"ids": ids})]
        if found:
            return found
        keys = [*ids, names.paper_title_key(ref)]
        rows = self._rows(NAMES_FILE, PAPER_KEYS_QUERY, {"keys": keys})
        return list(dict.fromkeys(paper for (papers,) in rows for paper in papers))

    def stream(self, query: str) -> Iterator[dict[str, Any]]:
        """The rows of one of paperkg's own queries on the graph, read one at a time."""
        result = self._execute(DB_FILE, query, None)
        columns = result.get_column_names()
        while result.has_next():
            yield dict(zip(columns, (plain(v) for v in result.get_next()), strict=True))

    def cypher(
        self, query: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Result:
        """A user's query, through the sandbox; a write runs on a throwaway copy."""
        statements = checked_statements(query, params, write=write)
        path = self.generation / DB_FILE
        return run_on(path, statements, write=write, conn=None if write else self._conn(DB_FILE))
