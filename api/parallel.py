"""Extraction in worker processes, for ``build``/``add --jobs N``.

Each worker loads the pipeline once (the costly part: about a second) and then takes
papers in chunks; results come back in input order, so the records are exactly those a
single process writes. Workers are spawned, not forked: a fork would share the parent's
open files, the directory's write lock among them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from pathlib import Path

from paperkg.extract.records import Paper, PaperEntities

#: papers per task: large enough that sending them costs little next to extracting them
CHUNK = 200

_extractor = None  # the pipeline of this worker process


def _start(model: str | Path | None) -> None:
    global _extractor
    from paperkg.extract.pipeline import load_extractor

    _extractor = load_extractor(model)


def _extract(papers: list[Paper]) -> list[PaperEntities]:
    assert _extractor is not None
    return list(_extractor.extract(papers))


def extract_in_processes(
    papers: list[Paper],
    model: str | Path | None,
    jobs: int,
    advance: Callable[[int], None],
    *,
    part: int = 1000,
) -> Iterator[list[PaperEntities]]:
    """The records of ``papers``, extracted by ``jobs`` worker processes, in order, in
    parts of about ``part`` records as they finish."""
    chunks = [papers[i : i + CHUNK] for i in range(0, len(papers), CHUNK)]
    out: list[PaperEntities] = []
    context = multiprocessing.get_context("spawn")
    with context.Pool(min(jobs, len(chunks)), initializer=_start, initargs=(model,)) as pool:
        for chunk in pool.imap(_extract, chunks):
            out += chunk
            advance(len(chunk))
            if len(out) >= part:
                yield out
                out = []
    if out:
        yield out
