"""JSON Lines and CSV files with ``title`` and ``abstract`` columns.

Optional columns: ``id``, ``year``, ``authors``, ``url``, ``doi``, ``arxiv_id``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Paper
from . import Format, read_text, register
from .common import (
    CsvLines,
    cut_short,
    fields,
    has_text,
    head_text,
    make_paper,
    parse_json_line,
    stop,
)

REQUIRED = ("title", "abstract")
OPTIONAL = ("id", "year", "authors", "url", "doi", "arxiv_id")


def sniff_jsonl(head: bytes, path: Path) -> bool:
    first = head_text(head).lstrip().split("\n", 1)[0]
    return first.startswith("{") and '"title"' in first and '"abstract"' in first


def read_jsonl(path: Path) -> Iterator[Paper | InputError]:
    for n, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        parsed = parse_json_line(line, path, n)
        if isinstance(parsed, InputError):
            yield parsed
            continue
        row = parsed[1]
        if not isinstance(row, dict):
            yield InputError(
                f"expected a JSON object, found {type(row).__name__}", path=path, line=n
            )
            continue
        yield _row_to_paper(row, path, "jsonl", line=n)


def sniff_csv(head: bytes, path: Path) -> bool:
    """A header row naming title or abstract; or a .csv/.tsv file whose first line has
    separators (so a CSV missing its abstract column gets the CSV reader's error)."""
    first = head_text(head).split("\n", 1)[0].lower()
    cells = {c.strip().strip('"') for c in first.replace("\t", ",").split(",")}
    if "title" in cells or "abstract" in cells:
        return True
    return path.suffix.lower() in (".csv", ".tsv") and ("," in first or "\t" in first)


def read_csv(path: Path) -> Iterator[Paper | InputError]:
    text = read_text(path)
    dialect = csv.excel_tab if "\t" in text.split("\n", 1)[0] else csv.excel
    lines = CsvLines(text)
    reader = csv.DictReader(lines, dialect=dialect)
    record = 0
    try:
        header = _csv_header(reader, path)
        while (start := reader.reader.line_num + 1) and (row := next(reader, None)) is not None:
            record += 1
            if lines.ended:
                yield cut_short(path, start, record)
            else:
                yield _csv_row(row, header, path, line=start, record=record)
    except csv.Error as exc:
        error = InputError(
            f"broken CSV ({exc}); expected comma- or tab-separated values",
            path=path,
            line=reader.reader.line_num or None,
        )
        yield from stop(error, after_records=record > 0)


def _csv_header(reader: csv.DictReader, path: Path) -> list[str]:
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        found = ", ".join(reader.fieldnames or []) or "nothing"
        raise InputError(
            f"missing column(s) {', '.join(missing)}; expected a header with "
            f"title and abstract, found: {found}",
            path=path,
            line=1,
        )
    reader.fieldnames = header
    return header


def _csv_row(
    row: dict, header: list[str], path: Path, *, line: int, record: int
) -> Paper | InputError:
    # DictReader puts extra fields under None and fills missing ones with None
    extra = len(row[None]) if None in row else -sum(v is None for v in row.values())
    if extra:
        return InputError(
            f"row has {fields(len(header) + extra)} but the header has {len(header)}; "
            "expected one field per column",
            path=path,
            record=record,
            line=line,
        )
    return _row_to_paper(row, path, "csv", line=line)


def _row_to_paper(row: dict, path: Path, fmt: str, *, line: int) -> Paper | InputError:
    title = row.get("title")
    if not has_text(title):
        return InputError(
            "missing or empty 'title'; expected a non-empty string", path=path, line=line
        )
    if "abstract" not in row:
        return InputError(
            "missing 'abstract' key; expected a string (it may be empty)", path=path, line=line
        )
    abstract = row.get("abstract") or ""
    if not isinstance(abstract, str):
        return InputError(
            f"'abstract' is {type(abstract).__name__}; expected a string", path=path, line=line
        )
    extra: dict[str, Any] = {k: row.get(k) or None for k in OPTIONAL}
    return make_paper(path, fmt, title=title, abstract=abstract, **extra)


JSONL = register(Format("jsonl", "JSON Lines with title and abstract", sniff_jsonl, read_jsonl))
CSV = register(Format("csv", "CSV (or TSV) with title and abstract columns", sniff_csv, read_csv))
