"""Column names as Neo4j gives them: the text of each returned expression.

The embedded engine names an unaliased column after its own plan (``COUNT_STAR()``,
``COUNT(p._ID)``, ``LABEL(n._ID,[Paper,…])``, ``+(1,2)``); Neo4j names it after what the
user wrote (``count(*)``, ``count(p)``, ``labels(n)``, ``1+2``). :func:`neo4j_columns`
reads the final RETURN of a statement as the user wrote it and takes each unaliased
item's own text; an aliased column keeps its alias.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .cypher_text import Token, tokens

_OPEN, _CLOSE = "([{", ")]}"
_AFTER_ITEMS = frozenset(["ORDER", "SKIP", "LIMIT", "UNION"])


def neo4j_columns(source: str, engine: Sequence[str]) -> list[str]:
    """The columns ``engine`` named, renamed as Neo4j names them for the query ``source``.

    >>> neo4j_columns("MATCH (p) RETURN count(*), count(p) AS n", ["COUNT_STAR()", "n"])
    ['count(*)', 'n']
    >>> neo4j_columns("RETURN 'a' + 'b' ORDER BY 1", ["+('a','b')"])
    ["'a' + 'b'"]
    """
    items = _return_items(source)
    if items is None or len(items) != len(engine):
        return list(engine)  # RETURN *, CALL without RETURN: the engine's names stand
    return [
        name if _aliased(item) or len(item) == 1 else _text(source, item)
        for item, name in zip(items, engine, strict=True)
    ]


def _return_items(source: str) -> list[list[Token]] | None:
    """The tokens of each item of the last top-level RETURN (None without one, or with *)."""
    code = [t for t in tokens(source) if t.kind != "comment"]
    start = _last_return(code)
    if start is None:
        return None
    items: list[list[Token]] = [[]]
    depth = 0
    for tok in code[start:]:
        depth += (tok.text in _OPEN) - (tok.text in _CLOSE) if tok.kind == "punct" else 0
        if depth == 0 and tok.kind == "word" and tok.text.upper() in _AFTER_ITEMS:
            break
        if depth == 0 and tok.text == ",":
            items.append([])
        else:
            items[-1].append(tok)
    if not items[0] and len(items) == 1:
        return None
    if items[0] and items[0][0].kind == "word" and items[0][0].text.upper() == "DISTINCT":
        items[0] = items[0][1:]
    return None if any(not item or item[0].text == "*" for item in items) else items


def _last_return(code: list[Token]) -> int | None:
    """The index after the last RETURN keyword outside brackets (not ``n.return``)."""
    depth, found = 0, None
    for i, tok in enumerate(code):
        if tok.kind == "punct":
            depth += (tok.text in _OPEN) - (tok.text in _CLOSE)
        elif (
            depth == 0
            and tok.kind == "word"
            and tok.text.upper() == "RETURN"
            and (i == 0 or code[i - 1].text not in (".", ":"))
        ):
            found = i + 1
    return found


def _aliased(item: list[Token]) -> bool:
    return len(item) >= 3 and item[-2].kind == "word" and item[-2].text.upper() == "AS"


def _text(source: str, item: list[Token]) -> str:
    """The item as written, each run of white space (or a comment) one space."""
    out = [item[0].text]
    for before, tok in pairwise(item):
        gap = source[before.offset + len(before.text) : tok.offset]
        out.append((" " if gap else "") + tok.text)
    return "".join(out)
