"""Check an annotated batch against its papers file, by the guidelines' mechanical rules.

Maintainer script: every gold line pairs with the paper on the same line (same id and
title), types and roles are valid, every name and alias occurs verbatim in the title or
abstract, and no entity is listed twice. Prints every problem and exits 1 if any:

    python scripts/check_annotation.py batch_00.papers.jsonl batch_00.gold.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

TYPES = {"BENCHMARK", "MODEL", "METHOD"}
ROLES = {"introduces", "uses"}
KEYS = {"type", "name", "aliases", "role", "optional"}


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def problems(papers: list[dict], gold: list[dict]) -> list[str]:
    """Every rule broken, one message each (empty when the batch is clean)."""
    out = []
    if len(papers) != len(gold):
        out.append(f"{len(gold)} gold lines for {len(papers)} papers")
    for n, (paper, rec) in enumerate(zip(papers, gold, strict=False), 1):
        where = f"line {n} ({paper['id']})"
        if rec.get("id") != paper["id"] or rec.get("title") != paper["title"]:
            out.append(f"{where}: id/title differ from the papers file")
        text = paper["title"] + "\n" + paper["abstract"]
        seen: set[str] = set()
        for ent in rec.get("entities", []):
            if not isinstance(ent, dict) or set(ent) - KEYS or not {"type", "name"} <= set(ent):
                out.append(f"{where}: bad entity {ent!r}")
                continue
            if ent["type"] not in TYPES:
                out.append(f"{where}: {ent['name']!r} has type {ent['type']!r}")
            if ent.get("role") not in ROLES:
                out.append(f"{where}: {ent['name']!r} has role {ent.get('role')!r}")
            aliases = ent.get("aliases", [])
            for form in aliases:
                if not form or form not in text:
                    out.append(f"{where}: alias {form!r} does not occur verbatim in the text")
            # a split-list item ('Llama-3.1 70B' of 'Llama-3.1 8B/70B') may be spelled out
            # when its written span is an alias
            if not ent["name"] or (ent["name"] not in text and not aliases):
                out.append(f"{where}: {ent['name']!r} does not occur verbatim in the text")
            key = _key(ent["name"])
            if key in seen:
                out.append(f"{where}: {ent['name']!r} listed twice")
            seen.add(key)
    return out


def main() -> int:
    papers_path, gold_path = map(Path, sys.argv[1:3])
    papers = [json.loads(x) for x in papers_path.open(encoding="utf-8") if x.strip()]
    try:
        gold = [json.loads(x) for x in gold_path.open(encoding="utf-8") if x.strip()]
    except json.JSONDecodeError as exc:
        print(f"{gold_path}: not JSON Lines: {exc}")
        return 1
    found = problems(papers, gold)
    for msg in found:
        print(msg)
    n = sum(len(r.get("entities", [])) for r in gold)
    print(f"{gold_path.name}: {len(gold)} papers, {n} entities, {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
