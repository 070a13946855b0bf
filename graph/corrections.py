"""Applying a curation file's corrections to extracted records, before the store is written.

The records a generation keeps (``records/*.jsonl``) are what the extractor found, so a
correction can be undone and new papers are extracted afresh; the store, the page and
every query see the records with the corrections applied, in order.

A correction names an entity as the graph does: the name's key (case, hyphen, space,
plural and Unicode insensitive) finds the mentions of that type that have it, and
build's merge rule (:func:`.build._forms`: two mentions are one entity when they share
a key of their name or an alias) grows that to every mention of the entity. So
``rename`` or ``merge`` catch the spellings and aliases the graph shows for a name,
including those of papers added later. ``block`` is narrower on purpose: it removes
the name itself (a mention called that, or that alias of a mention), never a whole
group that a stray alias may have joined.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from paperkg.extract.normalise import name_key, singular_key, title_key
from paperkg.extract.records import ENTITY_TYPES, Entity, Paper, PaperEntities

from .build import _forms
from .curation import Correction

#: a mention: (record number, entity number)
Mention = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Applied:
    """Records with the corrections applied, and what each correction changed."""

    records: list[PaperEntities]
    #: per correction, how many paper-entity links it changed or removed
    changed: list[int]
    #: paper id -> the numbers (1, 2, ...) of the corrections that changed its entities
    touched: dict[str, list[int]]


def apply(records: Iterable[PaperEntities], corrections: Iterable[Correction]) -> Applied:
    """``records`` as the corrections, in order, leave them.

    >>> from paperkg.extract.records import Paper
    >>> rec = PaperEntities(Paper("p", "T"), (Entity("METHOD", "GRPO-2"),))
    >>> fix = Correction("rename", "grpo 2", "method", to="GRPO")
    >>> [e.name for e in apply([rec], [fix]).records[0].entities]
    ['GRPO']
    """
    records, corrections = list(records), list(corrections)
    if not corrections:
        return Applied(records, [], {})
    index = _Index(records)
    changed: list[int] = []
    touched: dict[str, list[int]] = defaultdict(list)
    for number, correction in enumerate(corrections, 1):
        done = index.apply(correction)
        changed.append(len(done))
        for i in sorted({i for i, _ in done}):
            touched[index.papers[i].id].append(number)
    return Applied(index.records(), changed, dict(touched))


def _keys(text: str) -> set[str]:
    """The keys under which build merges a spelling: its name key and its singular key."""
    return {k for k in (name_key(text), singular_key(text)) if k}


class _Index:
    """Every mention, and the mentions of each (type, key), kept up to date as
    corrections change mentions."""

    def __init__(self, records: list[PaperEntities]) -> None:
        self.papers: list[Paper] = [r.paper for r in records]
        self.entities: list[list[Entity | None]] = [list(r.entities) for r in records]
        self.by_key: dict[tuple[str, str], set[Mention]] = defaultdict(set)
        #: records whose entities a correction changed
        self.dirty: set[int] = set()
        for i, ents in enumerate(self.entities):
            for j, ent in enumerate(ents):
                self._file((i, j), ent, add=True)

    def _file(self, at: Mention, ent: Entity | None, *, add: bool) -> None:
        if ent is None:
            return
        for key in _forms(ent):
            if add:
                self.by_key[(ent.type, key)].add(at)
            else:
                self.by_key[(ent.type, key)].discard(at)

    def put(self, at: Mention, ent: Entity | None) -> None:
        i, j = at
        self._file(at, self.entities[i][j], add=False)
        self.entities[i][j] = ent
        self._file(at, ent, add=True)
        self.dirty.add(i)

    def get(self, at: Mention) -> Entity:
        ent = self.entities[at[0]][at[1]]
        assert ent is not None  # only live mentions are indexed
        return ent

    def entity(self, name: str, etype: str | None) -> set[Mention]:
        """The mentions of the entity ``name`` (of ``etype``, else the most mentioned)."""
        types = [etype.upper()] if etype else list(ENTITY_TYPES)
        found = [self._group(t, name) for t in types]
        return max(found, key=len, default=set())

    def _type_of(self, name: str) -> str | None:
        """The type of the entity ``name`` (the most mentioned), None when none has it."""
        group = self.entity(name, None)
        return self.get(next(iter(group))).type if group else None

    def _group(self, etype: str, name: str) -> set[Mention]:
        """Every mention sharing a key with ``name``, or with one that does, and so on."""
        todo, seen_keys, group = list(_keys(name)), set(), set()
        while todo:
            key = todo.pop()
            if key in seen_keys:
                continue
            seen_keys.add(key)
            for at in self.by_key.get((etype, key), ()):
                if at not in group:
                    group.add(at)
                    todo.extend(_forms(self.get(at)))
        return group

    def apply(self, c: Correction) -> set[Mention]:
        """Apply one correction; the mentions it changed."""
        if c.op == "block":
            return self._block(c.name)
        group = self.entity(c.name, c.type)
        if c.op == "unlink":
            group = {(i, j) for i, j in group if _is_paper(self.papers[i], c.paper or "")}
            changes: dict[Mention, Entity | None] = dict.fromkeys(group)
        elif c.op == "retype":
            changes = {at: replace(self.get(at), type=(c.to or "").upper()) for at in group}
        elif c.op == "merge":
            new_type = c.into_type.upper() if c.into_type else self._type_of(c.into or "")
            changes = {at: _renamed(self.get(at), c.into or "", new_type) for at in group}
        else:
            changes = {at: _renamed(self.get(at), c.to or "", None) for at in group}
        done = {at for at, ent in changes.items() if ent != self.get(at)}
        for at in done:
            self.put(at, changes[at])
        return done

    def _block(self, name: str) -> set[Mention]:
        blocked = _keys(name)
        hits = {
            at
            for etype in ENTITY_TYPES
            for key in blocked
            for at in self.by_key.get((etype, key), ())
        }
        for at in hits:
            ent = self.get(at)
            if _keys(ent.name) & blocked:
                self.put(at, None)
            else:
                kept = tuple(a for a in ent.aliases if not _keys(a) & blocked)
                self.put(at, replace(ent, aliases=kept))
        return hits

    def records(self) -> list[PaperEntities]:
        """The records; those no correction changed are exactly as they came."""
        return [
            PaperEntities(paper, _one_per_entity([e for e in ents if e is not None]))
            if i in self.dirty
            else PaperEntities(paper, tuple(e for e in ents if e is not None))
            for i, (paper, ents) in enumerate(zip(self.papers, self.entities, strict=True))
        ]


def _renamed(ent: Entity, new: str, new_type: str | None) -> Entity:
    """``ent`` called ``new`` (of ``new_type``), its old names kept as aliases."""
    aliases = [a for a in (ent.name, *ent.aliases) if name_key(a) != name_key(new)]
    return replace(ent, name=new, type=new_type or ent.type, aliases=tuple(dict.fromkeys(aliases)))


def _is_paper(paper: Paper, ref: str) -> bool:
    """Whether ``ref`` (an id, external id or title, as a correction keeps it) names ``paper``."""
    if ref == paper.id or ref in paper.external_ids:
        return True
    return bool(title_key(ref)) and title_key(ref) == title_key(paper.title)


def _one_per_entity(entities: list[Entity]) -> tuple[Entity, ...]:
    """A paper's entities with those a correction made the same entity merged into one
    (aliases and mentions together; "introduces" if either introduces it)."""
    first: dict[tuple[str, str], int] = {}
    out: list[Entity] = []
    for ent in entities:
        key = (ent.type, _forms(ent)[0])
        if key not in first:
            first[key] = len(out)
            out.append(ent)
            continue
        old = out[first[key]]
        out[first[key]] = replace(
            old,
            aliases=tuple(dict.fromkeys((*old.aliases, ent.name, *ent.aliases))),
            role="introduces" if "introduces" in (old.role, ent.role) else old.role,
            confidence=_max(old.confidence, ent.confidence),
            mentions=tuple(sorted({*old.mentions, *ent.mentions})),
        )
    return tuple(_without_own_name(e) for e in out)


def _without_own_name(ent: Entity) -> Entity:
    aliases = tuple(a for a in ent.aliases if name_key(a) != name_key(ent.name))
    return ent if aliases == ent.aliases else replace(ent, aliases=aliases)


def _max(a: float | None, b: float | None) -> float | None:
    return a if b is None else b if a is None else max(a, b)
