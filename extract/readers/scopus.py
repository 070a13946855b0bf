"""Scopus "CSV export" (full column set: Authors, Title, Year, …, Abstract, …, EID).

Real exports are ragged: a second, unnamed funding-text column appears after
"Funding Text 1" in some rows, so those rows have one field more than the header
and a header-keyed reader shifts every later column. Columns up to "Funding Text
1" are read by position from the start; later ones are read by position from the
end of the row, which is right both for rows with and without the extra field.
"[No abstract available]" becomes an empty abstract, and the trailing copyright
line Scopus appends ("© 2005 Wiley Periodicals, Inc.") is cut off.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Paper
from . import Format, read_text, register
from .common import CsvLines, clean, cut_short, fields, first_line, make_paper, stop

NAME = "scopus"
_NO_ABSTRACT = "[no abstract available]"
_COPYRIGHT = re.compile(
    r"\s*(?:Copyright\s*)?(?:©|\(c\))\s*(?:Copyright\s*)?(?:\d{4}\b|The\s"
    r"Author).*$",
    re.IGNORECASE | re.DOTALL,
)


def sniff(head: bytes, path: Path) -> bool:
    cells = {c.strip().strip('"').lower() for c in next(csv.reader([first_line(head)]), [])}
    return "title" in cells and ("eid" in cells or "source title" in cells)


def read(path: Path) -> Iterator[Paper | InputError]:
    lines = CsvLines(read_text(path))
    rows = csv.reader(lines)
    n = 0
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(rows, [])]
        if "Title" not in header:
            raise InputError(
                "has no 'Title' column; expected a Scopus CSV export header", path=path, line=1
            )
        column = _columns(header)
        while (start := rows.line_num + 1) and (row := next(rows, None)) is not None:
            n += 1
            if lines.ended:
                yield cut_short(path, start, n)
            elif any(cell.strip() for cell in row):
                yield _paper(row, column, path, start, n)
    except csv.Error as exc:
        error = InputError(
            f"broken CSV ({exc}); expected comma-separated values with quotes "
            "around fields that contain commas",
            path=path,
            line=rows.line_num,
        )
        yield from stop(error, after_records=n > 0)


def _columns(header: list[str]) -> dict[str, int]:
    """Column name → position; negative (from the end) after the ragged funding column."""
    split = next((i for i, h in enumerate(header) if h.startswith("Funding Text")), len(header))
    return {h: (i if i <= split else i - len(header)) for i, h in enumerate(header)}


def _cell(row: list[str], column: dict[str, int], name: str) -> str:
    i = column.get(name)
    if i is None or not -len(row) <= i < len(row):
        return ""
    return clean(row[i])


def _paper(
    row: list[str], column: dict[str, int], path: Path, line: int, n: int
) -> Paper | InputError:
    def cell(name: str) -> str:
        return _cell(row, column, name)

    if len(row) < len(column):
        return InputError(
            f"row has {fields(len(row))} for {len(column)} columns; is it cut short? "
            "expected a field for every column of the header",
            path=path,
            line=line,
            record=n,
        )
    if not cell("Title"):
        return InputError(
            f"row has no Title ({len(row)} fields for {len(column)} columns); expected a title",
            path=path,
            line=line,
            record=n,
        )
    return make_paper(
        path,
        NAME,
        title=cell("Title"),
        abstract=strip_copyright(cell("Abstract")),
        year=cell("Year"),
        url=cell("Link") or None,
        authors=cell("Authors"),
        doi=cell("DOI") or None,
    )


def strip_copyright(abstract: str) -> str:
    """The abstract without Scopus's placeholder or trailing copyright notice.

    >>> strip_copyright("We study X. © 2005 Wiley Periodicals, Inc.")
    'We study X.'
    >>> strip_copyright("[No abstract available]")
    ''
    """
    if abstract.strip().lower() == _NO_ABSTRACT:
        return ""
    return _COPYRIGHT.sub("", abstract).strip()


FORMAT = register(Format(NAME, "Scopus CSV export", sniff, read))
