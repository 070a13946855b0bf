"""A graph directory as a sequence of immutable generations, swapped atomically.

::

    DIR/
      current -> generations/000007     the one generation readers see (a symlink)
      graph.html -> current/graph.html  the page of the current generation
      generations/000007/               records, store and page of one build or add
      .lock                             held (flock) by the one writer

A writer takes the lock, writes a whole new generation into a private temporary
directory beside the others, renames it to its number, and then swaps ``current`` to
it with one ``rename(2)`` of a symlink: the only step that changes what readers see,
and it is atomic. A crash at any point before the swap leaves the previous
generation current and a temporary directory the next writer removes; after it, the
new generation is whole. Records, store and page therefore land together or not at
all (docs/store.md argues this against a write-ahead manifest).

A reader resolves ``current`` once and holds a shared lock on that generation while it
reads, so a writer's clean-up never deletes a generation in use. The locks are
``flock(2)`` locks: the kernel releases them when a process dies, so a killed writer
never leaves the directory locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paperkg.extract.errors import StoreError

from .locking import LOCK, locked

CURRENT = "current"
GENERATIONS = "generations"
PAGE = "graph.html"
MANIFEST = "manifest.json"
READ_LOCK = ".read-lock"
FORMAT = "paperkg-store"
VERSION = 2
#: files of the layout before generations (paperkg < 0.2); read as a base, then removed
LEGACY = ("graph.json", "records.jsonl", ".cypher-cache")
#: what a build or add interrupted before its first generation leaves (api/resume.py)
PARTIAL = ".partial"
#: the directory's hand corrections (graph/curation.py), applied by every build and add
CURATION = "curation.jsonl"
_PAPERKG_ENTRIES = {CURRENT, GENERATIONS, LOCK, PAGE, PARTIAL, CURATION, *LEGACY}

#: called with the name of each step of a write (tests crash a writer there)
checkpoint_hook: Callable[[str], None] | None = None


def checkpoint(step: str) -> None:
    """Mark the end of one step of a write (a file written, a rename done)."""
    if checkpoint_hook is not None:
        checkpoint_hook(step)


@dataclass(frozen=True, slots=True)
class Generation:
    """One committed generation: its directory and its manifest."""

    path: Path
    manifest: dict[str, Any]

    def file(self, name: str) -> Path:
        return self.path / name


def current(directory: str | Path) -> Path | None:
    """The directory of the current generation, or None when there is none yet."""
    link = Path(directory) / CURRENT
    try:
        target = os.readlink(link)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise StoreError(f"{link} is not a paperkg generation link: {exc}") from exc
    return Path(directory) / target


def is_legacy(directory: str | Path) -> bool:
    """True when ``directory`` holds a graph in the layout before generations."""
    d = Path(directory)
    return current(d) is None and ((d / "graph.json").is_file() or (d / "records.jsonl").is_file())


def holds_graph(directory: str | Path) -> bool:
    """True when ``directory`` holds a graph, in either layout."""
    return current(directory) is not None or is_legacy(directory)


def missing_graph(directory: str | Path) -> StoreError:
    d = Path(directory)
    if is_legacy(d):
        return StoreError(
            f"{d}/ holds a graph written by an older paperkg (graph.json); convert it with "
            f"`paperkg add SOURCE --into {d}` (any source, even one already in it) or rebuild "
            f"it with `paperkg build SOURCE -o {d} --force`"
        )
    return StoreError(f"no graph in {d}/; run `paperkg build SOURCE -o {d}` first")


# --- readers ------------------------------------------------------------------------------


@contextlib.contextmanager
def reading(directory: str | Path) -> Iterator[Generation]:
    """The current generation, held with a shared lock so no writer removes it meanwhile."""
    for _ in range(20):  # a writer may retire the generation between readlink and lock
        path = current(directory)
        if path is None:
            raise missing_graph(directory)
        try:
            handle = (path / READ_LOCK).open("rb")
        except (FileNotFoundError, NotADirectoryError):
            continue
        with handle:
            fcntl.flock(handle, fcntl.LOCK_SH)
            manifest = _manifest(path)
            if manifest is None:
                continue  # retired while we waited for the lock
            yield Generation(path, manifest)
            return
    raise StoreError(f"{directory}/ keeps changing under this reader; try again")


def _manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path / MANIFEST} is not readable: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{path} is not a paperkg generation")
    if data.get("version") != VERSION:
        raise StoreError(
            f"{path} was written by a paperkg with store version {data.get('version')}; this "
            f"one reads version {VERSION}: rebuild it with `paperkg build ... --force`"
        )
    return data


def _check_ours(d: Path) -> None:
    """Refuse a directory that holds files and was not written by paperkg."""
    if d.exists() and not d.is_dir():
        raise StoreError(f"{d} exists and is not a directory")
    if not d.is_dir() or holds_graph(d):
        return
    foreign = sorted(p.name for p in d.iterdir() if p.name not in _PAPERKG_ENTRIES)
    if foreign:
        raise StoreError(
            f"{d}/ already holds files paperkg did not write ({', '.join(foreign[:3])}); "
            "give a new or empty directory so nothing in it is lost"
        )


# --- writing a generation -----------------------------------------------------------------


class Transaction:
    """A new generation being written. Files go into :attr:`path`; nothing is visible to
    readers until :meth:`commit`. Made by :func:`transaction`, under the write lock."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.base = current(directory)
        gens = directory / GENERATIONS
        gens.mkdir(exist_ok=True)
        _remove_debris(gens)
        self.number = _next_number(gens)
        self.path = Path(tempfile.mkdtemp(dir=gens, prefix=f".tmp-{self.number:06d}-"))
        self.path.chmod(0o777 & ~_umask())  # mkdtemp makes 0700; readers may be other users
        (self.path / READ_LOCK).touch()
        self.committed = False

    def commit(self, summary: dict[str, Any] | None = None) -> Path:
        """Write the manifest and make this generation the current one."""
        files = sorted(str(p.relative_to(self.path)) for p in self.path.rglob("*") if p.is_file())
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "generation": self.number,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": [f for f in files if f != READ_LOCK],
            **(summary or {}),
        }
        _write_json(self.path / MANIFEST, manifest)
        checkpoint(MANIFEST)
        _fsync_tree(self.path)
        final = self.path.parent / f"{self.number:06d}"
        os.rename(self.path, final)
        self.path = final
        checkpoint("rename")
        _swap_link(self.directory / CURRENT, Path(GENERATIONS) / final.name)
        self.committed = True
        checkpoint("swap")
        self._after_commit()
        return final

    def _after_commit(self) -> None:
        """Tidy up once the new generation is current; a crash here loses nothing."""
        _point_page(self.directory, (self.path / PAGE).is_file())
        checkpoint("page link")
        for name in LEGACY:
            target = self.directory / name
            if target.is_dir():
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
        retire_old(self.directory)
        checkpoint("retire")

    def abort(self) -> None:
        if not self.committed:
            shutil.rmtree(self.path, ignore_errors=True)


