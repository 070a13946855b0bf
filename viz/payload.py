"""The data a page embeds: a compact, column-wise JSON of nodes and edges, made safe
to sit inside a ``<script>`` element.

Nodes come map entities first (most mentioned first, with their map position), then
every other entity and paper of the view (no position: the page places them when
they are shown on demand). ``map`` holds the co-occurrence links the map draws.

Columns (one array per attribute) keep a 100,000-node page small and fast to
parse. Every string in it is user data: the page only ever puts it into the DOM
with ``textContent``, and :func:`script_json` makes sure no string can close the
script element or start an HTML comment.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Mapping
from urllib.parse import quote, urlsplit

import networkx as nx
from paperkg.extract.normalise import clean_arxiv_id, clean_doi
from paperkg.graph import schema as s

from .landscape import Landscape

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
MAX_AUTHORS = 12
_SITES = (("arxiv.org", "arXiv"), ("huggingface.co", "Hugging Face"), ("doi.org", "DOI"))


def script_json(data: object) -> str:
    """JSON that is safe as the text of a ``<script type="application/json">`` element.

    >>> script_json({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":") if _big(data) else None)
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def _big(data: object) -> bool:
    return isinstance(data, Mapping) and len(data.get("nodes", {}).get("id", ())) > 2000


def safe_url(url: object) -> str | None:
    """The URL when it is http(s), else None: a ``javascript:`` link must never be made.

    >>> safe_url("https://arxiv.org/abs/1"), safe_url("javascript:alert(1)")
    ('https://arxiv.org/abs/1', None)
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if url.lower().startswith(("https://", "http://")) else None


def paper_links(node: str, data: Mapping[str, object]) -> list[tuple[str, str]]:
    """Where to read a paper: its own URL (named by site), its DOI, its arXiv abstract.

    >>> paper_links("arxiv:2307.13854", {"url": "https://huggingface.co/papers/2307.13854"})
    [('Hugging Face', 'https://huggingface.co/papers/2307.13854'), \
('arXiv', 'https://arxiv.org/abs/2307.13854')]
    >>> paper_links("doi:10.1145/3292500", {"url": "javascript:alert(1)"})
    [('DOI', 'https://doi.org/10.1145/3292500')]
    """
    links: dict[str, str] = {}
    url = safe_url(data.get("url"))
    site = _site(urlsplit(url).hostname or "") if url else None
    arxiv = clean_arxiv_id(node[6:]) if node.startswith("arxiv:") else None
    if url and site in ("arXiv", "Hugging Face"):
        arxiv = arxiv or clean_arxiv_id(urlsplit(url).path)
    if url:
        links[url] = site or (urlsplit(url).hostname or "link").removeprefix("www.")
    doi = clean_doi(str(data.get("doi") or "")) or (
        clean_doi(node[4:]) if node.startswith("doi:") else None
    )
    if doi:
        links.setdefault(f"https://doi.org/{quote(doi, safe='/:;()._-')}", "DOI")
    if arxiv:
        links.setdefault(f"https://arxiv.org/abs/{arxiv}", "arXiv")
    seen: set[str] = set()
    out = []
    for link, name in links.items():
        if name not in seen:
            seen.add(name)
            out.append((name, link))
    return out


def _site(host: str) -> str | None:
    """The name of a site paperkg knows, from a host name."""
    return next((name for h, name in _SITES if host == h or host.endswith("." + h)), None)


def build_payload(
    graph: nx.MultiDiGraph,
    scape: Landscape,
    positions: Mapping[str, tuple[float, float]],
    meta: Mapping[str, object],
) -> dict:
    """Every node and link of ``graph`` as columns, plus the map: positions and links."""
    members = set(scape.members)
    order = [*scape.members, *(n for n in graph.nodes if n not in members)]
    index = {n: i for i, n in enumerate(order)}
    return {
        "meta": dict(meta),
        "types": list(s.LABELS),
        "rels": list(s.REL_TYPES),
        "nodes": _node_columns(graph, order, scape, positions),
        "edges": _edge_columns(graph, index),
        "map": {
            "s": [index[a] for a, _, _ in scape.links],
            "d": [index[b] for _, b, _ in scape.links],
            "w": [w for _, _, w in scape.links],
        },
    }


def _node_columns(
    graph: nx.MultiDiGraph,
    order: list[str],
    scape: Landscape,
    positions: Mapping[str, tuple[float, float]],
) -> dict[str, list]:
    type_index = {lab: i for i, lab in enumerate(s.LABELS)}
    names = ("id", "t", "name", "n", "x", "y", "year", "links", "abstract", "authors", "aliases")
    cols: dict[str, list] = {k: [] for k in names}
    for node in order:
        d = graph.nodes[node]
        paper = d["label"] == s.PAPER
        x, y = positions.get(node, (None, None))
        cols["id"].append(node)
        cols["t"].append(type_index.get(d["label"], 0))
        cols["name"].append(str((d.get("title") if paper else d.get("name")) or node))
        cols["n"].append(None if paper else scape.counts.get(node, 0))
        cols["x"].append(x)
        cols["y"].append(y)
        cols["year"].append(d.get("year") if paper else None)
        cols["links"].append(paper_links(node, d) if paper else None)
        cols["abstract"].append((d.get("abstract") or None) if paper else None)
        cols["authors"].append(list(d.get("authors") or [])[:MAX_AUTHORS] if paper else None)
        cols["aliases"].append(None if paper else list(d.get("aliases") or []))
    return cols


def _edge_columns(graph: nx.MultiDiGraph, index: Mapping[str, int]) -> dict:
    rel_index = {rel: i for i, rel in enumerate(s.REL_TYPES)}
    src: list[int] = []
    dst: list[int] = []
    rel: list[int] = []
    via: dict[str, list[str]] = {}
    spans: list[list[int] | int] = []  # per edge; 0 where there are none (fewer bytes)
    for u, v, d in graph.edges(data=True):
        if d.get("type") not in rel_index:
            continue
        if d.get("type") == s.CITES and d.get("inferred"):
            via[str(len(src))] = [str(name) for name in d.get("via") or []]
        found = d.get("mentions") and page_spans(graph.nodes[u], d["mentions"])
        spans.append(found or 0)
        src.append(index[u])
        dst.append(index[v])
        rel.append(rel_index[d["type"]])
    return {"s": src, "d": dst, "r": rel, "via": via, "m": spans}


def page_spans(paper: Mapping[str, object], mentions: list[int]) -> list[int] | None:
    """A link's mention offsets as the page uses them: into the title, a newline and the
    abstract, in UTF-16 code units (what JavaScript strings count), each mention as its
    start and its length. None when they do not fit the paper's text, or the paper has
    no title (the page then shows its id in the title's place).

    The extractor counts code points, so a character outside the Basic Multilingual
    Plane (an emoji, a rare CJK ideograph) before a mention moves it by one more unit.

    >>> page_spans({"title": "T", "abstract": "\U0001f600 uses GRPO"}, [9, 13])
    [10, 4]
    >>> page_spans({"title": "T", "abstract": "short"}, [9, 13]) is None
    True
    """
    title, abstract = paper.get("title") or "", paper.get("abstract") or ""
    text = f"{title}\n{abstract}" if abstract else str(title)
    pairs = list(zip(mentions[::2], mentions[1::2], strict=False))
    if not title or not pairs or any(not 0 <= a < b <= len(text) for a, b in pairs):
        return None
    wide = [i for i, ch in enumerate(text) if ch > "\uffff"] if not text.isascii() else []
    return [
        unit for a, b in pairs for unit in (a + bisect_left(wide, a), b - a + _wide_in(wide, a, b))
    ]


def _wide_in(wide: list[int], a: int, b: int) -> int:
    """How many of the sorted positions ``wide`` lie in ``[a, b)``."""
    return bisect_left(wide, b) - bisect_left(wide, a) if wide else 0
