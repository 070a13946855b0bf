"""Extraction on a dask.distributed cluster, for ``build``/``add --dask ADDRESS``.

The papers go to the workers in partitions of at most :data:`~.parallel.CHUNK`; each
worker process loads the pipeline once (:func:`_extract_on_worker` keeps it) and sends
back the entities found in each paper (not the papers: this process has them). The
records come out here in input order, exactly those one process writes. At most a few
partitions per worker thread are in flight at a time: the cluster never holds the
whole input. Every worker must run the same paperkg, spaCy and model as this machine
(:class:`Fingerprint`, checked when the cluster is joined and again by each task, for
workers that join later).

dask is an optional dependency (``pip install 'paperkg[dask]'``); it is imported only
here, and only when ``--dask`` is given.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from paperkg.extract.errors import ExtractionError, InputWarning
from paperkg.extract.records import Entity, Paper, PaperEntities

from .fingerprint import Fingerprint, fingerprint
from .parallel import CHUNK

INSTALL = "pip install 'paperkg[dask]'"
#: seconds to reach the scheduler, and to wait for a first worker (or any worker, mid-run)
CONNECT_TIMEOUT = 10.0
WORKER_TIMEOUT = 60.0
#: partitions in flight per worker thread: enough that no worker waits for the next one
WINDOW = 3

Entities = tuple[Entity, ...]


def connect(address: str, model: str | Path | None) -> contextlib.AbstractContextManager[Cluster]:
    """A :class:`Cluster` at ``address`` (``tcp://HOST:8786``), or on a new LocalCluster
    sized to this machine for ``"local"``; closed (and the LocalCluster stopped) on exit.

    Raises ExtractionError when dask is not installed, the scheduler cannot be reached,
    it has no workers, or a worker runs another paperkg, spaCy or model.
    """
    try:
        import distributed
    except ImportError as exc:
        raise ExtractionError(
            f"--dask needs dask.distributed, which is not installed: {INSTALL}"
        ) from exc
    return _connected(distributed, address, model)


@contextlib.contextmanager
def _connected(distributed: Any, address: str, model: str | Path | None) -> Iterator[Cluster]:
    model = str(Path(model).resolve()) if model is not None else None
    with contextlib.ExitStack() as stack:
        stack.enter_context(_quiet_logs())
        target = stack.enter_context(_local_cluster(distributed)) if address == "local" else address
        try:
            client = distributed.Client(target, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, ValueError) as exc:  # TimeoutError is an OSError
            raise ExtractionError(f"cannot reach the dask scheduler at {address}: {exc}") from exc
        stack.callback(client.close)
        cluster = Cluster(client, address, model)
        cluster.check_workers()
        yield cluster


@contextlib.contextmanager
def _local_cluster(distributed: Any) -> Iterator[Any]:
    """A LocalCluster of one single-threaded worker process per core of this machine
    (spaCy holds the GIL: threads would not run extraction side by side)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with distributed.LocalCluster(
        n_workers=cores or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,
    ) as local:
        yield local


@contextlib.contextmanager
def _quiet_logs() -> Iterator[None]:
    """distributed logs a worker's death, retries and lost connections on stderr, with
    tracebacks; the run reports what matters in one error, so its loggers (each has a
    level of its own) are silenced while the cluster is in use."""
    loggers = [logging.getLogger("distributed")] + [
        logging.getLogger(name)
        for name in list(logging.root.manager.loggerDict)
        if name.startswith("distributed.")
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Cluster:
    """A client of a dask cluster whose workers extract papers."""

    def __init__(self, client: Any, address: str, model: str | None) -> None:
        self.client, self.address, self.model = client, address, model
        self.expected = fingerprint(model)

    def check_workers(self) -> None:
        """Wait for a first worker, then check that every worker extracts as this machine."""
        with self._talking("waiting for workers"):
            try:
                self.client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except TimeoutError as exc:
                raise ExtractionError(
                    f"the dask scheduler at {self.address} has no workers (waited "
                    f"{WORKER_TIMEOUT:.0f} s); start them with `dask worker {self.address}`"
                ) from exc
            found = self.client.run(_worker_fingerprint, self.model)
        for worker, theirs in sorted(found.items()):
            if theirs != self.expected:
                raise ExtractionError(_mismatch(worker, theirs, self.expected))

    def threads(self) -> int:
        """Worker threads in the cluster now (0 when it has no workers)."""
        with self._talking("asking for its workers"):
            workers = self.client.scheduler_info(n_workers=-1)["workers"].values()
        return sum(w["nthreads"] for w in workers)

    def parts(
        self, papers: list[Paper], advance: Callable[[int], None], *, part: int
    ) -> Iterator[list[PaperEntities]]:
        """The records of ``papers``, in order, in parts of about ``part`` records as the
        workers finish them; ``advance(n)`` after each partition."""
        threads = max(1, self.threads())
        size = max(1, min(CHUNK, math.ceil(len(papers) / (4 * threads))))
        chunks = [papers[i : i + size] for i in range(0, len(papers), size)]
        pending: deque[tuple[int, Any]] = deque()
        run = f"paperkg-extract-{os.getpid()}-{time.monotonic_ns()}"

        def submit(i: int) -> None:
            future = self.client.submit(
                _extract_on_worker, chunks[i], self.model, self.expected, key=f"{run}-{i}"
            )
            pending.append((i, future))

        out: list[PaperEntities] = []
        try:
            for i in range(min(len(chunks), WINDOW * threads)):
                submit(i)
            while pending:
                i, future = pending.popleft()
                found, warned = self._result(future, chunks[i])
                records = [PaperEntities(p, e) for p, e in zip(chunks[i], found, strict=True)]
                if i + len(pending) + 1 < len(chunks):
                    submit(i + len(pending) + 1)
                for message in warned:
                    warnings.warn(message, InputWarning, stacklevel=2)
                out += records
                advance(len(records))
                if len(out) >= part:
                    yield out
                    out = []
        finally:
            with contextlib.suppress(Exception):  # a lost scheduler has nothing to cancel
                self.client.cancel([f for _, f in pending])
        if out:
            yield out

    def _result(self, future: Any, chunk: list[Paper]) -> tuple[list[Entities], list[str]]:
        """The future's result; a dead worker, a lost scheduler or a cluster left without
        workers for :data:`WORKER_TIMEOUT` seconds is an ExtractionError."""
        from distributed import KilledWorker

        papers = f"papers {chunk[0].id} … {chunk[-1].id}"
        alone_since: float | None = None
        with self._talking(f"extracting {papers}"):
            while True:
                try:
                    result: tuple[list[Entities], list[str]] = future.result(timeout=5)
                    return result
                except KilledWorker as exc:
                    raise ExtractionError(
                        f"a dask worker died while extracting {papers} (killed, or out of "
                        "memory: docs/scale.md); the graph was not changed"
                    ) from exc
                except TimeoutError:
                    if self.threads():
                        alone_since = None
                        continue
                    alone_since = alone_since or time.monotonic()
                    if time.monotonic() - alone_since > WORKER_TIMEOUT:
                        raise ExtractionError(
                            f"the dask cluster at {self.address} has had no workers for "
                            f"{WORKER_TIMEOUT:.0f} s while extracting {papers}; the graph was "
                            "not changed"
                        ) from None

    @contextlib.contextmanager
    def _talking(self, doing: str) -> Iterator[None]:
        """Losing the scheduler while ``doing`` is an ExtractionError: a closed connection
        is an OSError, and the futures of a client that gave up on it are cancelled."""
        from distributed.client import FutureCancelledError

        try:
            yield
        except (OSError, FutureCancelledError) as exc:
            if isinstance(exc, FutureCancelledError) and self.client.status == "running":
                raise  # cancelled by someone else, not by a lost scheduler
            raise ExtractionError(
                f"lost the connection to the dask scheduler at {self.address} while {doing}; "
                "the graph was not changed"
            ) from exc


def _mismatch(worker: str, theirs: Fingerprint, ours: Fingerprint) -> str:
    """The message for a worker that would extract differently from this machine."""
    if theirs.model != ours.model and theirs.model.startswith("missing"):
        return (
            f"dask worker {worker}: {theirs.model}; every worker needs the model at the "
            "same path as this machine (docs/scale.md)"
        )
    diffs = ", ".join(
        f"{name} {getattr(theirs, name)} here {getattr(ours, name)}"
        for name in Fingerprint.__slots__
        if getattr(theirs, name) != getattr(ours, name)
    )
    return (
        f"dask worker {worker} would extract differently from this machine ({diffs}); "
        "install the same paperkg, spaCy and model on every worker (docs/scale.md)"
    )


# --- on the workers -------------------------------------------------------------------

_extractors: dict[str | None, Any] = {}  # this worker process's pipelines, by model
_lock = threading.Lock()  # one extraction at a time per process: spaCy is not thread-safe


def _worker_fingerprint(model: str | None) -> Fingerprint:
    return fingerprint(model)


def _extract_on_worker(
    papers: list[Paper], model: str | None, expected: Fingerprint
) -> tuple[list[Entities], list[str]]:
    """Runs on a worker: the entities of each of ``papers`` (the client has the papers:
    they do not travel back) and the InputWarnings raised on the way (raised again by
    the client, where the user sees them)."""
    with _lock:
        here = fingerprint(model)
        if here != expected:
            raise ExtractionError(_mismatch(_worker_name(), here, expected))
        if model not in _extractors:
            from paperkg.extract.pipeline import load_extractor

            _extractors[model] = load_extractor(model)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputWarning)
            records = list(_extractors[model].extract(papers))
    warned = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    return [rec.entities for rec in records], warned


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except ValueError:
        return f"process {os.getpid()}"
