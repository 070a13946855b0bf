"""Choose the frozen test split: ids drawn at random per field, before any tuning.

Maintainer script, run once when the annotation batches were drawn and before any of
them was annotated, so nothing about the extractor could steer the choice:

    cd scripts && python freeze_test_split.py /tmp/annot/batches/batch_0*.papers.jsonl \
        /tmp/annot/batches/batch_1*.papers.jsonl /tmp/annot/batches/batch_20.papers.jsonl \
        ../../shared/annotation/train_seed/papers.jsonl --n 330 \
        > ../extract/data/training/frozen_test_ids.txt
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from sample_annotation import field


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("papers", type=Path, nargs="+")
    ap.add_argument("--n", type=int, default=330)
    ap.add_argument("--seed", type=int, default=20261205)
    args = ap.parse_args()
    by_field: dict[str, list[str]] = defaultdict(list)
    for path in args.papers:
        for line in path.open(encoding="utf-8"):
            rec = json.loads(line)
            by_field[field(rec)].append(rec["id"])
    total = sum(len(v) for v in by_field.values())
    rng = random.Random(args.seed)  # noqa: S311 (a reproducible draw, not a secret)
    chosen = []
    for name in sorted(by_field):
        ids = sorted(by_field[name])
        chosen += rng.sample(ids, round(args.n * len(ids) / total))
    print("\n".join(sorted(chosen)))


if __name__ == "__main__":
    main()
