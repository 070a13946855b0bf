"""Engine errors a Neo4j user can act on.

The embedded engine answers Neo4j-only syntax with a bare parser or binder message
("Invalid input <MATCH p = shortestPath>", "Variable x is not in scope"). :func:`explain`
puts first what to write instead, in a form that runs here and on Neo4j, and for an
unknown label or relationship type the closest names in the schema. The constructs are
data (:data:`CONSTRUCTS`); each one's portable query is in docs/cypher.md, where a test
runs it on the engine and checks it with Neo4j's grammar.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import schema as s
from .cypher_text import Token, tokens

_PARSER = "Parser exception"
_OUT_OF_SCOPE = "Binder exception: Variable"
_CALL_REFUSED = "CALL "  # the sandbox's refusal of a CALL it does not allow


@dataclass(frozen=True, slots=True)
class Construct:
    """A Neo4j construct the embedded engine lacks, how to spot it, what to write instead."""

    name: str
    found: Callable[[Sequence[Token]], bool]
    advice: str
    #: a query that runs on the embedded engine and on Neo4j (also in docs/cypher.md)
    portable: str
    #: how the messages this construct causes begin
    errors: tuple[str, ...] = (_PARSER,)


def _code(query: str) -> list[Token]:
    return [t for t in tokens(query) if t.kind != "comment"]


Match = Callable[[Token], bool]


def _word(*words: str) -> Match:
    return lambda tok: tok.kind == "word" and (not words or tok.text.upper() in words)


def _text(*texts: str) -> Match:
    return lambda tok: tok.kind == "punct" and tok.text in texts


def _has(code: Sequence[Token], *pattern: Match) -> bool:
    """Whether ``pattern`` matches some run of consecutive tokens of ``code``."""
    n = len(pattern)
    return any(
        all(match(tok) for match, tok in zip(pattern, code[i : i + n], strict=True))
        for i in range(len(code) - n + 1)
    )


def _shortest_path(code: Sequence[Token]) -> bool:
    return _has(code, _word("SHORTESTPATH", "ALLSHORTESTPATHS"), _text("("))


def _list_comprehension(code: Sequence[Token]) -> bool:
    return _has(code, _text("["), _word(), _word("IN"))


def _pattern_comprehension(code: Sequence[Token]) -> bool:
    return _has(code, _text("["), _text("("))


def _call_subquery(code: Sequence[Token]) -> bool:
    return _has(code, _word("CALL"), _text("{", "("))


def _map_projection(code: Sequence[Token]) -> bool:
    return _has(code, _word(), _text("{"), _text("."))


def _label_predicate(code: Sequence[Token]) -> bool:
    """``WHERE n:Model``, ``AND NOT n:Method``, ``WHERE (n:Model OR n:Method)``."""
    test = (_word(), _text(":"), lambda tok: tok.kind in ("word", "name"))
    clause = _word("WHERE", "AND", "OR", "XOR", "NOT")
    return _has(code, clause, *test) or _has(code, clause, _text("("), *test)


CONSTRUCTS: tuple[Construct, ...] = (
    Construct(
        "shortestPath(…)",
        _shortest_path,
        "match a variable-length path with an upper bound and keep the shortest "
        "(the embedded engine alone also has `-[* SHORTEST 1..5]-`)",
        "MATCH path = (a:Paper)-[:CITES*1..5]-(b:Paper {id: 'arxiv:2307.13854'})\n"
        "RETURN a.title AS paper, length(path) AS steps\n"
        "ORDER BY steps, paper\n"
        "LIMIT 5",
    ),
    Construct(
        "list comprehension [x IN list WHERE … | …]",
        _list_comprehension,
        "UNWIND the list and collect() what you keep; any(x IN list WHERE …) tests a list",
        "MATCH (e:Benchmark|Model|Method)\n"
        "UNWIND e.aliases AS alias\n"
        "WITH e, alias WHERE alias <> e.name\n"
        "RETURN e.name AS entity, collect(toLower(alias)) AS other_names\n"
        "ORDER BY entity",
        (_PARSER, _OUT_OF_SCOPE),
    ),
    Construct(
        "pattern comprehension [(a)-->(b) | b.name]",
        _pattern_comprehension,
        "OPTIONAL MATCH the pattern and collect() the values, or COUNT { … } to count it",
        "MATCH (p:Paper)\n"
        "OPTIONAL MATCH (p)-[:USES]->(m:Model)\n"
        "RETURN p.title AS title, collect(m.name) AS models\n"
        "ORDER BY title",
        (_PARSER, _OUT_OF_SCOPE),
    ),
    Construct(
        "CALL { … } subquery",
        _call_subquery,
        "count or test per row with COUNT { … } or EXISTS { … }, or aggregate with "
        "OPTIONAL MATCH … WITH … count()",
        "MATCH (p:Paper)\n"
        "RETURN p.title AS title, COUNT { MATCH (p)-[:USES]->(:Model) } AS models\n"
        "ORDER BY models DESC, title\n"
        "LIMIT 10",
        (_PARSER, _CALL_REFUSED),
    ),
    Construct(
        "label test in WHERE (WHERE n:Model)",
        _label_predicate,
        "put the labels in the pattern: (n:Model), or (n:Model|Method) for either",
        "MATCH (p:Paper)-[:USES]->(n:Model|Method)\n"
        "RETURN n.name AS name, count(DISTINCT p) AS papers\n"
        "ORDER BY papers DESC, name\n"
        "LIMIT 10",
    ),
    Construct(
        "map projection p {.title, .year}",
        _map_projection,
        "write the map out, {title: p.title, year: p.year}, or return the properties",
        "MATCH (p:Paper)\nRETURN {title: p.title, year: p.year} AS paper\nORDER BY paper.title",
    ),
)


def explain(query: str, message: str) -> str:
    """``message`` with what to write instead, when ``query`` fails on Neo4j-only syntax
    or names a label or relationship type the graph does not have.

    >>> print(explain("MATCH (p:Papr) RETURN p", "Binder exception: Table Papr does not exist."))
    Binder exception: Table Papr does not exist.
    There is no label Papr; did you mean Paper? (labels: Paper, Benchmark, Model, Method)
    """
    unknown = re.search(r"Table (\S+?) does not exist", message)
    if unknown:
        return f"{message}\n{_closest(query, unknown.group(1))}"
    code = _code(query)
    found = [c for c in CONSTRUCTS if message.startswith(c.errors) and c.found(code)]
    if found:
        return "\n".join([*map(_advise, found), f"Details: {message}"])
    if "parsed_parameter_expression" in message:
        return (
            "The embedded engine cannot read a $parameter inside any(), all(), none(), "
            "single() or a list function, and paperkg passes a string holding a quote, "
            "backslash or ';' as a parameter: bind it first, WITH $x AS s … "
            "any(a IN list WHERE a = s) "
            f"(docs/cypher.md).\nDetails: {message}"
        )
    return message


def _advise(construct: Construct) -> str:
    portable = "\n".join("    " + line for line in construct.portable.splitlines())
    return (
        f"{construct.name} is Neo4j syntax the embedded engine does not have: "
        f"{construct.advice}. For example (runs here and on Neo4j):\n{portable}\n"
        "See docs/cypher.md, 'Where the embedded dialect differs from Neo4j'."
    )


_NAMES = {"label": s.LABELS, "relationship type": s.REL_TYPES}


def _closest(query: str, name: str) -> str:
    kind = _kind_of(query, name)
    kinds = [kind] if kind else list(_NAMES)
    by_key = {known.lower(): known for k in kinds for known in _NAMES[k]}
    close = difflib.get_close_matches(name.lower(), by_key, n=1, cutoff=0.5)
    guess = f"; did you mean {by_key[close[0]]}?" if close else "."
    listed = "; ".join(f"{k}s: {', '.join(_NAMES[k])}" for k in kinds)
    return f"There is no {kind or 'label or relationship type'} {name}{guess} ({listed})"


def _kind_of(query: str, name: str) -> str | None:
    """Whether ``name`` is written as a node label ``(n:Name)`` or a relationship type
    ``[:Name]`` in ``query`` (None when it is neither, e.g. a table function's argument)."""
    stack: list[str] = []
    code = _code(query)
    for i, tok in enumerate(code):
        if tok.text in "([{" and tok.kind == "punct":
            stack.append(tok.text)
        elif tok.text in ")]}" and tok.kind == "punct" and stack:
            stack.pop()
        elif tok.text.strip("`") == name and i and code[i - 1].text in (":", "|") and stack:
            return {"(": "label", "[": "relationship type"}.get(stack[-1])
    return None
