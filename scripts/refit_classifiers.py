"""Refit the shipped model's classifiers on the annotated papers, keeping its NER.

Maintainer script. `paperkg train` trains the NER, cross-fits two more NERs for the
classifiers' training candidates and fits the classifiers, all in one run; this script
does the last two steps only, for a model whose NER is already trained on the same
papers (the shipped one), which halves the time:

    .venv/bin/python scripts/refit_classifiers.py extract/data/ner \
        extract/data/training/train.jsonl \
        tests/fixtures/extract/dev_gold.jsonl=examples/trending-agents.txt --epochs 12

Each gold file may name the file holding its papers' abstracts after "=".
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from paperkg.extract.experiments import load_specs
from paperkg.extract.train import NER_FOLDS, ROLE_FILE, Candidates, crossfit_ner, fit_classifiers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", type=Path, help="model directory (typer.json, roles.json rewritten)")
    ap.add_argument("gold", nargs="+", help="gold JSONL, optionally GOLD=PAPERS")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--ner-folds", type=int, default=NER_FOLDS)
    args = ap.parse_args()
    pairs = load_specs(args.gold)
    start = time.process_time()
    models = crossfit_ner(pairs, args.ner_folds, epochs=args.epochs)
    print(
        f"{len(models)} cross-fitted NERs on {len(pairs)} papers: "
        f"{time.process_time() - start:.0f} CPU s",
        flush=True,
    )
    typer, roles = fit_classifiers(Candidates(pairs, models), range(len(pairs)))
    if typer is None or roles is None:
        raise SystemExit("no gold entity among the candidates: nothing to fit")
    typer.save(args.model)
    roles.save(args.model, ROLE_FILE)
    print(f"classifiers written to {args.model}: {time.process_time() - start:.0f} CPU s")


if __name__ == "__main__":
    main()
