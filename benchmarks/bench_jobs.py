"""Extraction in one process, with --jobs N and with --dask, on N abstracts (wall and CPU s).

The same papers are extracted by the in-process pipeline, by N spawned workers
(``paperkg.api.parallel``, what ``build --jobs N`` runs) and, with ``--dask``, on a
dask.distributed cluster (``paperkg.api.cluster``, what ``build --dask`` runs: ``local``
starts a LocalCluster of one worker process per core, its start-up timed too); the
records must be equal. CPU seconds are this process plus its workers (children, counted
once they have exited, so pools and the local cluster are closed inside the timing),
so the ratio shows the cost of start-up and transfer; wall seconds show the speed-up a
user sees. On a 2-core machine shared with other jobs, wall times stretch: read them
with the load average, printed before and after each run.

    .venv/bin/python benchmarks/bench_jobs.py --n 10000 --jobs 2
    .venv/bin/python benchmarks/bench_jobs.py --n 20000 --jobs 2 --dask local \\
        --corpus ../shared/corpus/unlabelled/arxiv_cc0_2022-2025.jsonl \\
        --corpus ../shared/corpus/unlabelled/acl_anthology_ccby4_2022-2025.jsonl \\
        --corpus ../shared/corpus/unlabelled/UNKNOWN-LICENCE_conference_abstracts_2022-2024.jsonl

With ``--dask`` it also prints what crossed the network (pickled papers out, their
entities back, per paper) and the peak RSS of the largest worker.
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import time
from pathlib import Path

from bench_extract import synthetic_papers
from paperkg.api.cluster import connect
from paperkg.api.parallel import extract_in_processes
from paperkg.api.resume import PART
from paperkg.extract.pipeline import load_extractor


def timed(work):
    before, wall, load = os.times(), time.perf_counter(), os.getloadavg()[0]
    result = work()
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # user + system, self and children
    return result, time.perf_counter() - wall, cpu, (load, os.getloadavg()[0])


def on_dask(address, papers, peaks):
    with connect(address, None) as cluster:
        records = [r for part in cluster.parts(papers, lambda n: None, part=PART) for r in part]
        peaks += cluster.client.run(_peak_rss).values()
    return records


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def report(name, n, wall, cpu, load, base=None):
    line = f"{name:<14}: wall {wall:7.1f} s  cpu {cpu:7.1f} s  ({n / wall:.0f}/s)"
    if base:
        line += f"  speed-up {base[0] / wall:.2f}x, CPU ratio {cpu / base[1]:.2f}"
    print(f"{line}  load {load[0]:.1f} -> {load[1]:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dask", metavar="ADDRESS", help="also on this cluster (or `local`)")
    parser.add_argument("--corpus", type=Path, action="append", help="JSON Lines of abstracts")
    opts = parser.parse_args()
    papers = synthetic_papers(opts.n, corpus=opts.corpus)
    print(f"{opts.n} abstracts ({'corpus' if opts.corpus else 'dev abstracts'}), "
          f"{os.cpu_count()} cores")  # fmt: skip
    one, wall1, cpu1, load = timed(lambda: list(load_extractor().extract(papers)))
    report("1 process", opts.n, wall1, cpu1, load)
    many, wall2, cpu2, load = timed(
        lambda: [
            r
            for part in extract_in_processes(papers, None, opts.jobs, lambda n: None)
            for r in part
        ]
    )
    report(f"--jobs {opts.jobs}", opts.n, wall2, cpu2, load, (wall1, cpu1))
    assert one == many, "the records differ (--jobs)"
    if opts.dask:
        peaks: list[int] = []
        on, wall3, cpu3, load = timed(lambda: on_dask(opts.dask, papers, peaks))
        report(f"--dask {opts.dask}", opts.n, wall3, cpu3, load, (wall1, cpu1))
        assert one == on, "the records differ (--dask)"
        out, back = len(pickle.dumps(papers)), len(pickle.dumps([r.entities for r in on]))
        print(
            f"over the wire: papers {out / 1e6:.1f} MB out ({out / opts.n:.0f} B each), "
            f"entities {back / 1e6:.1f} MB back ({back / opts.n:.0f} B each); "
            f"largest worker peak RSS {max(peaks)} MB; this process {_peak_rss()} MB"
        )


if __name__ == "__main__":
    main()
