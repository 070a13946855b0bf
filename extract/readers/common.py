"""Helpers every reader shares: building a Paper from loose fields."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..normalise import clean_arxiv_id, clean_doi, paper_id
from ..records import Paper

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_SPACE = re.compile(r"\s+")


def squash(text: object) -> str:
    """Collapse runs of whitespace (hard wraps, tabs, NBSP) to one space.

    >>> squash("  a\\n  b\\t c ")
    'a b c'
    """
    if text is None:
        return ""
    return _SPACE.sub(" ", str(text)).strip()


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
    id: str | None = None,  # noqa: A002 - the field's public name
) -> Paper:
    """A Paper with a stable id and cleaned fields."""
    title = squash(title)
    doi = clean_doi(doi)
    arxiv = clean_arxiv_id(arxiv_id)
    pid = squash(id) if id else paper_id(title, doi, arxiv)
    return Paper(
        id=pid,
        title=title,
        abstract=squash(abstract),
        year=parse_year(year),
        url=squash(url) or None,
        authors=split_authors(authors),
        source=(f"{fmt}:{path.name}",),
        doi=doi,
        arxiv_id=arxiv,
        openalex_id=openalex_id or None,
        s2_id=s2_id or None,
        references=tuple(references),
    )
