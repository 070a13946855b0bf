"""Speed of the Cypher side on a synthetic graph (default 100k papers, ~600k edges).

Measures: the embedded engine's load time (bulk COPY into a fresh database, as
`build` writes it), the latency of "papers using X" and of a 2-hop co-occurrence
query on the loaded database, the cost of one `cypher.run` call (open the current
generation, query), and rows per request of the Neo4j writer (statements counted
against a neo4j.Driver double).

Loads are timed --repeat times; the best wall time is printed with the process CPU
time (all threads) of that run and the machine's load average, because a busy
2-core machine stretches wall time far past the work done.

    .venv/bin/python benchmarks/bench_cypher.py [--papers 100000] [--repeat 3] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from unittest.mock import create_autospec

import ladybug
import neo4j
import networkx as nx
from paperkg.graph import cypher, store
from paperkg.graph import neo4j as server
from paperkg.graph.cypher_rows import graph_tables
from paperkg.graph.lbug import database_path, write_database

PAPERS_USING = (
    "MATCH (p:Paper)-[:USES|EVALUATES_ON|INTRODUCES]->(e {name: $name}) "
    "RETURN p.title AS title, p.year AS year ORDER BY year DESC LIMIT 100"
)
COOCCURRENCE = (
    "MATCH (b:Benchmark {name: $name})<-[:EVALUATES_ON]-(p:Paper)-[:USES]->(m:Model) "
    "RETURN m.name AS model, count(DISTINCT p) AS papers ORDER BY papers DESC LIMIT 20"
)


def synthetic(papers: int, seed: int = 7) -> nx.MultiDiGraph:
    """Papers with 6 entity links each (Zipf-ish popularity) plus inferred-style citations."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    kinds = {"Benchmark": papers // 50, "Model": papers // 25, "Method": papers // 20}
    for label, n in kinds.items():
        for i in range(n):
            nid = f"{label.lower()}:{label.lower()}{i}"
            g.add_node(nid, label=label, id=nid, name=f"{label}-{i}", aliases=[f"{label[0]}{i}"])
    for i in range(papers):
        pid = f"title:{i:08x}"
        g.add_node(
            pid,
            label="Paper",
            id=pid,
            title=f'Paper {i}: a "study" of it\'s kind',
            abstract="An abstract,\nwith a line break. " * 10,
            year=2015 + i % 11,
            url=None,
            authors=[f"Author {i % 997}", f"Author {i % 991}"],
            source=["bench"],
            doi=None,
            n_references=0,
        )

    def pick(label: str) -> str:
        return f"{label.lower()}:{label.lower()}{int(rng.paretovariate(1.2)) % kinds[label]}"

    for i in range(papers):
        pid = f"title:{i:08x}"
        g.add_edge(pid, pick("Benchmark"), key="EVALUATES_ON", type="EVALUATES_ON")
        g.add_edge(pid, pick("Model"), key="USES", type="USES")
        g.add_edge(pid, pick("Method"), key="USES", type="USES")
        g.add_edge(pid, pick("Model"), key="INTRODUCES", type="INTRODUCES")
        if i:
            cited = f"title:{rng.randrange(i):08x}"
            g.add_edge(pid, cited, key="CITES", type="CITES", inferred=False, via=[])
            g.add_edge(pid, cited, key="CITES:inferred", type="CITES", inferred=True, via=["x"])
    return g


def timed(work, repeat: int) -> str:
    """Best wall time of ``repeat`` runs of ``work()``, with that run's CPU time."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall, cpu = min(runs)
    load = os.getloadavg()[0]
    return f"{wall:.2f} s (CPU {cpu:.2f} s; best of {repeat}; load average {load:.1f})"


def load_in_memory(graph: nx.MultiDiGraph) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_database(graph_tables(graph), Path(tmp) / "graph.lbug")


def latency_ms(conn: ladybug.Connection, query: str, names: list[str]) -> tuple[float, float]:
    times = []
    for name in names:
        start = time.perf_counter()
        result = conn.execute(query, {"name": name})
        while result.has_next():
            result.get_next()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def writer_rows_per_request(graph: nx.MultiDiGraph) -> tuple[int, int, float]:
    driver = create_autospec(neo4j.Driver, instance=True)
    session = driver.session.return_value.__enter__.return_value
    tx = create_autospec(neo4j.ManagedTransaction, instance=True)
    session.execute_write.side_effect = lambda fn, *a, **kw: fn(tx, *a, **kw)
    stats = server.push(driver, graph)
    rows = stats.nodes + stats.relationships
    return tx.run.call_count, rows, rows / stats.requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="time each load this often")
    parser.add_argument("--out", type=Path, default=None, help="keep the graph here")
    args = parser.parse_args()
    if args.out:
        bench(args.out, args)
        return
    with tempfile.TemporaryDirectory(prefix="bench-cypher-") as tmp:
        bench(Path(tmp), args)


def bench(out: Path, args: argparse.Namespace) -> None:
    """Make and save the synthetic graph in `out`, then time everything against it."""
    t = time.perf_counter()
    graph = synthetic(args.papers)
    store.save(out, graph)
    print(
        f"graph: {args.papers} papers, {graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} edges (made in {time.perf_counter() - t:.1f} s)"
    )
    print(
        f"embedded load, graph in memory (columns + schema + bulk COPY): "
        f"{timed(lambda: load_in_memory(graph), args.repeat)}"
    )
    path = database_path(out)
    t = time.perf_counter()
    cypher.run(out, "MATCH (p:Paper) RETURN count(p)")
    print(
        f"one cypher.run call (open the current generation, query): "
        f"{(time.perf_counter() - t) * 1000:.0f} ms"
    )
    conn = ladybug.Connection(ladybug.Database(str(path), read_only=True))
    hot = [f"Benchmark-{i}" for i in range(20)]
    top = conn.execute(
        "MATCH (:Benchmark {name: 'Benchmark-1'})<-[:EVALUATES_ON]-(p:Paper) RETURN count(p)"
    ).get_next()[0]
    print(f"Benchmark-1, the most used name, is evaluated on by {top} papers")
    for label, query in (("papers using X", PAPERS_USING), ("2-hop co-occurrence", COOCCURRENCE)):
        latency_ms(conn, query, hot[:2])  # warm up
        median, worst = latency_ms(conn, query, hot)
        print(f"{label}: median {median:.1f} ms, max {worst:.1f} ms over {len(hot)} names")
        # the Pareto draw never picks index 0, so Benchmark-1 is the most used name
        median, worst = latency_ms(conn, query, ["Benchmark-1"] * 10)
        print(f"  Benchmark-1 alone, 10 runs: median {median:.1f} ms, max {worst:.1f} ms")
    calls, rows, per = writer_rows_per_request(graph)
    print(
        f"neo4j writer: {rows} rows in {calls} statements "
        f"({calls - 4} UNWIND batches + 4 constraints), {per:.0f} rows/request"
    )


if __name__ == "__main__":
    main()
