from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import build, store


def _rec(pid, title, year, *ents):
    return PaperEntities(
        Paper(pid, title, f"About {title}.", year=year, url=f"https://example.org/{pid}"),
        tuple(ents),
    )


@pytest.fixture
def graph_dir(tmp_path) -> Path:
    records = [
        _rec(
            "p1",
            "WebArena: A Realistic Web Environment",
            2023,
            Entity("BENCHMARK", "WebArena", (), "introduces"),
            Entity("MODEL", "GPT-4", (), "uses"),
        ),
        _rec(
            "p2",
            "An agent on WebArena",
            2024,
            Entity("BENCHMARK", "webarena"),
            Entity("METHOD", "GRPO", ("Group Relative Policy Optimization",)),
            Entity("MODEL", "Qwen2.5-7B-Instruct"),
        ),
        _rec(
            "p3",
            "SWE agents",
            2025,
            Entity("BENCHMARK", "SWE-bench"),
            Entity("METHOD", "GRPO"),
            Entity("MODEL", "Qwen2.5-14B"),
        ),
    ]
    out = tmp_path / "g"
    store.save(out, build.build_graph(records), records)
    return out


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
