"""The writer's lock on a graph directory: one ``build`` or ``add`` at a time.

An exclusive ``flock(2)`` on ``DIR/.lock``. The kernel drops it when the process dies,
so a killed writer never leaves the directory locked (no stale pid files to break).
While held, the file names the writer (pid, host, command, start time) for the
message another writer shows while it waits.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from paperkg.extract.errors import StoreError

LOCK = ".lock"


@contextlib.contextmanager
def locked(
    directory: str | Path,
    *,
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold ``directory``'s write lock; wait for another writer (at most ``timeout`` s).

    ``on_wait(holder)`` is called once when the lock is busy, with a description of the
    writer that holds it. ``timeout=0`` fails at once; ``None`` waits as long as it takes.
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    with (d / LOCK).open("a+", encoding="utf-8") as handle:
        _acquire(handle, d, timeout, on_wait)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(_holder())
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _acquire(
    handle: IO[str], d: Path, timeout: float | None, on_wait: Callable[[str], None] | None
) -> None:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    holder = _read_holder(d) or "another paperkg process"
    if timeout == 0:
        raise StoreError(f"{d}/ is being written by {holder}; try again when it has finished")
    if on_wait is not None:
        on_wait(holder)
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if deadline is not None and time.monotonic() > deadline:
                raise StoreError(
                    f"{d}/ is still being written by {holder} after {timeout:g} s; "
                    "try again when it has finished"
                ) from None
            time.sleep(0.05)


def _holder() -> str:
    command = " ".join(Path(a).name if i == 0 else a for i, a in enumerate(sys.argv))
    started = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return f"pid {os.getpid()} on {socket.gethostname()} (`{command[:120]}`, since {started})\n"


def _read_holder(d: Path) -> str:
    try:
        return (d / LOCK).read_text(encoding="utf-8").strip()
    except OSError:
        return ""
