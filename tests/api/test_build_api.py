"""paperkg.api.build: what the build command runs, callable from Python."""

from __future__ import annotations

import contextlib
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


class Interrupted(Exception):
    pass


def stop_after(n: int, totals: list[int]):
    """An ``on_extract`` that records how many papers a run had to extract and interrupts
    it after ``n`` of them, as Ctrl-C or a dead machine would."""

    @contextlib.contextmanager
    def on_extract(total: int):
        totals.append(total)
        seen = 0

        def advance(k: int) -> None:
            nonlocal seen
            seen += k
            if seen >= n:
                raise Interrupted

        yield advance

    return on_extract


@pytest.mark.slow
def test_resume_extracts_only_what_the_interrupted_run_had_not(tmp_path: Path, monkeypatch) -> None:
    from paperkg.api import resume

    monkeypatch.setattr(resume, "PART", 100)
    monkeypatch.setattr("paperkg.api.building.PART", 100)
    out, totals = tmp_path / "out", []
    with pytest.raises(Interrupted):
        build([SAMPLE], out, html=False, on_extract=stop_after(150, totals))
    assert not (out / "current").exists()  # nothing landed
    assert len(list((out / ".partial" / "records").glob("*.jsonl"))) == 1  # one part kept
    report = build([SAMPLE], out, html=False, resume=True, on_extract=stop_after(10**6, totals))
    assert totals == [231, 131]
    assert report.papers_added == 231 and not (out / ".partial").exists()
    whole = build([SAMPLE], tmp_path / "whole", html=False)
    assert (
        records_bytes(out) == records_bytes(tmp_path / "whole") and whole.summary == report.summary
    )


def test_without_resume_an_old_partial_run_is_not_used(tmp_path: Path) -> None:
    from paperkg.api.resume import Partial
    from paperkg.extract.records import Entity, Paper, PaperEntities

    paper = Paper("p", "A paper", "On XBench.")
    Partial(tmp_path, None, resume=False).save([PaperEntities(paper, (Entity("MODEL", "Bogus"),))])
    assert Partial(tmp_path, None, resume=True).reused(paper) is not None
    changed = paper.with_changes(abstract="On YBench.")
    assert Partial(tmp_path, None, resume=True).reused(changed) is None
    assert Partial(tmp_path, "other-model", resume=True).reused(paper) is None
    assert Partial(tmp_path, None, resume=False).reused(paper) is None
    assert not (tmp_path / ".partial").exists()
