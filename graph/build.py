"""Records in, one NetworkX MultiDiGraph out.

Entities are merged across papers on a normalised key (case, hyphen, space and
Unicode insensitive) and through aliases: an abbreviation defined in one paper
links the long form used in another. A union-find over all surface forms of one
type decides which mentions are the same entity, so the result does not depend
on the order papers come in.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
from paperkg.extract import normalise, wordlists
from paperkg.extract.evidence import sentence_at
from paperkg.extract.normalise import family_chain
from paperkg.extract.records import Entity, PaperEntities

from . import schema as s

#: a spelling recurs in many papers: its keys are computed once
name_key = functools.lru_cache(maxsize=1 << 18)(normalise.name_key)
singular_key = functools.lru_cache(maxsize=1 << 18)(normalise.singular_key)


def build_graph(records: Iterable[PaperEntities]) -> nx.MultiDiGraph:
    """The graph of papers, entities, their links and inferred citations."""
    records = list(records)
    graph = nx.MultiDiGraph()
    for rec in records:
        _add_paper(graph, rec)
    node_of = _add_entities(graph, records)
    for rec in records:
        for ent in rec.entities:
            rel = s.relationship_for(ent.type, ent.role)
            node = node_of[(ent.type, _forms(ent)[0])]
            graph.add_edge(rec.paper.id, node, key=rel, type=rel, **link_evidence(rec, ent))
    add_variant_edges(graph)
    _add_real_citations(graph, records)
    add_inferred_citations(graph)
    return graph


def link_evidence(rec: PaperEntities, ent: Entity) -> dict[str, Any]:
    """The evidence a paper-entity link carries (schema ``LINK_PROPERTIES``).

    >>> from paperkg.extract.records import Paper
    >>> p = Paper("p", "T", "We use GRPO. It works.")
    >>> link_evidence(PaperEntities(p, ()), Entity("METHOD", "GRPO", mentions=((9, 13),)))
    {'confidence': None, 'evidence': 'We use GRPO.', 'mentions': [9, 13]}
    """
    first = ent.mentions[0][0] if ent.mentions else None
    return {
        "confidence": ent.confidence,
        "evidence": sentence_at(rec.paper.text, first) if first is not None else None,
        "mentions": [offset for span in ent.mentions for offset in span],
    }


def link_properties(rec: PaperEntities, ent: Entity) -> dict[str, Any]:
    """The properties of a paper's link to an entity (``cypher_rows.rel_properties``): the
    one definition both the graph here and the bulk writer (:mod:`.bulk`) use."""
    return link_evidence(rec, ent)


def add_variant_edges(graph: nx.MultiDiGraph) -> None:
    """``(variant)-[:VARIANT_OF]->(family)`` for models whose name encodes a size or variant.

    A variant links to its nearest ancestor already in the graph (Qwen2.5-7B-Instruct
    to Qwen2.5-7B when both are mentioned), else to its family, which is created.
    """
    models = [
        (node, model_keys(d["name"], d.get("aliases", ())), model_chain(d["name"]))
        for node, d in graph.nodes(data=True)
        if d["label"] == s.MODEL
    ]
    for node, parent, family in variant_edges(models):
        if family is not None:
            graph.add_node(parent, label=s.MODEL, id=parent, name=family, aliases=[])
        graph.add_edge(node, parent, key=s.VARIANT_OF, type=s.VARIANT_OF)


def model_keys(name: str, aliases: Iterable[str]) -> list[str]:
    """The keys a model answers to as a variant's ancestor: its name's and aliases'."""
    return [name_key(form) for form in (name, *aliases)]


def model_chain(name: str) -> list[tuple[str, str]]:
    """The ancestors a model's name encodes, nearest first, each with its key."""
    return [(form, name_key(form)) for form in family_chain(name)]


#: a model as the variant rule sees it: id, :func:`model_keys`, :func:`model_chain`
VariantInput = tuple[str, list[str], list[tuple[str, str]]]


def variant_edges(models: Iterable[VariantInput]) -> Iterator[tuple[str, str, str | None]]:
    """``(variant, parent, family)`` for each model with an ancestor, in order: the parent
    is the nearest ancestor some other model answers to, else a family node (its name is
    ``family``, else None) made for the farthest one and found by later models.

    >>> m = [("model:a7b", ["a7b"], [("A", "a")]), ("model:a", ["a"], [])]
    >>> list(variant_edges(m)), list(variant_edges(m[:1]))
    ([('model:a7b', 'model:a', None)], [('model:a7b', 'model:a', 'A')])
    """
    models = list(models)
    owner = {key: node for node, keys, _ in models for key in keys}
    for node, _, chain in models:
        if not chain:
            continue
        parent = next((owner[k] for _, k in chain if owner.get(k, node) != node), None)
        family = None
        if parent is None:
            family, key = chain[-1]
            parent = owner[key] = s.entity_id(s.MODEL, key)
        yield node, parent, family


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@functools.lru_cache(maxsize=1 << 16)
def _forms(ent: Entity) -> tuple[str, ...]:
    """Merge keys of every surface form; the name's key comes first (never empty).
    Cached: the same spelling recurs in many papers (the bulk writer passes one object
    per distinct spelling).

    A plural and its singular are one entity in the graph ("transformers",
    "Transformer"; "MDPs", "MDP"), so each form also contributes its singular key.
    """
    texts = (ent.name, *ent.aliases)
    keys = [name_key(f) for f in texts]
    forms = [keys[0] or ent.name] + [k for k in keys[1:] if k]
    return (
        *forms,
        *(sg for t, k in zip(texts, keys, strict=True) if k and (sg := singular_key(t)) != k),
    )


