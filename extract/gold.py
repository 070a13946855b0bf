"""Gold annotations in the guidelines' format: reading, validating, pairing with papers.

A gold file is JSON Lines; each line is
``{"title": ..., "entities": [{"type", "name", "aliases", "role"}], "abstract"?: ...}``;
a type is read in any case, singular or plural (``BENCHMARK``, ``Benchmark``).
Every problem is an :class:`InputError` naming the file, the line and what was expected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .normalise import paper_id, title_key
from .records import ROLES, Entity, Paper, entity_type
from .stdin import is_stdin, shown, stdin_bytes


@dataclass(frozen=True, slots=True)
class GoldPaper:
    """One annotated paper; ``abstract`` is None when the gold line does not carry the text."""

    title: str
    entities: tuple[Entity, ...]
    abstract: str | None = None
    line: int = 0
    #: entities marked ``"optional": true``: borderline, neither required nor wrong
    optional: tuple[Entity, ...] = ()

    @property
    def all_entities(self) -> tuple[Entity, ...]:
        """Required and optional entities (what training learns from)."""
        return self.entities + self.optional

    def paper(self, source: str = "gold") -> Paper:
        """The annotated paper itself, for gold lines that carry the abstract."""
        title = " ".join(self.title.split())
        return Paper(
            id=paper_id(title),
            title=title,
            abstract=" ".join((self.abstract or "").split()),
            source=(source,),
        )


def read_gold(path: str | Path) -> list[GoldPaper]:
    """All records of a gold file (``-``: standard input); raises on the first bad line,
    or on an empty file."""
    p = Path(shown(path))
    try:
        data = stdin_bytes("gold annotations").read() if is_stdin(path) else p.read_bytes()
        lines = data.decode("utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError("no such gold file", path=p) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the gold file as UTF-8 text: {exc}", path=p) from exc
    records = [_record(p, n, line) for n, line in enumerate(lines, 1) if line.strip()]
    if not records:
        raise InputError("gold file is empty; expected JSON Lines with title and entities", path=p)
    return records


def _record(path: Path, n: int, line: str) -> GoldPaper:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON ({exc.msg}); expected one gold record per line", path=path, line=n
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("title"), str) or not data["title"]:
        raise InputError('expected an object with a non-empty "title"', path=path, line=n)
    if not isinstance(data.get("entities"), list):
        raise InputError('expected an "entities" list', path=path, line=n)
    parsed = [
        (_entity(path, n, i, e), e.get("optional") is True)
        for i, e in enumerate(data["entities"], 1)
    ]
    abstract = data.get("abstract")
    return GoldPaper(
        data["title"],
        tuple(e for e, optional in parsed if not optional),
        abstract if isinstance(abstract, str) else None,
        n,
        tuple(e for e, optional in parsed if optional),
    )


def _entity(path: Path, n: int, i: int, data: object) -> Entity:
    where = f"entity {i}: "
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
        raise InputError(where + 'expected an object with a non-empty "name"', path=path, line=n)
    try:
        etype = entity_type(data.get("type"))
    except ValueError as exc:
        raise InputError(where + str(exc), path=path, line=n) from None
    role = data.get("role", "uses")
    if role not in ROLES:
        raise InputError(
            where + f"role must be one of {', '.join(ROLES)}, got {role!r}", path=path, line=n
        )
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InputError(where + '"aliases" must be a list of strings', path=path, line=n)
    return Entity(type=etype, name=data["name"], aliases=tuple(aliases), role=role)


def attach_text(
    gold: list[GoldPaper], papers: Iterable[Paper], gold_path: str | Path = "gold"
) -> list[tuple[GoldPaper, Paper]]:
    """Pair each gold record with its paper by normalised title; gold text wins if present.

    Raises when a gold record has no text and no paper of that title.
    """
    by_title = {title_key(p.title): p for p in papers}
    pairs = []
    for record in gold:
        paper = by_title.get(title_key(record.title))
        if record.abstract is not None:
            paper = record.paper()
        if paper is None:
            raise InputError(
                f"no paper with the title {record.title!r} in the source files, and "
                'the gold line has no "abstract"',
                path=gold_path,
                line=record.line,
            )
        pairs.append((record, paper))
    return pairs
