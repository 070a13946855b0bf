"""Cypher text for Neo4j writes, as small pure functions: tests read them, Neo4j's own
grammar validates them, and the ``.cypher`` export reuses them. No driver is imported
here, so the command line can name these without loading it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import schema as s

DEFAULT_BATCH_SIZE = 5_000


def constraint_statements() -> list[str]:
    """One uniqueness constraint per label on ``id``; safe to run on every push.

    >>> constraint_statements()[0]
    'CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE'
    """
    return [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in s.LABELS
    ]


def node_statement(label: str, rows: str = "$rows") -> str:
    """MERGE a batch of ``$rows`` (or the list literal ``rows``) of one label on ``id`` and
    set every property (a ``null`` removes a property the graph no longer has).

    >>> node_statement("Model")
    'UNWIND $rows AS row MERGE (n:Model {id: row.id}) SET n += row'
    """
    return f"UNWIND {rows} AS row MERGE (n:{label} {{id: row.id}}) SET n += row"


def rel_statement(rel: str, start: str, end: str, rows: str = "$rows") -> str:
    """MERGE a batch of ``$rows`` (``from``, ``to``, properties) of one relationship group.

    Real and inferred citations between the same papers are two relationships, so
    ``inferred`` is part of the CITES merge key.

    >>> print(rel_statement("USES", "Paper", "Model").replace(" MATCH", "\\n MATCH"))
    UNWIND $rows AS row
     MATCH (a:Paper {id: row.from})
     MATCH (b:Model {id: row.to}) MERGE (a)-[r:USES]->(b)
    """
    head = (
        f"UNWIND {rows} AS row MATCH (a:{start} {{id: row.from}}) MATCH (b:{end} {{id: row.to}}) "
    )
    if rel == s.CITES:
        return head + "MERGE (a)-[r:CITES {inferred: row.inferred}]->(b) SET r.via = row.via"
    return head + f"MERGE (a)-[r:{rel}]->(b)"


def batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """``rows`` in consecutive slices of at most ``size``.

    >>> [len(b) for b in batches([{}] * 5, 2)]
    [2, 2, 1]
    """
    for i in range(0, len(rows), size):
        yield rows[i : i + size]
