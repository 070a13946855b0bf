"""The one output path every command shares: ``--format table|json|jsonl|csv|tsv``.

Table is the default on a terminal, JSON in a pipe, so output meant for other
programs is clean. Progress bars go to stderr and only on a terminal.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

import click

from .delimited import csv_text, tsv_text
from .render import columns_of, table
from .values import flatten

FORMATS = ("table", "json", "jsonl", "csv", "tsv")
T = TypeVar("T")


def format_option(func: Callable) -> Callable:
    """Add ``--format`` to a command; the chosen format arrives as ``fmt``."""

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format [default: table on a terminal, json in a pipe]. A table fits "
        "the terminal's width (COLUMNS); jsonl is one JSON object per line; in csv and tsv, "
        "text that starts with = + - @, a tab or a CR gets a leading ' so that a "
        "spreadsheet shows it and never runs it as a formula.",
    )
    @functools.wraps(func)
    def wrapper(*args: Any, fmt: str | None, **kwargs: Any) -> Any:
        return func(*args, fmt=fmt or ("table" if sys.stdout.isatty() else "json"), **kwargs)

    return wrapper


def graph_option(func: Callable) -> Callable:
    return click.option(
        "--graph",
        "graph_dir",
        type=click.Path(file_okay=False),
        metavar="DIR",
        default="paperkg-out",
        show_default=True,
        help="Graph directory written by `paperkg build`.",
    )(func)


def emit(
    rows: list[dict] | dict, fmt: str, columns: list[str] | None = None, *, ordered: bool = False
) -> None:
    """Print rows (or one object, for json and jsonl) in the chosen format.

    ``ordered``: the columns are the user's own (a Cypher ``RETURN``), shown in their
    order in a table, none left out (see :func:`.render.table`).
    """
    if fmt in ("json", "jsonl"):
        click.echo(json_text(rows, lines=fmt == "jsonl"), nl=False)
        return
    listed = rows if isinstance(rows, list) else [rows]
    flat, names = flatten(listed, columns_of(listed, columns), brief=fmt == "table")
    if fmt in ("csv", "tsv"):
        click.echo((csv_text if fmt == "csv" else tsv_text)(flat, names), nl=False)
    else:
        click.echo(table(flat, names, asked=columns_of(listed, columns) if ordered else None))


def json_text(rows: list[dict] | dict, *, lines: bool = False) -> str:
    """JSON, indented; or with ``lines`` JSON Lines: one object per line (a list's items,
    or the one object).

    >>> print(json_text([{"a": 1}, {"a": None}], lines=True), end="")
    {"a": 1}
    {"a": null}
    """
    if not lines:
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    items = rows if isinstance(rows, list) else [rows]
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in items)


@contextmanager
def progress(items: Iterable[T], length: int | None, label: str) -> Iterator[Iterable[T]]:
    """A progress bar on stderr when it is a terminal; the bare iterable otherwise."""
    if sys.stderr.isatty():
        with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
            yield bar
    else:
        yield items


@contextmanager
def counter(label: str) -> Iterator[Callable[[int], None]]:
    """A context manager yielding ``show(n)``: "Reading: 12,000 records" rewritten in place
    on stderr when it is a terminal (for work whose total is unknown); silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    shown = False

    def show(n: int) -> None:
        nonlocal shown
        click.echo(f"\r{label}: {n:,} records", nl=False, err=True)
        shown = True

    try:
        yield show
    finally:
        if shown:
            click.echo(err=True)


def progress_callback(total: int, label: str) -> AbstractContextManager[Callable[[int], None]]:
    """A context manager yielding ``advance(n)`` for work that reports its own progress."""
    return _progress_callback(total, label)


@contextmanager
def _progress_callback(total: int, label: str) -> Iterator[Callable[[int], None]]:
    if sys.stderr.isatty() and total:
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield bar.update
    else:
        yield lambda n: None
