"""The runnable examples in docstrings stay true (imported as paperkg.* modules)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    ".".join(["paperkg", layer, *path.relative_to(ROOT / layer).with_suffix("").parts])
    for layer in ("extract", "graph", "viz", "api", "cli")
    for path in (ROOT / layer).rglob("*.py")
    if path.name != "__init__.py" and ">>>" in path.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
