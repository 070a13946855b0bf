"""Records on disk as numbered JSONL shards: written as they come, read as a stream.

A generation keeps every paper with its extracted entities in ``records/00000.jsonl``,
``records/00001.jsonl``, … (one JSON object per line, :func:`store.record_to_json`'s
shape), at most :data:`SHARD_SIZE` records each, so neither writing nor reading them
ever needs the whole list in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from paperkg.extract.errors import StoreError
from paperkg.extract.records import PaperEntities

RECORDS_DIR = "records"
SHARD_SIZE = 50_000


def shard_name(number: int) -> str:
    """The file name of shard ``number``.

    >>> shard_name(3)
    '00003.jsonl'
    """
    return f"{number:05d}.jsonl"


def write_shards(
    records: Iterable[PaperEntities],
    directory: Path,
    *,
    size: int = SHARD_SIZE,
    after_each: Callable[[str], None] | None = None,
    first: int = 0,
) -> int:
    """Write ``records`` into ``directory/records/``, numbering shards from ``first``;
    return how many were written.

    ``after_each(name)`` is called once each shard is complete.
    """
    from .store import record_to_json

    out_dir = directory / RECORDS_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    count, number, handle = 0, first, None
    try:
        for rec in records:
            if handle is None:
                handle = (out_dir / shard_name(number)).open("w", encoding="utf-8")
            handle.write(json.dumps(record_to_json(rec), ensure_ascii=False) + "\n")
            count += 1
            if count % size == 0:
                handle.close()
                handle = None
                if after_each:
                    after_each(f"{RECORDS_DIR}/{shard_name(number)}")
                number += 1
    finally:
        if handle is not None:
            handle.close()
    if handle is not None and after_each:
        after_each(f"{RECORDS_DIR}/{shard_name(number)}")
    return count


def shard_paths(directory: Path) -> list[Path]:
    """The shards of a generation, in order."""
    folder = directory / RECORDS_DIR
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def read_shards(directory: Path) -> Iterator[PaperEntities]:
    """Every record of a generation, in the order written, one shard at a time."""
    for path in shard_paths(directory):
        yield from read_jsonl(path)


def read_jsonl(path: Path) -> Iterator[PaperEntities]:
    """The records of one JSONL file; a bad line is a StoreError naming the file and line."""
    from .store import record_from_json

    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield record_from_json(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise StoreError(f"{path}, line {n}: not a paperkg record ({exc})") from exc
