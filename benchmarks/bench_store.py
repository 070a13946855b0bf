"""The store at scale: build it from record shards, ask it questions, add to it.

Runs each step in a fresh process and reports its wall time, CPU time and peak RSS:

- floor: read and parse every shard (what any build from the records must do at least);
- store build: a new generation from the shards (records linked, ``bulk.write_store``);
- queries end to end (``paperkg papers|show`` as a user runs them) for the hub
  benchmark (used by half the papers; with --limit) and for a tail one, a paper card,
  both names at once, and the hub with --since;
- a 2-hop co-occurrence query inside the engine;
- add: 1,000 new papers (already extracted) to the graph through ``update``, written
  from the previous generation (``graph/increment.py``); with --full-add also 1,000 more
  the old way, every record read and the store rebuilt, for comparison.

    .venv/bin/python benchmarks/synth_shards.py 100000 /tmp/shards-100k
    .venv/bin/python benchmarks/bench_store.py /tmp/shards-100k /tmp/store-100k
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PAPERKG = str(Path(sys.executable).with_name("paperkg"))
COOCCURRENCE = (
    "MATCH (b:Benchmark {id: $id})<-[:EVALUATES_ON]-(p:Paper)-[:USES]->(m:Model) "
    "RETURN m.name AS model, count(DISTINCT p) AS papers ORDER BY papers DESC LIMIT 20"
)
#: the same answer, counted per model node and named after the cut: a paper has at most
#: one EVALUATES_ON to a benchmark and one USES to a model, so count(*) is count(DISTINCT p),
#: and only the 20 names shown are read (docs/performance.md, "2-hop co-occurrence")
COOCCURRENCE_BY_NODE = (
    "MATCH (b:Benchmark {id: $id})<-[:EVALUATES_ON]-(p:Paper)-[:USES]->(m:Model) "
    "WITH m, count(*) AS papers ORDER BY papers DESC LIMIT 20 "
    "MATCH (n:Model) WHERE n = m RETURN n.name AS model, papers ORDER BY papers DESC"
)


def step_floor(shards: Path, out: Path) -> dict:
    from paperkg.graph.shards import read_shards

    return {"records": sum(1 for _ in read_shards(shards))}


def step_build(shards: Path, out: Path) -> dict:
    from paperkg.graph import bulk, generations
    from paperkg.graph.shards import RECORDS_DIR, read_shards, shard_paths

    if out.exists():
        shutil.rmtree(out)
    with generations.transaction(out) as tx:
        (tx.path / RECORDS_DIR).mkdir()
        for path in shard_paths(shards):  # shards are immutable: link, do not copy
            os.link(path, tx.path / RECORDS_DIR / path.name)
        counts = bulk.write_store(read_shards(tx.path), tx.path)
        tx.commit({"papers": counts["papers"], "records": counts["papers"]})
    return counts


def step_add(shards: Path, out: Path, incremental: bool = True) -> dict:
    from paperkg.graph import update
    from synth_shards import records

    with generations_current(out) as gen:
        n = json.loads((gen / "manifest.json").read_text())["papers"]
    new = list(records(n + 1000, seed=99))[n:]  # ids after the existing ones
    by_id = {r.paper.id: r for r in new}
    cpu = time.process_time()  # the add alone, not the making of its records
    result = update.update(
        out,
        [r.paper for r in new],
        lambda ps: [by_id[p.id] for p in ps],
        into=True,
        incremental=incremental,
    )
    return {
        "added": result.added,
        "incremental": result.incremental,
        "add_cpu": time.process_time() - cpu,
    }


def step_add_full(shards: Path, out: Path) -> dict:
    return step_add(shards, out, incremental=False)


def generations_current(out: Path):
    import contextlib

    from paperkg.graph import generations

    @contextlib.contextmanager
    def held():
        yield generations.current(out)

    return held()


def child(step: str, shards: Path, out: Path) -> dict:
    """Run ``step`` in a fresh interpreter; its wall, CPU and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--step", step, str(shards), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        sys.exit(f"{step} failed:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["wall"] = time.perf_counter() - start
    return report


