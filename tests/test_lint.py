"""ruff stays clean on the whole repository (lint and format), mypy on every package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "args", [["check", "."], ["format", "--check", "."]], ids=["check", "format"]
)
def test_ruff_is_clean(args):
    res = subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy_is_clean_on_every_package(tmp_path):
    packages = ["extract", "graph", "viz", "api", "cli"]
    res = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), *packages],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stdout + res.stderr
