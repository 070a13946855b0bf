"""Writing the store straight from a stream of records, without a graph in memory.

``build_graph`` holds every paper, link and citation in a NetworkX graph: fine for a
reading list, about 25 GB at a million papers. This writer makes the same graph
(:func:`paperkg.graph.build.build_graph` is the reference; a test keeps them equal)
while the records stream past once:

- papers are bulk-copied into the database in parts as they come; after each part the
  database is checkpointed, closed and opened again, the one way to make the engine give
  back what the part took (:class:`paperkg.graph.lbug.Loader`);
- each relationship table is copied in one COPY, from rows gathered in memory (a
  reference per row, the properties shared when a link has none): a second COPY into a
  relationship table that already holds rows makes the next checkpoint rewrite it, which
  cost about 150 s of the 1M-paper build for the citations alone, against 16 s in one COPY;
- of each entity mention only what merging needs stays in memory — one shared object
  per distinct spelling, referenced once per mention — while its link (paper, role,
  properties such as the evidence sentence) is spooled to a temporary file;
- entities are merged by ``build``'s own functions on an entities-only graph, which
  also adds the VARIANT_OF edges; the spool is then read back twice: to copy the links,
  and to make the inferred citations of the entities someone introduces;
- real citations go through a map of every paper's external ids.

Memory grows with the number of mentions (a pointer each), papers (their ids, years and
references), inferred citations and the links (each link's properties, its evidence
sentence among them, are held from the pass over the spool until its table is copied), not
with the abstracts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import pickle
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx
from paperkg.extract.records import Entity, Paper, PaperEntities

from . import entity_state, generations, lbug
from . import schema as s
from .build import (
    _add_entities,
    _ambiguous,
    _confident,
    _forms,
    _long_forms,
    _titled,
    add_variant_edges,
    link_properties,
)
from .cypher_rows import Columns, rel_properties
from .cypher_text import literal
from .names import paper_title_key

CHUNK = 50_000
#: papers copied at a time: each part costs a checkpoint (at a million papers 20 parts of
#: 50,000 took 28.5 s of checkpoints, 4 parts of 250,000 11 s) and holds its rows in memory
PAPER_CHUNK = 250_000
SPOOL = ".links.spool"
_NONE: dict[str, Any] = {}  # shared by every link without properties
_REAL: dict[str, Any] = {"inferred": False, "via": []}
#: (paper id, mention number, relationship, properties, the long forms it spells out)
Link = tuple[str, int, str, dict[str, Any], frozenset[str], bool]
_NO_SENSE: frozenset[str] = frozenset()


@dataclass
class _Pass:
    """What the pass over the records keeps in memory."""

    canonical: dict[tuple, Entity] = field(default_factory=dict)
    mentions: list[Entity] = field(default_factory=list)
    by_external: dict[str, str] = field(default_factory=dict)
    years: dict[str, int] = field(default_factory=dict)
    references: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    paper_keys: list[tuple[str, str]] = field(default_factory=list)
    papers: int = 0

    def mention(self, rec: PaperEntities, ent: Entity) -> Link:
        key = (ent.type, ent.name, ent.aliases)
        shared = self.canonical.get(key)
        if shared is None:
            shared = self.canonical[key] = Entity(ent.type, ent.name, ent.aliases)
        self.mentions.append(shared)
        rel = s.relationship_for(ent.type, ent.role)
        props = link_properties(rec, ent) or _NONE
        # what build's same-sense rule reads from the paper's text, taken while the text is here
        senses = frozenset(_long_forms(_text_of(rec), props)) if props.get("mentions") else None
        titled = _titled(props, rec.paper.title)
        return rec.paper.id, len(self.mentions) - 1, rel, props, senses or _NO_SENSE, titled


def write_store(records: Iterable[PaperEntities], directory: Path) -> dict[str, int]:
    """``graph.lbug`` and ``names.lbug`` of ``records`` in ``directory``; the counts."""
    seen = _Pass()
    spool = directory / SPOOL
    # paused to the end: with millions of objects alive, each full collection the name
    # index's and entities.jsonl's allocations set off walks them all (30 s at 1M papers)
    with lbug._gc_paused():
        try:
            with lbug.loader(directory / lbug.DB_FILE) as conn:
                for statement in (*lbug.schema_ddl(), *lbug.COMPAT_MACROS):
                    conn.execute(statement)
                with spool.open("wb") as out:
                    for chunk in _chunks(_paper_rows(records, seen, out), PAPER_CHUNK):
                        lbug.copy_chunk(conn, s.PAPER, _columns(chunk, s.PAPER_PROPERTIES))
                        _release()
                entities = nx.MultiDiGraph()
                every = [PaperEntities(Paper("", ""), tuple(seen.mentions))]
                node_of = _add_entities(entities, every)
                add_variant_edges(entities)
                for label in s.ENTITY_LABELS:
                    rows = [d for _, d in entities.nodes(data=True) if d["label"] == label]
                    lbug._copy(conn, label, _columns(rows, s.ENTITY_PROPERTIES), "")
                node = _mention_nodes(seen.mentions, node_of)
                links = _Links(spool, node, entities)
                degree, introducers = links.copy(conn)
                inferred = links.inferred(introducers, seen.years)
                citations = itertools.chain(_real_citations(seen), inferred)
                _copy_rows(conn, s.CITES, s.PAPER, s.PAPER, citations)
        finally:
            spool.unlink(missing_ok=True)
        generations.checkpoint(lbug.DB_FILE)
        names = (
            (n, d["name"], d["aliases"], degree.get(n, 0) + entities.degree(n))
            for n, d in entities.nodes(data=True)
        )
        lbug.write_names(names, seen.paper_keys, directory / lbug.NAMES_FILE, _unresolved(seen))
        generations.checkpoint(lbug.NAMES_FILE)
        _write_state(seen.mentions, node, entities, degree, directory)
    return {"papers": seen.papers, "entities": len(entities), "links": sum(degree.values())}


def _mention_nodes(mentions: list[Entity], node_of: dict[tuple[str, str], str]) -> list[str]:
    """The entity node of each mention. Mentions of one spelling share one object, so its
    node is worked out once per object, not once per mention (4M mentions at 1M papers)."""
    of_object: dict[int, str] = {}
    nodes = []
    for ent in mentions:
        node = of_object.get(id(ent))
        if node is None:
            node = of_object[id(ent)] = node_of[(ent.type, _forms(ent)[0])]
        nodes.append(node)
    return nodes


def _write_state(
    mentions: list[Entity],
    node: list[str],
    entities: nx.MultiDiGraph,
    degree: dict[str, int],
    directory: Path,
) -> None:
    """``entities.jsonl``: what a later add needs to merge new mentions exactly."""
    names = {n: (d["name"], d["aliases"]) for n, d in entities.nodes(data=True)}
    states = entity_state.of_mentions(mentions, node, names)
    for state in states.values():
        state.links = degree.get(state.id, 0)
    entity_state.write(states.values(), directory / entity_state.STATE_FILE)
    generations.checkpoint(entity_state.STATE_FILE)


def _unresolved(seen: _Pass) -> Iterator[tuple[str, str]]:
    """``(reference, citing paper)`` for every reference no paper answers to."""
    for paper, refs in seen.references:
        for ref in refs:
            if ref not in seen.by_external:
                yield ref, paper


def _paper_rows(
    records: Iterable[PaperEntities], seen: _Pass, spool: IO[bytes]
) -> Iterator[dict[str, Any]]:
    batch: list[Link] = []
    for rec in records:
        p = rec.paper
        seen.papers += 1
        externals = p.external_ids  # made on each access
        for external in (*externals, p.id):
            seen.by_external[external] = p.id
        if p.year is not None:
            seen.years[p.id] = p.year
        if p.references:
            seen.references.append((p.id, p.references))
        seen.paper_keys.append((paper_title_key(p.title), p.id))
        seen.paper_keys += [(external, p.id) for external in externals]
        batch += [seen.mention(rec, ent) for ent in rec.entities]
        if len(batch) >= CHUNK:
            pickle.dump(batch, spool, protocol=pickle.HIGHEST_PROTOCOL)
            batch = []
        yield paper_row(p)
    if batch:
        pickle.dump(batch, spool, protocol=pickle.HIGHEST_PROTOCOL)


def paper_row(p: Paper) -> dict[str, Any]:
    """A paper's row of the Paper table (schema ``PAPER_PROPERTIES``)."""
    return {
        "id": p.id,
        "title": p.title,
        "abstract": p.abstract,
        "year": p.year,
        "url": p.url,
        "authors": list(p.authors),
        "source": list(p.source),
        "doi": p.doi,
        "n_references": len(p.references),
    }


