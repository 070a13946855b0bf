"""Time to first render of the HTML page in headless Chromium, for synthetic graphs.

Graphs are built with the real ``build_graph`` from synthetic records: 60% papers
(each with a ~900-character abstract and 3-6 entities drawn from a Zipf-like
popularity, so there are hubs as in real listings), 40% entities. For each size
it reports Python time (select + layout + render + write), file size, and in
Chromium the time from navigation start to the first drawn frame
(``window.paperkgReady``), the wall time from ``goto`` to that frame, and the mean
time of one pan step (a mouse drag move plus two animation frames).

    .venv/bin/python benchmarks/bench_viz.py 1000 10000 100000
    .venv/bin/python benchmarks/bench_viz.py 10000 --renderer vis
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph.build import build_graph
from paperkg.viz.html import write_html
from playwright.sync_api import sync_playwright

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WORDS = [
    "agent",
    "benchmark",
    "model",
    "reasoning",
    "policy",
    "web",
    "task",
    "tool",
    "language",
    "learning",
    "reward",
    "environment",
    "evaluation",
    "planning",
    "memory",
    "retrieval",
    "vision",
    "code",
    "math",
    "search",
]


def synthetic_records(n_nodes: int, seed: int = 1) -> list[PaperEntities]:
    rng = random.Random(seed)
    n_papers = int(n_nodes * 0.6)
    n_entities = n_nodes - n_papers
    types = ("BENCHMARK", "MODEL", "METHOD")
    names = [(types[i % 3], f"{types[i % 3].title()}-{i}") for i in range(n_entities)]
    weights = [1 / (i + 1) ** 0.9 for i in range(n_entities)]
    introduced: set[int] = set()
    records = []
    for p in range(n_papers):
        picks = set(rng.choices(range(n_entities), weights=weights, k=rng.randint(3, 6)))
        ents = []
        for k in sorted(picks):
            role = "uses" if k in introduced or rng.random() < 0.7 else "introduces"
            if role == "introduces":
                introduced.add(k)
            ents.append(Entity(names[k][0], names[k][1], (), role))
        abstract = " ".join(rng.choice(WORDS) for _ in range(120))
        paper = Paper(
            id=f"p{p}",
            title=f"Paper {p}: " + " ".join(rng.sample(WORDS, 6)),
            abstract=abstract,
            year=2020 + p % 6,
            url=f"https://example.org/{p}",
        )
        records.append(PaperEntities(paper, tuple(ents)))
    return records


def measure(browser_ctx, page_file: Path) -> dict[str, float]:
    page = browser_ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(page_file.as_uri(), timeout=300_000)
    page.wait_for_function("window.paperkgReady", timeout=300_000, polling=50)
    wall = time.perf_counter() - start
    first = page.evaluate("window.paperkgReady") / 1000
    page.mouse.move(700, 400)
    page.mouse.down()
    t = time.perf_counter()
    for step in range(10):
        page.mouse.move(700 + 8 * (step + 1), 400 + 5 * (step + 1))
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    pan = (time.perf_counter() - t) / 10
    page.mouse.up()
    page.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return {"first_render_s": first, "wall_s": wall, "pan_step_ms": pan * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--renderer", default="auto")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-viz-"))
    print(
        "| nodes | edges | renderer | python s | file MB | first render s | goto→render s "
        "| pan step ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(out / "profile"),
            executable_path="/usr/bin/chromium",
            args=FLAGS,
            headless=True,
            offline=True,
            viewport={"width": 1400, "height": 850},
        )
        for n in args.sizes:
            graph = build_graph(synthetic_records(n))
            t = time.perf_counter()
            result = write_html(graph, out / f"graph-{n}.html", renderer=args.renderer)
            py = time.perf_counter() - t
            m = measure(ctx, result.path)
            mb = result.path.stat().st_size / 1e6
            print(
                f"| {result.nodes:,} | {result.edges:,} | {result.renderer} | {py:.1f} | "
                f"{mb:.1f} | {m['first_render_s']:.2f} | {m['wall_s']:.2f} | "
                f"{m['pan_step_ms']:.0f} |",
                flush=True,
            )
        ctx.close()
    print(f"pages kept in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
