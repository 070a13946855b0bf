"""paperkg.api.build: what the build command runs, callable from Python."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.api import build, load
from paperkg.extract.errors import InputError
from paperkg.graph.shards import shard_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "trending-agents.txt"


def records_bytes(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in shard_paths(directory / "current"))


@pytest.mark.slow
def test_extracting_in_two_processes_writes_the_same_records(tmp_path: Path) -> None:
    one = build([SAMPLE], tmp_path / "one", html=False)
    two = build([SAMPLE], tmp_path / "two", html=False, jobs=2)
    assert one.papers_added == two.papers_added == 231
    assert records_bytes(tmp_path / "one") == records_bytes(tmp_path / "two")
    assert one.summary == two.summary
    graph = load(tmp_path / "two")
    assert sum(d["label"] == "Paper" for _, d in graph.nodes(data=True)) == 231


def test_bad_input_raises_input_error_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Only a title\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.txt"):
        build([bad], tmp_path / "out")
    assert not (tmp_path / "out").exists()
