"""Choices that import their module only when a command needs them.

``paperkg --help`` imports every command module to list the commands; an option
whose choices live next to NetworkX or the Neo4j driver would import those too.
A :class:`LazyChoice` names where its choices are defined (so they stay defined
once) and imports that module the first time click reads them: when the command
runs or prints its own help.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

import click


class LazyChoice(click.Choice):
    """``click.Choice`` over the sequence ``module.name``, imported on first use."""

    def __init__(self, module: str, name: str, case_sensitive: bool = True) -> None:
        self._where = (module, name)
        super().__init__((), case_sensitive)

    @property  # type: ignore[override]
    def choices(self) -> tuple[Any, ...]:
        module, name = self._where
        return tuple(getattr(importlib.import_module(module), name))

    @choices.setter
    def choices(self, value: Iterable[Any]) -> None:
        """Ignored: the choices are always read from their module."""
