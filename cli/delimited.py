"""Rows as CSV or TSV: a header line, then one line per row, for spreadsheets and tools.

Lists are joined by "; ", None is an empty cell, a node or map that is still a value
(inside a list) is its JSON text; text a spreadsheet would run as a formula starts with
a quote (:func:`spreadsheet_safe`) in both.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from .render import columns_of


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """RFC 4180 CSV with a header line.

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
        # the csv module quotes a field with a newline but not one with a lone CR (our line
        # ending is LF), and a reader would end the row there: a CR becomes a newline
        writer.writerow(
            [_cell(row.get(c)).replace("\r\n", "\n").replace("\r", "\n") for c in names]
        )
    return out.getvalue()


def tsv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    r"""Tab-separated values with a header line; a tab, newline, CR or backslash in a
    cell is written ``\t``, ``\n``, ``\r``, ``\\`` (as PostgreSQL's and MySQL's text
    formats do), so every row is one line and ``cut -f`` works.

    >>> tsv_text([{"title": "a\tb\nc", "path": "C:\\x", "n": 2}]).splitlines()
    ['title\tpath\tn', 'a\\tb\\nc\tC:\\\\x\t2']
    """
    names = columns_of(rows, columns)
    lines = ["\t".join(_escaped(n) for n in names)]
    lines += ["\t".join(_escaped(_cell(row.get(c))) for c in names) for row in rows]
    return "".join(f"{line}\n" for line in lines)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _escaped(text: str) -> str:
    return text.translate(_TSV_ESCAPES)


def _cell(value: object) -> str:
    if isinstance(value, bool | int | float):
        return _number(value)  # a number (-1) is no formula
    return spreadsheet_safe(_text(value))


def _number(value: bool | float) -> str:
    return "" if isinstance(value, float) and value != value else str(value)  # NaN: empty


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


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