class _Links:
    """The spooled links, read back with each mention's entity node."""

    def __init__(self, spool: Path, node: list[str], entities: nx.MultiDiGraph) -> None:
        self.spool, self.node, self.entities = spool, node, entities

    def per_paper(
        self,
    ) -> Iterator[tuple[str, dict[tuple[str, str], tuple[dict[str, Any], frozenset[str], bool]]]]:
        """Each paper's links: one per entity and relationship type, a later mention's
        properties updating the earlier ones', as in the graph."""
        current: str | None = None
        links: dict[tuple[str, str], tuple[dict[str, Any], frozenset[str], bool]] = {}
        for paper, mention, rel, props, senses, titled in self._read():
            if paper != current:
                if current is not None:
                    yield current, links
                current, links = paper, {}
            key = (self.node[mention], rel)
            merged = {**links[key][0], **props} if key in links else props
            fresh = props.get("mentions") or key not in links
            links[key] = (
                merged,
                senses if fresh else links[key][1],
                titled if fresh else links[key][2],
            )
        if current is not None:
            yield current, links

    def _read(self) -> Iterator[Link]:
        with self.spool.open("rb") as handle:
            while True:
                try:
                    yield from pickle.load(handle)  # noqa: S301 - our own file, just written
                except EOFError:
                    return

    def copy(self, conn: Any) -> tuple[dict[str, int], dict[str, list[tuple[str, Any]]]]:
        """Copy the links and the VARIANT_OF edges; links per entity, and who introduces
        each entity that someone introduces, with that link."""
        degree: dict[str, int] = defaultdict(int)
        introducers: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        groups: dict[tuple[str, str], list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        label_of = {node: data["label"] for node, data in self.entities.nodes(data=True)}
        for paper, links in self.per_paper():
            for (node, rel), link in links.items():
                degree[node] += 1
                if rel == s.INTRODUCES:
                    introducers[node].append((paper, link))
                groups[(rel, label_of[node])].append((paper, node, link[0]))
        for (rel, label), rows in groups.items():
            _copy_rows(conn, rel, s.PAPER, label, rows)
            rows.clear()
        variants = [
            (u, v, _NONE) for u, v, k in self.entities.edges(keys=True) if k == s.VARIANT_OF
        ]
        _copy_rows(conn, s.VARIANT_OF, s.MODEL, s.MODEL, variants)
        return degree, introducers

    def inferred(
        self, introducers: dict[str, list[tuple[str, Any]]], years: dict[str, int]
    ) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """``(a)-[:CITES {inferred: true, via}]->(b)`` by ``build.add_inferred_citations``'s
        rule: b is the one paper that introduces an entity a uses, confidently and in its
        title, not from a later year, and for an ambiguous name (``build._ambiguous``) the
        two spell out the same long form."""
        intro_link = {node: found[0][1] for node, found in introducers.items() if len(found) == 1}
        sole = {
            node: found[0][0]
            for node, found in introducers.items()
            if len(found) == 1 and _confident(found[0][1][0]) and found[0][1][2]
        }
        nodes = self.entities.nodes
        ambiguous = {node: _ambiguous(nodes[node]) for node in sole}
        via: dict[tuple[str, str], set[str]] = defaultdict(set)
        for paper, links in self.per_paper():
            year = years.get(paper)
            for (node, rel), (props, senses, _) in links.items():
                intro = sole.get(node)
                if rel == s.INTRODUCES or intro is None or intro == paper:
                    continue
                if year is not None and years.get(intro, year) > year:
                    continue
                if ambiguous[node] and not _same_sense(intro_link[node], (props, senses)):
                    continue
                via[(paper, intro)].add(nodes[node]["name"])
        for (citing, cited), names in via.items():
            yield citing, cited, {"inferred": True, "via": sorted(names)}


def _same_sense(intro: tuple[dict, frozenset[str]], user: tuple[dict, frozenset[str]]) -> bool:
    """``build._same_sense`` on long forms taken at reading time (links without mention
    offsets, from records written before they existed, are trusted)."""
    if not intro[0].get("mentions") or not user[0].get("mentions"):
        return True
    return bool(intro[1] & user[1])


def _text_of(rec: PaperEntities) -> dict[str, str]:
    return {"title": rec.paper.title, "abstract": rec.paper.abstract}


def _real_citations(seen: _Pass) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for paper, refs in seen.references:
        targets = dict.fromkeys(seen.by_external.get(ref) for ref in refs)
        for target in targets:
            if target and target != paper:
                yield paper, target, _REAL


def _copy_rows(
    conn: Any, rel: str, start: str, end: str, rows: Iterable[tuple[str, str, dict[str, Any]]]
) -> None:
    """Copy ``(from, to, properties)`` rows of one relationship group in one COPY (see
    the module's docstring for why not in chunks), then checkpoint."""
    rows = rows if isinstance(rows, list) else list(rows)
    columns: Columns = {"from": [r[0] for r in rows], "to": [r[1] for r in rows]}
    columns.update(_columns([r[2] for r in rows], rel_properties(rel)))
    lbug.copy_chunk(conn, rel, columns, f" (from={literal(start)}, to={literal(end)})")


def _columns(rows: list[dict[str, Any]], props: dict[str, str]) -> Columns:
    """One column per schema property, coerced like every other route into a database."""
    from .cypher_rows import _coerced

    return {name: _coerced([r.get(name) for r in rows], kind) for name, kind in props.items()}


def _chunks(rows: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_LIBC = ctypes.util.find_library("c")


def _release() -> None:
    """Give the memory of a copied chunk back to the system (glibc keeps freed blocks
    of big strings otherwise, and the resident size creeps up chunk after chunk)."""
    if _LIBC:
        trim = getattr(ctypes.CDLL(_LIBC), "malloc_trim", None)
        if trim is not None:
            trim(0)
