"""Merging an add's new mentions into the entities a generation already has, exactly as
a full build would merge all of them (:func:`paperkg.graph.build._add_entities`).

A full build unions every surface form of one type and names each group by the
spelling most of its mentions use. Here the old groups come from ``entities.jsonl``
(:mod:`.entity_state`): a new mention's forms are looked up among the old groups' forms
and unioned with them. A new group that touches no old one is a new entity; one that
touches one old group grows it (its name and aliases are recomputed from all its
mentions, in the build's order: old ones first); one that touches two or more would
merge entities the graph holds apart, and an old entity whose most used name moves to
another key would change its id. Those two are left to a full rebuild (:class:`Rebuild`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from paperkg.extract.records import Entity, PaperEntities

from . import schema as s
from .build import (
    VariantInput,
    _forms,
    _long_forms,
    _titled,
    entity_node,
    link_properties,
    variant_edges,
)
from .entity_state import EntityState
from .names import keys_of, name_key


class Rebuild(Exception):
    """The add cannot be made exactly from the current generation; the message says why."""


@dataclass(frozen=True, slots=True)
class Link:
    """A new paper's link to an entity, as the store holds it (one per entity and type)."""

    paper: str
    node: str
    rel: str
    props: dict[str, Any]
    #: the multi-word forms the paper spells the entity in (the acronym rule reads them)
    senses: frozenset[str]
    #: whether the paper names the entity in its title (an introduction must, to be cited)
    titled: bool = True


#: an entity as the name index sees it: name, aliases, relationships
View = tuple[str, tuple[str, ...], int]


class Entities:
    """The old entities, the new records' mentions merged into them, and their links."""

    def __init__(self, states: list[EntityState], records: list[PaperEntities]) -> None:
        self.states = states
        self.old: dict[str, View] = {st.id: (st.name, tuple(st.aliases), st.links) for st in states}
        self.old_models = [(st.id, st.keys, st.chain) for st in states if st.type == "MODEL"]
        self.added: list[EntityState] = []
        self._canon: dict[tuple, Entity] = {}
        mentions = [self._canonical(e) for rec in records for e in rec.entities]
        self.node_of = self._merge(mentions)
        self.links = [link for rec in records for link in self._links(rec)]
        by_id = {st.id: st for st in self.all()}
        for link in self.links:
            by_id[link.node].links += 1

    def all(self) -> list[EntityState]:
        """Every entity after the add, in the order a full build makes them."""
        return [*self.states, *self.added]

    def _canonical(self, ent: Entity) -> Entity:
        key = (ent.type, ent.name, ent.aliases)
        if key not in self._canon:
            self._canon[key] = Entity(ent.type, ent.name, ent.aliases)
        return self._canon[key]

    def _merge(self, mentions: list[Entity]) -> dict[tuple[str, str], str]:
        index = {(st.type, form): i for i, st in enumerate(self.states) for form in st.forms}
        parent: dict[Any, Any] = {}

        def find(x: Any) -> Any:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for ent in self._canon.values():
            first = (ent.type, _forms(ent)[0])
            for form in _forms(ent):
                parent[find((ent.type, form))] = find(first)
                if (ent.type, form) in index:
                    parent[find(("old", index[(ent.type, form)]))] = find(first)
        olds: dict[Any, set[int]] = defaultdict(set)
        groups: dict[Any, list[Entity]] = {}
        for ent in mentions:
            root = find((ent.type, _forms(ent)[0]))
            olds[root] |= {index[(ent.type, f)] for f in _forms(ent) if (ent.type, f) in index}
            groups.setdefault(root, []).append(ent)
        node_of: dict[tuple[str, str], str] = {}
        for root, members in groups.items():
            node = self._grow(members, olds[root])
            for ent in members:
                node_of[(ent.type, _forms(ent)[0])] = node
        return node_of

    def _grow(self, members: list[Entity], olds: set[int]) -> str:
        """The entity ``members`` belong to: an old one grown by them, or a new one."""
        if len(olds) > 1:
            ids = sorted(self.states[i].id for i in olds)
            raise Rebuild(f"a new paper's names join entities held apart ({', '.join(ids)})")
        etype = members[0].type
        state = self.states[olds.pop()] if olds else None
        earlier = list(state.counted()) if state else []
        node, name, aliases = entity_node(etype, [*earlier, *((m, 1) for m in members)])
        if state is None:
            if node in self.old:
                raise Rebuild(f"a new entity would take the id {node} of another")
            state = EntityState(node, etype, name, aliases, 0)
            self.added.append(state)
        elif node != state.id:
            raise Rebuild(f"entity {state.id}'s most used name moves it to the id {node}")
        state.name, state.aliases = name, aliases
        for ent in members:
            spelling = (ent.name, ent.aliases)
            state.spellings[spelling] = state.spellings.get(spelling, 0) + 1
        state.refresh()
        return node

    def _links(self, rec: PaperEntities) -> list[Link]:
        """The record's links, one per entity and type, a later mention's properties
        updating an earlier one's (as the bulk writer's ``per_paper``)."""
        text = {"title": rec.paper.title, "abstract": rec.paper.abstract}
        per: dict[tuple[str, str], tuple[dict[str, Any], frozenset[str], bool]] = {}
        for ent in rec.entities:
            node = self.node_of[(ent.type, _forms(self._canonical(ent))[0])]
            key = (node, s.relationship_for(ent.type, ent.role))
            props = link_properties(rec, ent)
            senses = frozenset(_long_forms(text, props)) if props.get("mentions") else frozenset()
            titled = _titled(props, rec.paper.title)
            if key in per:
                senses = senses if props.get("mentions") else per[key][1]
                titled = titled if props.get("mentions") else per[key][2]
                props = {**per[key][0], **props}
            per[key] = (props, senses, titled)
        return [
            Link(rec.paper.id, n, rel, p, sense, titled)
            for (n, rel), (p, sense, titled) in per.items()
        ]


