"""The engine side of an incremental add: what it asks the current generation's
databases, and how it writes the differences into their copies.

Every query here is a fixed text with ``$parameters`` (ids and names never become
Cypher); lists are sent in batches so a big add does not build one huge parameter.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import ladybug
from paperkg.extract.errors import StoreError

from . import lbug
from . import schema as s
from .bulk import _columns
from .cypher import plain
from .cypher_rows import Columns, rel_properties
from .cypher_text import literal

BATCH = 5_000
#: the relationship from a paper to an entity of each label, other than INTRODUCES
USE_OF = {s.BENCHMARK: s.EVALUATES_ON, s.MODEL: s.USES, s.METHOD: s.USES}

PAPER_IDS = "UNWIND $ids AS i MATCH (p:Paper {id: i}) RETURN p.id"
KEY_ROWS = "UNWIND $ids AS i MATCH (k:{table} {{key: i}}) RETURN k.key, k.ids{extra}"
INTRODUCERS = (
    "UNWIND $ids AS i MATCH (p:Paper)-[r:INTRODUCES]->(e:{label} {{id: i}}) "
    "RETURN e.id, p.id, p.year, r.confidence, r.mentions, p.title, p.abstract"
)
USERS = (
    "UNWIND $ids AS i MATCH (p:Paper)-[r:{rel}]->(e:{label} {{id: i}}) "
    "RETURN e.id, p.id, p.year, r.confidence, r.mentions{text}"
)
INFERRED = (
    "UNWIND $ids AS i MATCH (a:Paper {id: i.a})-[c:CITES]->(b:Paper {id: i.b}) "
    "WHERE c.inferred RETURN a.id, b.id, c.via"
)
SET_VIA = (
    "UNWIND $rows AS r MATCH (a:Paper {id: r.a})-[c:CITES]->(b:Paper {id: r.b}) "
    "WHERE c.inferred SET c.via = r.via"
)
DROP_INFERRED = (
    "UNWIND $rows AS r MATCH (a:Paper {id: r.a})-[c:CITES]->(b:Paper {id: r.b}) "
    "WHERE c.inferred DELETE c"
)
SET_NAMES = (
    "UNWIND $rows AS r MATCH (e:{label} {{id: r.id}}) SET e.name = r.name, e.aliases = r.aliases"
)
DROP_VARIANT = (
    "UNWIND $rows AS r MATCH (a:Model {id: r.a})-[v:VARIANT_OF]->(b:Model {id: r.b}) DELETE v"
)
DROP_NODES = "UNWIND $rows AS r MATCH (e:Model {id: r.id}) DETACH DELETE e"
DROP_KEYS = "UNWIND $rows AS r MATCH (k:{table} {{key: r.key}}) DELETE k"
SET_KEYS = "UNWIND $rows AS r MERGE (k:{table} {{key: r.key}}) SET k.ids = r.ids{extra}"
NAME_EXTRA = (", k.exact, k.degree", ", k.exact = r.exact, k.degree = r.degree")


class Database:
    """One LadybugDB file of a generation, read-only (the current one) or writable (its
    copy in the new generation)."""

    def __init__(self, path: Path, *, write: bool = False) -> None:
        self.path = path
        try:
            if write:
                self.db = ladybug.Database(
                    str(path), auto_checkpoint=False, buffer_pool_size=lbug.BUFFER_POOL
                )
            else:
                self.db = ladybug.Database(str(path), read_only=True)
            self.conn = ladybug.Connection(self.db)
        except RuntimeError as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()
        self.db.close()

    def rows(self, query: str, ids: Iterable[Any]) -> list[list[Any]]:
        """``query`` run on ``$ids`` in batches; every row, values made plain."""
        out: list[list[Any]] = []
        for batch in _batches(ids):
            result = self._run(query, {"ids": batch})
            out += [[plain(v) for v in row] for row in result.get_all()]
        return out

    def each(self, query: str, rows: Iterable[dict[str, Any]]) -> None:
        """A write ``query`` run on ``$rows`` in batches."""
        for batch in _batches(rows):
            self._run(query, {"rows": batch})

    def copy(self, table: str, rows: list[dict[str, Any]]) -> None:
        lbug._copy(self.conn, table, _columns(rows, s.properties_of(table)), "")

    def copy_rel(self, rel: str, start: str, end: str, rows: list[tuple]) -> None:
        """``(from, to, properties)`` rows into one relationship group, in one COPY (the
        bulk writer's chunks checkpoint each time, which an add's few rows do not need)."""
        if rows:
            columns: Columns = {"from": [r[0] for r in rows], "to": [r[1] for r in rows]}
            columns.update(_columns([r[2] for r in rows], rel_properties(rel)))
            lbug._copy(self.conn, rel, columns, f" (from={literal(start)}, to={literal(end)})")

    def commit(self) -> None:
        self._run("CHECKPOINT", {})

    def _run(self, query: str, params: dict[str, Any]) -> Any:
        try:
            return self.conn.execute(query, params)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: the incremental add failed ({exc})") from exc


@contextlib.contextmanager
def opened(path: Path, *, write: bool = False) -> Iterator[Database]:
    db = Database(path, write=write)
    try:
        yield db
        if write:
            db.commit()
    finally:
        db.close()


def key_rows(names: Database, table: str, keys: Iterable[str]) -> dict[str, list[Any]]:
    """key -> the rest of its row (ids, and for NameKey exact and degree)."""
    extra = NAME_EXTRA[0] if table == "NameKey" else ""
    rows = names.rows(KEY_ROWS.format(table=table, extra=extra), sorted(set(keys)))
    return {row[0]: row[1:] for row in rows}


def set_keys(names: Database, table: str, rows: dict[str, list[Any]]) -> None:
    """Replace the rows of ``table`` for these keys; a key whose ids are empty goes."""
    names.each(DROP_KEYS.format(table=table), [{"key": k} for k, row in rows.items() if not row[0]])
    fields = ("key", "ids", "exact", "degree")
    kept = [dict(zip(fields, (k, *row), strict=False)) for k, row in rows.items() if row[0]]
    extra = NAME_EXTRA[1] if table == "NameKey" else ""
    names.each(SET_KEYS.format(table=table, extra=extra), kept)


def copy_file(source: Path, target: Path) -> None:
    """``target`` as a copy of ``source``: a reflink where the file system has them
    (instant, shares blocks until written), else an in-kernel copy (``sendfile``)."""
    with source.open("rb") as src, target.open("wb") as dst:
        try:
            import fcntl

            fcntl.ioctl(dst.fileno(), 0x40049409, src.fileno())  # FICLONE
            return
        except OSError:
            pass
    shutil.copyfile(source, target)


def _batches(rows: Iterable[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
