"""Throughput and peak memory of the streamed arXiv Kaggle snapshot reader.

Writes a synthetic snapshot of N copies of the first real record (different ids),
then reads it with iter_papers and reports papers/s and the tracemalloc peak.

    .venv/bin/python benchmarks/readers_stream.py 200000
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from paperkg.extract.readers import iter_papers

SEED = Path(__file__).resolve().parents[1] / "tests/fixtures/readers/arxiv-kaggle-first30.jsonl"


def main(n: int) -> None:
    row = json.loads(SEED.read_text(encoding="utf-8").split("\n", 1)[0])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "snapshot.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(n):
                out.write(json.dumps({**row, "id": f"{1000 + i // 100000:04d}.{i % 100000:05d}"}))
                out.write("\n")
        size = path.stat().st_size
        wall, cpu = time.perf_counter(), time.process_time()
        count = sum(1 for _ in iter_papers(path))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        tracemalloc.start()  # a second pass: tracemalloc slows reading several times
        sum(1 for _ in iter_papers(path))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(
        f"{count} papers from {size / 1e6:.1f} MB: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"({count / cpu:,.0f} papers/s of CPU, {size / 1e6 / cpu:.1f} MB/s); "
        f"tracemalloc peak {peak / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
