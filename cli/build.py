"""``paperkg build`` and ``paperkg add``: papers in, graph and HTML page out."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack

import click
from paperkg.extract.readers import formats

from .options import (
    INPUT_FILE,
    NER_MODEL_HELP,
    input_format_option,
    ner_model_option,
    renamed,
)
from .output import counter, emit, format_option, progress_callback


def _source_options(func):  # type: ignore[no-untyped-def]
    func = click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        metavar="X",
        help="Leave out of the graph the links the extractor is less than X (0-1) sure "
        "of; the records keep them, so another threshold later re-extracts nothing. "
        "Default: the graph's current threshold (0 for a new graph).",
    )(func)
    func = click.option(
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        metavar="N",
        help="Extract in N processes (pays from a few thousand papers; each loads the "
        "pipeline once). The records are the same as with one.",
    )(func)
    func = click.option(
        "--dask",
        metavar="ADDRESS",
        help="Extract on a dask.distributed cluster: its scheduler's address "
        "(tcp://HOST:8786), or `local` for one on this machine. Needs "
        "`pip install 'paperkg[dask]'`; the records are the same as with one process.",
    )(func)
    func = click.option(
        "--resume",
        is_flag=True,
        help="Continue an interrupted run: papers it had already extracted (kept in "
        "DIR/.partial) are not extracted again.",
    )(func)
    func = click.option(
        "--skip-bad",
        is_flag=True,
        help="Skip malformed records (counted and reported) instead of stopping at the first one.",
    )(func)
    func = input_format_option(func)
    func = ner_model_option(NER_MODEL_HELP)(func)
    func = click.option("--no-html", is_flag=True, help="Do not write graph.html.")(func)
    # no SOURCES only to re-threshold a graph with --min-confidence (checked in _run)
    return click.argument("sources", nargs=-1, type=INPUT_FILE)(func)


@click.command()
@_source_options
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    default="paperkg-out",
    show_default=True,
    metavar="DIR",
    help="Output graph directory (records, graph, graph.html).",
)
@renamed("--out", "-o/--output DIR", "out_dir", type=click.Path(file_okay=False))
@click.option(
    "--into",
    "into_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Add the papers to the graph already in this directory (same as `add`).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace a graph already in the output directory (without it, build refuses).",
)
@click.option(
    "--curation",
    "curation",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Apply the corrections of this curation file (`paperkg curate`; another graph's "
    "DIR/curation.jsonl) instead of the directory's own; it becomes the directory's.",
)
@format_option
def build(
    sources: tuple[str, ...],
    out_dir: str,
    into_dir: str | None,
    force: bool,
    curation: str | None,
    model_dir: str | None,
    input_format: str | None,
    skip_bad: bool,
    no_html: bool,
    jobs: int,
    dask: str | None,
    resume: bool,
    min_confidence: float | None,
    fmt: str,
) -> None:
    """Build a graph from paper files (HF listing, JSONL, CSV, arXiv, BibTeX, RIS, ...).

    Writes the records, the graph and DIR/graph.html as one new generation of DIR that
    replaces the current one only when the whole run succeeds, then prints a summary.
    A graph already in DIR is never replaced without --force (--into or `add` adds to
    it). Another build or add of DIR waits until this one has finished. The corrections
    made with `paperkg curate` (DIR/curation.jsonl) are applied again. A SOURCE of - is
    standard input (format detected from the content, or --input-format).

    \b
    Example:
      paperkg build examples/trending-agents.txt -o paperkg-out
      paperkg build new-papers.bib --into paperkg-out
      paperkg build papers.bib -o new-out --curation paperkg-out/curation.jsonl
      zcat papers.jsonl.gz | paperkg build - --input-format jsonl -o papers-graph
    """
    _run(
        sources,
        into_dir or out_dir,
        into=into_dir is not None,
        force=force,
        curation=curation,
        model_dir=model_dir,
        input_format=input_format,
        skip_bad=skip_bad,
        html=not no_html,
        jobs=jobs,
        dask=dask,
        resume=resume,
        min_confidence=min_confidence,
        fmt=fmt,
    )


@click.command()
@_source_options
@click.option(
    "--into",
    "into_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    default="paperkg-out",
    show_default=True,
    help="Graph directory to add the papers to.",
)
@format_option
def add(
    sources: tuple[str, ...],
    into_dir: str,
    model_dir: str | None,
    input_format: str | None,
    skip_bad: bool,
    no_html: bool,
    jobs: int,
    dask: str | None,
    resume: bool,
    min_confidence: float | None,
    fmt: str,
) -> None:
    """Add papers to an existing graph without duplicating papers, entities or edges.

    Papers already in the graph (same DOI, arXiv/OpenAlex/S2 id or title) are merged;
    only new or changed papers are extracted. Adding the same file twice changes nothing.
    A SOURCE of - is standard input.

    \b
    Example:
      paperkg add this-week.bib --into paperkg-out
      zcat this-week.ris.gz | paperkg add - --into paperkg-out
      paperkg add --into paperkg-out --min-confidence 0.8   # re-threshold, no extraction
    """
    _run(
        sources,
        into_dir,
        into=True,
        force=False,
        model_dir=model_dir,
        input_format=input_format,
        skip_bad=skip_bad,
        html=not no_html,
        jobs=jobs,
        dask=dask,
        resume=resume,
        min_confidence=min_confidence,
        fmt=fmt,
    )


def _run(
    sources: tuple[str, ...],
    directory: str,
    *,
    into: bool,
    force: bool,
    model_dir: str | None,
    input_format: str | None,
    skip_bad: bool,
    html: bool,
    jobs: int,
    dask: str | None,
    resume: bool,
    min_confidence: float | None,
    fmt: str,
    curation: str | None = None,
) -> None:
    from paperkg.api import build as build_graph  # NetworkX: only when building

    if not sources and not (into and min_confidence is not None):
        raise click.UsageError(
            "Missing argument 'SOURCES...' (only adding with --min-confidence needs none)."
        )
    if dask is not None and jobs > 1:
        raise click.UsageError("--jobs and --dask exclude each other: the cluster sets the workers")

    reading = ExitStack()  # the "Reading: N records" line, ended when extraction starts
    show = reading.enter_context(counter("Reading"))

    def extracting(total: int) -> AbstractContextManager[Callable[[int], None]]:
        reading.close()
        return progress_callback(total, "Extracting")

    with reading:
        report = build_graph(
            sources,
            directory,
            into=into,
            force=force,
            model=model_dir,
            input_format=input_format,
            skip_bad=skip_bad,
            html=html,
            jobs=jobs,
            dask=dask,
            resume=resume,
            curation=curation,
            min_confidence=min_confidence,
            on_wait=lambda holder: click.echo(
                f"Waiting: {directory}/ is being written by {holder}", err=True
            ),
            on_read=show,
            on_extract=extracting,
        )
    for err in report.skipped:
        click.echo(f"skipped: {err}", err=True)
    _print_summary(report.to_json(), fmt)


def _print_summary(report: dict, fmt: str) -> None:
    if fmt in ("json", "jsonl"):
        emit(report, fmt)
        return
    if fmt in ("csv", "tsv"):
        emit(
            [
                {"type": t, "name": r["name"], "papers": r["papers"]}
                for t, rows in report["top"].items()
                for r in rows
            ],
            fmt,
        )
        return
    ents = report["entities"]
    click.echo(
        f"Graph: {report['graph']}" + (f"   HTML: {report['html']}" if report["html"] else "")
    )
    click.echo(
        f"Papers: {report['papers']} ({report['papers_added']} added, "
        f"{report['papers_updated']} updated, {report['duplicates_merged']} duplicates "
        f"merged, {report['records_skipped']} bad records skipped)"
    )
    click.echo("Entities: " + ", ".join(f"{n} {lab.lower()}s" for lab, n in ents.items()))
    if report["rebuilt_because"]:
        click.echo(f"Store: rebuilt in full, not only the new papers: {report['rebuilt_because']}")
    if report["min_confidence"]:
        click.echo(
            f"Links left out: {report['links_dropped']} under confidence "
            f"{report['min_confidence']:g} (the records keep them)"
        )
    for label, rows in report["top"].items():
        if rows:
            names = ", ".join(f"{r['name']} ({r['papers']})" for r in rows)
            click.echo(f"Top {label.lower()}s: {names}")


@click.command(name="formats")
@format_option
def formats_(fmt: str) -> None:
    """List the input formats paperkg reads (detected from content; --input-format forces one).

    \b
    Example:
      paperkg formats
    """
    emit([{"name": f.name, "description": f.description} for f in formats().values()], fmt)


COMMANDS = (build, add, formats_)
