"""Commands that answer questions from a saved graph: papers, entities, show."""

from __future__ import annotations

import click
from paperkg.graph import schema

from .options import EntityTypes
from .output import emit, format_option
from .stores import StoreChoice, store_options


@click.command()
@click.option(
    "--benchmark",
    "name_b",
    metavar="NAME",
    help="Papers that introduce or evaluate on this benchmark.",
)
@click.option(
    "--model",
    "name_m",
    metavar="NAME",
    help="Papers that introduce or use this model (and its variants, unless --exact).",
)
@click.option(
    "--method", "name_t", metavar="NAME", help="Papers that introduce or use this method."
)
@click.option(
    "--cites",
    "cites",
    metavar="PAPER",
    help="Papers this paper cites (id, DOI, arXiv id or title); real and inferred citations.",
)
@click.option("--cited-by", "cited_by", metavar="PAPER", help="Papers that cite this paper.")
@click.option("--exact", is_flag=True, help="Do not include variants (Qwen2.5-7B for Qwen2.5).")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="Only the first N papers (introducing papers first, then the newest).",
)
@store_options
@format_option
def papers(
    name_b: str | None,
    name_m: str | None,
    name_t: str | None,
    cites: str | None,
    cited_by: str | None,
    exact: bool,
    limit: int | None,
    stores: StoreChoice,
    fmt: str,
) -> None:
    """List the papers that mention a benchmark, model or method.

    Names match case-, hyphen- and alias-insensitively ("webarena", "SWE-Bench").

    \b
    Example:
      paperkg papers --benchmark WebArena --format json
      paperkg papers --model Qwen2.5 --exact
      paperkg papers --benchmark WebArena --limit 20
      paperkg papers --cited-by "arxiv:2307.13854"
      paperkg papers --neo4j --uri neo4j://localhost:7687 --benchmark WebArena
      paperkg papers --neo4j --cites "arxiv:2307.13854"
    """
    chosen = [
        (n, lab)
        for n, lab in (
            (name_b, schema.BENCHMARK),
            (name_m, schema.MODEL),
            (name_t, schema.METHOD),
            (cites, "cites"),
            (cited_by, "cited-by"),
        )
        if n
    ]
    if len(chosen) != 1:
        raise click.UsageError(
            "give exactly one of --benchmark, --model, --method, --cites or --cited-by"
        )
    name, label = chosen[0]
    with stores.open() as store:
        if label in ("cites", "cited-by"):
            rows = store.citations(name, cited_by=label == "cited-by", limit=limit)
            columns = ["id", "title", "year", "relationship", "inferred", "via", "url"]
        else:
            rows = store.papers_with(name, label, exact=exact, limit=limit)
            columns = ["id", "title", "year", "relationship", "entity", "url"]
    emit(rows, fmt, columns)


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
@store_options
@format_option
def show(name: str, stores: StoreChoice, fmt: str) -> None:
    """Show an entity card: type, aliases, who introduces it, who uses it, what co-occurs.

    \b
    Example:
      paperkg show GRPO
      paperkg show "swe-bench verified" --format json
    """
    with stores.open() as store:
        card = store.entity_card(name)
    if fmt != "table":
        emit(card if fmt in ("json", "jsonl") else [_flat(card)], fmt)
        return
    click.echo(f"{card['name']}  ({card['type']})")
    if card["aliases"]:
        click.echo(f"  aliases:       {', '.join(card['aliases'])}")
    if card["variant_of"]:
        click.echo(f"  variant of:    {', '.join(card['variant_of'])}")
    if card["variants"]:
        click.echo(f"  variants:      {', '.join(card['variants'])}")
    click.echo(f"  used by:       {card['used_by']} paper(s)")
    click.echo(f"  introduced by: {len(card['introduced_by'])} paper(s)")
    for p in card["introduced_by"]:
        click.echo(f"    - {p['title']}" + (f" ({p['year']})" if p.get("year") else ""))
        if p.get("evidence"):
            click.echo(f"      “{p['evidence']}”")
    if card["cooccurring"]:
        click.echo("  appears most with:")
        for c in card["cooccurring"]:
            click.echo(f"    - {c['name']} ({c['type']}, {c['papers']} paper(s))")


def _flat(card: dict) -> dict:
    flat = dict(card)
    flat["introduced_by"] = [p["title"] for p in card["introduced_by"]]
    flat["cooccurring"] = [c["name"] for c in card["cooccurring"]]
    return flat


COMMANDS = (papers, entities, show)
