"""RIS (Zotero, EndNote, IEEE Xplore, Scopus …), parsed with rispy.

Line endings are normalised first: real exports mix ``\\r\\n``, lone ``\\r`` and
``\\n`` (IEEE separates records with ``\\r\\n\\n\\r``), which defeats line
splitting on one of them. The text is then cut into ``TY … ER`` records here and
each record is handed to rispy alone, so one broken record is one bad-record error
with its line number and the rest are kept; rispy itself would silently drop a
last record that lacks ``ER``. ``nan``/``None`` values leaked from pandas are
treated as empty; the abstract is ``AB`` or else ``N2``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import rispy

from ..errors import InputError
from ..records import Paper
from . import Format, read_text, register
from .common import clean, head_text, make_paper

NAME = "ris"
_START = re.compile(r"^TY  -")
_END = re.compile(r"^ER  -")


def sniff(head: bytes, path: Path) -> bool:
    lines = [ln for ln in head_text(head, 4096).splitlines() if ln.strip()]
    return bool(lines) and bool(_START.match(lines[0]))


def read(path: Path) -> Iterator[Paper | InputError]:
    return read_records(
        path, _START, _END, _paper, "has no RIS records; expected records from 'TY  - ' to 'ER  - '"
    )


def read_records(
    path: Path,
    start: re.Pattern[str],
    end: re.Pattern[str],
    to_paper: Callable[[str, Path, int], Paper | InputError],
    none_found: str,
) -> Iterator[Paper | InputError]:
    """Papers from a tagged-record file (RIS, Web of Science): one per record."""
    found = False
    for line, chunk in records(read_text(path), start, end):
        found = True
        if isinstance(chunk, InputError):
            yield InputError(chunk.reason, path=path, line=line)
        else:
            yield to_paper(chunk, path, line)
    if not found:
        raise InputError(none_found, path=path)


def records(
    text: str,
    start: re.Pattern[str],
    end: re.Pattern[str],
) -> Iterator[tuple[int, str | InputError]]:
    """``(first line, record text)`` for every tagged record, or an error for one
    that never ends. Shared by RIS and Web of Science tagged text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: list[str] | None = None
    first = 0
    for n, line in enumerate(lines, start=1):
        if start.match(line):
            if current is not None:
                yield (
                    first,
                    InputError(
                        "record has no end tag before the next record starts; expected an 'ER' line"
                    ),
                )
            current, first = [line], n
        elif current is not None:
            current.append(line)
            if end.match(line):
                yield first, "\n".join(current)
                current = None
    if current is not None:
        yield (
            first,
            InputError("last record has no end tag; is the file truncated? expected an 'ER' line"),
        )


def _paper(chunk: str, path: Path, line: int) -> Paper | InputError:
    try:
        entries = rispy.loads(chunk, skip_unknown_tags=True)
    except (Exception, RecursionError) as exc:
        return InputError(
            f"cannot be parsed as RIS ({type(exc).__name__}); expected 'XX  - value' lines",
            path=path,
            line=line,
        )
    entry = entries[0] if entries else {}
    title = clean(entry.get("title") or entry.get("primary_title") or entry.get("short_title"))
    if not title:
        return InputError("record has no title (TI or T1); expected a title", path=path, line=line)
    urls = entry.get("urls")
    return make_paper(
        path,
        NAME,
        title=title,
        abstract=clean(entry.get("abstract")) or clean(entry.get("notes_abstract")),
        year=clean(entry.get("year"))
        or clean(entry.get("publication_year"))
        or clean(entry.get("date")),
        url=next((clean(u) for u in urls if clean(u)), None) if isinstance(urls, list) else None,
        authors=list(
            dict.fromkeys(  # IEEE repeats an AU line now and then
                clean(a)
                for a in (entry.get("authors") or entry.get("first_authors") or [])
                if clean(a)
            )
        ),
        doi=clean(entry.get("doi")) or None,
    )


FORMAT = register(Format(NAME, "RIS (Zotero, EndNote, IEEE, Scopus)", sniff, read))
