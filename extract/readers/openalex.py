"""OpenAlex works: an API page (``{"meta", "results"}``), a single work, a JSON list,
or JSON Lines (one work or one page per line, streamed).

Abstracts are rebuilt from ``abstract_inverted_index`` by placing every word at
every position it lists and reading the positions in order, so no word is dropped
or reordered; a null index gives an empty abstract. ``referenced_works`` become
references ``"openalex:W…"``. HTML in titles (``<i>``, ``<sup>``) is stripped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..normalise import clean_arxiv_id
from ..records import Paper
from . import Format, register
from .common import has_text, head_text, json_values, make_paper

NAME = "openalex"
_WORK_ID = re.compile(r"(?:openalex\.org/)?(W\d+)\s*$", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def sniff(head: bytes, path: Path) -> bool:
    text = head_text(head).lstrip()
    return text[:1] in "{[" and ("openalex.org/W" in text or '"abstract_inverted_index"' in text)


def read(path: Path) -> Iterator[Paper | InputError]:
    for item in json_values(path):
        if isinstance(item, InputError):
            yield item
            continue
        line, value = item
        yield from _works(value, path, line)


def _works(value: object, path: Path, line: int) -> Iterator[Paper | InputError]:
    if isinstance(value, dict) and "results" in value:
        value = value["results"]
    items = value if isinstance(value, list) else [value]
    for n, work in enumerate(items, start=1):
        record = n if isinstance(value, list) else None
        yield _paper(work, path, line, record)


def _paper(work: object, path: Path, line: int, record: int | None) -> Paper | InputError:
    def bad(what: str) -> InputError:
        return InputError(what, path=path, line=line, record=record)

    if not isinstance(work, dict):
        return bad(f"expected an OpenAlex work object, found {type(work).__name__}")
    title = work.get("title") or work.get("display_name")
    if not isinstance(title, str) or not has_text(strip_html(title)):
        return bad("work has no 'title'; expected a string")
    abstract = rebuild_abstract(work.get("abstract_inverted_index"))
    if abstract is None:
        return bad(
            "'abstract_inverted_index' is malformed; expected null or an object "
            "mapping each word to a list of integer positions"
        )
    refs = work.get("referenced_works")
    return make_paper(
        path,
        NAME,
        title=strip_html(title),
        abstract=abstract,
        year=work.get("publication_year") or work.get("publication_date"),
        url=_str(work.get("doi")) or _str(work.get("id")),
        authors=_authors(work.get("authorships")),
        doi=_str(work.get("doi")),
        arxiv_id=_arxiv(work),
        openalex_id=work_id(work.get("id")),
        references=[f"openalex:{w}" for w in map(work_id, refs or []) if w]
        if isinstance(refs, list)
        else [],
    )


def rebuild_abstract(index: object) -> str | None:
    """The abstract text from an inverted index; "" for null, None when malformed.

    >>> rebuild_abstract({"the": [0, 2], "cat": [1], "mat": [3]})
    'the cat the mat'
    >>> rebuild_abstract(None)
    ''
    """
    if index is None:
        return ""
    if not isinstance(index, dict):
        return None
    placed: list[tuple[int, int, str]] = []
    for order, (word, positions) in enumerate(index.items()):
        if not isinstance(positions, list) or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in positions
        ):
            return None
        placed.extend((p, order, str(word)) for p in positions)
    return " ".join(word for _, _, word in sorted(placed))


def strip_html(text: str) -> str:
    """A title without HTML tags or entities.

    >>> strip_html("The <i>E. coli</i> 5 <sup>th</sup> &amp; last")
    'The E. coli 5 th & last'
    """
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def work_id(value: object) -> str | None:
    """``W…`` from an OpenAlex work URL or id.

    >>> work_id("https://openalex.org/W2741809807")
    'W2741809807'
    """
    match = _WORK_ID.search(value) if isinstance(value, str) else None
    return match.group(1).upper() if match else None


def _authors(authorships: object) -> list[str]:
    if not isinstance(authorships, list):
        return []
    names = []
    for a in authorships:
        author = a.get("author") if isinstance(a, dict) else None
        name = author.get("display_name") if isinstance(author, dict) else None
        if isinstance(name, str):
            names.append(name)
    return names


def _arxiv(work: dict) -> str | None:
    """An arXiv id from any location's landing page (arxiv.org/abs/…), if there is one."""
    locations = work.get("locations")
    candidates = [work.get("primary_location"), *(locations if isinstance(locations, list) else [])]
    for loc in candidates:
        url = loc.get("landing_page_url") if isinstance(loc, dict) else None
        if isinstance(url, str) and "arxiv.org/abs/" in url:
            return clean_arxiv_id(url)
    return None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


FORMAT = register(Format(NAME, "OpenAlex works JSON (API page, single work or JSONL)", sniff, read))
