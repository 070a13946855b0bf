"""The Cypher sandbox: what a user's query may do, decided on the engine's own plan.

A keyword denylist over our own tokenizer cannot be safe: wherever our view of a
comment or a string ends differently from the engine's, a clause hides. So the guard
works in two steps that leave no such gap:

1. :func:`sanitise` rewrites the query so that the engine never sees a comment or a
   string literal any lexer could end elsewhere: comments become a space, and every
   string literal holding a quote, backslash, backtick, ``;`` or line break becomes a
   parameter (``$__s0``) whose value is the decoded string (plain literals such as
   ``'WebArena'`` stay, as some engine functions need literals). What remains is code and
   plain literals, with no other quote, comment marker or backslash in it (checked: a
   query where one remains is refused), so our split into statements and our scan for
   the words that reach files, extensions or other databases (``LOAD``, ``COPY``,
   ``INSTALL``, ``ATTACH``, …) read exactly what the engine will read.
2. :func:`check_plan` reads the engine's ``EXPLAIN`` of each statement and allows only
   the physical operators and table functions on :data:`READ_OPERATORS` (plus
   :data:`WRITE_OPERATORS` with ``--write``). Anything else — a copy, an extension, an
   attached database, a configuration call — is refused before it runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from paperkg.extract.errors import QueryError

from .cypher_hints import explain
from .cypher_text import position, tokens

#: physical operators a read query may use (as EXPLAIN names them)
READ_OPERATORS = frozenset(
    [
        "RESULT_COLLECTOR",
        "PROJECTION",
        "FILTER",
        "FLATTEN",
        "LIMIT",
        "SKIP",
        "TOP_K",
        "TOP_K_SCAN",
        "ORDER_BY",
        "ORDER_BY_MERGE",
        "ORDER_BY_SCAN",
        "AGGREGATE",
        "AGGREGATE_FINALIZE",
        "AGGREGATE_SCAN",
        "HASH_JOIN_BUILD",
        "HASH_JOIN_PROBE",
        "INTERSECT",
        "INTERSECT_BUILD",
        "CROSS_PRODUCT",
        "MULTIPLICITY_REDUCER",
        "UNWIND",
        "UNION_ALL_SCAN",
        "SCAN_NODE_TABLE",
        "SCAN_REL_TABLE",
        "PRIMARY_KEY_SCAN_NODE_TABLE",
        "QUERY_PRIMARY_KEY_LOOKUP",
        "RECURSIVE_EXTEND",
        "PATH_PROPERTY_PROBE",
        "SEMI_MASKER",
        "EMPTY_RESULT",
        "DUMMY_SCAN",
        "DUMMY_SINK",
        "TABLE_FUNCTION_CALL",
        "OFFSET_SCAN_NODE_TABLE",
    ]
)
#: operators that change data, allowed with --write (on a throwaway copy)
WRITE_OPERATORS = frozenset(["INSERT", "SET_PROPERTY", "DELETE", "MERGE"])
#: table functions the engine uses inside ordinary queries, and schema look-ups
TABLE_FUNCTIONS = frozenset(
    [
        "READ_FTABLE",
        "SHOW_TABLES",
        "TABLE_INFO",
        "SHOW_CONNECTION",
        "DB_VERSION",
        "REC_JOINS",
        "SPFS",
        "SPJOINS",
        "SP_JOINS",
        "SP_PATHS",
        "SP_DESTINATIONS",
        "VAR_LEN_JOINS",
        "ALL_SP_DESTINATIONS",
        "ALL_SP_PATHS",
        "WSP_DESTINATIONS",
        "WSP_PATHS",
        "ALL_WSP_DESTINATIONS",
        "ALL_WSP_PATHS",
    ]
)
#: words that reach files, extensions, other databases or settings: refused anywhere in code
FORBIDDEN_WORDS = frozenset(
    [
        "LOAD",
        "COPY",
        "INSTALL",
        "UNINSTALL",
        "UPDATE",
        "ATTACH",
        "USE",
        "IMPORT",
        "EXPORT",
        "CHECKPOINT",
    ]
)
#: what may follow CALL on the embedded engine (schema look-ups)
CALLABLE = frozenset(["show_tables", "table_info", "show_connection", "db_version"])
#: what may follow CALL on Neo4j: a subquery and the schema procedures
NEO4J_CALLABLE = frozenset(
    [
        "{",
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
    ]
)

_BACKTICK_OK = re.compile(r"`[\w .\-]*`")
#: a literal no lexer can end elsewhere: no quote, backslash, backtick, ';' or line break
_PLAIN_LITERAL = re.compile(r"'[^'\"\\`;\r\n]*'|\"[^'\"\\`;\r\n]*\"")
_UNSAFE_CODE = re.compile(r"['\"\\]|//|/\*|\*/")
_SPACE = re.compile(r"\s*")
_OPERATOR = re.compile(r"│\s*([A-Z][A-Z0-9_]*)\[(\d+)\]")
_FUNCTION = re.compile(r"Function:\s*([A-Za-z0-9_]+)")


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement as the engine will run it: code only, its strings as parameters."""

    text: str
    params: dict[str, Any] = field(default_factory=dict)
    #: parameter name -> the literal as the user wrote it (for messages and column names)
    literals: dict[str, str] = field(default_factory=dict)
    #: the statement as the user wrote it, strings and comments included (never run)
    source: str = ""

    def readable(self, text: str) -> str:
        """``text`` (an engine message or column name) with our parameters shown as the
        literals they stand for.

        >>> Statement("RETURN $__s0", {"__s0": "a"}, {"__s0": "'a'"}).readable("$__s0")
        "'a'"
        """
        for name in sorted(self.literals, key=len, reverse=True):
            text = text.replace("$" + name, self.literals[name])
        return text


