"""The LadybugDB files of a generation: the graph and its name index, bulk-loaded.

``graph.lbug`` holds exactly the public schema: one node table per label, one
relationship table per type, so a user's Cypher sees the graph and nothing else.
``names.lbug`` is the name index behind name resolution: ``NameKey`` maps every
normalised name key of every entity (name and aliases) to the entities that have it,
``PaperKey`` maps every external id and title key of every paper to the paper, both
by primary key, so resolving a name or a paper is one hash look-up. It is a database
of its own so the index never shows in the graph users query.

Both are written by ``build``/``add`` inside the new generation, each table copied
from in-memory columns with ``COPY FROM`` (no staging files, no text escaping).
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import ladybug
from paperkg.extract.errors import StoreError

from . import generations
from . import schema as s
from .cypher_rows import Columns, Tables, rel_groups, rel_properties
from .cypher_text import identifier, literal
from .names import keys_of, name_key

DB_FILE = "graph.lbug"
NAMES_FILE = "names.lbug"
_KIND = {
    "str": "STRING",
    "int": "INT64",
    "float": "DOUBLE",
    "bool": "BOOLEAN",
    "list[str]": "STRING[]",
    "list[int]": "INT64[]",
}

#: Neo4j functions the engine spells differently, made available under Neo4j's names
COMPAT_MACROS = (
    "CREATE MACRO type(r) AS label(r)",
    "CREATE MACRO toString(x) AS cast(x AS STRING)",
    "CREATE MACRO toInteger(x) AS cast(x AS INT64)",
    "CREATE MACRO toFloat(x) AS cast(x AS DOUBLE)",
    "CREATE MACRO split(s, d) AS string_split(s, d)",
)
NAMES_DDL = (
    "CREATE NODE TABLE NameKey(key STRING, ids STRING[], exact BOOLEAN[], degree INT64[], "
    "PRIMARY KEY(key))",
    "CREATE NODE TABLE PaperKey(key STRING, ids STRING[], PRIMARY KEY(key))",
    # references no paper of the graph answers to, and who makes them: a paper added
    # later that answers to one is cited by them (graph/increment.py)
    "CREATE NODE TABLE RefKey(key STRING, ids STRING[], PRIMARY KEY(key))",
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
    """The graph database of the current generation of ``graph_dir``."""
    gen = generations.current(graph_dir)
    if gen is None:
        raise generations.missing_graph(graph_dir)
    return gen / DB_FILE


def write_graph(graph: Any, directory: Path, records: Iterable[Any] | None = None) -> None:
    """``graph.lbug`` and ``names.lbug`` of a NetworkX ``graph`` into ``directory``, with
    a checkpoint after each. Papers are also found by the external ids of ``records``."""
    from .cypher_rows import graph_tables

    with _gc_paused():
        write_database(graph_tables(graph), directory / DB_FILE)
        generations.checkpoint(DB_FILE)
        keys = paper_keys(graph) if records is None else record_keys(records)
        write_names(entity_names(graph), keys, directory / NAMES_FILE)
        generations.checkpoint(NAMES_FILE)


def write_database(tables: Tables, path: Path) -> Path:
    """Create a database at ``path`` holding the column ``tables``."""
    nodes, rels = tables
    with _connection(path) as conn:
        for statement in (*schema_ddl(), *COMPAT_MACROS):
            conn.execute(statement)
        for label, columns in nodes.items():
            _copy(conn, label, columns, "")
        for (rel, start, end), columns in rels.items():
            _copy(conn, rel, columns, f" (from={literal(start)}, to={literal(end)})")
    return path


#: (entity id, name, aliases, degree)
EntityName = tuple[str, str, Iterable[str], int]


def entity_names(graph: Any) -> Iterator[EntityName]:
    """Every entity of a NetworkX graph with its names and how many relationships it has."""
    for node, data in graph.nodes(data=True):
        if data.get("label") in s.ENTITY_LABELS:
            yield node, data["name"], data.get("aliases") or (), graph.degree(node)


def paper_keys(graph: Any) -> Iterator[tuple[str, str]]:
    """``(key, paper id)`` for the ids and title of every paper of a NetworkX graph."""
    from .names import paper_title_key

    for node, data in graph.nodes(data=True):
        if data.get("label") == s.PAPER:
            yield paper_title_key(data.get("title") or ""), node
            if data.get("doi"):
                yield f"doi:{data['doi']}", node


def record_keys(records: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """``(key, paper id)`` for the external ids and title of every record's paper."""
    from .names import paper_title_key

    for rec in records:
        paper = rec.paper
        yield paper_title_key(paper.title), paper.id
        for external in paper.external_ids:
            yield external, paper.id


