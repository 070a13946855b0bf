"""``build``: paper files in, a new generation of a graph directory out.

One call does what ``paperkg build`` and ``paperkg add`` do: read the sources, extract
the papers that need it (spaCy is loaded only then), build the graph, and write
records, store and HTML page as one generation under the directory's write lock.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperkg.extract.errors import InputError
from paperkg.extract.readers import read_papers
from paperkg.extract.records import Paper, PaperEntities
from paperkg.graph import curation as curation_file
from paperkg.graph import generations, update
from paperkg.graph.confidence import check_threshold
from paperkg.graph.graphstore import open_local

from .parallel import CHUNK, extract_in_processes
from .resume import PART, PARTIAL, Partial

if TYPE_CHECKING:
    from .cluster import Cluster

#: given the number of papers to extract, a context yielding ``advance(n)``
ExtractProgress = Callable[[int], AbstractContextManager[Callable[[int], None]]]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build or add did, and what the graph holds now."""

    directory: Path
    generation: Path
    page: Path | None
    papers_read: int
    papers_added: int
    papers_updated: int
    duplicates_merged: int
    skipped: tuple[InputError, ...]
    #: papers, entities per label, edges per type, the most used entities of each label
    summary: dict[str, Any] = field(default_factory=dict)
    #: the graph leaves out links the extractor is less sure of (the records keep them)
    min_confidence: float = 0.0
    links_dropped: int = 0
    #: an add written from the previous generation, only what the new papers change
    incremental: bool = False
    #: why an add rebuilt the whole store instead (docs/store.md lists the cases)
    rebuilt_because: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The report as ``paperkg build --format json`` prints it."""
        return {
            "graph": str(self.generation),
            "html": str(self.page) if self.page else None,
            "papers_read": self.papers_read,
            "papers_added": self.papers_added,
            "papers_updated": self.papers_updated,
            "duplicates_merged": self.duplicates_merged,
            "records_skipped": len(self.skipped),
            "min_confidence": self.min_confidence,
            "links_dropped": self.links_dropped,
            "incremental": self.incremental,
            "rebuilt_because": self.rebuilt_because,
            **self.summary,
        }


def build(
    sources: Iterable[str | Path],
    out: str | Path = "paperkg-out",
    *,
    into: bool = False,
    force: bool = False,
    model: str | Path | None = None,
    input_format: str | None = None,
    skip_bad: bool = False,
    html: bool = True,
    jobs: int = 1,
    dask: str | None = None,
    resume: bool = False,
    min_confidence: float | None = None,
    lock_timeout: float | None = None,
    curation: str | Path | None = None,
    on_wait: Callable[[str], None] | None = None,
    on_read: Callable[[int], None] | None = None,
    on_extract: ExtractProgress | None = None,
) -> BuildReport:
    """Build the graph of the papers in ``sources`` into the directory ``out``.

    With ``into`` the papers are added to the graph already in ``out``; without it a
    graph already there is replaced only with ``force``. ``model`` is an NER model
    trained with ``paperkg train``; ``jobs`` > 1 extracts in that many processes;
    ``dask`` extracts on the dask.distributed cluster at that address (``"local"``
    starts one on this machine; :mod:`.cluster`), with the same records;
    ``resume`` reuses what an interrupted run had extracted (:mod:`.resume`).
    ``min_confidence`` (0-1) leaves links the extractor is less sure of out of the graph
    but not out of the records, so building again with another threshold (``into``, no
    sources needed) extracts nothing; None keeps the threshold of the graph added to. Bad
    input raises InputError naming the file and line (or, with ``skip_bad``, is skipped
    and listed in the report). Another writer of
    ``out`` is waited for (at most ``lock_timeout`` seconds; ``on_wait`` is told who it
    is). ``on_read(n)`` and ``on_extract(total)`` report progress.

    The corrections in ``out``'s curation file (``paperkg curate``) are applied to the
    graph; ``curation`` names another curation file to apply instead, which then becomes
    ``out``'s. Either is checked before any paper is read.
    """
    directory = Path(out)
    if min_confidence is not None:
        check_threshold(min_confidence)
    if dask is not None and jobs > 1:
        raise ValueError("extract with jobs or on a dask cluster, not both")
    update.check_target(directory, into=into, force=force)  # before reading anything
    sources = list(sources)
    if not sources and not generations.holds_graph(directory):
        raise generations.missing_graph(directory)  # nothing to read and nothing to rebuild
    curated = None if curation is None else _curation(curation)
    if curated is None:
        curation_file.of_directory(directory)  # a hand-edited mistake stops us here
    with _cluster(dask, model) as cluster:  # joined (and checked) while reading
        read = read_papers(
            [str(s) for s in sources], input_format, skip_bad=skip_bad, on_progress=on_read
        )
        partial = _LazyPartial(directory, model, resume)
        result = update.update(
            directory,
            read.papers,
            _extractor(model, on_extract, jobs, partial, cluster),
            into=into,
            force=force,
            page=_write_page if html else None,
            lock_timeout=lock_timeout,
            on_wait=on_wait,
            on_commit=partial.finish,
            curated=curated,
            min_confidence=min_confidence,
        )
    page = directory / "graph.html"
    with open_local(directory) as store:
        summary = store.summary()
    return BuildReport(
        directory=directory,
        generation=result.path,
        page=page if html and page.exists() else None,
        papers_read=result.papers_in,
        papers_added=result.added,
        papers_updated=result.updated,
        duplicates_merged=read.duplicates,
        skipped=tuple(read.skipped),
        summary=summary,
        min_confidence=result.min_confidence,
        links_dropped=result.links_dropped,
        incremental=result.incremental,
        rebuilt_because=result.rebuilt_because,
    )


def _curation(path: str | Path) -> curation_file.Curation:
    if not Path(path).is_file():
        raise InputError("no such curation file", path=path)
    return curation_file.read(path)


class _LazyPartial:
    """The run's :class:`~.resume.Partial`, opened when extraction starts: under the
    directory's write lock, so two runs never share one."""

    def __init__(self, directory: Path, model: str | Path | None, resume: bool) -> None:
        self.args = (directory, model, resume)
        self.opened: Partial | None = None

    def open(self) -> Partial:
        directory, model, resume = self.args
        self.opened = Partial(directory, model, resume=resume)
        return self.opened

    def finish(self) -> None:
        """The run landed: what an earlier one left is stale now too."""
        shutil.rmtree(self.args[0] / PARTIAL, ignore_errors=True)


