"""Web of Science exports: tagged text ("savedrecs.txt") and tab-delimited.

Tagged text (``FN``/``VR`` header, ``PT`` … ``ER`` records, continuation lines
indented by three spaces) is cut into records by :func:`ris.records` and each one
is parsed with rispy's ``WokParser``. Tab-delimited files have a header of the same
two-letter tags and may be UTF-16 ("Win" exports): they are read with the csv
module, tab-separated and unquoted. Both map ``TI``, ``AB``, ``DI`` (DOI), ``PY``,
``AF``/``AU``; DOIs found in cited references (``CR``: "…, DOI 10.…") become
references ``"doi:…"``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from rispy.parser import WokParser

from ..errors import InputError
from ..normalise import clean_doi
from ..records import Paper
from . import Format, read_text, register
from .common import clean, fields, first_line, head_text, make_paper, stop
from .ris import read_records

TAGGED, TABBED = "wos", "wos-tab"
_START = re.compile(r"^PT ")
_END = re.compile(r"^ER\s*$")
_CR_DOI = re.compile(r"\bDOI\s+(?:\[)?(10\.\d{4,9}/[^\s,;\]]+)", re.IGNORECASE)


def sniff_tagged(head: bytes, path: Path) -> bool:
    lines = [ln for ln in head_text(head, 4096).splitlines() if ln.strip()]
    return bool(lines) and (lines[0].startswith("FN ") or bool(_START.match(lines[0])))


def read_tagged(path: Path) -> Iterator[Paper | InputError]:
    return read_records(
        path,
        _START,
        _END,
        _tagged_paper,
        "has no Web of Science records; expected records from 'PT ' to 'ER'",
    )


def _tagged_paper(chunk: str, path: Path, line: int) -> Paper | InputError:
    try:
        entries = WokParser(skip_unknown_tags=True).parse(chunk)
    except (Exception, RecursionError) as exc:
        return InputError(
            f"cannot be parsed as a Web of Science record ({type(exc).__name__});"
            " expected 'XX value' lines",
            path=path,
            line=line,
        )
    entry = entries[0] if entries else {}
    fields = {
        "TI": entry.get("document_title"),
        "AB": entry.get("abstract"),
        "DI": entry.get("doi"),
        "PY": entry.get("publication_year"),
        "AF": entry.get("author_full_name"),
        "AU": entry.get("authors"),
        "CR": entry.get("cited_references"),
    }
    return _paper(fields, path, line=line, record=None)


def sniff_tabbed(head: bytes, path: Path) -> bool:
    cells = set(first_line(head).strip().split("\t"))
    return "TI" in cells and ("PT" in cells or "UT" in cells)


def read_tabbed(path: Path) -> Iterator[Paper | InputError]:
    rows = csv.reader(
        io.StringIO(read_text(path), newline=""), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(rows, [])]
        if "TI" not in header:
            raise InputError(
                "has no 'TI' column; expected a Web of Science tab-delimited "
                "header (PT, AU, TI, AB, …)",
                path=path,
                line=1,
            )
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            n = rows.line_num
            if len(row) < len(header):
                yield InputError(
                    f"row has {fields(len(row))} for {len(header)} columns; is it cut short? "
                    "expected a field for every column of the header",
                    path=path,
                    line=n,
                    record=n - 1,
                )
            else:
                yield _paper(dict(zip(header, row, strict=False)), path, line=n, record=n - 1)
    except csv.Error as exc:
        error = InputError(
            f"broken tab-delimited text ({exc}); expected one record per line",
            path=path,
            line=rows.line_num,
        )
        yield from stop(error, after_records=rows.line_num > 2)


def _paper(
    fields: dict[str, object], path: Path, *, line: int, record: int | None
) -> Paper | InputError:
    title = clean(fields.get("TI"))
    if not title:
        return InputError(
            "record has no title (TI); expected a title", path=path, line=line, record=record
        )
    return make_paper(
        (path),
        TAGGED if record is None else TABBED,
        title=title,
        abstract=clean(fields.get("AB")),
        year=clean(fields.get("PY")),
        authors=[_first_last(a) for a in _names(fields.get("AF") or fields.get("AU"))],
        doi=clean(fields.get("DI")) or None,
        references=_references(fields.get("CR")),
    )


def _names(value: object) -> list[str]:
    if isinstance(value, list):
        return [clean(v) for v in value if clean(v)]
    return [n.strip() for n in clean(value).split(";") if n.strip()]


def _first_last(name: str) -> str:
    """ "Loach, Paul A." → "Paul A. Loach" (WoS writes family name first)."""
    last, _, first = name.partition(", ")
    return f"{first} {last}".strip() if first else name


def _references(value: object) -> list[str]:
    items = value if isinstance(value, list) else clean(value).split(";")
    dois = (clean_doi(m.group(1)) for item in items for m in _CR_DOI.finditer(str(item)))
    return [f"doi:{d}" for d in dict.fromkeys(dois) if d]


WOS = register(
    Format(TAGGED, "Web of Science tagged text (savedrecs.txt)", sniff_tagged, read_tagged)
)
WOS_TAB = register(Format(TABBED, "Web of Science tab-delimited export", sniff_tabbed, read_tabbed))
