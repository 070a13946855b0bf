"""The curation file: a graph directory's hand corrections, kept across rebuilds.

``DIR/curation.jsonl`` holds one correction per line, in the order they were made;
blank lines and lines starting with ``#`` are comments. Every ``build`` and ``add``
into ``DIR`` applies them to the extracted records (:mod:`.corrections`), so an error
corrected once never comes back. A line is one JSON object::

    {"op": "merge", "name": "GRPO-2", "type": "Method", "into": "GRPO", "into_type": "Method"}
    {"op": "rename", "name": "Llama 2 7B", "type": "Model", "to": "Llama-2-7B"}
    {"op": "retype", "name": "Werewolf", "type": "Method", "to": "Benchmark"}
    {"op": "block", "name": "ISBN 978-3-16"}
    {"op": "unlink", "paper": "arxiv:2401.01234", "name": "Chess", "type": "Benchmark"}

``type`` (Benchmark, Model or Method, written as the graph's labels and read in any case,
singular or plural) says which entity a name means when several types have it; without it
the most mentioned one is meant. ``at`` (when it was made) and ``title`` (of an unlinked
paper) are for people and never change what is done.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from paperkg.extract.errors import InputError
from paperkg.extract.normalise import name_key
from paperkg.extract.records import TYPE_LABELS, entity_type

from .generations import CURATION

FILE = CURATION
#: the types as corrections hold them (lower case); read with the shared vocabulary
#: (``extract.records.entity_type``), written as the graph's labels
TYPES = ("benchmark", "model", "method")
#: for each operation: the fields it needs, and the optional ones it may have
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("name", "into"), ("type", "into_type")),
    "rename": (("name", "to"), ("type",)),
    "retype": (("name", "to"), ("type",)),
    "block": (("name",), ()),
    "unlink": (("paper", "name"), ("type", "title")),
}
_ALWAYS = ("op", "at")
#: the order of a line's fields, for people reading the file
_ORDER = ("op", "paper", "title", "name", "type", "into", "into_type", "to", "at")
_TYPED = ("type", "into_type")


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction. ``type``/``into_type`` are lower-case types (:data:`TYPES`);
    ``to`` is the new name (rename) or the new type (retype)."""

    op: str
    name: str
    type: str | None = None
    to: str | None = None
    into: str | None = None
    into_type: str | None = None
    paper: str | None = None
    title: str | None = None
    at: str | None = None
    #: the line of the curation file it was read from (0 for a new one)
    line: int = field(default=0, compare=False)

    def to_json(self) -> dict[str, str]:
        """The object written on its line (fields that are set, ``op`` first; types as the
        graph's labels, like every output)."""
        typed = (*_TYPED, *(("to",) if self.op == "retype" else ()))
        return {
            k: TYPE_LABELS[v.upper()] if k in typed else v
            for k in _ORDER
            if (v := getattr(self, k)) is not None
        }

    def describe(self) -> str:
        """One line for people: ``merge "GRPO-2" (method) into "GRPO" (method)``."""
        name = _named(self.name, self.type)
        if self.op == "merge":
            return f"merge {name} into {_named(self.into or '', self.into_type)}"
        if self.op == "rename":
            return f"rename {name} to {json.dumps(self.to, ensure_ascii=False)}"
        if self.op == "retype":
            return f"retype {name} as a {self.to}"
        if self.op == "unlink":
            return f"unlink {name} from {json.dumps(self.title or self.paper, ensure_ascii=False)}"
        return f"block {name}"


def _named(name: str, etype: str | None) -> str:
    shown = json.dumps(name, ensure_ascii=False)
    return f"{shown} ({etype})" if etype else shown


