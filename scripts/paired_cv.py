"""Paired cross-validation of the classifiers' settings on the annotated training papers.

Maintainer script; the figures of docs/extraction.md, "The classifier's settings and the
stop list", come from it. The first ``--scored`` papers of the gold file are split into
five folds (the folds of ``paperkg eval --cv 5``); every other paper joins every training
fold and is never scored. The NER spans come from two half NERs cross-fitted on all the
papers (training file and ``--extra`` gold, the split ``paperkg train`` draws), each
marking the half it never saw; they are trained once and kept in ``--ner-dir``:

    .venv/bin/python scripts/paired_cv.py extract/data/training/train.jsonl \
        --extra tests/fixtures/extract/dev_gold.jsonl=examples/trending-agents.txt \
        --ner-dir /tmp/half-ners --steps 1000 2000 --threshold 0.45 0.5 \
        [--stoplist my_stoplist.toml] [--head parser] [--longer-names on off]

One line per (steps, threshold, longer names): typed P / R / F1, per type, and per fold.
``--longer-names on off`` scores each fold both with and without the classifier choosing
longer names around chosen spans (the same fitted classifiers). The frozen
split is never read. On 13,654 papers: two half NERs about 12 CPU minutes each (once),
then about 5 CPU minutes per fold and step count.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy
from paperkg.extract.errors import PaperKGError
from paperkg.extract.evaluate import Scores, folds, score
from paperkg.extract.experiments import load_pairs, load_specs
from paperkg.extract.records import ROLES
from paperkg.extract.resolution import resolve
from paperkg.extract.train import HEADS, MODEL_CONFIG, Candidates, crossfit_ner
from paperkg.extract.typer import fit


def half_ners(
    pairs: list, directory: Path, epochs: int, head: str = MODEL_CONFIG["head"]
) -> list[tuple[object, list[int]]]:
    """The two cross-fitted NERs with the papers each marks, trained once into ``directory``."""
    parts_file = directory / "parts.json"
    if not parts_file.is_file():
        models = crossfit_ner(pairs, 2, epochs=epochs, config={"head": head})
        for j, (nlp, _) in enumerate(models):
            nlp.to_disk(directory / str(j))
        parts_file.write_text(json.dumps([list(part) for _, part in models]))
    parts = json.loads(parts_file.read_text())
    return [(spacy.load(directory / str(j)), part) for j, part in enumerate(parts)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", help="gold JSONL with text; its first --scored papers are scored")
    ap.add_argument("--extra", nargs="*", default=[], help="more gold (GOLD=PAPERS) for NERs")
    ap.add_argument("--scored", type=int, default=3409)
    ap.add_argument("--ner-dir", type=Path, required=True)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument(
        "--head",
        choices=HEADS,
        default=MODEL_CONFIG["head"],
        help="the half NERs' output layer (when --ner-dir holds none yet)",
    )
    ap.add_argument("--steps", type=int, nargs="+", default=[2000])
    ap.add_argument("--threshold", type=float, nargs="+", default=[0.5])
    ap.add_argument("--min-count", type=int, default=2, help="drop features seen fewer times")
    ap.add_argument("--stoplist", help="a stop-list TOML instead of the shipped one")
    ap.add_argument(
        "--longer-names",
        nargs="+",
        choices=["on", "off"],
        default=["on"],
        help="score with the classifier choosing longer names (on, as shipped), without, or both",
    )
    args = ap.parse_args()
    try:
        pairs = load_pairs(args.gold, [])
        extra = load_specs(args.extra)
    except PaperKGError as exc:
        sys.exit(f"paired_cv: {exc}")
    args.ner_dir.mkdir(parents=True, exist_ok=True)
    n = len(pairs)
    models = [
        (m, [i for i in part if i < n])
        for m, part in half_ners(pairs + extra, args.ner_dir, args.epochs, args.head)
    ]
    overrides = {"paths.stoplist": args.stoplist} if args.stoplist else None
    cands = Candidates(pairs, models, overrides=overrides)
    results: dict[tuple[int, float, str], list[Scores]] = {}
    for test in folds(args.scored, 5):
        held = frozenset(test)
        train = [i for i in range(n) if i not in held]
        examples = [ex for i in train for ex in cands.examples(i, held)]
        roles = fit([(f, r) for f, _, r in examples if r is not None], labels=ROLES)
        for steps in args.steps:
            typer = fit([(f, lab) for f, lab, _ in examples], steps=steps, min_count=args.min_count)
            for threshold in args.threshold:
                for longer in args.longer_names:
                    results.setdefault((steps, threshold, longer), []).append(
                        _score(cands, pairs, test, held, typer, roles, threshold, longer == "on")
                    )
    for (steps, threshold, longer), per_fold in sorted(results.items()):
        total = Scores()
        for fold in per_fold:
            total.add(fold)
        js = total.to_json()
        typed, types = js["typed"], {t: v["f1"] for t, v in js["per_type"].items()}
        runs = " / ".join(f"{f.to_json()['typed']['f1']:.3f}" for f in per_fold)
        print(
            f"steps {steps} threshold {threshold} longer names {longer}: "
            f"typed {typed['precision']:.3f} / "
            f"{typed['recall']:.3f} / {typed['f1']:.3f}  {types}  folds {runs}"
        )


def _score(cands, pairs, test, held, typer, roles, threshold, longer) -> Scores:
    r = cands.resolver
    predicted = [
        resolve(
            cands.doc(i, held),
            r.sources,
            r.type_sources,
            typer,
            r.learned,
            threshold,
            roles,
            r.lex,
            longer,
        )
        for i in test
    ]
    return score(
        [pairs[i][0].entities for i in test], predicted, [pairs[i][0].optional for i in test]
    )


if __name__ == "__main__":
    main()
