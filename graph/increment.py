"""``add`` in time proportional to the new papers: the next generation from the current one.

A full build reads every record and bulk-loads a new store (:mod:`.bulk`). An add
instead

1. finds which of the given papers the graph already holds (by the name index's paper
   keys and the Paper table: same DOI, arXiv, OpenAlex or S2 id, or title) and extracts
   only the others;
2. merges their mentions into the entities already there (:mod:`.increment_entities`);
3. copies the current generation's two databases and writes only the differences into
   the copies: new papers, entities and links; changed names and aliases; VARIANT_OF
   edges and family nodes; real citations from and to the new papers; inferred ones of
   every entity a new paper links to (:mod:`.increment_cites`); the name index's rows of
   whatever changed;
4. hard-links the current record shards and writes the new records as one more shard;
   ``entities.jsonl`` is rewritten (it grows with the entities, not the papers).

The result is the store a full build from all the records makes (a test compares
them). Where it could not be exact it stops before writing anything and says why
(:class:`Rebuild`), and the caller rebuilds in full (docs/store.md lists the cases).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from paperkg.extract.identity import identity_keys, merge_papers
from paperkg.extract.records import Paper, PaperEntities

from . import entity_state, generations, lbug, shards
from . import schema as s
from .bulk import _REAL, paper_row
from .increment_cites import inferred_changes, real_citations
from .increment_db import (
    DROP_INFERRED,
    DROP_NODES,
    DROP_VARIANT,
    PAPER_IDS,
    SET_NAMES,
    SET_VIA,
    Database,
    copy_file,
    key_rows,
    opened,
    set_keys,
)
from .increment_entities import Entities, Rebuild, Variants, name_keys_of, name_rows, views
from .names import label_of, paper_title_key

__all__ = ["Rebuild", "add"]
Extract = Callable[[list[Paper]], Iterable[PaperEntities]]


def add(tx: generations.Transaction, papers: list[Paper], extract: Extract) -> int | None:
    """Write into ``tx`` the current generation plus ``papers``; return how many papers
    were new, or None when none was (nothing is written: the current generation stays).

    Raises :class:`Rebuild` when the result could not equal a full rebuild's."""
    assert tx.base is not None
    states = entity_state.read(tx.base / entity_state.STATE_FILE)
    if states is None:
        raise Rebuild(
            f"{tx.base.name} has no {entity_state.STATE_FILE} (an older paperkg wrote it)"
        )
    with opened(tx.base / lbug.DB_FILE) as graph, opened(tx.base / lbug.NAMES_FILE) as names:
        fresh = _unknown(graph, names, tx.base, papers)
        if not fresh:
            return None
        done = {rec.paper.id: rec for rec in extract(fresh)}
        change = _Change([done[p.id] for p in fresh], states, graph, names)
    change.write(tx.base, tx.path)
    return len(change.records)


def _unknown(graph: Database, names: Database, base: Path, papers: list[Paper]) -> list[Paper]:
    """The papers the graph does not hold; one it holds exactly as given is dropped."""
    merged = merge_papers(papers)
    ids = {p.id: {p.id, *p.external_ids, *identity_keys(p)} for p in merged}
    held = {row[0] for row in graph.rows(PAPER_IDS, sorted(set().union(*ids.values())))}
    keys = {p.id: ids[p.id] | {paper_title_key(p.title)} for p in merged}
    keyed = key_rows(names, "PaperKey", set().union(*keys.values()))
    fresh, known = [], {}
    for p in merged:
        hits = (ids[p.id] & held) | {i for k in keys[p.id] for i in keyed.get(k, [[]])[0]}
        if hits:
            known[p.id] = (p, hits)
        else:
            fresh.append(p)
    old = _old_records(base, {h for _, hits in known.values() for h in hits})
    for paper, hits in known.values():
        was = old.get(next(iter(hits))) if len(hits) == 1 else None
        if was is None or merge_papers([was.paper, paper]) != [was.paper]:
            raise Rebuild(f"paper {paper.id} is in the graph already and merging changes it")
    return fresh


def _old_records(base: Path, ids: set[str]) -> dict[str, PaperEntities]:
    """The records of ``ids``, found by the id each shard line starts with."""
    if not ids:
        return {}
    from .store import record_from_json

    head, decoder, found = '{"paper": {"id": ', json.JSONDecoder(), {}
    for path in shards.shard_paths(base):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(head) and decoder.raw_decode(line, len(head))[0] in ids:
                    rec = record_from_json(json.loads(line))
                    found[rec.paper.id] = rec
    return found


