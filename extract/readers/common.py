"""Helpers every reader shares: building a Paper from loose fields."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeGuard

from ..errors import InputError
from ..identity import arxiv_from_doi, stable_id
from ..normalise import clean_arxiv_id, clean_doi
from ..records import Paper
from . import read_text

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_SPACE = re.compile(r"\s+")
# Controls that are not white space (NUL, ESC, DEL, C1) and the non-characters U+FFFE/FFFF:
# XML 1.0 (GraphML, GEXF) cannot hold most of them and no text means them. A lone
# surrogate (JSON's "\\ud800") cannot be written as UTF-8 at all.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAN = frozenset({"", "nan", "none", "null"})

# Exports put whole reference lists in one cell; the csv module's 128 KB default
# would reject a long review paper's references as a broken file.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 24))


def squash(text: object) -> str:
    """Collapse runs of whitespace (hard wraps, tabs, NBSP) to one space; drop control
    characters and make lone surrogates U+FFFD, so every later stage can write the text.

    >>> squash("  a\\n  b\\t c ")
    'a b c'
    >>> squash("GPT-4\\x00 on\\x0bMMLU \\x1b[1m\\ud800") == "GPT-4 on MMLU [1m\\ufffd"
    True
    """
    if text is None:
        return ""
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", str(text)))
    return _SPACE.sub(" ", text).strip()


def has_text(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a string with something left once :func:`squash` has cleaned it.

    >>> has_text(" A "), has_text("\\x01\\x00 "), has_text(None)
    (True, False, False)
    """
    return isinstance(value, str) and bool(squash(value))


def fields(n: int) -> str:
    """``n`` fields, in words.

    >>> fields(1), fields(3)
    ('1 field', '3 fields')
    """
    return f"{n} field" if n == 1 else f"{n} fields"


def parse_year(value: object) -> int | None:
    """The first plausible year in a value ("2021/02/01/", 2019, "May 2020").

    >>> parse_year("2021/02/01/"), parse_year(None), parse_year("n.d.")
    (2021, None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    match = _YEAR.search(str(value))
    return int(match.group(1)) if match else None


def split_authors(value: object) -> tuple[str, ...]:
    """Authors from a list or a string separated by ';', ' and ' or ','.

    >>> split_authors("Ada Lovelace and Alan Turing")
    ('Ada Lovelace', 'Alan Turing')
    >>> split_authors(["A. B", " "])
    ('A. B',)
    """
    if value is None:
        return ()
    if isinstance(value, str):
        sep = ";" if ";" in value else ","
        parts: Iterable[object] = re.split(rf"\s+and\s+|{sep}", value)
    elif isinstance(value, list | tuple):
        parts = value
    else:
        parts = [value]
    return tuple(s for s in (squash(p) for p in parts) if s)


def make_paper(
    path: Path,
    fmt: str,
    *,
    title: str,
    abstract: str = "",
    year: object = None,
    url: str | None = None,
    authors: object = None,
    doi: str | None = None,
    arxiv_id: str | None = None,
    openalex_id: str | None = None,
    s2_id: str | None = None,
    references: Iterable[str] = (),
    id: str | None = None,
) -> Paper:
    """A Paper with a stable id and cleaned fields; ids that are not text are ignored."""
    title = squash(title)
    doi = clean_doi(_text(doi))
    arxiv = clean_arxiv_id(_text(arxiv_id)) or clean_arxiv_id(arxiv_from_doi(doi))
    pid = squash(id) if isinstance(id, str | int) and squash(id) else stable_id(title, doi, arxiv)
    return Paper(
        id=pid,
        title=title,
        abstract=squash(abstract),
        year=parse_year(year),
        url=_text(url),
        authors=split_authors(authors),
        source=(f"{fmt}:{squash(path.name)}",),
        doi=doi,
        arxiv_id=arxiv,
        openalex_id=_text(openalex_id),
        s2_id=_text(s2_id),
        references=tuple(s for s in (squash(r) for r in references if isinstance(r, str)) if s),
    )


def _text(value: object) -> str | None:
    """A squashed string for an id-like field; numbers become text, anything else None."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return squash(value) or None


def head_text(head: bytes, limit: int = 65536) -> str:
    """The first bytes of a file as text for sniffing, honouring UTF-8/UTF-16 BOMs.

    >>> head_text("TI\\tAB".encode("utf-16"))
    'TI\\tAB'
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head[: limit - limit % 2].decode("utf-16", "replace").lstrip("\ufeff")
    return head[:limit].decode("utf-8", "replace").lstrip("\ufeff")


def first_line(head: bytes) -> str:
    """The first non-blank line of a file's head, for header sniffing."""
    for line in head_text(head).splitlines():
        if line.strip():
            return line
    return ""


