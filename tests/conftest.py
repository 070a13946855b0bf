"""Shared fixtures. Everything a test needs lives in the repository (tests/fixtures,
examples/); nothing reads ../shared."""

from __future__ import annotations

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
