"""``curate``: hand corrections to a graph that every later build and add keeps.

Each change resolves its names in the current graph as queries do (case, hyphen and
alias insensitive, the closest names when none matches), adds (or removes) one line of
``DIR/curation.jsonl`` and writes a new generation with the corrections applied, under
the directory's write lock: ``papers``, ``show``, ``entities``, ``cypher``, ``viz`` and
``export`` all see it at once. A change that names nothing, or would change nothing,
raises and leaves the directory as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paperkg.extract import records
from paperkg.extract.errors import InputError, StoreError
from paperkg.extract.files import atomic_write
from paperkg.extract.records import TYPE_LABELS, PaperEntities
from paperkg.graph import corrections, curation, generations, names, store, update
from paperkg.graph.curation import Correction, Curation
from paperkg.graph.local import LocalStore

from .building import _write_page

#: given the graph as it is and the curation file, the new curation and the correction
#: it adds or removes
_Change = Callable[[LocalStore, Curation], tuple[Curation, Correction]]


@dataclass(frozen=True, slots=True)
class CurateReport:
    """What one curate command did."""

    correction: Correction
    #: its number in the curation file (for ``remove``: the number it had)
    number: int
    #: how many paper-entity links it changes (or, removed, changed) in the graph
    links: int
    curation_file: Path
    generation: Path
    #: the correction was removed (``remove``), not added
    removed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "correction": self.correction.to_json(),
            "links": self.links,
            "curation_file": str(self.curation_file),
            "graph": str(self.generation),
            "removed": self.removed,
        }


def merge(
    directory: str | Path,
    keep: str,
    alias: str,
    *,
    keep_type: str | None = None,
    alias_type: str | None = None,
    **lock: Any,
) -> CurateReport:
    """Make the entity ``alias`` one with ``keep``: its names become aliases of ``keep``.
    A type (benchmark, model, method) picks one of several entities of the same name."""

    def change(graph: LocalStore, fixes: Curation) -> tuple[Curation, Correction]:
        into, into_type, into_id = _entity(graph, keep, keep_type)
        name, etype, alias_id = _entity(graph, alias, alias_type)
        if alias_id == into_id:
            raise InputError(f"{alias!r} and {keep!r} are already one entity ({into})")
        fix = Correction("merge", name, etype, into=into, into_type=into_type, at=_now())
        return fixes.with_added(fix), fix

    return _commit(directory, change, **lock)


def rename(
    directory: str | Path, old: str, new: str, *, etype: str | None = None, **lock: Any
) -> CurateReport:
    """Call the entity ``old`` (of type ``etype``, if given) by ``new`` (its old names stay
    as aliases)."""

    def change(graph: LocalStore, fixes: Curation) -> tuple[Curation, Correction]:
        name, etype_found, _ = _entity(graph, old, etype)
        fix = Correction("rename", name, etype_found, to=_name(new, "the new name"), at=_now())
        return fixes.with_added(fix), fix

    return _commit(directory, change, **lock)


def retype(
    directory: str | Path, name: str, etype: str, *, old_type: str | None = None, **lock: Any
) -> CurateReport:
    """Make the entity ``name`` (the one of ``old_type``, if given) a benchmark, model or
    method."""

    def change(graph: LocalStore, fixes: Curation) -> tuple[Curation, Correction]:
        new_type = entity_type(etype)
        found, was, _ = _entity(graph, name, old_type)
        if new_type == was:
            raise InputError(f"{found!r} is already a {new_type}")
        fix = Correction("retype", found, was, to=new_type, at=_now())
        return fixes.with_added(fix), fix

    return _commit(directory, change, **lock)


def block(directory: str | Path, name: str, **lock: Any) -> CurateReport:
    """Never make ``name`` an entity (or an alias) again, of any type, in any paper."""

    def change(graph: LocalStore, fixes: Curation) -> tuple[Curation, Correction]:
        graph.resolve(name)  # a name the graph has, or the closest ones
        fix = Correction("block", _name(name, "the name"), at=_now())
        return fixes.with_added(fix), fix

    return _commit(directory, change, **lock)


def unlink(
    directory: str | Path, paper: str, name: str, *, etype: str | None = None, **lock: Any
) -> CurateReport:
    """Take the entity ``name`` (of type ``etype``, if given) out of one paper (an id, DOI,
    arXiv id or title)."""

    def change(graph: LocalStore, fixes: Curation) -> tuple[Curation, Correction]:
        paper_id = graph.find_paper(paper)
        found, etype_found, _ = _entity(graph, name, etype)
        title = _title(graph, paper_id)
        fix = Correction("unlink", found, etype_found, paper=paper_id, title=title, at=_now())
        return fixes.with_added(fix), fix

    return _commit(directory, change, **lock)


def remove(directory: str | Path, number: int, **lock: Any) -> CurateReport:
    """Undo correction ``number`` (as ``curate list`` numbers them)."""

    def change(graph: LocalStore, fixes: Curation) -> tuple[Curation, Correction]:
        count = len(fixes.corrections)
        if not 1 <= number <= count:
            where = Path(directory) / curation.FILE
            held = f"corrections 1 to {count}" if count else "no corrections"
            raise InputError(f"there is no correction {number}: {where} holds {held}")
        return fixes.without(number), fixes.corrections[number - 1]

    return _commit(directory, change, removing=number, **lock)


def listing(directory: str | Path) -> list[dict[str, Any]]:
    """Every correction in order: its number, line, what it does, and how many links it
    changes in the current graph (None when the graph was written with other corrections,
    which the next build or add applies)."""
    d = Path(directory)
    if not (d / curation.FILE).is_file() and generations.current(d) is None:
        raise generations.missing_graph(d)
    fixes = curation.of_directory(d)
    changed: list[int] | None = None
    if generations.current(d) is not None:
        with generations.reading(d) as gen:
            applied = gen.manifest.get("curation") or {}
        if applied.get("digest") == fixes.digest():
            changed = applied.get("changed")
    return [
        {
            "number": n,
            "op": c.op,
            "correction": c.describe(),
            "links": changed[n - 1] if changed else None,
            "at": c.at,
            "line": c.line,
        }
        for n, c in enumerate(fixes.corrections, 1)
    ]


def gold_lines(directory: str | Path) -> list[str]:
    """Every paper a correction changes as a JSON line of the gold format (``paperkg
    train``'s input: title, abstract and the paper's entities as corrected)."""
    d = Path(directory)
    fixes = curation.of_directory(d)
    if generations.current(d) is None:
        raise generations.missing_graph(d)
    applied = corrections.apply(store.load_records(d), fixes.corrections)
    return [
        json.dumps(gold_line(rec, applied.touched[rec.paper.id]), ensure_ascii=False)
        for rec in applied.records
        if rec.paper.id in applied.touched
    ]


def export_gold(directory: str | Path, output: str | Path) -> int:
    """Write :func:`gold_lines` to ``output`` (atomically); how many."""
    lines = gold_lines(directory)
    with atomic_write(output) as handle:
        handle.write("".join(f"{line}\n" for line in lines))
    return len(lines)


def gold_line(rec: PaperEntities, numbers: list[int]) -> dict[str, Any]:
    """One paper in the annotation guidelines' gold format, with the corrections behind it."""
    return {
        "id": rec.paper.id,
        "title": rec.paper.title,
        "abstract": rec.paper.abstract,
        "entities": [
            {
                "type": TYPE_LABELS[e.type],
                "name": e.name,
                "aliases": list(e.aliases),
                "role": e.role,
            }
            for e in rec.entities
        ],
        "curation": numbers,
    }