@contextlib.contextmanager
def transaction(
    directory: str | Path,
    *,
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[Transaction]:
    """Hold the write lock and yield a :class:`Transaction`; a transaction the block did
    not commit is removed when the block ends, by error or not."""
    d = Path(directory)
    _check_ours(d)
    with locked(d, timeout=timeout, on_wait=on_wait):
        tx = Transaction(d)
        try:
            yield tx
        finally:
            tx.abort()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _next_number(gens: Path) -> int:
    numbers = [int(p.name) for p in gens.iterdir() if p.name.isdigit()]
    return max(numbers, default=0) + 1


def _remove_debris(gens: Path) -> None:
    """Temporary and retired directories left by a writer that died (we hold the lock,
    so no live writer owns them)."""
    for p in gens.iterdir():
        if p.name.startswith((".tmp-", ".old-")):
            shutil.rmtree(p, ignore_errors=True)


def _swap_link(link: Path, target: Path) -> None:
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)
    _fsync_dir(link.parent)


def _point_page(directory: Path, has_page: bool) -> None:
    """``DIR/graph.html`` links to the current page (a page of the old layout is replaced)."""
    page = directory / PAGE
    if has_page:
        if not (page.is_symlink() and os.readlink(page) == f"{CURRENT}/{PAGE}"):
            _swap_link(page, Path(CURRENT) / PAGE)
    elif page.is_symlink() or page.is_file():
        page.unlink()


def retire_old(directory: Path) -> list[str]:
    """Remove every generation but the current one that no reader holds; return their names."""
    now = current(directory)
    gens = directory / GENERATIONS
    gone = []
    for p in sorted(gens.iterdir()) if gens.is_dir() else []:
        if not p.name.isdigit() or (now is not None and p.name == now.name):
            continue
        try:
            handle = (p / READ_LOCK).open("rb")
        except FileNotFoundError:
            handle = None
        with handle or contextlib.nullcontext():
            if handle is not None:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a reader is on it; a later writer retires it
            old = p.with_name(f".old-{p.name}")
            os.rename(p, old)
        shutil.rmtree(old, ignore_errors=True)
        gone.append(p.name)
    return gone


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _fsync_tree(root: Path) -> None:
    """Flush every file and directory of a new generation before it becomes current."""
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
