"""Commands that answer questions from a saved graph: papers, entities, show."""

from __future__ import annotations

import click
from paperkg.graph import schema

from .cypher import Neo4jTarget, neo4j_citations, neo4j_options, neo4j_papers, require
from .output import emit, format_option, graph_option


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
@click.option("--neo4j", "use_neo4j", is_flag=True, help="Ask a Neo4j server (see `push`).")
@neo4j_options
@graph_option
@format_option
def papers(
    name_b: str | None,
    name_m: str | None,
    name_t: str | None,
    cites: str | None,
    cited_by: str | None,
    exact: bool,
    use_neo4j: bool,
    target: Neo4jTarget | None,
    graph_dir: str,
    fmt: str,
) -> None:
    """List the papers that mention a benchmark, model or method.

    Names match case-, hyphen- and alias-insensitively ("webarena", "SWE-Bench").

    \b
    Example:
      paperkg papers --benchmark WebArena --format json
      paperkg papers --model Qwen2.5 --exact
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
    from paperkg.graph import query, store  # NetworkX: only once the arguments are good

    if label in ("cites", "cited-by"):
        back = label == "cited-by"
        if use_neo4j:
            rows = neo4j_citations(require(target), name, back)
        else:
            rows = query.citations(store.load(graph_dir), name, cited_by=back)
        emit(rows, fmt, ["id", "title", "year", "relationship", "inferred", "via", "url"])
        return
    if use_neo4j:
        rows = neo4j_papers(require(target), name, label, exact)
    else:
        rows = query.papers_with(store.load(graph_dir), name, label, exact=exact)
    emit(rows, fmt, ["id", "title", "year", "relationship", "entity", "url"])


@click.command()
@click.option(
    "--type",
    "etype",
    type=click.Choice(["benchmark", "model", "method"], case_sensitive=False),
    help="Only entities of this type.",
)
@click.option("--top", type=click.IntRange(min=1), help="Only the N most mentioned.")
@graph_option
@format_option
def entities(etype: str | None, top: int | None, graph_dir: str, fmt: str) -> None:
    """List entities with the number of papers that mention them.

    \b
    Example:
      paperkg entities --type benchmark --top 20
    """
    from paperkg.graph import query, store

    label = etype.capitalize() if etype else None
    emit(
        query.entity_table(store.load(graph_dir), label, top),
        fmt,
        ["name", "type", "papers", "introduced_by", "aliases"],
    )


@click.command()
@click.argument("name")
@graph_option
@format_option
def show(name: str, graph_dir: str, fmt: str) -> None:
    """Show an entity card: type, aliases, who introduces it, who uses it, what co-occurs.

    \b
    Example:
      paperkg show GRPO
      paperkg show "swe-bench verified" --format json
    """
    from paperkg.graph import query, store

    card = query.entity_card(store.load(graph_dir), name)
    if fmt != "table":
        emit(card if fmt == "json" else [_flat(card)], fmt)
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
