"""Build an extraction model from several gold files, some of them private.

Maintainer script; the shipped model (extract/data/ner) is this recipe. `paperkg train`
reads one gold file; this one reads several, and takes ``--private`` gold files whose
papers the NERs and classifiers learn from but whose annotated names never go into the
model's ``names.tsv`` (the shipped model's 3,639 unknown-licence abstracts, whose
annotations are not published; extract/data/training/SOURCES.md):

    .venv/bin/python scripts/build_model.py -o extract/data/ner --epochs 10 --width 64 \
        extract/data/training/train.jsonl \
        tests/fixtures/extract/dev_gold.jsonl=examples/trending-agents.txt \
        --private /path/to/unknown_gold.jsonl

Each gold file may name the file holding its papers' abstracts after "=". On the
shipped data, about 55 CPU minutes in one process (the NER on every paper, two half
NERs, the classifiers; measured in parallel pieces: 1,325 + 670 + 663 + 559 CPU s,
with the tok2vec width 64 of that build). The shipped model is this build with its NER
then retrained at width 32 by ``scripts/distil_ner.py`` (classifiers and names kept).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from paperkg.extract.errors import PaperKGError
from paperkg.extract.experiments import load_specs
from paperkg.extract.train import HEADS, MODEL_CONFIG, train_model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL, optionally GOLD=PAPERS")
    ap.add_argument("--private", nargs="*", default=[], help="gold learned from, not listed")
    ap.add_argument("-o", "--output", type=Path, required=True, help="model directory")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--width", type=int, default=MODEL_CONFIG["width"], help="tok2vec width")
    ap.add_argument("--head", choices=HEADS, default=MODEL_CONFIG["head"])
    args = ap.parse_args()
    try:
        pairs, private = load_specs(args.gold), load_specs(args.private)
    except PaperKGError as exc:
        sys.exit(f"build_model: {exc}")
    start = time.process_time()
    print(f"{len(pairs)} papers, {len(private)} private", file=sys.stderr, flush=True)

    def progress(epoch: int, loss: float) -> None:
        cpu = time.process_time() - start
        print(f"NER epoch {epoch}: loss {loss:.0f}, {cpu:.0f} CPU s", file=sys.stderr, flush=True)

    config = {"width": args.width, "head": args.head}
    train_model(
        pairs, args.output, epochs=args.epochs, on_epoch=progress, private=private, config=config
    )
    print(f"model written to {args.output}: {time.process_time() - start:.0f} CPU s")


if __name__ == "__main__":
    main()
