"""Commands that answer questions from a saved graph: papers, entities, show."""

from __future__ import annotations

import click
from paperkg.graph.cards import DEFAULT_LIMIT
from paperkg.graph.selection import SORTS, PaperFilter

from .card_text import card_lines, card_notes, card_rows
from .options import EntityTypes
from .output import emit, format_option
from .stores import StoreChoice, store_options


def _years(ctx: click.Context, param: click.Parameter, until: int | None) -> int | None:
    since = ctx.params.get("since")
    if since is not None and until is not None and until < since:
        raise click.BadParameter(f"{until} is before --since {since}")
    return until


@click.command()
@click.option(
    "--benchmark",
    "benchmarks",
    metavar="NAME",
    multiple=True,
    help="Papers that introduce or evaluate on this benchmark (repeat: on all of them).",
)
@click.option(
    "--model",
    "models",
    metavar="NAME",
    multiple=True,
    help="Papers that introduce or use this model (and its variants, unless --exact).",
)
@click.option(
    "--method",
    "methods",
    metavar="NAME",
    multiple=True,
    help="Papers that introduce or use this method.",
)
@click.option(
    "--cites",
    metavar="PAPER",
    multiple=True,
    help="Papers this paper cites (id, DOI, arXiv id or title); real and inferred citations.",
)
@click.option("--cited-by", metavar="PAPER", multiple=True, help="Papers that cite this paper.")
@click.option("--exact", is_flag=True, help="Do not include variants (Qwen2.5-7B for Qwen2.5).")
@click.option(
    "--since",
    type=click.IntRange(min=0),
    metavar="YEAR",
    is_eager=True,
    help="Only papers from YEAR on (papers without a year are left out).",
)
@click.option(
    "--until",
    type=click.IntRange(min=0),
    metavar="YEAR",
    callback=_years,
    help="Only papers up to YEAR (papers without a year are left out).",
)
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="role",
    show_default=True,
    help="role: papers introducing the (first) name first, then newest; year: newest "
    "first; title: A to Z.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    metavar="N",
    help="Only the first N papers in that order (0: all, the default).",
)
@store_options
@format_option
def papers(
    benchmarks: tuple[str, ...],
    models: tuple[str, ...],
    methods: tuple[str, ...],
    cites: tuple[str, ...],
    cited_by: tuple[str, ...],
    exact: bool,
    since: int | None,
    until: int | None,
    sort: str,
    limit: int | None,
    stores: StoreChoice,
    fmt: str,
) -> None:
    """List the papers that mention benchmarks, models or methods, or cite a paper.

    Names match case-, hyphen- and alias-insensitively ("webarena", "SWE-Bench"). Several
    filters keep the papers that match all of them. Each row says how the paper links
    to the first name asked (benchmarks, then models, then methods): `relationship` and
    `entity`; without a name, to the first --cites/--cited-by paper: `inferred`, `via`.

    \b
    Example:
      paperkg papers --benchmark WebArena --format json
      paperkg papers --benchmark WebArena --model GPT-4o --since 2024
      paperkg papers --model Qwen2.5 --exact --sort year --limit 20
      paperkg papers --cited-by "arxiv:2307.13854"
      paperkg papers --neo4j --uri neo4j://localhost:7687 --benchmark WebArena
    """
    want = PaperFilter(
        benchmarks, models, methods, cites, cited_by, exact, since, until, sort, limit or None
    )
    if not (want.entity_names() or cites or cited_by) and since is None and until is None:
        raise click.UsageError(
            "give --benchmark, --model, --method, --cites, --cited-by, --since or --until"
        )
    with stores.open() as store:
        found = store.select_papers(want)
    for note in found.notes:
        click.echo(f"Note: {note}", err=True)
    emit(found.rows, fmt, found.columns)


@click.command()
@click.option(
    "--type",
    "--types",
    "labels",
    type=EntityTypes(),
    help="Only entities of these types: benchmark, model, method (any case, singular or "
    "plural, comma-separated).",
)
@click.option("--top", type=click.IntRange(min=1), help="Only the N most mentioned.")
@store_options
@format_option
def entities(
    labels: tuple[str, ...] | None, top: int | None, stores: StoreChoice, fmt: str
) -> None:
    """List entities with the number of papers that mention them.

    \b
    Example:
      paperkg entities --type benchmark --top 20
      paperkg entities --types models,methods --format csv
    """
    with stores.open() as store:
        rows = store.entity_table(labels, top)
    emit(rows, fmt, ["name", "type", "papers", "introduced_by", "aliases"])


@click.command()
@click.argument("name")
@click.option(
    "--paper", "paper", is_flag=True, help="NAME is a paper (when it is also an entity's name)."
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    metavar="N",
    help="Papers listed: an entity's papers, a paper's citations each way (0: all).",
)
@store_options
@format_option
def show(name: str, paper: bool, limit: int, stores: StoreChoice, fmt: str) -> None:
    """Show the card of a benchmark, model, method or paper.

    An entity's card lists its papers (introducing ones first, then the newest) with the
    sentence that mentions it; a paper's card (NAME an id, DOI, arXiv id or title) lists
    its entities by type and the papers it cites and that cite it. In csv, one row per
    paper of an entity, or per entity of a paper.

    \b
    Example:
      paperkg show GRPO
      paperkg show "swe-bench verified" --format json
      paperkg show WebArena --limit 0
      paperkg show "arxiv:2307.13854"
    """
    with stores.open() as store:
        card = store.show(name, paper=paper, limit=limit or None)
    for note in card_notes(card, name):
        click.echo(f"Note: {note}", err=True)
    if fmt in ("json", "jsonl"):
        emit(card, fmt)  # one object (jsonl: on one line)
    elif fmt == "table":
        click.echo("\n".join(card_lines(card, limit or None)))
    else:
        rows, columns = card_rows(card)
        emit(rows, fmt, columns)


COMMANDS = (papers, entities, show)
