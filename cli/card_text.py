"""``paperkg show`` on a terminal: a card as lines of text, wrapped to the terminal's width.

Pure functions from a card (:mod:`paperkg.graph.cards`) to text, so tests read them.
"""

from __future__ import annotations

import shlex
import shutil
import textwrap
from typing import Any

PAPER_COLUMNS = ["id", "title", "year", "role", "relationship", "confidence", "evidence", "url"]
ENTITY_COLUMNS = ["type", "name", "role", "relationship", "confidence", "evidence", "id"]
#: authors shown on a paper card before "et al."
AUTHORS = 5


def card_notes(card: dict[str, Any], name: str) -> list[str]:
    """What the user should know about how ``name`` was matched (for stderr)."""
    if card["kind"] == "paper" and card["matched"] == "close title":
        return [f"no paper is titled exactly {name!r}; showing the closest title"]
    also = card.get("also_paper")
    if also:
        again = f"paperkg show --paper {shlex.quote(name)}"
        return [f"{name!r} is also a paper, {also['title']!r}; `{again}` shows it"]
    return []


def card_rows(card: dict[str, Any]) -> tuple[list[dict], list[str]]:
    """The card's main list as rows: an entity's papers, or a paper's entities."""
    if card["kind"] == "entity":
        return [*card["introduced_by"], *card["used_by"]], PAPER_COLUMNS
    rows = [{**link, "type": label} for label, links in card["entities"].items() for link in links]
    return rows, ENTITY_COLUMNS


def card_lines(card: dict[str, Any], limit: int | None, width: int | None = None) -> list[str]:
    """The card as text lines no wider than ``width`` (the terminal's by default)."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    if card["kind"] == "entity":
        return _entity_lines(card, limit, width)
    return _paper_lines(card, width)


def _entity_lines(card: dict[str, Any], limit: int | None, width: int) -> list[str]:
    lines = [f"{card['name']}  ({card['type']})"]
    named = (("aliases", "aliases"), ("variant_of", "variant of"), ("variants", "variants"))
    for key, label in named:
        if card[key]:
            lines += _field(label, ", ".join(card[key]), width)
    total, n_intro = card["papers_count"], card["introduced_by_count"]
    lines += _field(
        "papers", f"{total:,} ({n_intro:,} introduce it, {card['used_by_count']:,} use it)", width
    )
    for key, title in (("introduced_by", "Introduced by"), ("used_by", "Used by, newest first")):
        if card[key]:
            lines += ["", f"  {title}"]
            for p in card[key]:
                lines += _paper(p, width, _confidence(p.get("confidence")))
    shown = len(card["introduced_by"]) + len(card["used_by"])
    if limit and shown < total:
        lines.append(f"    … and {total - shown:,} more; --limit 0 for all")
    if card["cooccurring"] is None:
        lines += ["", f"  Appears most with: not counted for a name in {total:,} papers"]
    elif card["cooccurring"]:
        lines += ["", "  Appears most with"]
        text = ", ".join(f"{c['name']} ({c['type']}, {c['papers']:,})" for c in card["cooccurring"])
        lines += textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="    ")
    return lines


def _paper_lines(card: dict[str, Any], width: int) -> list[str]:
    lines = textwrap.wrap(f"{card['title']}  (paper)", width) or ["(untitled)  (paper)"]
    authors = card["authors"][:AUTHORS]
    more = " et al." if len(card["authors"]) > AUTHORS else ""
    for label, value in (
        ("id", card["id"]),
        ("year", card["year"]),
        ("url", card["url"]),
        ("doi", card["doi"]),
        ("arXiv", card["arxiv"]),
        ("authors", ", ".join(authors) + more if authors else None),
    ):
        if value not in (None, ""):
            lines += _field(label, str(value), width)
    for label, links in card["entities"].items():
        lines += ["", f"  {label}s" if links else f"  {label}s: none"]
        for link in links:
            head = f"{link['name']}  {link['role']}{_confidence(link['confidence'])}"
            lines += textwrap.wrap(head, width, initial_indent="    ", subsequent_indent="      ")
            lines += _evidence(link.get("evidence"), width)
    for key, title in (("cites", "Cites"), ("cited_by", "Cited by")):
        n, inferred = card[f"{key}_count"], card[f"{key}_inferred_count"]
        lines += ["", f"  {title}: {n:,}" + (f" ({inferred:,} inferred)" if inferred else "")]
        for p in card[key]:
            via = f"  [inferred via {', '.join(p['via'])}]" if p["inferred"] else ""
            lines += _paper(p, width, via)
        if len(card[key]) < n:
            lines.append(f"    … and {n - len(card[key]):,} more; --limit 0 for all")
    return lines


def _field(label: str, value: str, width: int) -> list[str]:
    head = f"  {label + ':':<15}"
    return textwrap.wrap(value, width, initial_indent=head, subsequent_indent=" " * len(head))


def _paper(p: dict[str, Any], width: int, tail: str = "") -> list[str]:
    year = str(p["year"]) if p.get("year") else ""
    head = f"    {year:<4}  "
    lines = textwrap.wrap(
        f"{p['title']}{tail}", width, initial_indent=head, subsequent_indent=" " * len(head)
    )
    return lines + _evidence(p.get("evidence"), width)


def _evidence(evidence: str | None, width: int) -> list[str]:
    if not evidence:
        return []
    indent = " " * 10
    return textwrap.wrap(
        f"“{evidence}”",
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,  # "state-of-the-art" stays on one line
    )


def _confidence(value: float | None) -> str:
    return f"  (confidence {value:.2f})" if value is not None else ""