def sanitise(
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    callable_: frozenset[str] = CALLABLE,
) -> list[Statement]:
    """The statements of ``query`` with comments removed and strings made parameters.

    Raises QueryError for what the sandbox refuses before the engine sees anything:
    an unterminated string or comment, an unusual backtick name, a word that reaches
    files, extensions or other databases, a CALL of anything but a schema look-up.

    >>> [s.text for s in sanitise("MATCH (p) // note\\nWHERE p.t = 'x;y' RETURN p; RETURN 1")]
    ['MATCH (p)  \\nWHERE p.t = $__s0  RETURN p', 'RETURN 1']
    """
    user = dict(params or {})
    code, strings, literals = _rewrite(query)
    unsafe = _UNSAFE_CODE.search(_PLAIN_LITERAL.sub(" ", _BACKTICK_OK.sub("``", code)))
    if unsafe:
        raise QueryError(f"the sandbox cannot read this query safely ({unsafe.group()!r} left)")
    _refuse_words(code, callable_)
    statements = []
    pieces = code.split(";")
    sources = _sources(query)
    if len(sources) != len(pieces):  # a `;` inside a backtick name: no source to show
        sources = [""] * len(pieces)
    for piece, source in zip(pieces, sources, strict=True):
        if not piece.strip():
            continue
        used = set(re.findall(r"\$(\w+)", piece))
        values = {k: v for k, v in user.items() if k in used}
        values.update({k: strings[k] for k in used if k in strings})
        known = {k: literals[k] for k in used if k in literals}
        statements.append(Statement(piece.strip(), values, known, source.strip()))
    if not statements:
        raise QueryError("the query is empty")
    return statements


def _sources(query: str) -> list[str]:
    """``query`` split at each ``;`` that ends a statement (not one inside a string or
    comment), as written.

    >>> _sources("RETURN 'a;b'; RETURN 1 // ;")
    ["RETURN 'a;b'", ' RETURN 1 // ;']
    """
    ends = [t.offset for t in tokens(query) if t.kind == "punct" and t.text == ";"]
    starts = [0, *(end + 1 for end in ends)]
    return [query[a:b] for a, b in zip(starts, [*ends, len(query)], strict=True)]


