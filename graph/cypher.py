"""Cypher on the saved graph with no server: LadybugDB, the maintained Kùzu fork.

:func:`run` answers one query (or several separated by ``;``, the last one's rows
returned) against the cached database of a graph directory. Queries are
read-only unless ``write=True``; the database is opened read-only too, so the
engine itself refuses a write the guard did not catch. A write runs on a
throwaway copy: the saved graph stays the one source of truth, and the cache
never drifts from it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import ladybug
from paperkg.extract.errors import QueryError

from . import generations
from . import schema as s
from .cypher_columns import neo4j_columns
from .cypher_guard import Statement, check_plan, sanitise
from .cypher_hints import explain
from .cypher_rows import rel_properties
from .cypher_text import check_read_only
from .lbug import DB_FILE


@dataclass(frozen=True, slots=True)
class Result:
    """Column names and rows of values, as the query returned them."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name (the shape ``--format json`` prints)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def run(
    graph_dir: str | Path,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
) -> Result:
    """Run ``query`` with ``params`` on the embedded graph of ``graph_dir``.

    Raises QueryError for a write without ``write=True`` and for anything the
    engine rejects (syntax errors carry the engine's line and offset).
    """
    statements = checked_statements(query, params, write=write)
    with generations.reading(graph_dir) as gen:
        return run_on(gen.file(DB_FILE), statements, write=write)


def checked_statements(
    query: str, params: Mapping[str, Any] | None, *, write: bool
) -> list[Statement]:
    """The sandbox's first layer: no write unless ``write``, strings made parameters."""
    if not write:
        check_read_only(query)
    return sanitise(query, params)


def run_on(
    path: Path, statements: list[Statement], *, write: bool, conn: Any | None = None
) -> Result:
    """Run sanitised ``statements`` on the database at ``path`` (through ``conn`` when
    one is open on it read-only); a write runs on a throwaway copy."""
    if not write:
        if conn is not None:
            return _results(conn, statements, write=False)
        return _execute(path, statements, read_only=True)
    with tempfile.TemporaryDirectory(prefix="paperkg-cypher-write-") as tmp:
        scratch = Path(tmp) / path.name
        shutil.copy2(path, scratch)
        return _execute(scratch, statements, read_only=False)


def _execute(path: Path, statements: list[Statement], *, read_only: bool) -> Result:
    """Run each statement after the engine's own plan of it passed the sandbox."""
    db = ladybug.Database(str(path), read_only=read_only)
    conn = ladybug.Connection(db)
    try:
        return _results(conn, statements, write=not read_only)
    finally:
        conn.close()
        db.close()


def _results(conn: Any, statements: list[Statement], *, write: bool) -> Result:
    for statement in statements:
        result = _checked(conn, statement, write=write)
    engine = [statement.readable(c) for c in result.get_column_names()]
    columns = neo4j_columns(statement.source, engine)
    rows = []
    while result.has_next():
        rows.append([plain(v) for v in result.get_next()])
    return Result(columns, rows)


def _checked(conn: Any, statement: Statement, *, write: bool) -> Any:
    try:
        plan = conn.execute(_EXPLAIN + statement.text, statement.params)
    except RuntimeError as exc:
        raise _error(statement, _unexplained(exc)) from exc
    check_plan(str(plan.get_next()[0]), write=write)
    try:
        return conn.execute(statement.text, statement.params)
    except RuntimeError as exc:
        raise _error(statement, str(exc)) from exc


def _error(statement: Statement, message: str) -> QueryError:
    """The engine's ``message`` as it reads for the user's query (its literals, not
    ``$__sN``), with what to write instead when that helps (:mod:`.cypher_hints`)."""
    return QueryError(explain(statement.source, statement.readable(_message(message))))


_EXPLAIN = "EXPLAIN "


def _unexplained(exc: RuntimeError) -> str:
    r"""The engine's message about ``EXPLAIN query`` as it would read about the query.

    >>> msg = 'Parser exception: x (line: 1, offset: 23)\n"EXPLAIN MATCH (p:P"\n'
    >>> _unexplained(RuntimeError(msg + '                        ^^'))
    'Parser exception: x (line: 1, offset: 15)\n"MATCH (p:P"\n                ^^'
    """
    text = str(exc)
    shift = len(_EXPLAIN)
    text = re.sub(
        r"\(line: 1, offset: (\d+)\)",
        lambda m: f"(line: 1, offset: {max(0, int(m.group(1)) - shift)})",
        text,
    )
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"' + _EXPLAIN):
            lines[i] = '"' + line[1 + shift :]
            if i + 1 < len(lines) and lines[i + 1].startswith(" " * shift):
                lines[i + 1] = lines[i + 1][shift:]
    return "\n".join(lines)


def _message(text: str) -> str:
    text = text.strip()
    if "read-only" in text:
        return f"{text} (add --write to run a query that changes data)"
    return text


def plain(value: Any) -> Any:
    """An engine value as plain JSON-able data: nodes and relationships become dicts of
    their schema properties plus ``_label``; paths become their nodes and relationships.

    >>> plain({"_ID": {"offset": 0, "table": 1}, "_LABEL": "Benchmark", "id": "b", "year": None,
    ...        "name": "B", "aliases": []})
    {'_label': 'Benchmark', 'id': 'b', 'name': 'B', 'aliases': []}
    """
    if isinstance(value, dict) and "_NODES" in value:
        return {
            "nodes": [plain(n) for n in value["_NODES"]],
            "relationships": [plain(r) for r in value["_RELS"]],
        }
    if isinstance(value, dict) and "_LABEL" in value and "_ID" in value:
        label = value["_LABEL"]
        names = rel_properties(label) if label in s.REL_TYPES else s.properties_of(label)
        return {"_label": label, **{k: plain(value.get(k)) for k in names}}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):  # sum() of integers comes back as a 128-bit integer
        return int(value) if value == value.to_integral_value() else float(value)
    return value
