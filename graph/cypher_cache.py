"""The embedded Cypher database: built from a saved graph with bulk COPY, cached beside it.

``DIR/.cypher-cache/<digest>/graph.lbug`` is a LadybugDB database whose node and
relationship tables are exactly the graph schema. ``<digest>`` is the SHA-256 of
the very ``graph.json`` bytes the database was loaded from (mixed with the engine
version and the schema), so a changed graph always gets a new database and a
stale one is never opened. A database is built
in a private temporary directory and renamed into place, so two processes that
race both end up reading one complete database.

The load goes straight from graph.json's parsed JSON to one column list per
property, and each table is copied from an in-memory DataFrame: no staging files,
so no text escaping, and 100k papers load in a few seconds
(docs/performance.md, "Cypher performance").
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import ladybug
import networkx as nx
import pandas as pd
from paperkg.extract.errors import StoreError

from . import schema as s
from . import store
from .cypher_rows import Columns, Tables, graph_tables, json_tables, rel_groups, rel_properties
from .cypher_text import identifier, literal

CACHE_DIR = ".cypher-cache"
_LOADER_VERSION = "2"
DB_FILE = "graph.lbug"
_KIND = {"str": "STRING", "int": "INT64", "bool": "BOOLEAN", "list[str]": "STRING[]"}

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
    cache.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=cache, prefix=".build-"))
    try:
        load_json(raw, store.graph_path(graph_dir), tmp / DB_FILE)
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
    recipe = [str(ladybug.__version__), *schema_ddl(), *COMPAT_MACROS, _LOADER_VERSION]
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


def load_json(raw: bytes, source: Path, path: Path) -> Path:
    """Create a database at ``path`` from the bytes of graph.json (read from ``source``),
    with no NetworkX graph in between: the first query's load."""
    with _gc_paused():
        return write_database(_tables_from_json(raw, source), path)


def _tables_from_json(raw: bytes, path: Path) -> Tables:
    """The column tables of graph.json's bytes, after store.load's format and version checks."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path} is not a readable paperkg graph: {exc}") from exc
    _check_header(data, path)
    return json_tables(data, path)


def _check_header(data: object, path: Path) -> None:
    """store's own format and version checks, run on graph.json without its body."""
    header = {**data, "nodes": [], "edges": []} if isinstance(data, dict) else data
    store.graph_from_json(header, path)  # type: ignore[arg-type]


def _remove_stale(cache: Path, keep: str) -> None:
    for old in cache.iterdir():
        if old.name != keep and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)


def build_database(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Create a database at ``path`` holding ``graph``: schema, macros, then bulk COPY."""
    with _gc_paused():
        return write_database(graph_tables(graph), path)


def write_database(tables: Tables, path: Path) -> Path:
    """Create a database at ``path`` holding the column ``tables``, each bulk-copied from
    an in-memory DataFrame: no staging files, no text escaping, strings arrive exactly."""
    nodes, rels = tables
    # one checkpoint at the end instead of one after every COPY that fills the WAL
    db = ladybug.Database(str(path), auto_checkpoint=False)
    conn = ladybug.Connection(db)
    try:
        for statement in (*schema_ddl(), *COMPAT_MACROS):
            conn.execute(statement)
        for label, columns in nodes.items():
            _copy(conn, label, columns, "")
        for (rel, start, end), columns in rels.items():
            _copy(conn, rel, columns, f" (from={literal(start)}, to={literal(end)})")
        conn.execute("CHECKPOINT")
    except RuntimeError as exc:
        raise StoreError(f"cannot load the graph into the Cypher engine: {exc}") from exc
    finally:
        conn.close()
        db.close()
    return path


def _copy(conn: ladybug.Connection, table: str, columns: Columns, pair: str) -> None:
    """``COPY table FROM`` a DataFrame of ``columns``, in schema order (COPY maps by
    position). Object columns keep Python's values as they are: pandas would otherwise
    turn an int column holding a null into floats."""
    if not next(iter(columns.values())):
        return
    frame = pd.DataFrame(
        {name: pd.Series(values, dtype=object) for name, values in columns.items()}
    )
    conn.execute(f"COPY {table} FROM $frame{pair}", {"frame": frame})


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a load. It makes millions of small dicts and
    lists and no cycles, so the collector's repeated passes over them only cost time
    (about a third of the Python side at 100k papers); they are all freed by reference
    counting before the collector is resumed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
