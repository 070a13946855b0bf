"""Building a graph directory from papers, from scratch or by adding to it.

The extractor and the page writer are passed in as callables, so this module (like
all of ``graph``) never imports spaCy or the HTML code. Everything lands as one new
generation (:mod:`.generations`): a run that fails halfway leaves the previous graph
as it was.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from paperkg.extract.errors import InputWarning, StoreError
from paperkg.extract.identity import identity_keys, merge_papers
from paperkg.extract.normalise import title_key
from paperkg.extract.records import Paper, PaperEntities

from . import bulk, corrections, curation, generations, increment, shards, store
from .confidence import MANIFEST_KEY, LinkFilter, check_threshold, threshold_of
from .local import LocalStore

Extract = Callable[[list[Paper]], Iterable[PaperEntities]]
#: writes the HTML page of a graph to the path it is given
Page = Callable[[nx.MultiDiGraph, Path], object]


@dataclass(frozen=True, slots=True)
class UpdateResult:
    path: Path
    papers_in: int
    added: int
    updated: int
    unchanged: int
    #: the threshold the graph was built with, and how many links it left out
    min_confidence: float = 0.0
    links_dropped: int = 0
    #: written from the previous generation (:mod:`.increment`), not rebuilt in full
    incremental: bool = False
    #: why an add was rebuilt in full although it could have been incremental
    rebuilt_because: str | None = None


def update(
    directory: str | Path,
    papers: list[Paper],
    extract: Extract,
    *,
    into: bool = False,
    force: bool = False,
    page: Page | None = None,
    lock_timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    on_commit: Callable[[], object] | None = None,
    curated: curation.Curation | None = None,
    min_confidence: float | None = None,
    incremental: bool = True,
) -> UpdateResult:
    """Write the graph of ``papers`` (and its ``page``) as a new generation of ``directory``.

    With ``into``, the papers are added to the graph already there: a paper seen
    before (same DOI, arXiv, OpenAlex or S2 id, or title) is merged, not duplicated,
    and re-extracted only when its title or abstract changed. Running the same
    input twice changes nothing. Without ``into``, a graph already in ``directory``
    is replaced only with ``force`` (see :func:`check_target`).

    The whole run holds the directory's write lock (another writer waits up to
    ``lock_timeout`` seconds, ``on_wait`` is told who holds it), so the graph it adds
    to is the one it replaces: two runs at once both land, one after the other.
    ``on_commit()`` runs once the run has landed, still under the lock.

    The corrections of ``DIR/curation.jsonl`` (:mod:`.curation`) are applied to what the
    store and page show; ``curated`` brings other corrections, which replace that file.

    Links the extractor is less than ``min_confidence`` sure of are left out of the
    graph, not of the records (:mod:`.confidence`); None keeps the threshold of the graph
    added to (0 for a new one), so adding papers never brings dropped links back.

    An add writes only what the new papers change into a copy of the current
    generation (:mod:`.increment`), unless ``incremental`` is False or that could not
    give exactly what a full rebuild gives; then every record is read and the store
    rebuilt (``rebuilt_because`` says why).
    """
    if min_confidence is not None:
        check_threshold(min_confidence)
    check_target(directory, into=into, force=force)
    extract = _Memo(extract)
    with generations.transaction(directory, timeout=lock_timeout, on_wait=on_wait) as tx:
        check_target(directory, into=into, force=force)  # a writer may have landed meanwhile
        fixes = curation.of_directory(directory) if curated is None else curated
        reason = None
        if into and incremental and tx.base is not None:
            try:
                threshold = min_confidence or 0.0
                return _add(tx, papers, extract, page, on_commit, fixes, curated, threshold)
            except increment.Rebuild as exc:
                reason = str(exc)
        old = _base_records(Path(directory)) if into else []
        base = (_manifest_at(tx.base) or {}) if into else {}
        links = LinkFilter(threshold_of(base) if min_confidence is None else min_confidence)
        merged = merge_papers([*(r.paper for r in old), *papers])
        reuse = _reusable(old, merged)
        todo = [p for p in merged if p.id not in reuse]
        fresh = {rec.paper.id: rec for rec in extract(todo)} if todo else {}
        records = [fresh.get(p.id) or PaperEntities(p, reuse[p.id]) for p in merged]
        fixes = curation.of_directory(directory) if curated is None else curated
        same = links.minimum == threshold_of(base) and _curated_by(tx.base, fixes)
        if into and records == old and tx.base is not None and same:
            path = tx.base  # nothing new: the current generation stays, untouched
            links.dropped = int(base.get("links_dropped") or 0)
        else:
            save = curated is not None
            path = write_generation(tx, records, page, fixes, save=save, links=links)
        if on_commit is not None:
            on_commit()
    origins = _Origins(old)
    updated = sum(1 for p in todo if origins.of(p))
    added, unchanged = len(todo) - updated, len(merged) - len(todo)
    return UpdateResult(
        path,
        len(papers),
        added,
        updated,
        unchanged,
        links.minimum,
        links.dropped,
        rebuilt_because=reason,
    )


def _add(
    tx: generations.Transaction,
    papers: list[Paper],
    extract: Extract,
    page: Page | None,
    on_commit: Callable[[], object] | None,
    fixes: curation.Curation,
    curated: curation.Curation | None,
    threshold: float,
) -> UpdateResult:
    """The incremental add, committed (or, with nothing new, the current generation kept).

    Corrections are applied across all records (one names an entity by every mention
    of it), so an add under any, or under others than the base's, is rebuilt; so is one
    under a confidence threshold (not yet done incrementally)."""
    assert tx.base is not None
    if curated is not None or fixes.corrections or not _curated_by(tx.base, fixes):
        raise increment.Rebuild("corrections (curation.jsonl) apply to every record at once")
    if threshold or threshold_of(_manifest_at(tx.base)):
        raise increment.Rebuild("a --min-confidence threshold is applied by a full build")
    held = (generations._manifest(tx.base) or {}).get("papers") or 0
    added = increment.add(tx, papers, extract)
    path = tx.base
    if added is not None:
        _write_page(tx, held + added, page)
        summary = {"curation": curation.summary(fixes, []), MANIFEST_KEY: 0.0, "links_dropped": 0}
        path = tx.commit({"papers": held + added, "records": held + added, **summary})
    if on_commit is not None:
        on_commit()
    return UpdateResult(path, len(papers), added or 0, 0, held, incremental=True)


class _Memo:
    """The extractor, remembering what it extracted: an add that starts incrementally and
    then has to rebuild does not extract the same papers twice."""

    def __init__(self, extract: Extract) -> None:
        self.extract = extract
        self.done: dict[str, PaperEntities] = {}

    def __call__(self, papers: list[Paper]) -> list[PaperEntities]:
        todo = [p for p in papers if (d := self.done.get(p.id)) is None or d.paper != p]
        if todo:
            self.done.update((rec.paper.id, rec) for rec in self.extract(todo))
        return [self.done[p.id] for p in papers]


#: above this many papers the build writes no page (one page of it would not open);
#: `paperkg viz --top N` draws a part of the graph instead
PAGE_MAX_PAPERS = 100_000


def write_generation(
    tx: generations.Transaction,
    records: list[PaperEntities],
    page: Page | None,
    fixes: curation.Curation | None = None,
    *,
    save: bool = False,
    links: LinkFilter | None = None,
) -> Path:
    """Records, store and page of ``records`` into the transaction's generation, which
    is then committed: the store straight from the records with the corrections ``fixes``
    applied and without the links ``links`` leaves out (by default, those under the base
    generation's threshold), the page from the store. The records are kept as extracted,
    so a correction can be undone and another threshold needs no extraction. With
    ``save``, ``fixes`` becomes the directory's curation file, just before the commit
    (put back as it was if the commit fails)."""
    fixes = fixes or curation.Curation()
    links = links or LinkFilter(threshold_of(_manifest_at(tx.base)))
    shards.write_shards(records, tx.path, after_each=generations.checkpoint)
    applied = corrections.apply(records, fixes.corrections)
    _warn_unmatched(tx.directory, fixes, applied.changed)
    counts = bulk.write_store(links.records(applied.records), tx.path)
    _write_page(tx, counts["papers"], page)
    summary = {
        "papers": counts["papers"],
        "records": counts["papers"],
        "curation": curation.summary(fixes, applied.changed),
        MANIFEST_KEY: links.minimum,
        "links_dropped": links.dropped,
    }
    if not save:
        return tx.commit(summary)
    before = curation.of_directory(tx.directory)
    curation.write(tx.directory, fixes)
    try:
        return tx.commit(summary)
    except BaseException:
        if not tx.committed:
            curation.write(tx.directory, before)
        raise


def _warn_unmatched(directory: Path, fixes: curation.Curation, changed: list[int]) -> None:
    """An :class:`InputWarning` for each correction that finds nothing to change (kept: a
    later add may bring its papers back)."""
    for fix, n in zip(fixes.corrections, changed, strict=True):
        if not n:
            warnings.warn(
                f"{directory / curation.FILE}, line {fix.line}: {fix.describe()} finds "
                "nothing to change in this graph (kept for papers added later)",
                InputWarning,
                stacklevel=2,
            )


def _write_page(tx: generations.Transaction, papers: int, page: Page | None) -> None:
    """The page of the generation written into ``tx``, drawn from its store."""
    if page is not None and papers <= PAGE_MAX_PAPERS:
        with LocalStore.of_generation(tx.path) as written:
            page(written.graph(), tx.path / generations.PAGE)
        generations.checkpoint(generations.PAGE)


def _curated_by(generation: Path | None, fixes: curation.Curation) -> bool:
    """Whether ``generation`` was written with exactly these corrections applied."""
    manifest = _manifest_at(generation)
    if manifest is None:
        return False
    applied = manifest.get("curation") or {}
    return applied.get("digest", curation.Curation().digest()) == fixes.digest()


def _manifest_at(generation: Path | None) -> dict | None:
    """The manifest of a generation we hold the write lock over (None when unreadable)."""
    if generation is None:
        return None
    try:
        manifest = json.loads((generation / generations.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def _base_records(directory: Path) -> list[PaperEntities]:
    """The records of the graph being added to; a graph saved without them cannot grow."""
    gen = generations.current(directory)
    if gen is not None:
        with generations.reading(directory) as held:
            if held.manifest.get("records") is None:
                raise StoreError(
                    f"{directory}/ holds a graph saved without its records, so papers cannot "
                    f"be added to it; rebuild it with `paperkg build SOURCE -o {directory} "
                    "--force`"
                )
    return store.load_records(directory)


def check_target(directory: str | Path, *, into: bool, force: bool) -> None:
    """Raise StoreError when building (not adding) would replace a graph without ``force``.

    Cheap and side-effect free, so a command can call it before reading any input.
    """
    directory = Path(directory)
    if into or force or not generations.holds_graph(directory):
        return
    size = _papers_held(directory)
    held = f"a graph of {size:,} papers" if size is not None else "a graph"
    raise StoreError(
        f"{directory}/ already holds {held}; building into it would replace it. "
        f"To add papers to it use `paperkg add SOURCE --into {directory}` "
        f"(or `paperkg build SOURCE --into {directory}`); to replace it add --force."
    )


def _papers_held(directory: Path) -> int | None:
    if generations.current(directory) is not None:
        with generations.reading(directory) as gen:
            return gen.manifest.get("papers")
    records = directory / store.RECORDS_FILE
    return _count_lines(records) if records.is_file() else None


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _keys(paper: Paper) -> set[str]:
    return {*identity_keys(paper), f"title:{title_key(paper.title)}", f"id:{paper.id}"}


class _Origins:
    """Finds the old records that were merged into a paper, through an index of their keys."""

    def __init__(self, old: list[PaperEntities]) -> None:
        self.old = old
        self.index: dict[str, list[int]] = {}
        for i, rec in enumerate(old):
            for key in _keys(rec.paper):
                self.index.setdefault(key, []).append(i)

    def of(self, paper: Paper) -> list[PaperEntities]:
        hits = sorted({i for k in _keys(paper) for i in self.index.get(k, ())})
        return [self.old[i] for i in hits]


def _reusable(old: list[PaperEntities], merged: list[Paper]) -> dict[str, tuple]:
    """Paper id -> entities, for merged papers that are exactly one old record, unchanged.

    Matching is by identity, not position: a new record that links two old papers
    (one known by arXiv id, one by DOI) makes them one paper, which is re-extracted.
    """
    origins = _Origins(old)
    reuse = {}
    for paper in merged:
        found = origins.of(paper)
        if len(found) == 1 and found[0].paper.text == paper.text:
            reuse[paper.id] = found[0].entities
    return reuse