def _add_entities(
    graph: nx.MultiDiGraph, records: list[PaperEntities]
) -> dict[tuple[str, str], str]:
    """Add one node per entity; return (type, name key) -> node id for every mention."""
    finders: dict[str, _UnionFind] = defaultdict(_UnionFind)
    mentions = [ent for rec in records for ent in rec.entities]
    for ent in mentions:
        first, *others = _forms(ent)
        finders[ent.type].find(first)
        for other in others:
            finders[ent.type].union(first, other)
    groups: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for ent in mentions:
        groups[(ent.type, finders[ent.type].find(_forms(ent)[0]))].append(ent)
    node_of: dict[tuple[str, str], str] = {}
    for (etype, _root), members in groups.items():
        node = _add_entity(graph, etype, members)
        for ent in members:
            node_of[(etype, _forms(ent)[0])] = node
    return node_of


def _display_name(uses: Counter[str]) -> str:
    """The name most papers use, counting case and plural variants together; ties go
    to the shorter (the acronym), then to the earlier. Among the variants of that name
    the singular, not all-lower-case, most used spelling is shown: "Transformer", not
    "transformers". ``uses``: each spelling's count, in the order they first appear.
    """
    group: Counter[str] = Counter()
    for name, count in uses.items():
        group[singular_key(name)] += count
    first = {key: i for i, key in enumerate(group)}
    best = min(group, key=lambda k: (-group[k], len(k), first[k]))
    variants = {n: c for n, c in uses.items() if singular_key(n) == best}
    return max(
        variants,
        key=lambda n: (name_key(n) == best, not n.islower(), variants[n], sum(map(str.isupper, n))),
    )


def _add_entity(graph: nx.MultiDiGraph, etype: str, members: list[Entity]) -> str:
    node, name, aliases = entity_node(etype, ((m, 1) for m in members))
    graph.add_node(node, label=s.LABEL_OF_TYPE[etype], id=node, name=name, aliases=aliases)
    return node


def entity_node(etype: str, members: Iterable[tuple[Entity, int]]) -> tuple[str, str, list[str]]:
    """The id, name and aliases of the entity the mentions ``members`` are merged into:
    ``(mention, how many times)`` in the order papers make them (a spelling counted once
    with its number of uses gives what its uses one by one give). The one definition the
    graph, the bulk writer and an incremental add (:mod:`.increment`) share.

    >>> entity_node("METHOD", [(Entity("METHOD", "GRPO", ("group relative PO",)), 2)])
    ('method:grpo', 'GRPO', ['group relative PO'])
    """
    members = list(members)
    uses: Counter[str] = Counter()
    for m, count in members:
        uses[m.name] += count
    name = _display_name(uses)
    seen = {name_key(name)}
    aliases: list[str] = []
    for form in (f for m, _ in members for f in (m.name, *m.aliases)):
        if name_key(form) not in seen:
            seen.add(name_key(form))
            aliases.append(form)
    return s.entity_id(s.LABEL_OF_TYPE[etype], name_key(name) or name), name, aliases


def _add_paper(graph: nx.MultiDiGraph, rec: PaperEntities) -> None:
    p = rec.paper
    graph.add_node(
        p.id,
        label=s.PAPER,
        id=p.id,
        title=p.title,
        abstract=p.abstract,
        year=p.year,
        url=p.url,
        authors=list(p.authors),
        source=list(p.source),
        doi=p.doi,
        n_references=len(p.references),
    )


def _add_real_citations(graph: nx.MultiDiGraph, records: list[PaperEntities]) -> None:
    """CITES edges from references whose target is a paper in the graph."""
    by_external = {x: r.paper.id for r in records for x in (*r.paper.external_ids, r.paper.id)}
    for rec in records:
        for ref in rec.paper.references:
            target = by_external.get(ref)
            if target and target != rec.paper.id:
                graph.add_edge(
                    rec.paper.id, target, key=s.CITES, type=s.CITES, inferred=False, via=[]
                )


#: an inferred citation rests only on an "introduces" at least this confident
INTRODUCES_CONFIDENCE = 0.9