def cli_seconds(args: list[str], repeat: int = 5) -> tuple[float, float]:
    """Median wall and CPU seconds of ``paperkg ARGS`` run as a user runs it."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = os.times()
        start = time.perf_counter()
        subprocess.run([PAPERKG, *args], stdout=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(
            after.children_user
            - before.children_user
            + after.children_system
            - before.children_system
        )
    return statistics.median(walls), statistics.median(cpus)


def engine_ms(out: Path, query: str, params: dict, repeat: int = 5) -> float:
    import ladybug
    from paperkg.graph.lbug import database_path

    conn = ladybug.Connection(ladybug.Database(str(database_path(out)), read_only=True))
    conn.execute(query, params).get_all()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        conn.execute(query, params).get_all()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shards", type=Path, help="made by synth_shards.py")
    parser.add_argument("out", type=Path, help="graph directory to write (replaced)")
    parser.add_argument("--step", choices=["floor", "build", "add", "add_full"])
    parser.add_argument("--tail", default="Bench300", help="a tail benchmark to ask about")
    parser.add_argument("--skip-add", action="store_true")
    parser.add_argument("--only-add", action="store_true", help="add to OUT as it is")
    parser.add_argument("--full-add", action="store_true", help="also add by a full rebuild")
    opts = parser.parse_args()
    if opts.step:
        cpu = time.process_time()
        report = globals()[f"step_{opts.step}"](opts.shards, opts.out)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({**report, "cpu": time.process_time() - cpu, "rss_mb": rss}))
        return
    print(f"load average {os.getloadavg()[0]:.1f}")
    if not opts.only_add:
        queries(opts)
    if not opts.skip_add:
        for step in ("add", "add_full") if opts.full_add else ("add",):
            r = child(step, opts.shards, opts.out)
            peak = f"peak {r['rss_mb']:.0f} MB"
            print(f"{step} 1,000 papers: wall {r['wall']:.1f} s  cpu {r['cpu']:.1f} s  {peak}  {r}")


def queries(opts: argparse.Namespace) -> None:
    """Build the store from the shards, then time the questions."""
    for step in ("floor", "build"):
        r = child(step, opts.shards, opts.out)
        peak = f"peak {r['rss_mb']:6.0f} MB"
        print(f"{step:6s} wall {r['wall']:7.1f} s  cpu {r['cpu']:7.1f} s  {peak}  {r}")
    graph = ["--graph", str(opts.out), "--format", "json"]
    for label, args in (
        (
            "papers --benchmark HubBench --limit 20",
            ["papers", "--benchmark", "HubBench", "--limit", "20"],
        ),
        (f"papers --benchmark {opts.tail}", ["papers", "--benchmark", opts.tail]),
        ("show HubBench", ["show", "HubBench"]),
        (f"show {opts.tail}", ["show", opts.tail]),
        ("show arxiv:2001.0000000 (a paper card)", ["show", "arxiv:2001.0000000"]),
        (
            f"papers --benchmark HubBench --benchmark {opts.tail}",
            ["papers", "--benchmark", "HubBench", "--benchmark", opts.tail],
        ),
        (
            "papers --benchmark HubBench --since 2024 --limit 20",
            ["papers", "--benchmark", "HubBench", "--since", "2024", "--limit", "20"],
        ),
    ):
        wall, cpu = cli_seconds([*args, *graph])
        print(f"{label:45s} wall {wall:6.3f} s  cpu {cpu:6.3f} s")
    for name in ("benchmark:hubbench", f"benchmark:{opts.tail.lower()}"):
        for form, query in (("", COOCCURRENCE), (" (per node)", COOCCURRENCE_BY_NODE)):
            ms = engine_ms(opts.out, query, {"id": name})
            print(f"2-hop co-occurrence{form} {name}: {ms:.1f} ms in the engine")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
