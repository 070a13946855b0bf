"""Exports for Neo4j without a live connection: neo4j-admin CSV files and a .cypher script.

Both carry exactly what ``paperkg push`` would send (same rows, same statements),
so the three routes into Neo4j give the same graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from paperkg.extract.errors import StoreError
from paperkg.extract.files import atomic_dir, atomic_write

from . import schema as s
from .cypher_rows import node_rows, rel_groups, rel_properties, rel_rows
from .cypher_text import literal
from .neo4j_cypher import batches, constraint_statements, node_statement, rel_statement
from .push_plan import store_node_rows, store_rel_rows

if TYPE_CHECKING:
    from .local import LocalStore

SCRIPT_BATCH = 500
_ADMIN_TYPE = {
    "str": "",
    "int": ":long",
    "float": ":double",
    "bool": ":boolean",
    "list[str]": ":string[]",
    "list[int]": ":long[]",
}
#: array delimiters, the first one no list item contains wins
_DELIMITERS = ";|^~¦§"


def cypher_script_statements(graph: nx.MultiDiGraph) -> list[str]:
    """The statements of the .cypher script: constraints, then literal-row MERGE batches."""
    out = list(constraint_statements())
    for label, rows in node_rows(graph).items():
        out += [node_statement(label, literal(b)) for b in batches(rows, SCRIPT_BATCH)]
    for (rel, start, end), rows in rel_rows(graph).items():
        out += [rel_statement(rel, start, end, literal(b)) for b in batches(rows, SCRIPT_BATCH)]
    return out


def write_cypher_script(graph: nx.MultiDiGraph, path: Path) -> Path:
    """A UTF-8 script for ``cypher-shell -f PATH``; safe to run twice (every write MERGEs)."""
    with atomic_write(path) as out:
        out.write(
            "// paperkg graph export: run with `cypher-shell -f "
            f"{path.name}`; every statement MERGEs, so running it twice is harmless.\n"
        )
        for statement in cypher_script_statements(graph):
            out.write(statement + ";\n")
    return path


#: each table of the graph, as (``"node"``, label) or (``"rel"``, (type, start, end)) and
#: its rows; a new iterator on every call, so the tables can be read twice
Tables = Callable[[], Iterator[tuple[str, Any, Iterable[dict[str, Any]]]]]


def graph_tables(graph: nx.MultiDiGraph) -> Tables:
    """The tables of a graph in memory (:mod:`.cypher_rows`)."""

    def tables() -> Iterator[tuple[str, Any, Iterable[dict[str, Any]]]]:
        for label, rows in node_rows(graph).items():
            yield "node", label, rows
        for group, rows in rel_rows(graph).items():
            yield "rel", group, rows

    return tables


def store_tables(store: LocalStore) -> Tables:
    """The same tables read from a graph directory's store one row at a time, in the same
    order (:mod:`.push_plan`): the export never holds the graph."""

    def tables() -> Iterator[tuple[str, Any, Iterable[dict[str, Any]]]]:
        for label in s.LABELS:
            yield "node", label, store_node_rows(store, label)
        for group in rel_groups():
            yield "rel", group, store_rel_rows(store, *group)

    return tables


def _layout(kind: str, key: Any, delimiter: str) -> tuple[str, list[str], Callable]:
    """A table's file name, its neo4j-admin header, and the function that writes a row."""
    if kind == "node":
        label, props = key, s.properties_of(key)
        header = [f"id:ID({label})", ":LABEL"] + [
            f"{p}{_ADMIN_TYPE[k]}" for p, k in props.items() if p != "id"
        ]

        def node(r: dict[str, Any]) -> list[str]:
            return [_field(r["id"], "str", delimiter), label] + [
                _field(r[p], k, delimiter) for p, k in props.items() if p != "id"
            ]

        return f"nodes-{label}.csv", header, node
    rel, start, end = key
    props = rel_properties(rel)
    header = [f":START_ID({start})", f":END_ID({end})", ":TYPE"] + [
        f"{p}{_ADMIN_TYPE[k]}" for p, k in props.items()
    ]

    def link(r: dict[str, Any]) -> list[str]:
        ends = [_field(r["from"], "str", delimiter), _field(r["to"], "str", delimiter), rel]
        return ends + [_field(r[p], k, delimiter) for p, k in props.items()]

    return f"rels-{rel}-{start}-{end}.csv", header, link


def admin_command(names: list[str], delimiter: str, database: str = "neo4j") -> str:
    """The exact ``neo4j-admin database import full`` command for the files ``names``."""
    args = [f"--nodes={n}" for n in names if n.startswith("nodes-")]
    args += [f"--relationships={n}" for n in names if n.startswith("rels-")]
    args += [
        f"--array-delimiter='{delimiter}'",
        "--multiline-fields=true",
        "--overwrite-destination=true",
    ]
    return f"neo4j-admin database import full {database} \\\n  " + " \\\n  ".join(args)


def write_neo4j_admin(source: nx.MultiDiGraph | LocalStore, directory: Path) -> Path:
    """CSV files for ``neo4j-admin database import full`` and a README with the command,
    from a graph in memory or streamed from a graph directory's store (two passes: the
    array delimiter first, then the rows); the same files either way."""
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} is a file; neo4j-admin export needs a directory")
    tables = graph_tables(source) if isinstance(source, nx.MultiDiGraph) else store_tables(source)
    delimiter = _delimiter(tables)
    names = []
    with atomic_dir(directory) as tmp:
        for kind, key, rows in tables():
            stream = iter(rows)
            first = next(stream, None)
            if first is None:
                continue  # no file for an empty table
            name, header, line = _layout(kind, key, delimiter)
            with (tmp / name).open("w", encoding="utf-8", newline="") as out:
                out.write(",".join(header) + "\n")
                for row in chain((first,), stream):
                    out.write(",".join(line(row)) + "\n")
            names.append(name)
        (tmp / "README.md").write_text(_readme(names, delimiter), encoding="utf-8")
    return directory


def _readme(names: list[str], delimiter: str) -> str:
    return (
        "# paperkg graph for neo4j-admin\n\n"
        "Stop the database (or pick a new name), then run this in this directory:\n\n"
        f"```sh\n{admin_command(names, delimiter)}\n```\n\n"
        "Then create the uniqueness constraints `paperkg push` would create:\n\n"
        "```cypher\n" + ";\n".join(constraint_statements()) + ";\n```\n\n"
        f"List properties are joined with `{delimiter}` (a character no list item contains). "
        "Empty lists and unknown values are left empty, so those nodes have no such property; "
        "use `coalesce(n.aliases, [])` in queries that must work on every import route.\n"
    )


def _delimiter(tables: Tables) -> str:
    used = {
        c
        for _, _, rows in tables()
        for row in rows
        for v in row.values()
        if isinstance(v, list)
        for item in v
        if isinstance(item, str)  # numbers are written in digits, never a delimiter
        for c in item
    }
    for d in _DELIMITERS:
        if d not in used:
            return d
    raise StoreError("every array delimiter occurs inside a list item; cannot export")


def _field(value: Any, kind: str, delimiter: str) -> str:
    """One CSV field: strings quoted (so "" stays ""), nothing for unknown or empty lists."""
    if value is None or (kind.startswith("list") and not value):
        return ""
    if kind == "list[str]":
        value = delimiter.join(value)
    elif kind == "list[int]":
        return delimiter.join(str(int(v)) for v in value)
    elif kind == "bool":
        return "true" if value else "false"
    elif kind in ("int", "float"):
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'
