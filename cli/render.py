"""Rows as a text table or CSV, with the standard library only.

pandas rendered these before, but importing it costs about 0.6 s, more than the
whole answer of a query command; a table of a few hundred rows needs none of it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

#: longest cell shown in a table; longer text ends in "..."
MAX_WIDTH = 70


def cell(value: object) -> str:
    """One value as text: lists joined by "; ", nothing for None, one line always.

    >>> cell(["a", "b"]), cell(None), cell(2024), cell(True), cell("two\\nlines")
    ('a; b', '', '2024', 'True', 'two lines')
    """
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return ""
    return " ".join(str(value).splitlines()) if isinstance(value, str) else str(value)


def columns_of(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    """The given columns, or every key of the rows in first-seen order."""
    if columns is not None:
        return list(columns)
    return list(dict.fromkeys(k for row in rows for k in row))


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """A plain-text table: a header, then one line per row, right-aligned as pandas did.

    >>> print(table([{"name": "WebArena", "papers": 12}, {"name": "GAIA", "papers": 3}]))
        name papers
    WebArena     12
        GAIA      3
    """
    names = columns_of(rows, columns)
    if not rows:
        return "(no rows)"
    body = [[_clip(cell(row.get(c))) for c in names] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in body)) for i, c in enumerate(names)]
    lines = [" ".join(c.rjust(w) for c, w in zip(names, widths, strict=True))]
    lines += [" ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(line.rstrip() for line in lines)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 3] + "..."


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """RFC 4180 CSV with a header line; lists joined by "; ", None left empty; text a
    spreadsheet would run as a formula starts with a quote (see :func:`spreadsheet_safe`).

    >>> csv_text([{"id": "p1", "via": ["A", "B"], "year": None}])
    'id,via,year\\np1,A; B,\\n'
    >>> csv_text([{"title": "=HYPERLINK(1)", "n": -1}])
    "title,n\\n'=HYPERLINK(1),-1\\n"
    """
    names = columns_of(rows, columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in names])
    return out.getvalue()


def _csv_cell(value: object) -> str:
    if isinstance(value, bool | int | float):
        return cell(value)  # a number (-1) is no formula
    text = value if isinstance(value, str) else cell(value)
    # the csv module quotes a field with a newline but not one with a lone CR (our line
    # ending is LF), and a reader would end the row there: a CR becomes a newline
    return spreadsheet_safe(text).replace("\r\n", "\n").replace("\r", "\n")


#: first characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a
#: cell as a formula (OWASP, "CSV injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` with a single quote in front when it starts like a formula, so that a
    spreadsheet shows it as text and never runs it; the way spreadsheet-safe CSV writers
    do it.

    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("-based"), spreadsheet_safe("GPT-4")
    ("'=1+1", "'-based", 'GPT-4')
    """
    return "'" + text if text.startswith(FORMULA_START) else text
