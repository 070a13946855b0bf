"""The embedded Cypher database: built from a saved graph with bulk COPY, cached beside it.

``DIR/.cypher-cache/<digest>/graph.lbug`` is a LadybugDB database whose node and
relationship tables are exactly the graph schema. ``<digest>`` is the SHA-256 of
the very ``graph.json`` bytes the database was loaded from (mixed with the engine
version and the schema), so a changed graph always gets a new database and a
stale one is never opened. A database is built
in a private temporary directory and renamed into place, so two processes that
race both end up reading one complete database.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx
from paperkg.extract.errors import StoreError

from . import schema as s
from . import store
from .cypher_rows import node_rows, rel_groups, rel_properties, rel_rows
from .cypher_text import identifier, literal

CACHE_DIR = ".cypher-cache"
_LOADER_VERSION = "1"
DB_FILE = "graph.lbug"
_KIND = {"str": "STRING", "int": "INT64", "bool": "BOOLEAN", "list[str]": "STRING[]"}
#: characters that join list items in the CSV files; the first one no item contains wins
_SEPARATORS = "\x1f\x1e\x1d\x1c\x07\x01\x02\x03\x04\x05\x06"

#: Neo4j functions the engine spells differently, made available under Neo4j's names
COMPAT_MACROS = (
    "CREATE MACRO type(r) AS label(r)",
    "CREATE MACRO toString(x) AS cast(x AS STRING)",
    "CREATE MACRO toInteger(x) AS cast(x AS INT64)",
    "CREATE MACRO toFloat(x) AS cast(x AS DOUBLE)",
    "CREATE MACRO split(s, d) AS string_split(s, d)",
)


def schema_ddl() -> list[str]:
    """CREATE statements for one node table per label and one rel table per type.

    >>> schema_ddl()[-1]
    'CREATE REL TABLE VARIANT_OF(FROM Model TO Model)'
    """
    nodes = [
        f"CREATE NODE TABLE {label}({_columns(s.properties_of(label))}, PRIMARY KEY(id))"
        for label in s.LABELS
    ]
    rels = []
    for rel in s.REL_TYPES:
        pairs = [f"FROM {a} TO {b}" for (r, a, b) in rel_groups() if r == rel]
        props = _columns(rel_properties(rel))
        rels.append(f"CREATE REL TABLE {rel}({', '.join(pairs)}{', ' + props if props else ''})")
    return nodes + rels


def _columns(props: dict[str, str]) -> str:
    return ", ".join(f"{identifier(name)} {_KIND[kind]}" for name, kind in props.items())


def database_path(graph_dir: str | Path) -> Path:
    """An up-to-date database for the graph in ``graph_dir``, built when there is none."""
    graph_dir = Path(graph_dir)
    raw = _read_graph_bytes(graph_dir)
    digest = cache_key(raw)
    cache = graph_dir / CACHE_DIR
    final = cache / digest
    if (final / DB_FILE).is_file():
        return final / DB_FILE
    graph = store.graph_from_json(json.loads(raw), store.graph_path(graph_dir))
    cache.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=cache, prefix=".build-"))
    try:
        build_database(graph, tmp / DB_FILE)
        with contextlib.suppress(OSError):  # another process won the race: use its copy
            os.rename(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_stale(cache, keep=digest)
    return final / DB_FILE


def cache_key(graph_bytes: bytes) -> str:
    """The graph's SHA-256 mixed with everything else the database depends on: the
    engine version, the schema and the macros, so none of them can change under a cache."""
    h = hashlib.sha256(graph_bytes)
    recipe = [ladybug.__version__, *schema_ddl(), *COMPAT_MACROS, _LOADER_VERSION]
    h.update("\n".join(recipe).encode("utf-8"))
    return h.hexdigest()


def _read_graph_bytes(graph_dir: Path) -> bytes:
    """The bytes of graph.json, read once so the digest and the load agree."""
    path = store.graph_path(graph_dir)
    if not path.is_file():
        store.load(graph_dir)  # raises the StoreError that says how to build one
    try:
        return path.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc


def _remove_stale(cache: Path, keep: str) -> None:
    for old in cache.iterdir():
        if old.name != keep and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)


def build_database(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Create a database at ``path`` holding ``graph``: schema, macros, then bulk COPY."""
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    try:
        for statement in (*schema_ddl(), *COMPAT_MACROS):
            conn.execute(statement)
        with tempfile.TemporaryDirectory(prefix="paperkg-copy-") as tmp:
            for statement in _copy_statements(graph, Path(tmp)):
                conn.execute(statement)
    except RuntimeError as exc:
        raise StoreError(f"cannot load the graph into the Cypher engine: {exc}") from exc
    finally:
        conn.close()
        db.close()
    return path


def _copy_statements(graph: nx.MultiDiGraph, tmp: Path) -> list[str]:
    """Write one CSV per table (or endpoint pair) and return the COPY statements for them."""
    out = []
    for label, rows in node_rows(graph).items():
        if rows:
            out.append(_copy(label, s.properties_of(label), rows, tmp / f"{label}.csv", ""))
    for (rel, start, end), rows in rel_rows(graph).items():
        if rows:
            props = {"from": "str", "to": "str", **rel_properties(rel)}
            pair = f" (from={literal(start)}, to={literal(end)})"
            out.append(_copy(rel, props, rows, tmp / f"{rel}-{start}-{end}.csv", pair))
    return out


def _copy(table: str, props: dict[str, str], rows: list[dict], path: Path, pair: str) -> str:
    """Write ``rows`` to ``path``; return a COPY that reads it back with the schema's types."""
    sep = _separator(rows, [p for p, k in props.items() if k == "list[str]"])
    _write_csv(path, props, rows, sep)
    header = ", ".join(
        f"{identifier(p)} {_KIND[k] if k != 'list[str]' else 'STRING'}" for p, k in props.items()
    )
    columns = ", ".join(_column(p, k, sep) for p, k in props.items())
    # parallel=false: titles and abstracts may hold quoted newlines
    source = f"LOAD WITH HEADERS ({header}) FROM {literal(str(path))} (header=true, parallel=false)"
    return f"COPY {table} FROM ({source} RETURN {columns}){pair}"


def _column(name: str, kind: str, sep: str) -> str:
    col = identifier(name)
    if kind != "list[str]":
        return col
    return (
        f"CASE WHEN {col} IS NULL OR {col} = '' THEN CAST([] AS STRING[]) "
        f"ELSE string_split({col}, {literal(sep)}) END"
    )


def _separator(rows: list[dict], list_columns: list[str]) -> str:
    used = {c for row in rows for col in list_columns for item in row[col] for c in item}
    for sep in _SEPARATORS:
        if sep not in used:
            return sep
    raise StoreError("every list separator occurs inside a list item; cannot load the graph")


def _write_csv(path: Path, props: dict[str, str], rows: Iterable[dict], sep: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(props) + "\n")
        for row in rows:
            out.write(",".join(_cell(row[p], k, sep) for p, k in props.items()) + "\n")


def _cell(value: Any, kind: str, sep: str) -> str:
    """One CSV field: strings always quoted (so '' stays '' and empty means null)."""
    if value is None:
        return ""
    if kind == "list[str]":
        value = sep.join(value)
    elif kind == "bool":
        return "true" if value else "false"
    elif kind == "int":
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'
