"""The one output path every command shares: ``--format table|json|csv``.

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

from .render import csv_text, table

FORMATS = ("table", "json", "csv")
T = TypeVar("T")


def format_option(func: Callable) -> Callable:
    """Add ``--format`` to a command; the chosen format arrives as ``fmt``."""

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format [default: table on a terminal, json in a pipe]. In csv, text "
        "that starts with = + - @, a tab or a CR gets a leading ' so that a spreadsheet "
        "shows it and never runs it as a formula.",
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


def emit(rows: list[dict] | dict, fmt: str, columns: list[str] | None = None) -> None:
    """Print rows (or one object, for json) in the chosen format."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    listed = rows if isinstance(rows, list) else [rows]
    if fmt == "csv":
        click.echo(csv_text(listed, columns), nl=False)
    else:
        click.echo(table(listed, columns))


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
