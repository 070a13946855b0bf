"""Rows as a text table that fits the terminal, with the standard library only.

Like sqlite-utils' and Datasette's tables: a header, a rule, one line per row; text
left-aligned, numbers right-aligned; the title (or name) first and opaque ids last;
columns empty in every row left out. When the table is wider than the terminal, the
long text columns (title, abstract, evidence, ...) give way first and their cells end
in "…"; then the id columns go (json and csv keep them); then every text column
shrinks. Every row stays one line, so ``grep`` and ``head`` work on a table too.

pandas rendered tables before, but importing it costs about 0.6 s, more than the whole
answer of a query command (docs/performance.md).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .text import cut, display, pad, width

#: what separates two columns
GAP = "  "
#: long text columns shrink to this width before any id column is left out
ROOMY = 40
#: no text column shrinks below this width
NARROWEST = 8
#: text columns that shrink first: long by nature
LONG_TEXT = frozenset(("title", "abstract", "evidence", "aliases", "authors", "description", "via"))
#: any other text column this wide is long too (a Cypher column the user named)
LONG = 40
#: columns a table shows first (the first one present) and the ids it shows last
TITLES = ("title", "name")
IDS = ("id",)


def terminal_width() -> int:
    """The terminal's width: ``COLUMNS`` when set, else the terminal's own, else 80."""
    return shutil.get_terminal_size((80, 24)).columns


def columns_of(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    """The given columns, or every key of the rows in first-seen order."""
    if columns is not None:
        return list(columns)
    return list(dict.fromkeys(k for row in rows for k in row))


@dataclass(slots=True)
class Column:
    """One column of a table: its header, its cells as text, how it lays out."""

    name: str
    cells: list[str]
    numeric: bool
    long: bool
    optional: bool
    size: int = 0

    def __post_init__(self) -> None:
        self.size = max(width(self.name), *(width(c) for c in self.cells))


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str] | None = None,
    *,
    max_width: int | None = None,
    asked: Collection[str] | None = None,
) -> str:
    """A plain-text table in ``max_width`` columns (the terminal's width by default).

    ``asked``: the columns the user asked for (a Cypher ``RETURN``); then the order of
    ``columns`` is kept and none of ``asked`` is left out for being empty or an id.

    >>> print(table([{"id": "b1", "name": "WebArena", "papers": 12, "url": None},
    ...              {"id": "b2", "name": "GAIA", "papers": 3, "url": None}]))
    name      papers  id
    --------  ------  --
    WebArena      12  b1
    GAIA           3  b2
    """
    names = columns_of(rows, columns)
    if not rows:
        return "(no rows)"
    cols = [_column(name, rows, asked=asked) for name in names]
    if asked is None:
        cols = _arranged([c for c in cols if any(c.cells)] or cols)
    shown = fit(cols, terminal_width() if max_width is None else max_width)
    return "\n".join(_lines(shown, len(rows)))


def _column(
    name: str, rows: Sequence[Mapping[str, Any]], *, asked: Collection[str] | None
) -> Column:
    values = [row.get(name) for row in rows]
    numeric = all(_is_number(v) for v in values if v is not None) and any(
        v is not None for v in values
    )
    base = name.rsplit(".", 1)[-1].lower()
    col = Column(name, [display(v) for v in values], numeric, base in LONG_TEXT, False)
    col.long = col.long or (not numeric and base not in (*TITLES, *IDS) and col.size > LONG)
    col.optional = base in IDS and (asked is None or name not in asked)
    return col


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _arranged(cols: list[Column]) -> list[Column]:
    """The title (or else name) column first, the id columns last, the rest in order."""
    bases = [c.name.rsplit(".", 1)[-1].lower() for c in cols]
    first = next((i for key in TITLES for i, b in enumerate(bases) if b == key), None)
    head = [cols[first]] if first is not None else []
    middle = [c for i, c in enumerate(cols) if i != first and not c.optional]
    return head + middle + [c for c in cols if c.optional]


def fit(cols: list[Column], budget: int) -> list[tuple[Column, int]]:
    """The columns shown and each one's width, so that a line fits in ``budget``: long
    text down to :data:`ROOMY`, then ids left out, then all text down to
    :data:`NARROWEST`. A table that still does not fit runs over; numbers never shrink.
    """
    sizes = {id(c): c.size for c in cols}

    def total(shown: list[Column]) -> int:
        return sum(sizes[id(c)] for c in shown) + len(GAP) * (len(shown) - 1)

    shown = list(cols)
    _shrink(shown, [c for c in shown if c.long], ROOMY, sizes, total, budget)
    if total(shown) > budget:
        shown = [c for c in shown if not c.optional] or shown
        sizes = {id(c): c.size for c in cols}  # what the ids left goes to the long text
    _shrink(shown, [c for c in shown if c.long], NARROWEST, sizes, total, budget)
    _shrink(shown, [c for c in shown if not c.numeric], NARROWEST, sizes, total, budget)
    return [(c, sizes[id(c)]) for c in shown]


def _shrink(
    shown: list[Column],
    which: list[Column],
    floor: int,
    sizes: dict[int, int],
    total: Callable[[list[Column]], int],
    budget: int,
) -> None:
    """Narrow the widest of ``which`` one column at a time (so they end up even) until
    the table fits or each is down to ``floor``."""
    while total(shown) > budget:
        wide = [c for c in which if sizes[id(c)] > floor]
        if not wide:
            return
        widest = max(wide, key=lambda c: sizes[id(c)])
        sizes[id(widest)] -= 1


def _lines(shown: list[tuple[Column, int]], n_rows: int) -> list[str]:
    def joined(cells: list[str]) -> str:
        parts = [pad(cut(t, w), w, right=c.numeric) for t, (c, w) in zip(cells, shown, strict=True)]
        return GAP.join(parts).rstrip()

    lines = [joined([c.name for c, _ in shown]), GAP.join("-" * w for _, w in shown)]
    lines += [joined([c.cells[i] for c, _ in shown]) for i in range(n_rows)]
    return lines
