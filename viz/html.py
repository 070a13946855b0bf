"""One offline HTML file for a graph: the map people explore.

``render_html`` is pure (graph in, text out); ``write_html`` selects, lays out,
renders and writes atomically. The page opens on the entity landscape
(``landscape.py``): benchmarks, models and methods sized by how many papers
mention them and linked by co-occurrence; papers appear on demand. It inlines
everything it runs: vis-network as shipped inside the installed ``pyvis`` package
and the project's own scripts from ``viz/assets``. Nothing is fetched over a network.

We use pyvis's bundled vis-network rather than pyvis's own page template: the
template puts node data straight into a script (a ``</script>`` in a title would
end it) and its filter menu makes nodes vanish (pyvis#193). sigma.js was measured
as the alternative and was slower here (docs/viz.md, "Renderer").
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx
from paperkg.extract.errors import StoreError
from paperkg.extract.files import atomic_write
from paperkg.graph import schema as s

from .landscape import SMALLEST, SPAN, Landscape, landscape, map_graph, radii
from .layout import layout
from .payload import build_payload, script_json
from .select import View, select

#: kept for ``paperkg viz --renderer``: the page has one renderer, vis-network on a canvas
RENDERERS = ("auto", "vis")
_VIS_JS = ("lib", "vis-9.1.2", "vis-network.min.js")
#: the page's own scripts, inlined in this order after vis-network
APP_SCRIPTS = (
    "core.js",
    "search.js",
    "map.js",
    "overlay.js",
    "details.js",
    "matrix.js",
    "years.js",
    "app.js",
)
_MARKER = re.compile(r"@@(TITLE|CSS|DATA|SCRIPTS|SCRIPT_HASHES)@@")


@dataclass(frozen=True, slots=True)
class VizResult:
    """What was written: where, how many nodes and edges, how many on the map, and notes."""

    path: Path
    nodes: int
    edges: int
    renderer: str = "vis"
    notes: tuple[str, ...] = field(default=())
    counts: dict[str, int] = field(default_factory=dict)
    on_map: int = 0


def write_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    view: View = View(),  # noqa: B008 - frozen
    *,
    renderer: str = "auto",
    title: str | None = None,
) -> VizResult:
    """Write the page for (a focus view of) ``graph`` to ``path``, atomically."""
    if renderer not in RENDERERS:
        raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}, got {renderer!r}")
    chosen = select(graph, view)
    sub = chosen.graph
    scape = landscape(sub)
    text = render_html(sub, notes=chosen.notes, title=title, focus=chosen.focus, scape=scape)
    target = Path(path)
    try:
        with atomic_write(target) as out:
            out.write(text)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}") from exc
    counts = dict.fromkeys(s.LABELS, 0)
    for _, data in sub.nodes(data=True):
        counts[data["label"]] = counts.get(data["label"], 0) + 1
    n, e = sub.number_of_nodes(), sub.number_of_edges()
    return VizResult(target, n, e, "vis", chosen.notes, counts, len(scape.members))


def render_html(
    graph: nx.MultiDiGraph,
    *,
    notes: tuple[str, ...] = (),
    title: str | None = None,
    focus: str | None = None,
    scape: Landscape | None = None,
) -> str:
    """The page's full text for ``graph`` as it is (no selection)."""
    scape = scape or landscape(graph)
    positions = layout(map_graph(scape), radii=radii(scape))
    papers = sum(1 for _, d in graph.nodes(data=True) if d["label"] == s.PAPER)
    entities = graph.number_of_nodes() - papers
    meta = {
        "notes": list(notes),
        "focus": focus,
        "entities": entities,
        "papers": papers,
        "size": [SMALLEST, SPAN],
    }
    payload = build_payload(graph, scape, positions, meta)
    scripts = _scripts()
    parts = {
        "TITLE": html.escape(title or f"paperkg map: {papers:,} papers, {entities:,} entities"),
        "CSS": _asset("style.css"),
        "DATA": script_json(payload),
        "SCRIPTS": "\n".join(_script(js) for js in scripts),
        "SCRIPT_HASHES": script_hashes(scripts),
    }
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def _asset(name: str) -> str:
    return resources.files("paperkg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def _scripts() -> list[str]:
    """vis-network, then the page's own scripts."""
    vis_js = resources.files("pyvis").joinpath(*_VIS_JS).read_text(encoding="utf-8")
    return [vis_js, *(_asset(name) for name in APP_SCRIPTS)]


def _script(js: str) -> str:
    """An inline script element; code that could close it early is refused."""
    if re.search(r"</script|<!--", js, re.IGNORECASE):
        raise ValueError("inlined JavaScript contains '</script' or '<!--'")
    return f"<script>{_body(js)}</script>"


def _body(js: str) -> str:
    return f"\n{js}\n"


def script_hashes(scripts: list[str]) -> str:
    """The Content-Security-Policy sources that allow exactly these inline scripts.

    The page's policy lists these hashes instead of ``'unsafe-inline'``, so a script or
    an event handler (``onerror=``) that got into the page some other way never runs.
    Hashes, not a nonce: the page is a static file, and hashes keep it reproducible.

    >>> script_hashes(["alert(1)"])
    "'sha256-J8+4/wmqNoqVGih0Xof49bzVEIwR8aHhR5HvZK1wlzY='"
    """
    digests = (hashlib.sha256(_body(js).encode("utf-8")).digest() for js in scripts)
    return " ".join(f"'sha256-{base64.b64encode(d).decode('ascii')}'" for d in digests)