def _rewrite(query: str) -> tuple[str, dict[str, str], dict[str, str]]:
    out: list[str] = []
    strings: dict[str, str] = {}
    literals: dict[str, str] = {}
    for tok in tokens(query):
        if tok.kind == "comment":
            if tok.text.startswith("/*") and not tok.text.endswith("*/"):
                raise _at(query, tok.offset, "this comment is never closed")
            out.append(" ")
        elif tok.kind == "string":
            if len(tok.text) < 2 or tok.text[-1] != tok.text[0] or _odd_escape(tok.text):
                raise _at(query, tok.offset, "this string is never closed")
            if _PLAIN_LITERAL.fullmatch(tok.text):
                out.append(tok.text)  # read alike by any lexer; kept, as some places need it
                out.append(_gap(query, tok))
                continue
            name = f"__s{len(strings)}"
            strings[name] = unescape(tok.text[1:-1])
            literals[name] = tok.text
            out.append(f"${name} ")  # a space: two literals side by side stay two tokens
        else:
            out.append(tok.text)
        out.append(_gap(query, tok))
    return "".join(out), strings, literals


def _gap(query: str, tok: Any) -> str:
    """The white space after ``tok`` as one plain space or line break (no engine can read
    that differently); line breaks are kept so engine messages name the right line."""
    gap = _SPACE.match(query, tok.offset + len(tok.text))
    text = gap.group() if gap else ""
    return "\n" * text.count("\n") or (" " if text else "")


def _odd_escape(text: str) -> bool:
    trailing = len(text[1:-1]) - len(text[1:-1].rstrip("\\"))
    return trailing % 2 == 1


def _refuse_words(code: str, callable_: frozenset[str]) -> None:
    toks = list(tokens(code))
    for i, tok in enumerate(toks):
        word = tok.text.upper() if tok.kind == "word" else ""
        if word in FORBIDDEN_WORDS:
            raise QueryError(
                f"{word} is not allowed: queries cannot read or write files, install or load "
                "extensions, or open other databases (see docs/security.md)"
            )
        if word == "CALL":
            callee = _callee(toks[i + 1 :])
            if callee.lower() not in callable_:
                allowed = ", ".join(sorted(callable_))
                refused = f"CALL {callee or '…'} is not allowed; CALL may run: {allowed}"
                raise QueryError(explain(code, refused))


def _callee(after: list[Any]) -> str:
    """What a CALL calls: ``{`` for a subquery, else the dotted name before ``(``.

    >>> _callee(list(tokens("db.labels() YIELD x"))), _callee(list(tokens("{ MATCH (n) }")))
    ('db.labels', '{')
    """
    if after and after[0].text == "{":
        return "{"
    name = []
    for tok in after:
        if tok.kind != "word" and tok.text != ".":
            break
        name.append(tok.text)
    return "".join(name)


def _at(query: str, offset: int, message: str) -> QueryError:
    line, column = position(query, offset)
    return QueryError(f"{message} (line {line}, column {column})")


_UNESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "0": "\0"}


def unescape(body: str) -> str:
    r"""The value of a Cypher string literal's body.

    >>> unescape(r"it\'s \u00e9\n\\")
    "it's é\n\\"
    """

    def one(match: re.Match[str]) -> str:
        esc = match.group(1)
        if esc[0] in "uU" and len(esc) > 1:
            return chr(int(esc[1:], 16))
        return _SIMPLE.get(esc, esc)

    return _UNESCAPE.sub(one, body)


def check_plan(plan: str, *, write: bool) -> None:
    """Raise QueryError unless every operator and table function in the engine's physical
    plan (``EXPLAIN`` text) is allowed. A plan that cannot be read whole is refused.

    >>> try:
    ...     check_plan("│ RESULT_COLLECTOR[1] │\\n│ INSTALL_EXTENSION[0] │", write=False)
    ... except QueryError as exc:
    ...     print(str(exc).split(":")[0])
    INSTALL_EXTENSION is not allowed in a query
    """
    found = {int(i): op for op, i in _OPERATOR.findall(plan)}
    if not found or sorted(found) != list(range(len(found))):
        raise QueryError("the sandbox could not read the engine's plan for this query")
    allowed = READ_OPERATORS | (WRITE_OPERATORS if write else frozenset())
    for op in found.values():
        if op not in allowed:
            hint = "" if write or op not in WRITE_OPERATORS else " (add --write)"
            raise QueryError(
                f"{op} is not allowed in a query{hint}: queries may read and (with --write) "
                "change the graph's data, nothing else (see docs/security.md)"
            )
    for function in _FUNCTION.findall(plan):
        if function.upper() not in TABLE_FUNCTIONS:
            raise QueryError(f"the function {function} is not allowed in a query")
