"""What an incremental add needs to know about a generation's entities, kept beside its store.

The store holds each entity's name and aliases, but not how they were chosen: the name
is the spelling most mentions use, so an add that brings more mentions must know every
earlier spelling and how often it was used. ``entities.jsonl`` keeps that, one line per
merged entity in the order the build made them::

    [id, type, name, aliases, links, [[spelling, aliases, count], ...], forms, keys, chain]

``links`` is how many paper links the entity has; the spellings are the distinct
``(name, aliases)`` its mentions had, in the order they first appeared; ``forms`` are
the keys it is merged on, and for a model ``keys`` and ``chain`` are what the variant
rule reads (:func:`paperkg.graph.build.variant_edges`): kept so an add need not
normalise every name again. The file grows with the number of entities, not of papers
or mentions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from paperkg.extract.errors import StoreError
from paperkg.extract.records import Entity

from .build import _forms, model_chain, model_keys

STATE_FILE = "entities.jsonl"
#: a distinct spelling of an entity: (name, aliases)
Spelling = tuple[str, tuple[str, ...]]


@dataclass(slots=True)
class EntityState:
    """One merged entity: its node, and the spellings it was merged from."""

    id: str
    type: str
    name: str
    aliases: list[str]
    links: int
    #: spelling -> how many mentions used it, in first-mention order
    spellings: dict[Spelling, int] = field(default_factory=dict)
    #: the merge keys of every spelling
    forms: list[str] = field(default_factory=list)
    #: a model's :func:`~paperkg.graph.build.model_keys` and ``model_chain``
    keys: list[str] = field(default_factory=list)
    chain: list[tuple[str, str]] = field(default_factory=list)

    def refresh(self) -> EntityState:
        """Recompute the keys from the spellings, name and aliases (after they changed)."""
        forms = (f for n, a in self.spellings for f in _forms(Entity(self.type, n, a)))
        self.forms = list(dict.fromkeys(forms))
        if self.type == "MODEL":
            self.keys, self.chain = model_keys(self.name, self.aliases), model_chain(self.name)
        return self

    def counted(self) -> Iterator[tuple[Entity, int]]:
        """Each spelling as a mention with its number of uses, in first-mention order
        (the order the naming rules depend on)."""
        for (name, aliases), count in self.spellings.items():
            yield Entity(self.type, name, aliases), count

    def to_json(self) -> list:
        spellings = [[n, list(a), c] for (n, a), c in self.spellings.items()]
        chain = [list(c) for c in self.chain]
        head = [self.id, self.type, self.name, self.aliases, self.links]
        return [*head, spellings, self.forms, self.keys, chain]

    @classmethod
    def from_json(cls, row: list) -> EntityState:
        id_, type_, name, aliases, links, spellings, forms, keys, chain = row
        counts = {(str(n), tuple(a)): int(c) for n, a, c in spellings}
        state = cls(str(id_), str(type_), str(name), list(aliases), int(links), counts)
        state.forms, state.keys = list(forms), list(keys)
        state.chain = [(str(f), str(k)) for f, k in chain]
        return state


def of_mentions(
    mentions: Iterable[Entity], nodes: Iterable[str], names: dict[str, tuple[str, list[str]]]
) -> dict[str, EntityState]:
    """The state of every entity from the build's mentions (``nodes``: each mention's
    entity id, which depends on the mention alone; ``names``: each entity's name and
    aliases), in first-mention order."""
    # mentions of one spelling are often one shared object (the bulk writer's): count
    # them per object first, in first-mention order, then once per object below
    counted: dict[int, list] = {}  # id -> [mention, node, count]; holding it keeps the id
    for ent, node in zip(mentions, nodes, strict=True):
        seen = counted.get(id(ent))
        if seen is None:
            counted[id(ent)] = [ent, node, 1]
        else:
            seen[2] += 1
    states: dict[str, EntityState] = {}
    for ent, node, count in counted.values():
        state = states.get(node)
        if state is None:
            name, aliases = names[node]
            state = states[node] = EntityState(node, ent.type, name, list(aliases), 0)
        spelling = (ent.name, ent.aliases)
        state.spellings[spelling] = state.spellings.get(spelling, 0) + count
    for state in states.values():
        state.refresh()
    return states


def write(states: Iterable[EntityState], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for state in states:
            out.write(json.dumps(state.to_json(), ensure_ascii=False) + "\n")


def read(path: Path) -> list[EntityState] | None:
    """The states saved at ``path``, or None when the generation has none (written by a
    paperkg before incremental adds, or from a graph rather than records)."""
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        return None
    with handle:
        try:
            return [EntityState.from_json(json.loads(line)) for line in handle if line.strip()]
        except (ValueError, TypeError) as exc:
            raise StoreError(f"{path} is damaged: {exc}") from exc
