"""Which stop-list entries the annotators treat as entities, measured on gold files.

Maintainer script. The stop list drops a name outright, before the learned classifier
can judge it from context; an entry that annotators mark as a required entity in many
of the papers that mention it costs recall. For each entry this prints the number of
papers whose gold holds it as a required entity (as the name or an alias, by
``name_key``), the number of papers whose text mentions it (case-insensitive, space or
hyphen between words), and the share, for entries at or above both thresholds:

    .venv/bin/python scripts/audit_stoplist.py extract/data/training/train.jsonl \
        --skip 3409 --min-papers 2 --min-share 0.25

``--skip N`` leaves out the file's first N records (the ones cross-validation scores
on, so the audit that changes the list never reads them).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

from paperkg.extract.errors import PaperKGError
from paperkg.extract.experiments import load_specs
from paperkg.extract.normalise import name_key
from paperkg.extract.wordlists import STOPLIST_FILE, shipped_file


def entries(path: Path) -> dict[str, tuple[str, str]]:
    """Each entry's name key -> (its part of the list, the entry as written)."""
    out: dict[str, tuple[str, str]] = {}
    with open(path, "rb") as handle:
        parts = tomllib.load(handle)
    for part, block in parts.items():
        for item in str(block).replace("\n", " ").split(","):
            if name_key(item.strip()):
                out.setdefault(name_key(item.strip()), (part, item.strip()))
    return out


def mention_pattern(items: list[str]) -> re.Pattern[str]:
    """Any of ``items`` in running text, in any case, words joined by a space, a hyphen or
    nothing; longer entries first, so "ROUGE-L" is not counted as "ROUGE".

    >>> [m.group(0) for m in mention_pattern(["Beam Search"]).finditer("beam-search")]
    ['beam-search']
    """
    alternatives = (
        r"[\s-]?".join(re.escape(w) for w in re.split(r"[\s-]+", item))
        for item in sorted(items, key=len, reverse=True)
    )
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL with text, optionally GOLD=PAPERS")
    ap.add_argument("--stoplist", type=Path, default=shipped_file(STOPLIST_FILE))
    ap.add_argument("--skip", type=int, default=0, help="leave out the first N records")
    ap.add_argument("--min-papers", type=int, default=2)
    ap.add_argument("--min-share", type=float, default=0.25)
    args = ap.parse_args()
    try:
        pairs = load_specs(args.gold)
        listed = entries(args.stoplist)
    except (PaperKGError, OSError, tomllib.TOMLDecodeError) as exc:
        sys.exit(f"audit_stoplist: {exc}")
    pairs = pairs[args.skip :]
    pattern = mention_pattern([item for _, item in listed.values()])
    annotated: Counter[str] = Counter()
    mentioned: Counter[str] = Counter()
    for gold_paper, paper in pairs:
        keys = {name_key(n) for e in gold_paper.entities for n in (e.name, *e.aliases)}
        annotated.update(keys & listed.keys())
        mentioned.update(
            {name_key(m.group(0)) for m in pattern.finditer(paper.text)} & listed.keys()
        )
    print(f"{len(pairs)} papers; entry, part, papers annotating it, papers mentioning it, share")
    for key in sorted(listed, key=lambda k: -annotated[k]):
        share = annotated[key] / max(mentioned[key], annotated[key], 1)
        if annotated[key] >= args.min_papers and share >= args.min_share:
            part, item = listed[key]
            print(f"{item}\t{part}\t{annotated[key]}\t{mentioned[key]}\t{share:.2f}")


if __name__ == "__main__":
    main()
