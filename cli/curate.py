"""``paperkg curate``: correct the graph by hand, for good (merge, rename, retype, block,
unlink; list, remove, export)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from .output import emit, format_option, graph_option


@click.group()
def curate() -> None:
    """Correct the graph by hand; every later build and add keeps the corrections.

    Each correction is one line of DIR/curation.jsonl (readable, and editable by hand)
    and takes effect at once: papers, show, entities, cypher, viz and export all see it.
    Names match as in queries (case, hyphen and alias insensitive).

    \b
    Example:
      paperkg curate merge A2A "Agent-to-Agent Protocol"
      paperkg curate rename MOE Mixture-of-Experts
      paperkg curate retype "Deep Research" model
      paperkg curate block AE
      paperkg curate unlink "MindAgent: Emergent Gaming Interaction" Minecraft
      paperkg curate list
      paperkg curate remove 2
      paperkg curate export corrections.jsonl
    """


def _done(change: Callable[..., Any], graph_dir: str, *args: str | int, **types: Any) -> None:
    """Run one change under the directory's lock and say what it did."""
    report = change(graph_dir, *args, **types, on_wait=_waiting(graph_dir))
    links = f"{report.links} link{'s' if report.links != 1 else ''}"
    what = "Removed correction" if report.removed else "Correction"
    click.echo(
        f"{what} {report.number}: {report.correction.describe()} ({links}); "
        f"the graph in {graph_dir}/ is updated ({report.curation_file})"
    )


def _type_option(name: str, dest: str, help_text: str) -> Callable:
    return click.option(
        name,
        dest,
        metavar="TYPE",
        help=f"{help_text} (benchmark, model or method), when several types have the name.",
    )


def _waiting(graph_dir: str) -> Callable[[str], None]:
    return lambda holder: click.echo(
        f"Waiting: {graph_dir}/ is being written by {holder}", err=True
    )


@curate.command(short_help="Make ALIAS the same entity as KEEP.")
@click.argument("keep")
@click.argument("alias")
@_type_option("--keep-type", "keep_type", "The type of KEEP")
@_type_option("--type", "alias_type", "The type of ALIAS")
@graph_option
def merge(
    keep: str, alias: str, keep_type: str | None, alias_type: str | None, graph_dir: str
) -> None:
    """Make ALIAS the same entity as KEEP: ALIAS's names become KEEP's aliases.

    \b
    Example:
      paperkg curate merge A2A "Agent-to-Agent Protocol"
    """
    from paperkg.api import curating

    _done(curating.merge, graph_dir, keep, alias, keep_type=keep_type, alias_type=alias_type)


@curate.command(short_help="Call the entity OLD by the name NEW.")
@click.argument("old")
@click.argument("new")
@_type_option("--type", "old_type", "The type of OLD")
@graph_option
def rename(old: str, new: str, old_type: str | None, graph_dir: str) -> None:
    """Call the entity OLD by the name NEW (OLD stays an alias, so it is still found).

    \b
    Example:
      paperkg curate rename MOE Mixture-of-Experts
    """
    from paperkg.api import curating

    _done(curating.rename, graph_dir, old, new, etype=old_type)


@curate.command(short_help="Make NAME a benchmark, model or method.")
@click.argument("name")
@click.argument("etype", metavar="TYPE")
@_type_option("--from", "old_type", "The type NAME has now")
@graph_option
def retype(name: str, etype: str, old_type: str | None, graph_dir: str) -> None:
    """Make the entity NAME a benchmark, model or method (TYPE).

    \b
    Example:
      paperkg curate retype "Deep Research" model
    """
    from paperkg.api import curating

    _done(curating.retype, graph_dir, name, etype, old_type=old_type)


@curate.command(short_help="Never make NAME an entity again, in any paper.")
@click.argument("name")
@graph_option
def block(name: str, graph_dir: str) -> None:
    """Never make NAME an entity again, of any type, in any paper (nor an alias).

    \b
    Example:
      paperkg curate block AE
    """
    from paperkg.api import curating

    _done(curating.block, graph_dir, name)


@curate.command(short_help="Take the entity NAME out of one PAPER.")
@click.argument("paper")
@click.argument("name")
@_type_option("--type", "name_type", "The type of NAME")
@graph_option
def unlink(paper: str, name: str, name_type: str | None, graph_dir: str) -> None:
    """Take the entity NAME out of one PAPER (its id, DOI, arXiv id or title).

    \b
    Example:
      paperkg curate unlink "MindAgent: Emergent Gaming Interaction" Minecraft
    """
    from paperkg.api import curating

    _done(curating.unlink, graph_dir, paper, name, etype=name_type)


@curate.command(name="list", short_help="List the corrections, in the order they apply.")
@graph_option
@format_option
def list_(graph_dir: str, fmt: str) -> None:
    """List the corrections in the order they apply, with the links each one changes.

    \b
    Example:
      paperkg curate list
      paperkg curate list --format json
    """
    from paperkg.api import curating

    rows = curating.listing(graph_dir)
    emit(rows, fmt, ["number", "correction", "links", "at", "op", "line"])


@curate.command(short_help="Undo correction N.")
@click.argument("number", type=click.IntRange(min=1), metavar="N")
@graph_option
def remove(number: int, graph_dir: str) -> None:
    """Undo correction N (as `paperkg curate list` numbers them).

    \b
    Example:
      paperkg curate remove 2
    """
    from paperkg.api import curating

    _done(curating.remove, graph_dir, number)


@curate.command(short_help="Write the corrected papers as gold for `paperkg train`.")
@click.argument("output", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE")
@graph_option
def export(output: str, graph_dir: str) -> None:
    """Write the corrected papers as gold annotations for `paperkg train` ("-": stdout).

    Each paper a correction changes becomes one line of the annotation format (title,
    abstract, its entities as corrected), which `paperkg train` and `paperkg eval` read,
    alone or together with other gold files.

    \b
    Example:
      paperkg curate export corrections.jsonl
      cat corrections.jsonl my_gold.jsonl > gold.jsonl && paperkg train gold.jsonl -o my-model
    """
    from paperkg.api import curating

    if output == "-":
        for line in curating.gold_lines(graph_dir):
            click.echo(line)
        return
    count = curating.export_gold(graph_dir, output)
    click.echo(f"Wrote {count} corrected paper{'s' if count != 1 else ''} to {output}", err=True)


COMMANDS = (curate,)