def entity_type(text: str) -> str:
    """``benchmark``, ``model`` or ``method`` from any spelling (the shared vocabulary)."""
    try:
        return records.entity_type(text).lower()
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _commit(
    directory: str | Path,
    change: _Change,
    *,
    removing: int | None = None,
    lock_timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> CurateReport:
    """Apply ``change`` to the curation file and write the graph it gives, under the lock."""
    d = Path(directory)
    if generations.current(d) is None:
        raise generations.missing_graph(d)
    with generations.transaction(d, timeout=lock_timeout, on_wait=on_wait) as tx:
        if tx.base is None:
            raise generations.missing_graph(d)
        fixes = curation.of_directory(d)
        with LocalStore(d) as graph:
            new, fix = change(graph, fixes)
        records = store.load_records(d)
        number = removing or len(new.corrections)
        links = _links(records, fixes if removing else new, number)
        if not links and not removing:
            raise InputError(f"{fix.describe()} changes nothing in {d}/: {_why_not(fix)}")
        page = _write_page if (tx.base / generations.PAGE).is_file() else None
        path = update.write_generation(tx, records, page, new, save=True)
    return CurateReport(fix, number, links, d / curation.FILE, path, removed=bool(removing))


def _links(records: list[PaperEntities], fixes: Curation, number: int) -> int:
    """How many links correction ``number`` of ``fixes`` changes."""
    return corrections.apply(records, fixes.corrections[:number]).changed[number - 1]


def _why_not(fix: Correction) -> str:
    if fix.op == "unlink":
        return f"that paper is not linked to {fix.name!r}"
    if fix.op == "merge":
        return f"no paper mentions {fix.name!r} itself"
    return f"no paper mentions {fix.name!r} itself (a model family shown only for its variants?)"


def _entity(graph: LocalStore, name: str, etype: str | None = None) -> tuple[str, str, str]:
    """The display name, type and id of the entity ``name`` (of ``etype``) means."""
    hit = graph.resolve(name, entity_type(etype).capitalize() if etype else None)
    query = f"MATCH (e:{hit.label}) WHERE e.id = $id RETURN e.name AS name"
    rows = graph.cypher(query, {"id": hit.id}).records()
    if not rows:
        raise StoreError(f"{graph.where}: the name index knows {hit.id}, the graph does not")
    return rows[0]["name"], hit.label.lower(), hit.id


def _title(graph: LocalStore, paper_id: str) -> str | None:
    rows = graph.cypher("MATCH (p:Paper) WHERE p.id = $id RETURN p.title AS t", {"id": paper_id})
    return rows.rows[0][0] if rows.rows else None


def _name(text: str, what: str) -> str:
    name = " ".join(text.split())
    if not names.name_key(name):
        raise InputError(f"{what} needs a letter or a digit, got {text!r}")
    return name


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
