"""What ``paperkg eval`` runs: score the extractor on gold papers, or cross-validate it.

Cross-validation trains the NER on the training folds only, so a scored paper is
never seen in training; the gazetteer is built from the public lists only, so it
holds no gold names either.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .evaluate import Scores, cross_validate, score
from .gold import GoldPaper, attach_text, read_gold
from .readers import read_papers
from .records import Paper
from .stdin import check_once, shown

TrainFn = Callable[[Sequence[tuple[GoldPaper, Paper]], Path], Path]


def load_pairs(
    gold_path: str | Path, sources: Sequence[str | Path], input_format: str | None = None
) -> list[tuple[GoldPaper, Paper]]:
    """Gold records paired with their papers (by normalised title); either file may be
    ``-`` (standard input), and ``input_format`` forces the papers' format."""
    check_once([gold_path, *sources])
    gold = read_gold(gold_path)
    papers = read_papers(list(sources), input_format).papers if sources else []
    return attach_text(gold, papers, shown(gold_path))


def load_specs(specs: Sequence[str]) -> list[tuple[GoldPaper, Paper]]:
    """The pairs of several gold files, each spec ``GOLD`` (lines carry their abstract) or
    ``GOLD=PAPERS`` (the papers file holds the abstracts), in order; the maintainer
    scripts' way of naming their inputs."""
    pairs: list[tuple[GoldPaper, Paper]] = []
    for spec in specs:
        gold, _, papers = spec.partition("=")
        pairs += load_pairs(gold, [papers] if papers else [])
    return pairs


def evaluate_pairs(
    pairs: Sequence[tuple[GoldPaper, Paper]],
    model_dir: str | Path | None = None,
    *,
    ner: bool = True,
) -> Scores:
    """Scores of the extractor (shipped model, ``model_dir``, or rules only) on the papers."""
    from .pipeline import load_extractor

    extractor = load_extractor(model_dir, ner=ner, learned=ner)
    predicted = [pe.entities for pe in extractor.extract(p for _, p in pairs)]
    return score([g.entities for g, _ in pairs], predicted, [g.optional for g, _ in pairs])


def cross_validate_pairs(
    pairs: Sequence[tuple[GoldPaper, Paper]],
    k: int,
    train: TrainFn | None = None,
    seed: int = 13,
) -> tuple[Scores, list[Scores]]:
    """k-fold CV: a fresh NER per fold, trained on the other folds, scored on this one."""
    from .train import train_model

    trainer: TrainFn = train or train_model

    def run_fold(train_idx: list[int], test_idx: list[int]) -> Scores:
        with tempfile.TemporaryDirectory(prefix="paperkg-cv-") as tmp:
            model = trainer([pairs[i] for i in train_idx], Path(tmp) / "model")
            return evaluate_pairs([pairs[i] for i in test_idx], model)

    return cross_validate(len(pairs), k, run_fold, seed)


def cross_validate_without_ner(
    pairs: Sequence[tuple[GoldPaper, Paper]],
    k: int,
    seed: int = 13,
    *,
    ner_folds: int = 0,
    epochs: int = 12,
) -> tuple[Scores, list[Scores]]:
    """k-fold CV of the rules, the learned names and the classifier: the classifier and
    the names are learned from each fold's training papers only. The rules run once over
    all papers, so this takes minutes where the full CV takes hours; rule and classifier
    settings are compared with it (docs/extraction.md).

    Without ``ner_folds`` there is no NER. With ``ner_folds=2`` the NER's spans come from
    two NERs cross-fitted on halves of the papers (:func:`~.train.crossfit_ner`): every
    paper's spans come from a model that never saw it, the same NER spans in every CV
    fold. (The NER that marks a fold's training papers may have seen its scored papers, a
    second-order effect that only a NER per fold, hours here, would remove.)"""
    from .resolution import resolve
    from .train import Candidates, crossfit_ner, fit_classifiers

    candidates = Candidates(pairs, crossfit_ner(pairs, ner_folds, epochs=epochs))
    resolver = candidates.resolver

    def run_fold(train_idx: list[int], test_idx: list[int]) -> Scores:
        held = frozenset(test_idx)
        typer, roles = fit_classifiers(candidates, train_idx, held)
        predicted = [
            resolve(
                candidates.doc(i, held),
                resolver.sources,
                resolver.type_sources,
                typer,
                resolver.learned,
                resolver.keep_threshold,
                roles,
                resolver.lex,
                resolver.longer_names,
            )
            for i in test_idx
        ]
        return score(
            [pairs[i][0].entities for i in test_idx],
            predicted,
            [pairs[i][0].optional for i in test_idx],
        )

    return cross_validate(len(pairs), k, run_fold, seed)


def train_from_files(
    gold_path: str | Path,
    sources: Sequence[str | Path],
    output: str | Path,
    *,
    epochs: int = 20,
    on_epoch: Callable[[int, float], None] | None = None,
    input_format: str | None = None,
    config: dict | None = None,
) -> Path:
    """Train the NER from a user's gold file (with abstracts, or papers in ``sources``);
    ``config`` overrides the architecture (``train.MODEL_CONFIG``: ``head``, ``width``)."""
    from .train import train_model

    pairs = load_pairs(gold_path, sources, input_format)
    return train_model(pairs, output, epochs=epochs, on_epoch=on_epoch, config=config)
