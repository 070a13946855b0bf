"""Options that mean the same thing in every command, defined once.

One spelling per concept: ``--ner-model DIR`` is the NER model folder wherever one is
taken; ``--type``/``--types`` take the same entity types everywhere (any case, singular
or plural, comma-separated); a file of papers or gold annotations may be ``-`` (standard
input); ``--input-format`` forces the papers' format wherever papers are read. An old
spelling stays for one release as a hidden option that warns on stderr (:func:`renamed`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click
from click.core import ParameterSource
from paperkg.extract.records import TYPE_LABELS, entity_type

#: the help of --ner-model where it chooses the model that extracts
NER_MODEL_HELP = "NER model folder written by `paperkg train` [default: the shipped one]."
#: a file that is read; ``-`` is standard input
INPUT_FILE = click.Path(dir_okay=False, allow_dash=True)


class EntityTypes(click.ParamType):
    """Entity types in any spelling (``benchmark``, ``Benchmarks``, ``MODEL``, ``methods``),
    comma-separated, as the graph's labels: a tuple, or one label when ``several`` is off.
    """

    name = "types"

    def __init__(self, *, several: bool = True) -> None:
        self.several = several

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "T1,T2" if self.several else "TYPE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...] | str:
        if isinstance(value, tuple):  # a default given as labels, or converted already
            return value
        words = [w for w in str(value).split(",") if w.strip()]
        if not words:
            self.fail("expected benchmark, model or method", param, ctx)
        if len(words) > 1 and not self.several:
            self.fail(f"expected one type, got {len(words)}: {value!r}", param, ctx)
        try:
            labels = tuple(dict.fromkeys(TYPE_LABELS[entity_type(w)] for w in words))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return labels if self.several else labels[0]


def renamed(old: str, new: str, dest: str, **attrs: Any) -> Callable[[Callable], Callable]:
    """Keep the old option name ``old`` of what is now ``new`` (its value arrives as
    ``dest``) for one release: hidden from --help, and a warning on stderr when used.
    A repeatable old option adds its values to the new one's."""

    def warn(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value not in (None, ()):
            click.echo(
                f"Warning: {old} is deprecated and will be removed in the next release; use {new}.",
                err=True,
            )
        return value

    def decorate(func: Callable) -> Callable:
        @click.option(old, f"renamed_{dest}", hidden=True, callback=warn, **attrs)
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            value = kwargs.pop(f"renamed_{dest}")
            if isinstance(value, tuple):
                kwargs[dest] = (*kwargs[dest], *value)
            elif value is not None:
                source = click.get_current_context().get_parameter_source(dest)
                if source not in (None, ParameterSource.DEFAULT):
                    raise click.UsageError(f"give {new} only ({old} is its old name)")
                kwargs[dest] = value
            return func(*args, **kwargs)

        return wrapper

    return decorate


def ner_model_option(help: str) -> Callable[[Callable], Callable]:
    """``--ner-model DIR`` (arrives as ``model_dir``); ``--model`` still works with a
    warning for one release (``papers --model`` is the entity filter)."""
    folder = click.Path(exists=True, file_okay=False)

    def decorate(func: Callable) -> Callable:
        func = renamed("--model", "--ner-model DIR", "model_dir", type=folder)(func)
        return click.option("--ner-model", "model_dir", type=folder, metavar="DIR", help=help)(func)

    return decorate


def input_format_option(func: Callable) -> Callable:
    """``--input-format NAME`` (arrives as ``input_format``)."""
    return click.option(
        "--input-format",
        "input_format",
        metavar="NAME",
        help="Force the input format instead of detecting it from the content; standard "
        "input ('-') is detected the same way (names: `paperkg formats`).",
    )(func)
