"""Retrain a model's NER with another architecture, keeping its classifiers and names.

Maintainer script; the shipped model's width-32 NER is this recipe (docs/extraction.md,
"The NER's head"). The new NER learns from the gold files and from ``--silver`` papers
marked by the ``--teacher`` model's NER: text the teacher learned from but whose
annotations cannot be used here (the 3,639 unknown-licence abstracts, whose annotations
were never published). The teacher's classifiers (``typer.json``, ``roles.json``), its
learned names (``names.tsv``) and its string table are copied unchanged, so no string of
the silver text enters the model directory:

    .venv/bin/python scripts/distil_ner.py -o /tmp/ner-w32 --width 32 --epochs 10 \\
        --teacher extract/data/ner \\
        --silver ../shared/corpus/unlabelled/UNKNOWN-LICENCE_conference_abstracts_2022-2024.jsonl \\
        extract/data/training/train.jsonl \\
        tests/fixtures/extract/dev_gold.jsonl=examples/trending-agents.txt

About 9 CPU minutes at width 32 on the shipped data (13,885 gold and 3,639 silver papers).
The output is written atomically; replace extract/data/ner with it once measured.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import spacy
from paperkg.extract.errors import PaperKGError
from paperkg.extract.experiments import load_specs
from paperkg.extract.files import atomic_dir
from paperkg.extract.readers import read_papers
from paperkg.extract.train import HEADS, MODEL_CONFIG, fit_ner

#: what the new model takes from the teacher's directory unchanged
KEPT = ("typer.json", "roles.json", "names.tsv", "vocab")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL, optionally GOLD=PAPERS")
    ap.add_argument("--teacher", type=Path, required=True, help="the model whose NER marks")
    ap.add_argument("--silver", action="append", default=[], help="papers the teacher marks")
    ap.add_argument("-o", "--output", type=Path, required=True, help="model directory")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--width", type=int, default=MODEL_CONFIG["width"])
    ap.add_argument("--head", choices=HEADS, default=MODEL_CONFIG["head"])
    args = ap.parse_args()
    try:
        pairs = load_specs(args.gold)
        silver = read_papers(args.silver).papers if args.silver else []
        teacher = spacy.load(args.teacher)
    except (PaperKGError, OSError) as exc:
        sys.exit(f"distil_ner: {exc}")
    print(f"{len(pairs)} gold papers, {len(silver)} silver", file=sys.stderr, flush=True)
    start = time.process_time()

    def progress(epoch: int, loss: float) -> None:
        cpu = time.process_time() - start
        print(f"NER epoch {epoch}: loss {loss:.0f}, {cpu:.0f} CPU s", file=sys.stderr, flush=True)

    config = {"width": args.width, "head": args.head}
    nlp = fit_ner(
        pairs,
        epochs=args.epochs,
        config=config,
        on_epoch=progress,
        teacher=teacher,
        silver=silver,
    )
    with atomic_dir(args.output) as tmp:
        nlp.to_disk(tmp)
        for name in KEPT:
            source, target = args.teacher / name, Path(tmp) / name
            if source.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(source, target)
            elif source.is_file():
                shutil.copy2(source, target)
    print(f"model written to {args.output}: {time.process_time() - start:.0f} CPU s")


if __name__ == "__main__":
    main()
