"""Entry point: the ``paperkg`` command group and its error handling."""

from __future__ import annotations

import functools
import importlib
import sys
import warnings
from collections.abc import Callable
from typing import Any

import click
from paperkg.extract.errors import InputWarning, NotFoundError, PaperKGError

#: command modules; each defines click commands listed in its ``COMMANDS``
COMMAND_MODULES = ("build", "query", "extract", "cypher", "viz", "curate")


class _Group(click.Group):
    """Turns paperkg errors into one clean line on stderr and the error's exit code, and
    each :class:`InputWarning` (input used only in part) into a "Warning: ..." line."""

    def invoke(self, ctx: click.Context) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("always", InputWarning)
            warnings.showwarning = functools.partial(_show_warning, warnings.showwarning)
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NotFoundError as exc:
            click.echo(f"Error: {exc}", err=True)
            if exc.suggestions:
                click.echo(f"Closest names: {', '.join(exc.suggestions)}", err=True)
            ctx.exit(exc.exit_code)
        except PaperKGError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


def _show_warning(
    default: Callable[..., None], message: Warning | str, category: type, *rest: Any
) -> None:
    if issubclass(category, InputWarning):
        click.echo(f"Warning: {message}", err=True)
    else:
        default(message, category, *rest)


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="paperkg")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Turn papers into a knowledge graph of benchmarks, models and methods.

    \b
    Example:
      paperkg build examples/trending-agents.txt      # writes ./paperkg-out
      paperkg papers --benchmark WebArena
      paperkg show GRPO
    """
    if ctx.invoked_subcommand is None:  # a bare `paperkg` asks what there is: not an error
        click.echo(ctx.get_help())


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(f"paperkg.cli.{_name}").COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="paperkg")
