"""The arXiv metadata snapshot from Kaggle (``arxiv-metadata-oai-snapshot.json``).

One JSON object per line with ``id``, ``title``, ``abstract``, ``authors``,
``authors_parsed``, ``doi``, ``versions`` … The real file is over 4 GB, so it is
streamed line by line (:func:`json_lines`) and each paper is yielded as soon as
its line is read. Authors come from ``authors_parsed`` (already decoded from
TeX); the year is that of the first version.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..latex import latex_to_text
from ..normalise import clean_arxiv_id
from ..records import Paper
from . import Format, register
from .common import first_line, has_text, json_lines, make_paper

NAME = "arxiv-kaggle"
_MARKERS = ('"submitter"', '"authors_parsed"', '"update_date"')


def sniff(head: bytes, path: Path) -> bool:
    line = first_line(head).lstrip()
    return line.startswith("{") and sum(m in line for m in _MARKERS) >= 2


def read(path: Path) -> Iterator[Paper | InputError]:
    for item in json_lines(path):
        if isinstance(item, InputError):
            yield item
            continue
        n, row = item
        yield _paper(row, path, n)


def _paper(row: object, path: Path, n: int) -> Paper | InputError:
    if not isinstance(row, dict):
        return InputError(f"expected a JSON object, found {type(row).__name__}", path=path, line=n)
    title, abstract, raw_id = row.get("title"), row.get("abstract"), row.get("id")
    if not has_text(title):
        return InputError("missing or empty 'title'; expected a string", path=path, line=n)
    if abstract is not None and not isinstance(abstract, str):
        return InputError(
            f"'abstract' is {type(abstract).__name__}; expected a string", path=path, line=n
        )
    arxiv = clean_arxiv_id(raw_id) if isinstance(raw_id, str) else None
    if arxiv is None:
        return InputError(
            f"missing or malformed arXiv 'id' ({str(raw_id)[:40]!r}); expected "
            "an id such as 0704.0001 or math/0406203",
            path=path,
            line=n,
        )
    doi = row.get("doi")
    return make_paper(
        path,
        NAME,
        title=title,
        abstract=abstract or "",
        year=_year(row),
        url=f"https://arxiv.org/abs/{arxiv}",
        authors=_authors(row),
        doi=doi if isinstance(doi, str) else None,
        arxiv_id=arxiv,
    )


def _year(row: dict) -> object:
    versions = row.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        return versions[0].get("created")
    return row.get("update_date")


def _authors(row: dict) -> list[str]:
    parsed = row.get("authors_parsed")
    if isinstance(parsed, list) and all(isinstance(p, list) for p in parsed):
        names = [" ".join(str(x) for x in (p[1:2] + p[:1] + p[2:3]) if x) for p in parsed]
        if any(names):
            return names
    raw = row.get("authors")
    if not isinstance(raw, str):
        return []
    return [a for a in _split_free_text(latex_to_text(raw)) if a]


def _split_free_text(value: str) -> list[str]:
    """Kaggle's free-text authors: "A, B and C" (commas and a final "and")."""
    parts = [p.strip() for p in value.replace(" and ", ", ").split(",")]
    return [p for p in parts if p]


FORMAT = register(Format(NAME, "arXiv metadata snapshot JSONL (Kaggle)", sniff, read))
