"""``paperkg viz``: write the interactive HTML page of a saved graph (and open it)."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from .lazy import LazyChoice
from .options import EntityTypes
from .stores import StoreChoice, store_options


@click.command()
@store_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="HTML file to write [default: <graph dir>/graph.html].",
)
@click.option("--open", "open_page", is_flag=True, help="Open the page in your web browser.")
@click.option(
    "--focus",
    metavar="NAME",
    help="Show only the neighbourhood of this benchmark, model, method or paper.",
)
@click.option(
    "--hops",
    type=click.IntRange(min=0),
    metavar="N",
    default=2,
    show_default=True,
    help="How far from --focus to go (1: its papers; 2: also their entities).",
)
@click.option(
    "--types",
    "--type",
    "types",
    type=EntityTypes(),
    help="Entity types to show: benchmark, model, method (any case, singular or plural, "
    "comma-separated); papers linking them stay.",
)
@click.option(
    "--min-papers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Only entities mentioned by at least N papers, and their papers.",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    metavar="N",
    help="Only the N most mentioned entities, and their papers.",
)
@click.option(
    "--since",
    type=click.IntRange(min=0),
    metavar="YEAR",
    help="Only papers from YEAR on (papers without a year are left out).",
)
@click.option(
    "--until",
    type=click.IntRange(min=0),
    metavar="YEAR",
    help="Only papers up to YEAR (papers without a year are left out).",
)
@click.option(
    "--renderer",
    type=LazyChoice("paperkg.viz.html", "RENDERERS"),
    default="auto",
    hidden=True,  # kept for scripts that pass it: the page has one renderer now
)
def viz(
    stores: StoreChoice,
    output: str | None,
    open_page: bool,
    focus: str | None,
    hops: int,
    types: tuple[str, ...] | None,
    min_papers: int | None,
    top: int | None,
    since: int | None,
    until: int | None,
    renderer: str,
) -> None:
    """Write one offline HTML page: a map of the field's names, a matrix, search.

    The page opens on a map of the benchmarks, models and methods (sized by how many
    papers mention them, linked when mentioned together); papers appear on demand. It
    needs no network: open it from disk, mail it, put it on a USB stick.

    \b
    Example:
      paperkg viz --open
      paperkg viz --focus WebArena --hops 2 -o webarena.html
      paperkg viz --types benchmark,model --top 50 --since 2024
    """
    from paperkg.viz.html import write_html
    from paperkg.viz.select import View

    with stores.open() as store:
        graph = store.graph()
    target = Path(output) if output else Path(stores.graph_dir) / "graph.html"
    view = View(focus, hops, types, min_papers, top, since, until=until)
    result = write_html(graph, target, view, renderer=renderer)
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    per_type = ", ".join(
        f"{n:,} {label.lower()}{'s' if n != 1 else ''}" for label, n in result.counts.items() if n
    )
    click.echo(
        f"Wrote {result.path} ({result.nodes:,} nodes: {per_type or 'empty'}; "
        f"{result.edges:,} links; {result.on_map:,} on the map)"
    )
    if open_page and not webbrowser.open(result.path.resolve().as_uri()):
        click.echo(f"No web browser found here; open {result.path} in one yourself.", err=True)


COMMANDS = (viz,)
