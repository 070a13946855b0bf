"""Cypher as text: a small tokenizer, the read-only guard, ``--param`` values and literals.

The guard must not be fooled by a title that says "Set" or a comment that says
"delete me", so it looks at keyword tokens, never at substrings: string literals,
backtick names, comments, parameters, property keys (``n.set``), map keys
(``{create: 1}``) and labels (``:Create``) are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from paperkg.extract.errors import QueryError

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<comment>//[^\n\r]*|/\*.*?(?:\*/|\Z))
      | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
      | (?P<name>`(?:[^`]|``)*(?:`|\Z))
      | (?P<param>\$\w+)
      | (?P<word>[A-Za-z_]\w*)
      | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
      | (?P<punct>.)""",
    re.VERBOSE | re.DOTALL,
)

#: keyword -> the next word it must be followed by to count as a write ("" = any)
WRITE_KEYWORDS = {
    "CREATE": "",
    "MERGE": "",
    "DELETE": "",
    "DETACH": "",
    "SET": "",
    "REMOVE": "",
    "DROP": "",
    "ALTER": "",
    "COPY": "",
    "INSTALL": "",
    "UNINSTALL": "",
    "FOREACH": "",
    "IMPORT": "",
    "EXPORT": "",
    "ATTACH": "",
    "CHECKPOINT": "",
    "COMMENT": "",
    "GRANT": "",
    "DENY": "",
    "REVOKE": "",
    "RENAME": "",
    "INSERT": "",
    "USE": "",
    "BEGIN": "",
    "COMMIT": "",
    "ROLLBACK": "",
    "LOAD": "EXTENSION",
    "START": "DATABASE",
    "STOP": "DATABASE",
    "TERMINATE": "",
}


class Token(NamedTuple):
    kind: str
    text: str
    offset: int


def tokens(query: str) -> Iterator[Token]:
    """The tokens of ``query`` except white space.

    >>> [t.text for t in tokens("MATCH (n) // set\\nRETURN 'SET'")]
    ['MATCH', '(', 'n', ')', '// set', 'RETURN', "'SET'"]
    """
    for match in _TOKEN.finditer(query):
        if match.lastgroup != "space":
            yield Token(match.lastgroup or "punct", match.group(), match.start())


def write_clauses(query: str) -> list[Token]:
    """The keyword tokens that make ``query`` change data or schema.

    >>> [t.text for t in write_clauses("MATCH (n {title: 'SET x'}) SET n.set = 1")]
    ['SET']
    """
    code = [t for t in tokens(query) if t.kind != "comment"]
    found = []
    for i, tok in enumerate(code):
        keyword = tok.text.upper()
        if tok.kind != "word" or keyword not in WRITE_KEYWORDS:
            continue
        before = code[i - 1].text if i else ""
        after = code[i + 1] if i + 1 < len(code) else None
        if before in {".", ":"} or (after is not None and after.text == ":"):
            continue  # a property, a label or relationship type, a map key
        need = WRITE_KEYWORDS[keyword]
        if need and (after is None or after.text.upper() != need):
            continue
        found.append(tok)
    return found


def check_read_only(query: str) -> None:
    """Raise QueryError naming the first clause that would write.

    >>> check_read_only("MATCH (p:Paper) WHERE p.title CONTAINS 'DELETE' RETURN p")
    """
    writes = write_clauses(query)
    if writes:
        first = writes[0]
        line, column = position(query, first.offset)
        raise QueryError(
            f"this query writes ({first.text.upper()} at line {line}, column "
            f"{column}); queries are read-only unless you add --write"
        )


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``.

    >>> position("ab\\ncd", 4)
    (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value`` from the command line; numbers, booleans, null and JSON lists/maps
    are parsed, anything else stays a string.

    >>> parse_param("year=2025"), parse_param("names=[\\"a\\", \\"b\\"]"), parse_param("x=GPT-4")
    (('year', 2025), ('names', ['a', 'b']), ('x', 'GPT-4'))
    """
    name, sep, raw = text.partition("=")
    name = name.strip().lstrip("$")
    if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryError(f"--param {text!r}: expected name=value, e.g. --param year=2025")
    return name, _param_value(raw)


def _param_value(raw: str) -> Any:
    stripped = raw.strip()
    if re.fullmatch(r"-?\d+", stripped):
        return int(stripped)
    if re.fullmatch(r"-?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?", stripped):
        return float(stripped)
    if stripped[:1] in ("[", "{") or stripped in ("true", "false", "null"):
        try:
            return json.loads(stripped)
        except json.JSONDecodeError:
            return raw
    return raw


_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def literal(value: Any) -> str:
    """``value`` as a Cypher literal that reads back as the same value in Neo4j.

    >>> literal({"t": "it's\\n", "n": [1, None], "ok": True})
    "{t: 'it\\\\'s\\\\n', n: [1, null], ok: true}"
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_escape_char(c) for c in value) + "'"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{identifier(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _escape_char(c: str) -> str:
    if c in _ESCAPES:
        return _ESCAPES[c]
    if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029":
        return f"\\u{ord(c):04x}"
    return c


def identifier(name: str) -> str:
    """A label, type or key, backticked only when it must be.

    >>> identifier("title"), identifier("weird name")
    ('title', '`weird name`')
    """
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return name
    return "`" + name.replace("`", "``") + "`"
