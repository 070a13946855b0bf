"""Semantic Scholar: Graph API JSON and the S2 datasets' JSON Lines.

Accepted shapes: one ``/paper/{id}`` response; a batch list; a ``{"data": [...]}``
page (search, ``/citations``, ``/references``, whose items may wrap the paper in
``citingPaper``/``citedPaper``); and JSON Lines of API papers or of the ``papers``
dataset (lower-case keys: ``corpusid``, ``externalids``, ``title`` …).

Citations (our choice, see docs/readers.md): a paper's nested ``references`` and
``citations`` become records of their own when they have a title and an id (S2
paperId, DOI or arXiv id), so the graph gets real CITES edges to and from them;
unresolved entries (``paperId: null`` and no other id) are left out, since nothing
could link them and their "titles" are often citation fragments. The paper cites each reference
(``"s2:<paperId>"``, or the DOI/arXiv id when the paperId is null); each citing
paper gets a reference back to the paper. Entries with neither title nor id are
dropped, as are ``null`` items of a batch (ids the API did not find).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..normalise import clean_arxiv_id, clean_doi
from ..records import Paper
from . import Format, register
from .common import has_text, head_text, json_values, make_paper

NAME = "s2"
_SHA = re.compile(r"\b([0-9a-f]{40})\b")
_MARKERS = ('"paperId"', '"corpusid"', '"corpusId"', '"externalids"', '"externalIds"')


def sniff(head: bytes, path: Path) -> bool:
    text = head_text(head).lstrip()
    return text[:1] in "{[" and any(m in text[:8192] for m in _MARKERS)


def read(path: Path) -> Iterator[Paper | InputError]:
    for item in json_values(path):
        if isinstance(item, InputError):
            yield item
            continue
        line, value = item
        items, listed = _items(value)
        for n, paper in enumerate(items, start=1):
            if paper is not None:
                yield from _records(paper, path, line, n if listed else None)


def _items(value: object) -> tuple[list[object], bool]:
    """The papers in a response, and whether they came as a list (so records are numbered)."""
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        value = value["data"]
    if isinstance(value, list):
        return [_unwrap(i) for i in value], True
    return [_unwrap(value)], False


def _unwrap(item: object) -> object:
    if isinstance(item, dict):
        for key in ("citingPaper", "citedPaper"):
            if isinstance(item.get(key), dict):
                return item[key]
    return item


def _records(paper: object, path: Path, line: int, n: int | None) -> Iterator[Paper | InputError]:
    if not isinstance(paper, dict):
        yield InputError(
            f"expected a Semantic Scholar paper object, found {type(paper).__name__}",
            path=path,
            line=line,
            record=n,
        )
        return
    if not _title(paper):
        yield InputError(
            "paper has no 'title' (an S2 'abstracts' dataset line?); expected an "
            "API paper or a 'papers' dataset line with a title",
            path=path,
            line=line,
            record=n,
        )
        return
    ids = _ids(paper)
    self_ref = _ref(ids)
    refs = [_unwrap(r) for r in _list(paper, "references")]
    cites = [_unwrap(c) for c in _list(paper, "citations")]
    yield _paper(paper, ids, path, [_ref(_ids(r)) for r in refs if isinstance(r, dict)])
    for other in refs:
        if _linkable(other):
            yield _paper(other, _ids(other), path, [])  # type: ignore[arg-type]
    for other in cites:
        if _linkable(other):
            yield _paper(other, _ids(other), path, [self_ref])  # type: ignore[arg-type]


def _linkable(other: object) -> bool:
    """A nested reference or citation worth a record: a title and an id to link it by."""
    return isinstance(other, dict) and bool(_title(other)) and _ref(_ids(other)) is not None


def _paper(data: dict, ids: dict[str, str | None], path: Path, refs: list[str | None]) -> Paper:
    abstract = data.get("abstract")
    return make_paper(
        path,
        NAME,
        title=_title(data),
        abstract=abstract if isinstance(abstract, str) else "",
        year=data.get("year") or data.get("publicationDate") or data.get("publicationdate"),
        url=_str(data.get("url")),
        authors=_authors(data.get("authors")),
        doi=ids["doi"],
        arxiv_id=ids["arxiv"],
        s2_id=ids["s2"],
        references=[r for r in dict.fromkeys(refs) if r],
    )


def _ids(data: dict) -> dict[str, str | None]:
    """DOI, arXiv id and S2 paperId (the 40-hex sha, also found in dataset URLs)."""
    ext = data.get("externalIds") or data.get("externalids")
    ext = ext if isinstance(ext, dict) else {}
    sha = _str(data.get("paperId")) or _str(data.get("paperid"))
    if not sha and (m := _SHA.search(_str(data.get("url")) or "")):
        sha = m.group(1)
    return {
        "doi": clean_doi(_str(ext.get("DOI"))),
        "arxiv": clean_arxiv_id(_str(ext.get("ArXiv"))),
        "s2": sha,
    }


def _ref(ids: dict[str, str | None]) -> str | None:
    """The reference id to write for a paper: its S2 id, else DOI, else arXiv id."""
    for scheme in ("s2", "doi", "arxiv"):
        if ids[scheme]:
            return f"{scheme}:{ids[scheme]}"
    return None


def _title(data: dict) -> str:
    title = data.get("title")
    return title if has_text(title) else ""


def _list(data: dict, key: str) -> list[object]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _authors(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a["name"] for a in value if isinstance(a, dict) and isinstance(a.get("name"), str)]


def _str(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value.strip() else None


FORMAT = register(Format(NAME, "Semantic Scholar Graph API JSON or S2 dataset JSONL", sniff, read))
