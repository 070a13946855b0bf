"""Name and title normalisation, and stable paper ids.

One key function decides when two surface forms are the same name, so the
extractor, the evaluator, the graph and the queries all agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(v\d+)?(?![\d])")
_ARXIV_OLD = re.compile(r"([a-z][a-z.-]+/\d{7})(v\d+)?", re.IGNORECASE)


def name_key(name: str) -> str:
    """Case-, space-, hyphen-, punctuation- and Unicode-insensitive key of a name.

    >>> name_key("SWE-Bench") == name_key("swe bench") == name_key("SWE_bench")
    True
    >>> name_key("GPT-4o") == name_key("GPT-4")
    False
    >>> name_key("τ-bench")
    'τbench'
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def title_key(title: str) -> str:
    """Key of a title for matching the same paper across sources.

    >>> title_key("Attention Is All You Need.") == title_key("attention is  all you need")
    True
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return _NON_ALNUM.sub(" ", folded).strip()


def clean_doi(value: str | None) -> str | None:
    """A bare, lower-case DOI, or None.

    >>> clean_doi("https://doi.org/10.1000/XYZ.1")
    '10.1000/xyz.1'
    """
    if not value:
        return None
    match = _DOI.search(value)
    return match.group(0).rstrip(".,;").lower() if match else None


def clean_arxiv_id(value: str | None) -> str | None:
    """An arXiv id without its version, or None.

    >>> clean_arxiv_id("http://arxiv.org/abs/2401.01234v3")
    '2401.01234'
    >>> clean_arxiv_id("cond-mat/0412498v1")
    'cond-mat/0412498'
    """
    if not value:
        return None
    match = _ARXIV_NEW.search(value) or _ARXIV_OLD.search(value)
    return match.group(1) if match else None


def paper_id(title: str, doi: str | None = None, arxiv_id: str | None = None) -> str:
    """Stable id of a paper: DOI, else arXiv id, else a hash of the normalised title.

    >>> paper_id("X", doi="10.1/ABC")
    'doi:10.1/abc'
    >>> paper_id("Attention Is All You Need") == paper_id("attention is all you need.")
    True
    """
    if (d := clean_doi(doi)) is not None:
        return f"doi:{d}"
    if (a := clean_arxiv_id(arxiv_id)) is not None:
        return f"arxiv:{a}"
    digest = hashlib.sha1(title_key(title).encode(), usedforsecurity=False).hexdigest()
    return f"title:{digest[:16]}"
