"""Time to a readable map in headless Chromium, for synthetic research fields.

Fields come from tests/viz/field.py (papers in topics, each topic with a few popular
and many rare benchmarks, models and methods, a third of the papers introducing a
name of their own, ~250-character abstracts). For each size it reports the Python
time (select + landscape + layout + payload + write), the file size, how many
entities the map shows, and in Chromium: the time from navigation start to the
first drawn frame (``window.paperkgReady``), the wall time from ``goto`` to that
frame, the mean time of one pan step (a mouse-drag move plus two animation frames)
and the time to select the most mentioned entity and draw its neighbourhood.

    .venv/bin/python benchmarks/bench_viz.py 1000 10000 50000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from paperkg.graph.build import build_graph
from paperkg.viz.html import write_html
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "viz"))
from field import field_records

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FRAME = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def measure(browser_ctx, page_file: Path) -> dict[str, float]:
    page = browser_ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(page_file.as_uri(), timeout=300_000)
    page.wait_for_function("window.paperkgReady", timeout=300_000)
    wall = time.perf_counter() - start
    first = page.evaluate("window.paperkgReady") / 1000
    page.mouse.move(700, 400)
    page.mouse.down()
    t = time.perf_counter()
    for step in range(10):
        page.mouse.move(700 + 8 * (step + 1), 400 + 5 * (step + 1))
        page.evaluate(FRAME)
    pan = (time.perf_counter() - t) / 10
    page.mouse.up()
    select = float("nan")
    if page.evaluate("!!window.paperkg"):
        t = time.perf_counter()
        page.evaluate("window.paperkg.select(window.PaperKG.nodes.id[0])")
        page.evaluate(FRAME)
        select = time.perf_counter() - t
    page.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return {"first_render_s": first, "wall_s": wall, "pan_step_ms": pan * 1000, "select_s": select}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("papers", nargs="*", type=int, default=[1000, 10000, 50000])
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-viz-"))
    print(
        "| papers | nodes | on the map | python s | file MB | first render s | goto→render s "
        "| pan step ms | select s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        ctx = browser.new_context(offline=True, viewport={"width": 1400, "height": 850})
        for n in args.papers:
            graph = build_graph(field_records(n))
            t = time.perf_counter()
            result = write_html(graph, out / f"field-{n}.html")
            py = time.perf_counter() - t
            m = measure(ctx, result.path)
            mb = result.path.stat().st_size / 1e6
            print(
                f"| {n:,} | {result.nodes:,} | {result.on_map:,} | {py:.1f} | {mb:.1f} | "
                f"{m['first_render_s']:.2f} | {m['wall_s']:.2f} | {m['pan_step_ms']:.0f} | "
                f"{m['select_s']:.2f} |",
                flush=True,
            )
        browser.close()
    print(f"pages kept in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
