"""What ``paperkg push`` sends after the constraints: (statement, batch of rows) pairs,
every node batch before the first relationship batch.

:func:`graph_plan` takes them from a graph in memory; :func:`store_plan` streams them
from a graph directory's store, one table at a time and one batch at a time, so a push
never loads the graph (the engine sorts each table on its side, for the same order as
a loaded graph). Both give the same rows, coerced by the same rules
(:mod:`.cypher_rows`), so the two routes send the same statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from . import schema as s
from .cypher_rows import coerce, node_rows, rel_groups, rel_properties, rel_rows
from .neo4j_cypher import batches, node_statement, rel_statement
from .questions import nodes_query, rels_query

if TYPE_CHECKING:
    import networkx as nx

    from .local import LocalStore

#: one request: a statement and the rows it UNWINDs
Plan = Iterator[tuple[str, list[dict[str, Any]]]]


def graph_plan(graph: nx.MultiDiGraph, batch_size: int) -> Plan:
    """The requests that write ``graph``, in batches of at most ``batch_size`` rows."""
    for label, rows in node_rows(graph).items():
        yield from ((node_statement(label), batch) for batch in batches(rows, batch_size))
    for (rel, start, end), rows in rel_rows(graph).items():
        statement = rel_statement(rel, start, end)
        yield from ((statement, batch) for batch in batches(rows, batch_size))


def store_plan(store: LocalStore, batch_size: int) -> Plan:
    """The requests that write the graph in ``store``, read as they are sent."""
    for label in s.LABELS:
        rows = store_node_rows(store, label)
        yield from ((node_statement(label), batch) for batch in chunks(rows, batch_size))
    for rel, start, end in rel_groups():
        statement = rel_statement(rel, start, end)
        rows = store_rel_rows(store, rel, start, end)
        yield from ((statement, batch) for batch in chunks(rows, batch_size))


def store_node_rows(store: LocalStore, label: str) -> Iterator[dict[str, Any]]:
    """The rows :func:`~.cypher_rows.node_rows` gives for ``label``, read one at a time."""
    kinds = s.properties_of(label)
    for row in store.stream(nodes_query(label)):
        yield {name: coerce(row.get(name), kind) for name, kind in kinds.items()}


def store_rel_rows(store: LocalStore, rel: str, start: str, end: str) -> Iterator[dict[str, Any]]:
    """The rows :func:`~.cypher_rows.rel_rows` gives for one group, read one at a time."""
    kinds = rel_properties(rel)
    for row in store.stream(rels_query(rel, start, end)):
        yield {"from": row["src"], "to": row["dst"]} | {
            name: coerce(row.get(name), kind) for name, kind in kinds.items()
        }


def chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """``rows`` in consecutive lists of at most ``size``, taken as they come.

    >>> [len(c) for c in chunks(({} for _ in range(5)), 2)]
    [2, 2, 1]
    """
    stream = iter(rows)
    while batch := list(islice(stream, size)):
        yield batch