def is_nan(value: object) -> bool:
    """True for the empty values that exports leak: None, "", "nan", "NaN", "None".

    >>> is_nan("nan"), is_nan(" "), is_nan("Nano")
    (True, True, False)
    """
    return value is None or (isinstance(value, str) and value.strip().lower() in _NAN)


def clean(value: object) -> str:
    """A field as a squashed string, with leaked "nan"/"None" made empty."""
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value if not is_nan(v))
    return "" if is_nan(value) else squash(value)


def json_lines(path: Path) -> Iterator[tuple[int, object] | InputError]:
    """Stream a JSON Lines file: ``(line, value)`` per line, an InputError per bad line.

    Reads one line at a time, so a 4 GB snapshot never sits in memory.
    """
    with path.open("rb") as handle:
        for n, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            yield _json_line(raw, path, n)


def _json_line(raw: bytes, path: Path, n: int) -> tuple[int, object] | InputError:
    try:
        text = raw.decode("utf-8-sig" if n == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return InputError(
            f"is not valid UTF-8 (byte {exc.start} of the line); expected UTF-8 JSON",
            path=path,
            line=n,
        )
    return parse_json_line(text, path, n)


def parse_json_line(text: str, path: Path, n: int) -> tuple[int, object] | InputError:
    """``(n, value)`` for line ``n`` of a JSON Lines file, or the InputError naming it."""
    try:
        return n, json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError(
            f"broken JSON ({exc.msg}, column {exc.colno}); expected one JSON value per line",
            path=path,
            line=n,
        )
    except RecursionError:
        return InputError(
            "JSON nested too deeply to read; expected one record per line",
            path=path,
            line=n,
        )
    except ValueError as exc:
        return InputError(
            f"unreadable JSON ({type(exc).__name__}: {str(exc)[:80]}); expected "
            "one JSON value per line",
            path=path,
            line=n,
        )


def json_values(path: Path) -> Iterator[tuple[int, object] | InputError]:
    """JSON values from a file that is either one JSON document or JSON Lines.

    A file whose first non-blank line is a complete JSON value is read as JSON Lines
    (streamed); otherwise the whole file is parsed as one document. A document that
    cannot be parsed is a bad *file* and is raised.
    """
    if _first_line_parses(path):
        yield from json_lines(path)
        return
    text = read_text(path)
    try:
        yield 1, json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"broken JSON ({exc.msg}, column {exc.colno}); expected a JSON "
            "document or one JSON value per line",
            path=path,
            line=exc.lineno,
        ) from None
    except RecursionError:
        raise InputError(
            "JSON nested too deeply to read; expected a JSON document of records", path=path
        ) from None
    except ValueError as exc:
        raise InputError(
            f"unreadable JSON ({type(exc).__name__}); expected a JSON document", path=path
        ) from None


def _first_line_parses(path: Path) -> bool:
    with path.open("rb") as handle:
        for n, raw in enumerate(handle, start=1):
            if raw.strip():
                return not isinstance(_json_line(raw, path, n), InputError)
    return False


class CsvLines:
    """The lines of a CSV text for ``csv.reader``, noticing a record cut short by the end.

    ``csv.reader`` asks for a line past the last one only while a quoted field is still
    open, so a row it returns after that was closed by the end of the file, not by a
    quote: the file was cut inside it (the csv module would hand it over silently).

    >>> lines = CsvLines('a,b\\n1,"cut')
    >>> [(row, lines.ended) for row in csv.reader(lines)]
    [(['a', 'b'], False), (['1', 'cut'], True)]
    """

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.ended = False

    def __iter__(self) -> CsvLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines, None)
        if line is None:
            self.ended = True
            raise StopIteration
        return line


def cut_short(path: Path, line: int, record: int) -> InputError:
    """The error for a record that :class:`CsvLines` saw the end of the file cut short."""
    return InputError(
        "the file ends inside a quoted field, so this record is cut short (is the file "
        'truncated?); expected a closing quote (") and the rest of the record',
        path=path,
        line=line,
        record=record,
    )


def stop(error: InputError, *, after_records: bool) -> Iterator[InputError]:
    """End a stream at a broken spot: raise if nothing was read yet (a bad file), else
    yield the error as a bad record, so ``--skip-bad`` keeps the records before it."""
    if not after_records:
        raise error
    yield error