def _extractor(
    model: str | Path | None,
    on_extract: ExtractProgress | None,
    jobs: int,
    partial: _LazyPartial,
    cluster: Cluster | None = None,
) -> Callable[[list[Paper]], list[PaperEntities]]:
    """The extract step: papers an interrupted run already extracted are reused, the rest
    extracted in parts that are kept as they finish, on the dask ``cluster`` if there is
    one, else in ``jobs`` processes when there is enough to do for that to pay; the spaCy
    pipeline is loaded only if there is work."""

    def extract(papers: list[Paper]) -> list[PaperEntities]:
        kept = partial.open()
        done = {p.id: rec for p in papers if (rec := kept.reused(p)) is not None}
        todo = [p for p in papers if p.id not in done]
        with (on_extract or _quiet)(len(todo)) as advance:
            for part in _parts(todo, model, jobs, advance, cluster):
                kept.save(part)
                done.update((rec.paper.id, rec) for rec in part)
        return [done[p.id] for p in papers]

    return extract


def _parts(
    papers: list[Paper],
    model: str | Path | None,
    jobs: int,
    advance: Callable[[int], None],
    cluster: Cluster | None,
) -> Iterator[list[PaperEntities]]:
    """The records of ``papers`` in parts of :data:`~.resume.PART`, in order."""
    if not papers:
        return
    if cluster is not None:
        yield from cluster.parts(papers, advance, part=PART)
        return
    if jobs > 1 and len(papers) > CHUNK:
        yield from extract_in_processes(papers, model, jobs, advance, part=PART)
        return
    from paperkg.extract.pipeline import load_extractor

    extractor = load_extractor(model)
    part: list[PaperEntities] = []
    for rec in extractor.extract(papers, on_progress=advance):
        part.append(rec)
        if len(part) >= PART:
            yield part
            part = []
    if part:
        yield part


def _cluster(address: str | None, model: str | Path | None) -> AbstractContextManager[Any]:
    """The dask cluster to extract on, or None without an address."""
    if address is None:
        return nullcontext(None)
    from .cluster import connect

    return connect(address, model)


def _quiet(total: int) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda n: None)


def _write_page(graph: Any, path: Path) -> None:
    from paperkg.viz.html import write_html

    write_html(graph, path)
