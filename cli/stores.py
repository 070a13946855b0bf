"""Where a command's graph is: ``--graph DIR`` or, with ``--neo4j``, a Neo4j server.

Every command that asks a graph something takes :func:`store_options` and opens the
chosen :class:`~paperkg.graph.graphstore.GraphStore` with ``stores.open()``; from there
on it never knows which store it has.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from .output import graph_option

if TYPE_CHECKING:
    from paperkg.graph.graphstore import GraphStore


@dataclass(frozen=True)
class Neo4jTarget:
    """Where to connect; the password is read from NEO4J_PASSWORD, never from an option."""

    uri: str
    user: str
    database: str | None

    def connect(self) -> Any:
        # the driver logs connection failures itself; the one-line error says it all
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        password = os.environ.get("NEO4J_PASSWORD")
        if password is None and sys.stdin.isatty():
            password = click.prompt(f"Neo4j password for {self.user}", hide_input=True)
        from paperkg.graph import neo4j as server

        return server.connect(self.uri, self.user, password)


def neo4j_options(func: Callable) -> Callable:
    """Add --uri/--user/--database (each with its NEO4J_* variable); the target arrives as
    ``target`` (None when no URI is given)."""

    @click.option(
        "--uri",
        envvar="NEO4J_URI",
        metavar="URI",
        help="Neo4j server, e.g. neo4j://localhost:7687 [env NEO4J_URI].",
    )
    @click.option(
        "--user",
        envvar="NEO4J_USER",
        default="neo4j",
        show_default=True,
        metavar="NAME",
        help="Neo4j user [env NEO4J_USER]; the password comes from NEO4J_PASSWORD.",
    )
    @click.option(
        "--database",
        envvar="NEO4J_DATABASE",
        default=None,
        metavar="NAME",
        help="Neo4j database [env NEO4J_DATABASE; default: the server's default].",
    )
    @functools.wraps(func)
    def wrapper(*args: Any, uri: str | None, user: str, database: str | None, **kwargs: Any) -> Any:
        target = Neo4jTarget(uri, user, database or None) if uri else None
        return func(*args, target=target, **kwargs)

    return wrapper


def require(target: Neo4jTarget | None) -> Neo4jTarget:
    if target is None:
        raise click.UsageError("no Neo4j server: give --uri or set NEO4J_URI")
    return target


@dataclass(frozen=True)
class StoreChoice:
    """The store a command was pointed at; :meth:`open` connects to it."""

    graph_dir: str
    target: Neo4jTarget | None
    use_neo4j: bool

    def open(self) -> GraphStore:
        from paperkg.graph.graphstore import open_local, open_neo4j

        if not self.use_neo4j:
            return open_local(self.graph_dir)
        target = require(self.target)
        from paperkg.graph.neo4j import redact

        return open_neo4j(
            target.connect(), database=target.database, where=f"Neo4j at {redact(target.uri)}"
        )


def store_options(func: Callable) -> Callable:
    """Add --graph, --neo4j and the Neo4j connection options; the command gets ``stores``,
    a :class:`StoreChoice`."""

    @click.option(
        "--neo4j", "use_neo4j", is_flag=True, help="Ask a Neo4j server instead (see `push`)."
    )
    @neo4j_options
    @graph_option
    @functools.wraps(func)
    def wrapper(
        *args: Any, use_neo4j: bool, target: Neo4jTarget | None, graph_dir: str, **kwargs: Any
    ) -> Any:
        return func(*args, stores=StoreChoice(graph_dir, target, use_neo4j), **kwargs)

    return wrapper
