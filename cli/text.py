"""One value as one line of terminal text, and how many columns that text takes.

The table renderer (:mod:`.render`) measures and cuts cells with these. Cells come
from papers' titles and abstracts, so they may hold escape sequences, direction
overrides and wide (CJK) characters: a table shows the first two as visible escapes,
never sends them to the terminal, and counts the last as two columns.
"""

from __future__ import annotations

import unicodedata

#: the ellipsis that ends a cut cell
ELLIPSIS = "…"

#: control characters (C0, DEL, C1) and the bidirectional overrides and isolates, shown
#: as an escape: "\x1b[2J" would clear the screen, U+202E reverses what follows it
_UNSAFE = {
    c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    for c in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
_UNSAFE[ord("\t")] = " "


def line(text: str) -> str:
    """``text`` on one line, safe to print on a terminal.

    >>> line("two\\nlines\\tand a tab"), line("\\x1b[2Jcleared"), line("a\\u202eb")
    ('two lines and a tab', '\\\\x1b[2Jcleared', 'a\\\\u202eb')
    """
    if text.isprintable():  # no control, format or line-break character: the usual case
        return text
    return " ".join(text.splitlines()).translate(_UNSAFE)


def display(value: object) -> str:
    """A value as a table shows it: lists joined by "; ", a node by its title or name, a
    path as ``(a)-[:TYPE]-(b)``, nothing for None, one line always.

    >>> display(["a", "b"]), display(None), display(2024), display(0.5), display("x\\ny")
    ('a; b', '', '2024', '0.5', 'x y')
    >>> display({"_label": "Paper", "id": "p1", "title": "WebArena", "abstract": "..."})
    'WebArena'
    >>> display({"nodes": [{"_label": "Paper", "title": "A"}, {"_label": "Model",
    ...          "name": "GPT-4"}], "relationships": [{"_label": "USES"}]})
    '(A)-[:USES]-(GPT-4)'
    """
    if isinstance(value, str):
        return line(value)
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(display(v) for v in value)
    if isinstance(value, dict):
        return line(_mapping(value))
    return str(value)


def _mapping(value: dict) -> str:
    if is_path(value):
        nodes = [f"({display(n)})" for n in value["nodes"]]
        rels = [f"-[:{r.get('_label')}]-" for r in value["relationships"]]
        return "".join(a + b for a, b in zip(nodes, [*rels, ""], strict=False))
    if "_label" in value:
        name = value.get("title") or value.get("name") or value.get("id")
        return display(name) if name is not None else f":{value['_label']}"
    return ", ".join(f"{k}: {display(v)}" for k, v in value.items())


def is_path(value: object) -> bool:
    """Whether ``value`` is a path as the stores give one (nodes and relationships)."""
    return isinstance(value, dict) and value.keys() == {"nodes", "relationships"}


def width(text: str) -> int:
    """The columns ``text`` takes on a terminal: wide characters two, combining none.

    >>> width("WebArena"), width("日本語"), width("e\\u0301")
    (8, 6, 1)
    """
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cut(text: str, columns: int) -> str:
    """``text`` in at most ``columns`` columns, ending in "…" when it had to be cut.

    >>> cut("WebArena: A Realistic Web Environment", 12), cut("GAIA", 12), cut("日本語", 4)
    ('WebArena: A…', 'GAIA', '日…')
    """
    if width(text) <= columns:
        return text
    room, used, end = columns - 1, 0, 0
    for end, char in enumerate(text):  # noqa: B007 - `end` is read after the loop
        used += _char_width(char)
        if used > room:
            break
    return text[:end].rstrip() + ELLIPSIS


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``columns`` (on the left when ``right``-aligned)."""
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill
