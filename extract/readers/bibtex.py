"""BibTeX and BibLaTeX, as Zotero and Better BibTeX export them.

Parsed with bibtexparser 2 (its splitter survives a broken entry and reports it as a
failed block, which becomes a bad-record error naming the line). Field values are
decoded from LaTeX to Unicode (:func:`latex_to_text`: accents, ``{{Protected}}``
caps, ``\\%``). BibLaTeX ``date =`` and BibTeX ``year =`` both give the year;
``eprint`` with ``eprinttype``/``archiveprefix`` arXiv gives the arXiv id.
``@comment``, ``@string`` and ``@preamble`` blocks are not papers and are skipped.
An entry whose key repeats an earlier one is still read: the same paper entered
twice is collapsed by :func:`paperkg.extract.identity.merge_papers`, like the
preprint/proceedings pairs Zotero libraries are full of.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import names
from bibtexparser.model import Entry, ParsingFailedBlock

from ..errors import InputError
from ..latex import latex_to_text
from ..records import Paper
from . import Format, read_text, register
from .common import has_text, head_text, make_paper

NAME = "bibtex"
_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(\S+)", re.IGNORECASE)

# bibtexparser logs each broken block; we report those as InputErrors instead, and
# only the CLI may print, so keep the library's log records off stderr.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


def sniff(head: bytes, path: Path) -> bool:
    text = head_text(head)
    match = _ENTRY.search(text)
    if match is None:
        return False
    before = text[: match.start()]
    return all(not line.strip() or line.lstrip().startswith("%") for line in before.splitlines())


def read(path: Path) -> Iterator[Paper | InputError]:
    library = _parse(path)
    if not library.entries and not library.failed_blocks:
        raise InputError(
            "has no BibTeX entries; expected @article{…}, @inproceedings{…} …", path=path
        )
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock) and isinstance(block.ignore_error_block, Entry):
            # a repeated key or a repeated field: the entry itself is readable
            yield _paper(block.ignore_error_block, path)
        elif isinstance(block, ParsingFailedBlock):
            yield _failed(block, path)
        elif isinstance(block, Entry):
            yield _paper(block, path)


def _parse(path: Path) -> Library:
    text = read_text(path)
    try:
        return bibtexparser.parse_string(text)
    except (Exception, RecursionError) as exc:
        raise InputError(
            f"cannot be parsed as BibTeX ({type(exc).__name__}: "
            f"{str(exc)[:100]}); expected BibTeX or BibLaTeX entries",
            path=path,
        ) from exc


def _failed(block: ParsingFailedBlock, path: Path) -> InputError:
    err = block.error
    reason = getattr(err, "abort_reason", None) or getattr(err, "message", None) or str(err)
    first = (block.raw or "").strip().split("\n", 1)[0][:60]
    return InputError(
        f"broken BibTeX entry {first!r} ({' '.join(str(reason).split())[:160] or 'unparseable'}); "
        "expected @type{key, field = {value}, …} with balanced braces",
        path=path,
        line=_line(block),
    )


def _paper(entry: Entry, path: Path) -> Paper | InputError:
    fields = {k.lower(): _value(v) for k, v in _fields(entry).items()}
    title = fields.get("title", "")
    if not has_text(title):
        return InputError(
            f"entry {entry.key!r} has no title; expected a title field",
            path=path,
            line=_line(entry),
            record=entry.key,
        )
    return make_paper(
        path,
        NAME,
        title=title,
        abstract=fields.get("abstract", ""),
        year=fields.get("year") or fields.get("date"),
        url=fields.get("url") or None,
        authors=_authors(_raw(entry, "author")),
        doi=fields.get("doi") or None,
        arxiv_id=_arxiv(fields),
    )


def _fields(entry: Entry) -> dict[str, object]:
    return {f.key: f.value for f in entry.fields if isinstance(f.key, str)}


def _value(value: object) -> str:
    return latex_to_text(value) if isinstance(value, str) else ""


def _raw(entry: Entry, key: str) -> str:
    for field in entry.fields:
        if isinstance(field.key, str) and field.key.lower() == key:
            return field.value if isinstance(field.value, str) else ""
    return ""


def _authors(raw: str) -> list[str]:
    """ "Last, First and …" as "First Last" names, LaTeX decoded."""
    try:
        people = names.split_multiple_persons_names(raw)
    except (Exception, RecursionError):
        people = raw.split(" and ")
    out = []
    for person in people:
        try:
            name = names.parse_single_name_into_parts(person, strict=False).merge_first_name_first
        except (Exception, RecursionError):
            name = person
        out.append(latex_to_text(name))
    return out


def _arxiv(fields: dict[str, str]) -> str | None:
    kind = (fields.get("eprinttype") or fields.get("archiveprefix") or "").lower()
    if fields.get("eprint") and kind == "arxiv":
        return fields["eprint"]
    if m := _ARXIV_DOI.search(fields.get("doi", "")):
        return m.group(1)
    url = fields.get("url", "")
    return url if "arxiv.org/abs/" in url else None


def _line(block: object) -> int | None:
    start = getattr(block, "start_line", None)
    return start + 1 if isinstance(start, int) else None


FORMAT = register(Format(NAME, "BibTeX or BibLaTeX (Zotero, Better BibTeX)", sniff, read))
