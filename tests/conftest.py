"""Shared fixtures. Everything a test needs lives in the repository (tests/fixtures,
examples/); nothing reads ../shared."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE_LISTING = ROOT / "examples" / "trending-agents.txt"


@pytest.fixture
def sample_listing() -> Path:
    return SAMPLE_LISTING


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def tree(directory: Path) -> dict[str, bytes | str]:
    """Every file's bytes and every link's target under ``directory``, by relative path."""
    out: dict[str, bytes | str] = {}
    for path in sorted(Path(directory).rglob("*")):
        name = str(path.relative_to(directory))
        if path.is_symlink():
            out[name] = os.readlink(path)
        elif path.is_file():
            out[name] = path.read_bytes()
    return out


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes | str]]:
    """``snapshot(directory)``: its whole content, to show that a run changed nothing."""
    return tree