@dataclass(frozen=True, slots=True)
class Curation:
    """The corrections of one curation file, with its lines (comments kept) for rewriting."""

    corrections: tuple[Correction, ...] = ()
    lines: tuple[str, ...] = ()

    def digest(self) -> str:
        """A fingerprint of what the corrections do (comments and ``at`` do not count)."""
        ops = [{k: v for k, v in c.to_json().items() if k != "at"} for c in self.corrections]
        return hashlib.sha256(json.dumps(ops, sort_keys=True).encode()).hexdigest()[:16]

    def with_added(self, correction: Correction) -> Curation:
        line = json.dumps(correction.to_json(), ensure_ascii=False)
        added = replace(correction, line=len(self.lines) + 1)
        return Curation((*self.corrections, added), (*self.lines, line))

    def without(self, number: int) -> Curation:
        """Without correction ``number`` (1 is the first)."""
        gone = self.corrections[number - 1].line
        kept = tuple(replace(c, line=c.line - (c.line > gone)) for c in self.corrections)
        return Curation(
            kept[: number - 1] + kept[number:], self.lines[: gone - 1] + self.lines[gone:]
        )

    def text(self) -> str:
        return "".join(f"{line}\n" for line in self.lines)


def read(path: str | Path) -> Curation:
    """The curation file at ``path`` (empty when there is none); InputError naming the file
    and line for anything that is not a correction."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Curation()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the curation file as UTF-8 text: {exc}", path=p) from exc
    lines = tuple(text.splitlines())
    corrections = tuple(
        parse_line(line, p, n)
        for n, line in enumerate(lines, 1)
        if line.strip() and not line.lstrip().startswith("#")
    )
    return Curation(corrections, lines)


def of_directory(directory: str | Path) -> Curation:
    return read(Path(directory) / FILE)


def parse_line(line: str, path: Path, n: int) -> Correction:
    """One correction from its JSON line."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _bad(
            f"not valid JSON ({exc.msg}); expected one correction per line", path, n
        ) from None
    if not isinstance(data, dict):
        raise _bad('expected a JSON object such as {"op": "block", "name": "..."}', path, n)
    op = data.get("op")
    if op not in FIELDS:
        raise _bad(f'"op" must be one of {", ".join(FIELDS)}, got {op!r}', path, n)
    required, optional = FIELDS[op]
    unknown = sorted(set(data) - {*required, *optional, *_ALWAYS})
    if unknown:
        allowed = ", ".join(f'"{k}"' for k in (*required, *optional, "at"))
        raise _bad(f'unknown field "{unknown[0]}" for {op} (it takes {allowed})', path, n)
    for key in (*required, *optional, "at"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            raise _bad(f'"{key}" must be a non-empty string', path, n)
    missing = [k for k in required if k not in data]
    if missing:
        raise _bad(f'{op} needs "{missing[0]}"', path, n)
    fields = {k: data[k].strip() for k in data if k != "op"}
    for key in (*_TYPED, *(("to",) if op == "retype" else ())):
        if key in fields:
            fields[key] = _type(fields[key], key, path, n)
    for key in ("name", "into", *(("to",) if op == "rename" else ())):
        if key in fields and not name_key(fields[key]):
            raise _bad(f'"{key}" needs a letter or a digit, got {fields[key]!r}', path, n)
    return Correction(op=op, line=n, **fields)


def _type(value: str, key: str, path: Path, n: int) -> str:
    try:
        return entity_type(value).lower()
    except ValueError:
        raise _bad(f'"{key}" must be one of {", ".join(TYPES)}, got {value!r}', path, n) from None


def _bad(message: str, path: Path, n: int) -> InputError:
    return InputError(message, path=path, line=n)


def write(directory: str | Path, curation: Curation) -> None:
    """Replace ``DIR/curation.jsonl`` atomically (removed when it would be empty)."""
    target = Path(directory) / FILE
    if not curation.lines:
        target.unlink(missing_ok=True)
        return
    tmp = target.with_name(f".{FILE}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(curation.text())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def summary(curation: Curation, changed: list[int]) -> dict[str, Any]:
    """What a generation's manifest records of the curation applied to it."""
    return {"digest": curation.digest(), "changed": changed}
