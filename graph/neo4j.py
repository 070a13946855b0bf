"""Pushing the graph to Neo4j and running Cypher there, with the official driver.

The statements come from small pure functions (:func:`constraint_statements`,
:func:`node_statement`, :func:`rel_statement`) so tests can read them, validate
them with Neo4j's own grammar, and reuse them for the ``.cypher`` export. Writes
go through ``session.execute_write``, which retries transient errors; every
statement is a ``MERGE`` keyed on the unique ``id``, so pushing twice leaves the
same graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import neo4j
import networkx as nx
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable
from paperkg.extract.errors import QueryError, StoreError

from . import schema as s
from .cypher import Result
from .cypher_guard import NEO4J_CALLABLE, sanitise
from .cypher_rows import rel_properties
from .neo4j_cypher import DEFAULT_BATCH_SIZE, constraint_statements, node_statement
from .push_plan import graph_plan

_USERINFO = re.compile(r"//[^/@\s]*@")
_CONNECTION_ERRORS = (ServiceUnavailable, AuthError, ConfigurationError, ValueError, OSError)


@dataclass(frozen=True, slots=True)
class PushStats:
    """What a push sent: rows per kind, and how many requests carried them."""

    nodes: int
    relationships: int
    requests: int


def push(
    driver: neo4j.Driver,
    graph: nx.MultiDiGraph,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> PushStats:
    """Write ``graph`` into the database behind ``driver``: constraints, nodes, relationships."""
    if batch_size < 1:
        raise QueryError(f"--batch-size must be at least 1, got {batch_size}")
    return push_plan(driver, graph_plan(graph, batch_size), database=database, progress=progress)


def push_plan(
    driver: neo4j.Driver,
    plan: Iterable[tuple[str, list[dict[str, Any]]]],
    *,
    database: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> PushStats:
    """Send the constraints, then each (statement, rows) of ``plan`` as it comes (from
    :mod:`.push_plan`: a graph, or a store streamed a batch at a time)."""
    advance = progress or (lambda n: None)
    node_queries = {node_statement(label) for label in s.LABELS}
    nodes = rels = requests = 0
    try:
        with driver.session(database=database) as session:
            for statement in constraint_statements():
                session.execute_write(_run, statement, {})
            for statement, batch in plan:
                session.execute_write(_run, statement, {"rows": batch})
                requests += 1
                nodes += len(batch) if statement in node_queries else 0
                rels += 0 if statement in node_queries else len(batch)
                advance(len(batch))
    except _CONNECTION_ERRORS as exc:
        raise StoreError(connection_message(exc)) from exc
    except Neo4jError as exc:
        raise StoreError(f"Neo4j refused the push: {exc.message or exc}") from exc
    return PushStats(nodes, rels, requests)


def _run(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def run_user_query(
    driver: neo4j.Driver,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    write: bool = False,
) -> Result:
    """Run a query a user wrote, through the sandbox's first layer (no LOAD CSV, no
    procedures but the schema ones, one statement, strings sent as parameters); the
    server's own settings are the second layer. Read-only unless ``write``."""
    statements = sanitise(query, params, callable_=NEO4J_CALLABLE)
    if len(statements) > 1:
        raise QueryError("Neo4j runs one statement at a time; remove the ';'")
    statement = statements[0]
    try:
        result = run_query(driver, statement.text, statement.params, database=database, write=write)
    except QueryError as exc:
        raise QueryError(statement.readable(str(exc))) from exc
    return Result([statement.readable(c) for c in result.columns], result.rows)


def run_query(
    driver: neo4j.Driver,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    write: bool = False,
) -> Result:
    """Run ``query`` (paperkg's own Cypher) on the server, in a read transaction unless
    ``write``."""
    try:
        with driver.session(database=database) as session:
            work = session.execute_write if write else session.execute_read
            return work(_collect, query, dict(params or {}))
    except _CONNECTION_ERRORS as exc:
        raise QueryError(connection_message(exc)) from exc
    except Neo4jError as exc:
        raise QueryError(f"Neo4j: {exc.message or exc}") from exc


def _collect(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> Result:
    result = tx.run(query, params)
    columns = list(result.keys())
    return Result(columns, [[plain(v) for v in record.values()] for record in result])


def plain(value: Any) -> Any:
    """A driver value as plain data shaped like the embedded engine's (see cypher.plain)."""
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, neo4j.graph.Node):
        labels = sorted(value.labels)
        label = next((x for x in labels if x in s.LABELS), labels[0] if labels else None)
        return _element(label, dict(value.items()), label in s.LABELS)
    if isinstance(value, neo4j.graph.Relationship):
        return _element(value.type, dict(value.items()), value.type in s.REL_TYPES)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _element(label: str | None, props: dict[str, Any], known: bool) -> dict[str, Any]:
    """A node or relationship shaped like the embedded engine's: ``_label``, the schema's
    properties in its order (one the server lacks is ``[]`` for a list, else None), then
    any other property the server holds."""
    kinds: dict[str, str] = {}
    if known and label is not None:
        kinds = rel_properties(label) if label in s.REL_TYPES else s.properties_of(label)
    out: dict[str, Any] = {"_label": label}
    for name, kind in kinds.items():
        out[name] = plain(props.get(name, [] if kind.startswith("list") else None))
    out.update({k: plain(v) for k, v in props.items() if k not in out})
    return out


def connect(uri: str, user: str | None, password: str | None) -> neo4j.Driver:
    """A driver that has reached the server, or a one-line StoreError without the password."""
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user or "neo4j", password or ""))
        driver.verify_connectivity()
    except _CONNECTION_ERRORS as exc:
        message = connection_message(exc, uri)
        raise StoreError(message.replace(password, "***") if password else message) from None
    return driver


def connection_message(exc: BaseException, uri: str | None = None) -> str:
    """What went wrong reaching the server, in one line, credentials removed.

    >>> connection_message(OSError("refused"), "neo4j://bob:secret@db:7687")
    'cannot reach Neo4j at neo4j://db:7687: refused'
    """
    where = f" at {redact(uri)}" if uri else ""
    if isinstance(exc, AuthError):
        return f"Neo4j{where} rejected the user name or password (check NEO4J_USER/NEO4J_PASSWORD)"
    text = _USERINFO.sub("//", " ".join(str(getattr(exc, "message", None) or exc).split()))
    if isinstance(exc, ValueError) and uri:  # the driver could not even parse the URI
        return f"{redact(uri)} is not a Neo4j URI ({text}); expected e.g. neo4j://localhost:7687"
    return f"cannot reach Neo4j{where}: {text}"


def redact(uri: str) -> str:
    """``uri`` without any user name or password in it, even when it does not parse.

    >>> redact("bolt://u:p@localhost:7687/x"), redact("neo4j://u:p@[::1")
    ('bolt://localhost:7687/x', 'neo4j://[::1')
    """
    try:
        parts = urlsplit(uri)
    except ValueError:  # "Invalid IPv6 URL": remove anything before an @ by hand
        return _USERINFO.sub("//", uri)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=host))
