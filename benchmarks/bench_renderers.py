"""vis-network against sigma.js on the same map, in headless Chromium: the measurement
behind keeping vis-network (docs/viz.md, "Renderer").

Each renderer gets a bare page (no paperkg UI) that draws the same nodes, at the same
positions, sizes and colours, with the same links, labels off (paperkg draws its own):
the entity map of a synthetic field (tests/viz/field.py) and, for scale, the whole
bipartite graph of papers and entities. Reported: time from navigation to the first
drawn frame, and the mean time of one pan step (a mouse-drag move plus two animation
frames, as in bench_viz.py). sigma.js is not shipped: point the script at packages
unpacked from npm (``npm pack sigma@3 sigma graphology``, then ``tar xzf``):

    .venv/bin/python benchmarks/bench_renderers.py --papers 10000 \\
        --graphology /tmp/npm/graphology/package --sigma /tmp/npm/sigma-3/package \\
        --sigma /tmp/npm/sigma-4/package
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from importlib import resources
from pathlib import Path

from bench_viz import FLAGS, measure
from paperkg.graph.build import build_graph
from paperkg.viz.landscape import landscape, map_graph, radii
from paperkg.viz.layout import layout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "viz"))
from field import field_records

COLOURS = {"Paper": "#4e79a7", "Benchmark": "#e8710a", "Model": "#3f8f3a", "Method": "#a2529a"}
VIS_JS = """
var D = JSON.parse(document.getElementById('d').textContent);
var nodes = D.x.map(function (x, i) { return {id: i, x: x, y: D.y[i], size: D.r[i], shape: 'dot',
  color: D.c[i], borderWidth: 1, chosen: false}; });
var edges = D.s.map(function (s, k) { return {id: k, from: s, to: D.d[k], color: {color: '#7b8794',
  opacity: 0.4}}; });
var net = new vis.Network(document.getElementById('g'), {nodes: new vis.DataSet(nodes),
  edges: new vis.DataSet(edges)}, {physics: false, layout: {improvedLayout: false},
  interaction: {hover: true, hideEdgesOnDrag: nodes.length > 800},
  nodes: {chosen: false}, edges: {chosen: false, smooth: false}});
net.once('afterDrawing', function () { window.paperkgReady = performance.now(); });
"""
SIGMA_JS = """
var D = JSON.parse(document.getElementById('d').textContent);
var G = new graphology.Graph();
D.x.forEach(function (x, i) { G.addNode(String(i), {x: x, y: -D.y[i], size: D.r[i] / 3,
  color: D.c[i], label: ''}); });
D.s.forEach(function (s, k) { if (!G.hasEdge(String(s), String(D.d[k])))
  G.addEdge(String(s), String(D.d[k]), {color: '#c0c6cc', size: 0.6}); });
new Sigma(G, document.getElementById('g'),
  {renderLabels: false, hideEdgesOnMove: D.x.length > 800});
requestAnimationFrame(function () { window.paperkgReady = performance.now(); });
"""


def map_data(graph) -> dict:
    """The entity map of ``graph`` as columns: positions, radii, colours, links."""
    scape = landscape(graph)
    sizes = radii(scape)
    pos = layout(map_graph(scape), radii=sizes)
    index = {e: i for i, e in enumerate(scape.members)}
    return {
        "x": [pos[e][0] for e in scape.members],
        "y": [pos[e][1] for e in scape.members],
        "r": [sizes[e] for e in scape.members],
        "c": [COLOURS[graph.nodes[e]["label"]] for e in scape.members],
        "s": [index[a] for a, _, _ in scape.links],
        "d": [index[b] for _, b, _ in scape.links],
    }


def full_data(graph) -> dict:
    """Every paper and entity with every link, laid out as the old full-graph page did."""
    pos = layout(graph)
    order = list(graph.nodes)
    index = {n: i for i, n in enumerate(order)}
    return {
        "x": [pos[n][0] for n in order],
        "y": [pos[n][1] for n in order],
        "r": [5.0 if graph.nodes[n]["label"] == "Paper" else 8.0 for n in order],
        "c": [COLOURS[graph.nodes[n]["label"]] for n in order],
        "s": [index[u] for u, _ in graph.edges()],
        "d": [index[v] for _, v in graph.edges()],
    }


def page(data: dict, libraries: list[str], code: str) -> str:
    scripts = "".join(f"<script>{lib}</script>" for lib in libraries)
    return (
        "<!DOCTYPE html><html><head><meta charset=utf-8><style>html,body{margin:0;height:100%}"
        "#g{width:100%;height:100%}</style></head><body><div id=g></div>"
        f"<script type=application/json id=d>{json.dumps(data)}</script>{scripts}"
        f"<script>{code}</script></body></html>"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--graphology", type=Path, required=True, help="unpacked npm package")
    parser.add_argument("--sigma", type=Path, action="append", default=[], help="unpacked npm")
    args = parser.parse_args()
    vis = resources.files("pyvis").joinpath("lib", "vis-9.1.2", "vis-network.min.js").read_text()
    graphology = (args.graphology / "dist" / "graphology.umd.min.js").read_text()
    renderers = [("vis-network 9.1.2", [vis], VIS_JS)]
    for folder in args.sigma:
        version = json.loads((folder / "package.json").read_text())["version"]
        sigma = (folder / "dist" / "sigma.min.js").read_text()
        renderers.append((f"sigma.js {version}", [graphology, sigma], SIGMA_JS))
    graph = build_graph(field_records(args.papers))
    out = Path(tempfile.mkdtemp(prefix="bench-renderers-"))
    print("| graph | nodes | links | renderer | first frame s | pan step ms |")
    print("|---|---|---|---|---|---|")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        ctx = browser.new_context(offline=True, viewport={"width": 1400, "height": 850})
        for name, data in (
            ("entity map", map_data(graph)),
            ("papers + entities", full_data(graph)),
        ):
            for label, libraries, code in renderers:
                path = out / f"{name.split()[0]}-{label.split()[0]}.html"
                path.write_text(page(data, libraries, code), encoding="utf-8")
                m = measure(ctx, path)
                print(
                    f"| {name} | {len(data['x']):,} | {len(data['s']):,} | {label} | "
                    f"{m['first_render_s']:.2f} | {m['pan_step_ms']:.0f} |",
                    flush=True,
                )
        browser.close()


if __name__ == "__main__":
    main()