class _Change:
    """Everything the add changes, worked out from the current generation (read-only)
    before anything is written."""

    def __init__(
        self,
        records: list[PaperEntities],
        states: list[entity_state.EntityState],
        graph: Database,
        names: Database,
    ) -> None:
        self.records = records
        self.ents = Entities(states, records)
        self._variants()
        self.real, self.refs = real_citations(graph, names, records)
        years = {r.paper.id: r.paper.year for r in records}
        self.create, self.relabel, self.drop = inferred_changes(graph, names, self.ents, years)
        self.paper_keys = _paper_keys(names, records)
        after = {st.id: (st.name, tuple(st.aliases), st.links) for st in self.ents.all()}
        self.after = views(after, self.models)
        touched = {
            n
            for n in self.before.keys() | self.after.keys()
            if self.before.get(n) != self.after.get(n)
        }
        rows = key_rows(names, "NameKey", name_keys_of((self.before, self.after), touched))
        self.name_rows = name_rows(rows, self.before, self.after)

    def _variants(self) -> None:
        self.was = Variants.of(self.ents.old_models)
        models = [(st.id, st.keys, st.chain) for st in self.ents.all() if st.type == "MODEL"]
        self.models = Variants.of(models)
        self.before = views(self.ents.old, self.was)

    def write(self, base: Path, gen: Path) -> None:
        """The new generation's records, graph, name index and entity state."""
        held = shards.shard_paths(base)
        (gen / shards.RECORDS_DIR).mkdir()
        for path in held:  # shards never change once written: share them
            os.link(path, gen / shards.RECORDS_DIR / path.name)
        shards.write_shards(self.records, gen, first=len(held), after_each=generations.checkpoint)
        copy_file(base / lbug.DB_FILE, gen / lbug.DB_FILE)
        with opened(gen / lbug.DB_FILE, write=True) as graph:
            self._write_graph(graph)
        generations.checkpoint(lbug.DB_FILE)
        copy_file(base / lbug.NAMES_FILE, gen / lbug.NAMES_FILE)
        with opened(gen / lbug.NAMES_FILE, write=True) as names:
            set_keys(names, "NameKey", self.name_rows)
            set_keys(names, "PaperKey", self.paper_keys)
            set_keys(names, "RefKey", self.refs)
        generations.checkpoint(lbug.NAMES_FILE)
        entity_state.write(self.ents.all(), gen / entity_state.STATE_FILE)
        generations.checkpoint(entity_state.STATE_FILE)

    def _write_graph(self, graph: Database) -> None:
        graph.copy(s.PAPER, [paper_row(r.paper) for r in self.records])
        self._write_entities(graph)
        links: dict[tuple[str, str], list[tuple]] = defaultdict(list)
        for link in self.ents.links:
            links[(link.rel, label_of(link.node))].append((link.paper, link.node, link.props))
        for (rel, label), rows in links.items():
            graph.copy_rel(rel, s.PAPER, label, rows)
        graph.copy_rel(s.CITES, s.PAPER, s.PAPER, [(a, b, _REAL) for a, b in self.real])
        made = [(a, b, {"inferred": True, "via": via}) for (a, b), via in self.create.items()]
        graph.copy_rel(s.CITES, s.PAPER, s.PAPER, made)
        graph.each(SET_VIA, [{"a": a, "b": b, "via": v} for (a, b), v in self.relabel.items()])
        graph.each(DROP_INFERRED, [{"a": a, "b": b} for a, b in self.drop])

    def _write_entities(self, graph: Database) -> None:
        before, after = self.before, self.after
        new = [n for n in after if n not in before]
        renamed = [n for n in after if n in before and before[n][:2] != after[n][:2]]
        for label in s.ENTITY_LABELS:
            rows = [_entity_row(n, after[n]) for n in new if label_of(n) == label]
            graph.copy(label, rows)
            rows = [_entity_row(n, after[n]) for n in renamed if label_of(n) == label]
            graph.each(SET_NAMES.format(label=label), rows)
        old_edges, new_edges = self.was.edges, self.models.edges
        graph.each(DROP_VARIANT, [{"a": a, "b": b} for a, b in sorted(old_edges - new_edges)])
        graph.each(DROP_NODES, [{"id": n} for n in before if n not in after])
        made = [(a, b, _NO_PROPS) for a, b in sorted(new_edges - old_edges)]
        graph.copy_rel(s.VARIANT_OF, s.MODEL, s.MODEL, made)


_NO_PROPS: dict[str, Any] = {}


def _entity_row(node: str, view: tuple) -> dict[str, Any]:
    return {"id": node, "name": view[0], "aliases": list(view[1])}


def _paper_keys(names: Database, records: list[PaperEntities]) -> dict[str, list[Any]]:
    """The PaperKey rows of the new papers' title keys and external ids."""
    new: dict[str, list[str]] = defaultdict(list)
    for key, paper in lbug.record_keys(records):
        if paper not in new[key]:
            new[key].append(paper)
    held = key_rows(names, "PaperKey", new)
    return {key: [[*held.get(key, [[]])[0], *papers]] for key, papers in new.items()}
