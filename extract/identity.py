"""Identity of papers across files: the same paper read twice becomes one record."""

from __future__ import annotations

from collections.abc import Iterable

from .normalise import title_key
from .records import Paper


def merge_papers(papers: Iterable[Paper]) -> list[Paper]:
    """Collapse records of the same paper, keeping the first one's order.

    Two records are the same paper when they share any external id (DOI, arXiv,
    OpenAlex, S2) or, failing that, the same normalised title. Fields are merged:
    the first non-empty value wins, sources and references are united.
    """
    merged: list[Paper] = []
    index: dict[str, int] = {}
    for paper in papers:
        keys = [*paper.external_ids, f"title:{title_key(paper.title)}", f"id:{paper.id}"]
        hit = next((index[k] for k in keys if k in index), None)
        if hit is None:
            hit = len(merged)
            merged.append(paper)
        else:
            merged[hit] = combine(merged[hit], paper)
        for key in [*merged[hit].external_ids, *keys]:
            index.setdefault(key, hit)
    return merged


def combine(first: Paper, second: Paper) -> Paper:
    """One record from two records of the same paper; ``first`` wins where both have a value."""
    def pick(name: str) -> object:
        a = getattr(first, name)
        return a if a not in (None, "", ()) else getattr(second, name)

    return Paper(
        id=first.id,
        title=first.title or second.title,
        abstract=first.abstract if len(first.abstract) >= len(second.abstract) else second.abstract,
        year=pick("year"),  # type: ignore[arg-type]
        url=pick("url"),  # type: ignore[arg-type]
        authors=pick("authors"),  # type: ignore[arg-type]
        source=tuple(dict.fromkeys(first.source + second.source)),
        doi=pick("doi"),  # type: ignore[arg-type]
        arxiv_id=pick("arxiv_id"),  # type: ignore[arg-type]
        openalex_id=pick("openalex_id"),  # type: ignore[arg-type]
        s2_id=pick("s2_id"),  # type: ignore[arg-type]
        references=tuple(dict.fromkeys(first.references + second.references)),
    )
