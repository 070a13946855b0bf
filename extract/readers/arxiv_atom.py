"""arXiv API results as Atom XML, in the legacy (to 2025) and the new (2026) layout.

Both layouts are read by namespace, not by element order or prefix declarations, so
the new API's moved namespaces and reordered elements need nothing special. Text is
whitespace-squashed: the legacy API's hard wraps become single spaces, and the new
API's words joined at old line breaks ("Whenthe") are left as arXiv sent them. The
file is streamed with lxml's ``iterparse`` so entries are yielded as they close.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..records import Paper
from . import Format, register
from .common import head_text, make_paper, squash

NAME = "arxiv-atom"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_ERRORS = "arxiv.org/api/errors"


def sniff(head: bytes, path: Path) -> bool:
    text = head_text(head, 8192)
    return "<feed" in text and "http://www.w3.org/2005/Atom" in text and "arxiv" in text.lower()


def read(path: Path) -> Iterator[Paper | InputError]:
    count = 0
    try:
        for event, elem in etree.iterparse(
            str(path),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        ):
            if event == "start":
                if count == 0 and elem.getparent() is None and elem.tag != f"{ATOM}feed":
                    raise InputError(
                        f"root element is <{_local(elem.tag)}>; expected an Atom "
                        "<feed> from the arXiv API",
                        path=path,
                        line=elem.sourceline,
                    )
                continue
            if elem.tag == f"{ATOM}entry":
                count += 1
                yield _entry(elem, path, count)
                elem.clear(keep_tail=False)
    except (etree.LxmlError, ValueError, LookupError, OSError) as exc:
        error = _syntax_error(exc, path, count)
        if count == 0:
            raise error from None
        yield error
        return
    if count == 0:
        raise InputError("has no <entry> elements; expected arXiv API results", path=path)


def _syntax_error(exc: Exception, path: Path, count: int) -> InputError:
    line = getattr(exc, "lineno", None)
    where = f" after entry {count}" if count else ""
    msg = str(exc).split("\n", 1)[0][:120]
    return InputError(
        f"broken XML{where} ({msg}); expected a well-formed arXiv Atom feed",
        path=path,
        line=line if isinstance(line, int) else None,
    )


def _entry(entry: etree._Element, path: Path, n: int) -> Paper | InputError:
    raw_id = _text(entry, f"{ATOM}id")
    title = _text(entry, f"{ATOM}title")
    summary = _text(entry, f"{ATOM}summary")
    if _ERRORS in raw_id:
        return InputError(
            f"the arXiv API returned an error: {summary or title}; expected search results",
            path=path,
            line=entry.sourceline,
            record=n,
        )
    if not title:
        return InputError(
            "entry has no <title>; expected a title for every arXiv entry",
            path=path,
            line=entry.sourceline,
            record=n,
        )
    return make_paper(
        path,
        NAME,
        title=title,
        abstract=summary,
        year=_text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated"),
        url=_alternate(entry) or raw_id,
        authors=[_text(a, f"{ATOM}name") for a in entry.iterfind(f"{ATOM}author")],
        doi=_text(entry, f"{ARXIV}doi") or None,
        arxiv_id=raw_id or None,
    )


def _text(elem: etree._Element, tag: str) -> str:
    child = elem.find(tag)
    return squash("".join(child.itertext())) if child is not None else ""


def _alternate(entry: etree._Element) -> str | None:
    for link in entry.iterfind(f"{ATOM}link"):
        if link.get("rel") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


FORMAT = register(Format(NAME, "arXiv API Atom XML (legacy or new API)", sniff, read))