@dataclass(frozen=True, slots=True)
class Variants:
    """The VARIANT_OF edges of the models and the family nodes made for them."""

    edges: set[tuple[str, str]]
    families: dict[str, str]

    @classmethod
    def of(cls, models: Iterable[VariantInput]) -> Variants:
        edges, families = set(), {}
        for node, parent, family in variant_edges(models):
            edges.add((node, parent))
            if family is not None:
                families[parent] = family
        return cls(edges, families)

    def degree(self) -> Counter[str]:
        return Counter(n for edge in self.edges for n in edge)


def views(entities: dict[str, View], models: Variants) -> dict[str, View]:
    """Every entity node (families too) as the name index sees it: ``entities`` with
    their VARIANT_OF edges counted, and the family nodes."""
    degree = models.degree()
    out = {n: (name, aliases, links + degree[n]) for n, (name, aliases, links) in entities.items()}
    for node, name in models.families.items():
        out[node] = (name, (), degree[node])
    return out


def name_rows(
    rows: dict[str, list[Any]], before: dict[str, View], after: dict[str, View]
) -> dict[str, list[Any]]:
    """The NameKey rows of every key of every entity whose view changed, rewritten."""
    touched = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
    out: dict[str, list[Any]] = {}
    for key, (ids, exact, degree) in rows.items():
        kept = [(i, e, d) for i, e, d in zip(ids, exact, degree, strict=True) if i not in touched]
        out[key] = [[k[0] for k in kept], [k[1] for k in kept], [k[2] for k in kept]]
    for node in sorted(touched & after.keys()):
        name, aliases, degree_now = after[node]
        for key in keys_of(name, aliases):
            row = out.setdefault(key, [[], [], []])
            row[0].append(node)
            row[1].append(key == name_key(name))
            row[2].append(degree_now)
    return out


def name_keys_of(views_: Iterable[dict[str, View]], nodes: Iterable[str]) -> set[str]:
    """Every name key the entities ``nodes`` have in any of ``views_``."""
    nodes = set(nodes)
    return {
        key
        for view in views_
        for node in nodes & view.keys()
        for key in keys_of(view[node][0], view[node][1])
    }