def write_names(
    entities: Iterable[EntityName],
    papers: Iterable[tuple[str, str]],
    path: Path,
    refs: Iterable[tuple[str, str]] = (),
) -> Path:
    """Create the name index at ``path``: every key of every entity and paper, and the
    ``(reference, citing paper)`` pairs ``refs`` that no paper answers to."""
    keyed: dict[str, list[tuple[str, bool, int]]] = defaultdict(list)
    for entity, name, aliases, degree in entities:
        own = name_key(name)
        for key in keys_of(name, aliases):
            keyed[key].append((entity, key == own, degree))
    by_paper, by_ref = _grouped(papers), _grouped(refs)
    with _connection(path) as conn:
        for statement in NAMES_DDL:
            conn.execute(statement)
        _copy(conn, "NameKey", _name_columns(keyed), "")
        _copy(conn, "PaperKey", {"key": list(by_paper), "ids": list(by_paper.values())}, "")
        _copy(conn, "RefKey", {"key": list(by_ref), "ids": list(by_ref.values())}, "")
    return path


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """key -> its distinct values, in order.

    >>> _grouped([("k", "a"), ("j", "b"), ("k", "a"), ("k", "c")])
    {'k': ['a', 'c'], 'j': ['b']}
    """
    grouped: dict[str, dict[str, None]] = defaultdict(dict)
    for key, value in pairs:
        grouped[key][value] = None
    return {key: list(values) for key, values in grouped.items()}


def _name_columns(keyed: dict[str, list[tuple[str, bool, int]]]) -> Columns:
    hits = list(keyed.values())
    return {
        "key": list(keyed),
        "ids": [[h[0] for h in hit] for hit in hits],
        "exact": [[h[1] for h in hit] for hit in hits],
        "degree": [[h[2] for h in hit] for hit in hits],
    }


#: the engine's page cache while writing: a COPY needs room for what it loads until the
#: next checkpoint, so a big load checkpoints between chunks (:class:`Loader`)
BUFFER_POOL = 2 << 30


@contextlib.contextmanager
def _connection(path: Path) -> Iterator[ladybug.Connection]:
    """A connection to a new database at ``path``, checkpointed once at the end."""
    # one checkpoint at the end instead of one after every COPY that fills the WAL
    db = ladybug.Database(str(path), auto_checkpoint=False, buffer_pool_size=BUFFER_POOL)
    conn = ladybug.Connection(db)
    try:
        yield conn
        conn.execute("CHECKPOINT")
    except RuntimeError as exc:
        raise StoreError(f"cannot load the graph into the Cypher engine: {exc}") from exc
    finally:
        conn.close()
        db.close()


class Loader:
    """A database being bulk-loaded in parts too big to hold at once. :meth:`settle`
    after each part checkpoints and closes the database and opens it again: the engine
    keeps about 220 MB per 50,000 papers copied for as long as the database is open (a
    checkpoint does not give it back; closing does), which was 4.2 GB at a million
    papers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._open()

    def _open(self) -> None:
        self.db = ladybug.Database(
            str(self.path), auto_checkpoint=False, buffer_pool_size=BUFFER_POOL
        )
        self.conn = ladybug.Connection(self.db)

    def execute(self, query: str, params: dict[str, Any] | None = None) -> Any:
        return self.conn.execute(query, params or {})

    def settle(self) -> None:
        """Checkpoint, and let the engine give back what it holds."""
        self.conn.execute("CHECKPOINT")
        self.close()
        self._open()

    def close(self) -> None:
        self.conn.close()
        self.db.close()


@contextlib.contextmanager
def loader(path: Path) -> Iterator[Loader]:
    """A :class:`Loader` of a new database at ``path``, checkpointed and closed at the end."""
    load = Loader(path)
    try:
        yield load
        load.execute("CHECKPOINT")
    except RuntimeError as exc:
        raise StoreError(f"cannot load the graph into the Cypher engine: {exc}") from exc
    finally:
        load.close()


def copy_chunk(load: Loader, table: str, columns: Columns, pair: str = "") -> None:
    """One part of a load too big for memory: copied, then settled."""
    _copy(load, table, columns, pair)
    load.settle()


def _copy(conn: ladybug.Connection | Loader, table: str, columns: Columns, pair: str) -> None:
    """``COPY table FROM`` a DataFrame of ``columns``, in schema order (COPY maps by
    position). Object columns keep Python's values as they are: pandas would otherwise
    turn an int column holding a null into floats."""
    if not next(iter(columns.values())):
        return
    import pandas as pd  # only writers load it

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