def add_inferred_citations(graph: nx.MultiDiGraph) -> None:
    """``(a)-[:CITES {inferred: true, via}]->(b)`` when a uses an entity b introduces.

    It rests only on a specific, confident introduction: exactly one paper in the graph
    introduces the entity (a name several papers "introduce" is a game, a generic
    architecture or an extraction error, and says nothing about who cites whom), the
    extractor's confidence in that link is at least :data:`INTRODUCES_CONFIDENCE` (links
    without a confidence, from older records, count as confident), and the introducing
    paper names it in its title as a name of its own (a paper names its own contribution
    there; an "introduces" of a name only its abstract uses, or one that is the tail of a
    longer name in the title, is most often a name it builds on; docs/extraction.md). A
    short acronym ("CAG"), or a name merged from two different long forms, links only a
    paper that spells out the same long form, since acronyms collide across papers. A
    paper never cites a paper from a later year (when both years are known).
    """
    key = f"{s.CITES}:inferred"
    via: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entity, data in graph.nodes(data=True):
        if data["label"] == s.PAPER:
            continue
        links = [
            (u, k, d)
            for u, _, k, d in graph.in_edges(entity, keys=True, data=True)
            if graph.nodes[u]["label"] == s.PAPER
        ]
        introducers = [(u, d) for u, k, d in links if k == s.INTRODUCES]
        if len(introducers) != 1 or not _confident(introducers[0][1]):
            continue
        intro, intro_link = introducers[0]
        if not _titled(intro_link, graph.nodes[intro].get("title") or ""):
            continue
        for user, k, link in links:
            if k == s.INTRODUCES or user == intro or _later(graph, intro, user):
                continue
            if _ambiguous(data) and not _same_sense(graph, (intro, intro_link), (user, link)):
                continue
            via[(user, intro)].append(data["name"])
    for (user, intro), names in via.items():
        graph.add_edge(user, intro, key=key, type=s.CITES, inferred=True, via=sorted(set(names)))


_SHORT_ACRONYM = re.compile(r"[A-Z]{2,5}s?")


def _acronym_only(entity: dict) -> bool:
    """A short acronym ("CAG", "VPS") names different things in different papers."""
    return _SHORT_ACRONYM.fullmatch(entity.get("name", "")) is not None


def _ambiguous(entity: dict) -> bool:
    """Whether papers naming this entity may mean different things: a short acronym, or an
    entity whose spellings hold two different multi-word forms (other papers' "Diffusion
    Transformer" and one paper's "Dynamic Influence Tracker", merged through `DiT`). Its
    inferred citations need the two papers to spell out the same long form."""
    if _acronym_only(entity):
        return True
    spellings = [entity.get("name") or "", *(entity.get("aliases") or ())]
    forms = {normalise.name_key(f).rstrip("s") for f in spellings if " " in f.strip()}
    return len(forms) > 1


def _same_sense(graph: nx.MultiDiGraph, intro: tuple[str, dict], user: tuple[str, dict]) -> bool:
    """Whether two papers' mentions of an acronym spell out the same long form (links
    from records without mention offsets, written before they existed, are trusted)."""
    if not intro[1].get("mentions") or not user[1].get("mentions"):
        return True
    ours = _long_forms(graph.nodes[intro[0]], intro[1])
    return bool(ours & _long_forms(graph.nodes[user[0]], user[1]))


def _long_forms(paper: dict, link: dict) -> set[str]:
    """The multi-word spellings of an entity in one paper, from its link's mention offsets:
    two papers mean the same acronym when they spell out the same long form."""
    text = f"{paper.get('title') or ''}\n{paper.get('abstract') or ''}"
    spans = link.get("mentions") or []
    forms = (text[a:b] for a, b in zip(spans[::2], spans[1::2], strict=False))
    return {name_key(f) for f in forms if " " in f.strip() or "-" in f}


def _titled(link: dict, title: str) -> bool:
    """Whether a paper's link to an entity has a mention in its title that is a name of
    its own there: at the title's start, after punctuation or after a word of
    ``title_name_glue`` ("... through Multi-Agent Debate"), not the tail of a longer name
    ("Multi-Mode Retrieval-Augmented Generation" names MMRAG, not RAG), nor the start of
    the subtitle after a one-word name ("MARMOT: Masked Autoencoder for ..." describes
    MARMOT; it does not introduce the masked autoencoder). The text is the
    title, a newline, the abstract; links without mention offsets, from records written
    before they existed, are trusted."""
    spans = link.get("mentions")
    if not spans:
        return True
    return any(start < len(title) and _starts_name(title, start) for start in spans[::2])


def _starts_name(title: str, start: int) -> bool:
    before = title[:start].rstrip()
    if before.endswith(":") and " " not in before.strip():
        return False  # "MARMOT: Masked Autoencoder for ...": the subtitle describes MARMOT
    if not before or not before[-1].isalnum():
        return True
    return before.split()[-1].lower() in _title_glue()


@functools.cache
def _title_glue() -> frozenset[str]:
    return wordlists.load().title_name_glue


def _confident(link: dict) -> bool:
    confidence = link.get("confidence")
    return confidence is None or confidence >= INTRODUCES_CONFIDENCE


def _later(graph: nx.MultiDiGraph, cited: str, citing: str) -> bool:
    a, b = graph.nodes[cited].get("year"), graph.nodes[citing].get("year")
    return a is not None and b is not None and a > b
