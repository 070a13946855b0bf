"""Assemble the annotated training data in ``extract/data/training/`` from the batches.

Maintainer script. Each output line carries the record's text, its id, year, venue or
categories, source and licence, and its gold entities (the guidelines' format, with
``optional`` kept), so every file is self-contained for ``paperkg train``/``eval``.
Records of the frozen test split (``frozen_test_ids.txt``) go to ``frozen_test.jsonl``,
the rest to ``train.jsonl``. Where a batch was annotated twice and adjudicated, the
adjudicated gold is used and the independent second annotation is kept beside it:

    python scripts/assemble_training.py /tmp/annot ../shared/annotation/train_seed
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "extract" / "data" / "training"
KEEP = ("id", "title", "abstract", "year", "venue_or_category", "source", "licence")


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.open(encoding="utf-8") if x.strip()]


def _pairs(annot: Path, seed: Path) -> list[tuple[dict, dict, str]]:
    """(paper, gold, batch name) for every annotated record."""
    out = [
        (p, g, "seed")
        for p, g in zip(_lines(seed / "papers.jsonl"), _lines(seed / "gold.jsonl"), strict=True)
    ]
    batches = (annot / "batches").glob("batch_*.papers.jsonl")
    # in batch-number order (batch_100 after batch_99), so earlier records keep their place
    for papers in sorted(batches, key=lambda p: int(p.name.split(".")[0].split("_")[1])):
        name = papers.name.split(".")[0]
        adjudicated = annot / "adjudicated" / f"{name}.gold.jsonl"
        gold = adjudicated if adjudicated.exists() else annot / "out" / f"{name}.gold.jsonl"
        out += [(p, g, name) for p, g in zip(_lines(papers), _lines(gold), strict=True)]
    return out


def main() -> None:
    annot, seed = Path(sys.argv[1]), Path(sys.argv[2])
    frozen = set((OUT / "frozen_test_ids.txt").read_text(encoding="utf-8").split())
    files = {"train": [], "frozen_test": []}
    for paper, gold, batch in _pairs(annot, seed):
        if paper["id"] != gold["id"] or "UNKNOWN" in paper["licence"].upper():
            raise SystemExit(
                f"{batch}: {paper['id']} does not pair with its gold or is not licensed"
            )
        record = {k: paper[k] for k in KEEP} | {"batch": batch, "entities": gold["entities"]}
        files["frozen_test" if paper["id"] in frozen else "train"].append(record)
    for name, records in files.items():
        with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    second = _lines(seed / "second_annotation_batches_0_5.jsonl")
    second = [dict(r, batch="seed") for r in second]
    for path in sorted((annot / "second").glob("batch_*.gold.jsonl")):
        second += [dict(r, batch=path.name.split(".")[0]) for r in _lines(path)]
    with (OUT / "second_annotation.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in second)
    print({k: len(v) for k, v in files.items()}, "second:", len(second))


if __name__ == "__main__":
    main()
