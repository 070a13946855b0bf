"""Commands for Cypher and for other graph tools: cypher, push, export."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click
from paperkg.graph.cypher_text import check_read_only, parse_param
from paperkg.graph.neo4j_cypher import DEFAULT_BATCH_SIZE

from .lazy import LazyChoice
from .output import emit, format_option, graph_option, progress_callback

# The engines, NetworkX and the Neo4j driver are imported inside the commands that use
# them, so `paperkg --help` and the other commands start without loading them.


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
        help="Neo4j user [env NEO4J_USER]; the password comes from NEO4J_PASSWORD.",
    )
    @click.option(
        "--database",
        envvar="NEO4J_DATABASE",
        default=None,
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


@click.command()
@click.argument("query")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter ($NAME); numbers, true/false/null and JSON lists are "
    "parsed, anything else is a string. Repeatable.",
)
@click.option(
    "--write",
    is_flag=True,
    help="Allow CREATE, MERGE, SET, DELETE, REMOVE. On the "
    "embedded engine a write runs on a throwaway copy; the saved graph is unchanged.",
)
@click.option("--neo4j", "use_neo4j", is_flag=True, help="Run the query on a Neo4j server.")
@neo4j_options
@graph_option
@format_option
def cypher(
    query: str,
    params: tuple[str, ...],
    write: bool,
    use_neo4j: bool,
    target: Neo4jTarget | None,
    graph_dir: str,
    fmt: str,
) -> None:
    """Run a Cypher QUERY on the graph (embedded, no server needed) or on Neo4j.

    QUERY may be "-" to read it from stdin. Queries are read-only unless --write.
    See docs/cypher.md for the schema and examples.

    \b
    Example:
      paperkg cypher "MATCH (p:Paper)-[:EVALUATES_ON]->(b:Benchmark {name: 'WebArena'})
                      RETURN p.title"
      paperkg cypher 'MATCH (p:Paper) WHERE p.year = $y RETURN p.title' --param y=2025
      paperkg cypher --neo4j --uri neo4j://localhost:7687 "MATCH (n) RETURN count(n)"
    """
    text = sys.stdin.read() if query == "-" else query
    values = dict(parse_param(p) for p in params)
    if not write:
        check_read_only(text)
    if use_neo4j:
        from paperkg.graph import neo4j as server

        neo4j_target = require(target)
        with neo4j_target.connect() as driver:
            result = server.run_user_query(
                driver, text, values, database=neo4j_target.database, write=write
            )
    else:
        from paperkg.graph import cypher as embedded

        result = embedded.run(graph_dir, text, values, write=write)
    emit(result.records(), fmt, result.columns)


@click.command()
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Rows per UNWIND request.",
)
@neo4j_options
@graph_option
def push(batch_size: int, target: Neo4jTarget | None, graph_dir: str) -> None:
    """Push the graph to Neo4j: uniqueness constraints, then nodes, then relationships.

    Every write is a MERGE on the node ids, so pushing twice leaves the same graph.
    The password is read from NEO4J_PASSWORD (or asked for on a terminal).

    \b
    Example:
      NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=... paperkg push
      paperkg push --uri neo4j://db:7687 --user neo4j --database papers --batch-size 2000
    """
    from paperkg.graph import neo4j as server
    from paperkg.graph import store

    target = require(target)
    graph = store.load(graph_dir)
    _warn_off_schema(graph)
    driver = target.connect()
    total = sum(len(batch) for _, batch in server.write_plan(graph, batch_size))
    with driver, progress_callback(total, "Pushing to Neo4j") as advance:
        stats = server.push(
            driver, graph, database=target.database, batch_size=batch_size, progress=advance
        )
    click.echo(
        f"pushed {stats.nodes} nodes and {stats.relationships} relationships in "
        f"{stats.requests} requests to {server.redact(target.uri)}",
        err=True,
    )


@click.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=LazyChoice("paperkg.graph.export", "FORMATS"),
    help="graphml, gexf and json for graph tools; neo4j-admin for "
    "`neo4j-admin database import full`; cypher for `cypher-shell -f`.",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(),
    help="File to write (a directory for neo4j-admin).",
)
@graph_option
def export(fmt: str, output: str, graph_dir: str) -> None:
    """Export the graph for other tools. Every file is written atomically.

    \b
    Example:
      paperkg export --format graphml -o papers.graphml
      paperkg export --format neo4j-admin -o neo4j-import/
      paperkg export --format cypher -o papers.cypher && cypher-shell -f papers.cypher
    """
    from paperkg.graph import export as exports
    from paperkg.graph import store

    graph = store.load(graph_dir)
    if fmt in ("neo4j-admin", "cypher"):
        _warn_off_schema(graph)
    path = exports.export(graph, fmt, output)
    click.echo(f"wrote {path}", err=True)


def _warn_off_schema(graph: Any) -> None:
    from paperkg.graph.cypher_rows import off_schema_edges

    bad = off_schema_edges(graph)
    if bad:
        click.echo(
            f"warning: skipped {len(bad)} edge(s) the graph schema does not allow, e.g. {bad[0]}",
            err=True,
        )


def neo4j_papers(target: Neo4jTarget, name: str, label: str, exact: bool) -> list[dict]:
    """``paperkg papers`` answered by the server (used by cli/query.py)."""
    from paperkg.graph import neo4j_query

    with target.connect() as driver:
        return neo4j_query.papers_with(driver, name, label, exact=exact, database=target.database)


def neo4j_citations(target: Neo4jTarget, ref: str, cited_by: bool) -> list[dict]:
    """``paperkg papers --cites/--cited-by`` answered by the server."""
    from paperkg.graph import neo4j_query

    with target.connect() as driver:
        return neo4j_query.citations(driver, ref, cited_by=cited_by, database=target.database)


COMMANDS = (cypher, push, export)
