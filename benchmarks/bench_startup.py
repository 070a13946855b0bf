"""Start-up of the command line: `paperkg --help` and query commands, end to end.

Each command runs as a fresh process, as a user runs it; the floor is a bare
`python -c pass` with the same interpreter, measured in the same run, so the ratio
stays meaningful on a busy machine. Wall and CPU (user + system of the child) times
are the median of --repeat runs.

    .venv/bin/paperkg build examples/trending-agents.txt -o /tmp/s13
    .venv/bin/python benchmarks/bench_startup.py --graph /tmp/s13
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PAPERKG = Path(sys.executable).with_name("paperkg")


def timed(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``args`` (output discarded)."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def median_of(args: list[str], repeat: int) -> tuple[float, float]:
    runs = [timed(args) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graph", required=True, help="a graph directory (paperkg build -o)")
    parser.add_argument("--name", default="WebArena", help="benchmark to ask about")
    parser.add_argument("--repeat", type=int, default=7)
    opts = parser.parse_args()
    graph = ["--graph", opts.graph]
    commands = {
        "floor: python -c pass": [sys.executable, "-c", "pass"],
        "paperkg --help": [str(PAPERKG), "--help"],
        f"paperkg papers --benchmark {opts.name}": [
            str(PAPERKG),
            "papers",
            "--benchmark",
            opts.name,
            *graph,
            "--format",
            "table",
        ],
        f"paperkg show {opts.name}": [str(PAPERKG), "show", opts.name, *graph],
        "paperkg entities --top 20": [str(PAPERKG), "entities", "--top", "20", *graph],
    }
    floor = None
    for label, args in commands.items():
        wall, cpu = median_of(args, opts.repeat)
        floor = floor or wall
        print(f"{label:45s} wall {wall:6.3f} s  cpu {cpu:6.3f} s  ({wall / floor:4.1f}x floor)")


if __name__ == "__main__":
    main()
