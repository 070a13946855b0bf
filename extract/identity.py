"""Identity of papers across files: the same paper read twice becomes one record.

Two records are the same paper when they share an external id — DOI, arXiv id
(version stripped; an arXiv DOI ``10.48550/arXiv.X`` counts as arXiv id X),
OpenAlex id or S2 id — or, failing that, the same normalised title, provided the
two do not carry *different* ids of the same kind (two works called "Editorial"
with different DOIs stay two papers). Matching is transitive: a BibTeX entry with
an arXiv id and an OpenAlex work with a DOI join when an arXiv record has both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .normalise import paper_id, title_key
from .records import Paper

_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_SCHEMES = ("doi", "arxiv", "openalex", "s2")


def identity_keys(paper: Paper) -> set[str]:
    """The external ids that name ``paper``, as ``scheme:value`` keys.

    >>> sorted(identity_keys(Paper(id="x", title="T", doi="10.48550/arxiv.1502.01852")))
    ['arxiv:1502.01852', 'doi:10.48550/arxiv.1502.01852']
    """
    keys = {k.lower() if k.startswith("doi:") else k for k in paper.external_ids}
    if (arxiv := arxiv_from_doi(paper.doi)) is not None:
        keys.add(f"arxiv:{arxiv}")
    return keys


def arxiv_from_doi(doi: str | None) -> str | None:
    """The arXiv id inside an arXiv DOI (``10.48550/arXiv.2510.14968``), else None.

    >>> arxiv_from_doi("10.48550/arxiv.2510.14968"), arxiv_from_doi("10.1000/x")
    ('2510.14968', None)
    """
    match = _ARXIV_DOI.match(doi) if doi else None
    return match.group(1) if match else None


def stable_id(title: str, doi: str | None, arxiv_id: str | None) -> str:
    """:func:`paper_id`, except that an arXiv DOI names the paper by its arXiv id, so
    a preprint gets the same id whether the file gave its DOI or its eprint number.

    >>> stable_id("T", "10.48550/arxiv.2510.14968", None)
    'arxiv:2510.14968'
    """
    if (from_doi := arxiv_from_doi(doi)) is not None:
        return paper_id(title, None, arxiv_id or from_doi)
    return paper_id(title, doi, arxiv_id)


def merge_papers(papers: Iterable[Paper]) -> list[Paper]:
    """Collapse records of the same paper, in order of first appearance.

    Fields are merged by :func:`combine`; ``source`` keeps every file a paper came from.
    Each record is indexed once and each group keeps the union of its ids, so a title
    shared by thousands of records costs linear time, not quadratic.
    """
    groups: list[list[Paper]] = []
    ids: list[set[str]] = []  # every external id of each group's papers
    owner: list[int] = []  # a folded group points to the group it was folded into
    by_key: dict[str, int] = {}

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    for paper in papers:
        keys = identity_keys(paper)
        hits = sorted({find(by_key[k]) for k in keys if k in by_key})
        title = title_key(paper.title)
        target = hits[0] if hits else _title_match(keys, title, ids, by_key, find)
        if target is None:
            target = len(groups)
            groups.append([])
            ids.append(set())
            owner.append(target)
        groups[target].append(paper)
        ids[target] |= keys
        for other in hits[1:]:  # this paper bridges two groups: fold the later one in
            groups[target].extend(groups[other])
            ids[target] |= ids[other]
            groups[other], ids[other], owner[other] = [], set(), target
        by_key.update(dict.fromkeys(keys, target))
        if title:
            by_key[f"title:{title}"] = target
    return [_combine_all(g) for g in groups if g]


def _title_match(
    keys: set[str],
    title: str,
    ids: list[set[str]],
    by_key: dict[str, int],
    find: Callable[[int], int],
) -> int | None:
    found = by_key.get(f"title:{title}") if title else None
    if found is None:
        return None
    target = find(found)
    return None if _conflicts(keys, ids[target]) else target


def _conflicts(mine: set[str], theirs: set[str]) -> bool:
    """True when two sets of ids hold different ids of the same scheme.

    >>> _conflicts({"doi:10.1/a"}, {"doi:10.1/b", "arxiv:1"}), _conflicts({"doi:10.1/a"}, set())
    (True, False)
    """
    for scheme in _SCHEMES:
        a = {k for k in mine if k.startswith(scheme + ":")}
        b = {k for k in theirs if k.startswith(scheme + ":")}
        if a and b and not a & b:
            return True
    return False


def _combine_all(group: list[Paper]) -> Paper:
    """:func:`combine` folded over the group; sources and references are united once at
    the end, so a group of thousands is not copied at every step."""
    merged = group[0].with_changes(source=(), references=())
    for paper in group[1:]:
        merged = combine(merged, paper.with_changes(source=(), references=()))
    return merged.with_changes(
        source=tuple(dict.fromkeys(s for p in group for s in p.source)),
        references=tuple(dict.fromkeys(r for p in group for r in p.references)),
    )


def combine(first: Paper, second: Paper) -> Paper:
    """One record from two records of the same paper.

    ``first`` wins for scalar fields where both have a value; the longer abstract
    wins, except that one cut short with "..." loses to a complete one; sources, authors (when
    ``first`` has none) and references are united. The id is recomputed from the
    merged DOI/arXiv id when it was a computed id, so it does not depend on which
    file came first; an explicit id (a JSONL/CSV ``id`` column) is kept.
    """

    def pick(name: str) -> object:
        a = getattr(first, name)
        return a if a not in (None, "", ()) else getattr(second, name)

    title = first.title or second.title
    doi = _better_doi(first.doi, second.doi)
    arxiv = pick("arxiv_id")
    computed = first.id in (
        stable_id(first.title, first.doi, first.arxiv_id),
        paper_id(first.title, first.doi, first.arxiv_id),
    )
    return Paper(
        id=stable_id(title, doi, arxiv) if computed else first.id,  # type: ignore[arg-type]
        title=title,
        abstract=_better_abstract(first.abstract, second.abstract),
        year=pick("year"),  # type: ignore[arg-type]
        url=pick("url"),  # type: ignore[arg-type]
        authors=pick("authors"),  # type: ignore[arg-type]
        source=tuple(dict.fromkeys(first.source + second.source)),
        doi=doi,  # type: ignore[arg-type]
        arxiv_id=arxiv,  # type: ignore[arg-type]
        openalex_id=pick("openalex_id"),  # type: ignore[arg-type]
        s2_id=pick("s2_id"),  # type: ignore[arg-type]
        references=tuple(dict.fromkeys(first.references + second.references)),
    )


def _better_doi(a: str | None, b: str | None) -> str | None:
    """The publisher's DOI over an arXiv DOI; otherwise the first one."""
    if a and arxiv_from_doi(a) is not None and b and arxiv_from_doi(b) is None:
        return b
    return a or b


def _better_abstract(a: str, b: str) -> str:
    """The longer abstract, unless it is truncated ("...", "…") and the other is not.

    >>> _better_abstract("Short but whole.", "Longer, but cut off after this...")
    'Short but whole.'
    """
    if bool(a) and bool(b) and _truncated(a) != _truncated(b):
        return b if _truncated(a) else a
    return a if len(a) >= len(b) else b


def _truncated(text: str) -> bool:
    return text.rstrip().endswith(("...", "…", "[...]"))
