"""One offline HTML file for a graph: the page people explore.

``render_html`` is pure (graph in, text out); ``write_html`` selects, lays out,
renders and writes atomically. The page inlines everything it runs: the
project's own JS/CSS from ``viz/assets`` and, for graphs small enough for a
canvas, vis-network as shipped inside the installed ``pyvis`` package. Larger
graphs use the project's own WebGL renderer. Nothing is fetched over a network.

We use pyvis's bundled vis-network rather than pyvis's own page template: the
template puts node data straight into a script (a ``</script>`` in a title would
end it) and its filter menu makes nodes vanish (pyvis#193).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx
from paperkg.extract.errors import StoreError
from paperkg.extract.files import atomic_write
from paperkg.graph import schema as s

from .layout import layout
from .payload import build_payload, script_json
from .select import View, select

#: above this many nodes vis-network's canvas pans slowly; the WebGL renderer takes over
VIS_MAX_NODES = 2_000
#: below this many nodes the browser may run physics from the Python layout
PHYSICS_MAX_NODES = 250
RENDERERS = ("auto", "vis", "webgl")
_VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")
_MARKER = re.compile(r"@@(TITLE|CSS|DATA|LIBS|APP)@@")


@dataclass(frozen=True, slots=True)
class VizResult:
    """What was written: where, how many nodes and edges, which renderer, and any notes."""

    path: Path
    nodes: int
    edges: int
    renderer: str
    notes: tuple[str, ...] = field(default=())
    counts: dict[str, int] = field(default_factory=dict)


def write_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    view: View = View(),  # noqa: B008 - frozen
    *,
    renderer: str = "auto",
    title: str | None = None,
) -> VizResult:
    """Write the page for (a focus view of) ``graph`` to ``path``, atomically."""
    chosen = select(graph, view)
    sub = chosen.graph
    used = pick_renderer(sub.number_of_nodes(), renderer)
    text = render_html(sub, renderer=used, notes=chosen.notes, title=title)
    target = Path(path)
    try:
        with atomic_write(target) as out:
            out.write(text)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}") from exc
    counts = dict.fromkeys(s.LABELS, 0)
    for _, data in sub.nodes(data=True):
        counts[data["label"]] = counts.get(data["label"], 0) + 1
    return VizResult(
        target, sub.number_of_nodes(), sub.number_of_edges(), used, chosen.notes, counts
    )


def pick_renderer(n_nodes: int, wanted: str = "auto") -> str:
    """``vis`` for graphs a canvas pans smoothly, ``webgl`` beyond.

    >>> pick_renderer(300), pick_renderer(50_000), pick_renderer(10, "webgl")
    ('vis', 'webgl', 'webgl')
    """
    if wanted not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}, got {wanted!r}")
    if wanted != "auto":
        return wanted
    return "vis" if n_nodes <= VIS_MAX_NODES else "webgl"


def render_html(
    graph: nx.MultiDiGraph,
    *,
    renderer: str = "vis",
    notes: tuple[str, ...] = (),
    title: str | None = None,
) -> str:
    """The page's full text for ``graph`` as it is (no selection)."""
    n = graph.number_of_nodes()
    meta = {
        "renderer": renderer,
        "physics": renderer == "vis" and n <= PHYSICS_MAX_NODES,
        "notes": list(notes),
    }
    payload = build_payload(graph, layout(graph), meta)
    papers = sum(1 for _, d in graph.nodes(data=True) if d["label"] == s.PAPER)
    parts = {
        "TITLE": html.escape(title or f"paperkg graph: {papers:,} papers, {n - papers:,} entities"),
        "CSS": _asset("style.css"),
        "DATA": script_json(payload),
        "LIBS": "\n".join(_script(js) for js in _libraries(renderer)),
        "APP": _script(_asset("app.js")),
    }
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def _asset(name: str) -> str:
    return resources.files("paperkg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def _libraries(renderer: str) -> list[str]:
    """The renderer's JavaScript, to be inlined before the app."""
    if renderer == "webgl":
        return [_asset("render_webgl.js")]
    vis_js = resources.files("pyvis").joinpath(*_VIS_JS).read_text(encoding="utf-8")
    return [vis_js, _asset("render_vis.js")]


def _script(js: str) -> str:
    """An inline script element; code that could close it early is refused."""
    if re.search(r"</script|<!--", js, re.IGNORECASE):
        raise ValueError("inlined JavaScript contains '</script' or '<!--'")
    return f"<script>\n{js}\n</script>"
