"""Extraction with --jobs N against one process, on N abstracts (wall and CPU seconds).

The same papers are extracted by the in-process pipeline and by N spawned workers
(``paperkg.api.parallel``, what ``build --jobs N`` runs); the records must be equal.
CPU seconds are this process plus its workers (children), so the ratio shows the cost
of start-up and transfer; wall seconds show the speed-up a user sees. On a 2-core
machine shared with other jobs, wall times stretch: read them with the load average.

    .venv/bin/python benchmarks/bench_jobs.py --n 10000 --jobs 2
"""

from __future__ import annotations

import argparse
import os
import time

from bench_extract import synthetic_papers
from paperkg.api.parallel import extract_in_processes
from paperkg.extract.pipeline import load_extractor


def timed(work):
    before, wall = os.times(), time.perf_counter()
    result = work()
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # user + system, self and children
    return result, time.perf_counter() - wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    opts = parser.parse_args()
    papers = synthetic_papers(opts.n)
    print(f"{opts.n} abstracts, load average {os.getloadavg()[0]:.1f}")
    one, wall1, cpu1 = timed(lambda: list(load_extractor().extract(papers)))
    print(f"1 process : wall {wall1:7.1f} s  cpu {cpu1:7.1f} s  ({opts.n / wall1:.0f}/s)")
    many, wall2, cpu2 = timed(
        lambda: [
            r
            for part in extract_in_processes(papers, None, opts.jobs, lambda n: None)
            for r in part
        ]
    )
    print(
        f"{opts.jobs} processes: wall {wall2:7.1f} s  cpu {cpu2:7.1f} s  ({opts.n / wall2:.0f}/s)"
        f"  speed-up {wall1 / wall2:.2f}x, CPU ratio {cpu2 / cpu1:.2f}"
    )
    assert one == many, "the records differ"


if __name__ == "__main__":
    main()
