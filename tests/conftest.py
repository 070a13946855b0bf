"""Shared fixtures. Everything a test needs lives in the repository (tests/fixtures,
examples/); nothing reads ../shared."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


def load_script(name: str) -> ModuleType:
    """The maintainer script ``scripts/<name>.py``, imported as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def script() -> Callable[[str], ModuleType]:
    """``script("audit_stoplist")``: a maintainer script of ``scripts/``, imported."""
    return load_script
