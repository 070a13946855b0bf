"""Commands for Cypher and for other graph tools: cypher, push, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from paperkg.graph.cypher_text import check_read_only, parse_param
from paperkg.graph.neo4j_cypher import DEFAULT_BATCH_SIZE

from .lazy import LazyChoice
from .output import emit, format_option, graph_option, progress_callback
from .stores import Neo4jTarget, StoreChoice, neo4j_options, require, store_options

# The engines, NetworkX and the Neo4j driver are imported inside the commands that use
# them, so `paperkg --help` and the other commands start without loading them.


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
@store_options
@format_option
def cypher(
    query: str,
    params: tuple[str, ...],
    write: bool,
    stores: StoreChoice,
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
    with stores.open() as store:
        result = store.cypher(text, values, write=write)
    emit(result.records(), fmt, result.columns, ordered=True)


@click.command()
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    metavar="N",
    help="Rows per UNWIND request.",
)
@neo4j_options
@graph_option
def push(batch_size: int, target: Neo4jTarget | None, graph_dir: str) -> None:
    """Push the graph to Neo4j: uniqueness constraints, then nodes, then relationships.

    Every write is a MERGE on the node ids, so pushing twice leaves the same graph.
    The graph is read from DIR's store a batch at a time, never loaded whole. The
    password is read from NEO4J_PASSWORD (or asked for on a terminal).

    \b
    Example:
      NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=... paperkg push
      paperkg push --uri neo4j://db:7687 --user neo4j --database papers --batch-size 2000
    """
    from paperkg.graph import neo4j as server
    from paperkg.graph.local import LocalStore
    from paperkg.graph.push_plan import store_plan

    target = require(target)
    with LocalStore(graph_dir) as local:  # streamed a batch at a time: no graph in memory
        total = sum(row["n"] for q in _COUNTS for row in local.stream(q))
        driver = target.connect()
        with driver, progress_callback(total, "Pushing to Neo4j") as advance:
            plan = store_plan(local, batch_size)
            stats = server.push_plan(driver, plan, database=target.database, progress=advance)
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

    if fmt == "neo4j-admin":  # streamed from the store, the graph is never loaded
        from paperkg.graph.export_neo4j import write_neo4j_admin
        from paperkg.graph.local import LocalStore

        with LocalStore(graph_dir) as local:
            path = write_neo4j_admin(local, Path(output))
        click.echo(f"wrote {path}", err=True)
        return
    graph = store.load(graph_dir)
    if fmt in ("neo4j-admin", "cypher"):
        _warn_off_schema(graph)
    path = exports.export(graph, fmt, output)
    click.echo(f"wrote {path}", err=True)


_COUNTS = ("MATCH (n) RETURN count(n) AS n", "MATCH ()-[r]->() RETURN count(r) AS n")


def _warn_off_schema(graph: Any) -> None:
    from paperkg.graph.cypher_rows import off_schema_edges

    bad = off_schema_edges(graph)
    if bad:
        click.echo(
            f"warning: skipped {len(bad)} edge(s) the graph schema does not allow, e.g. {bad[0]}",
            err=True,
        )


COMMANDS = (cypher, push, export)
