"""Cross-validation never trains on a paper it scores."""

from __future__ import annotations

import json

import pytest
from paperkg.extract import train as train_module
from paperkg.extract import typer as typer_module
from paperkg.extract.evaluate import folds
from paperkg.extract.experiments import cross_validate_pairs, cross_validate_without_ner
from paperkg.extract.gold import read_gold
from paperkg.extract.normalise import title_key
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.train import train_model


@pytest.fixture
def pairs(fixtures):
    """The first ten annotated papers, each with its abstract."""
    gold = read_gold(fixtures / "extract" / "dev_gold.jsonl")[:10]
    texts = {}
    for line in (fixtures / "extract" / "dev_papers.jsonl").read_text().splitlines()[:10]:
        rec = json.loads(line)
        texts[rec["title"]] = rec["abstract"]
    return [(g, g.__class__(g.title, g.entities, texts[g.title], g.line).paper()) for g in gold]


@pytest.fixture
def typer_fitted_on(monkeypatch):
    """The titles each call to ``train_typer`` fitted the type classifier on."""
    fitted: list[set[str]] = []
    real_train_typer = train_module.train_typer

    def spy_train_typer(train_pairs):
        fitted.append({title_key(p.title) for _, p in train_pairs})
        return real_train_typer(train_pairs)

    monkeypatch.setattr(train_module, "train_typer", spy_train_typer)
    return fitted


def _scored(pairs) -> list[set[str]]:
    """The held-out titles of each fold, recomputed the way cross-validation does."""
    return [{title_key(pairs[j][1].title) for j in fold} for fold in folds(len(pairs), 5)]


def test_cv_trains_each_fold_without_its_scored_papers(pairs, typer_fitted_on):
    trained_on: list[set[str]] = []

    def spy_train(train_pairs, output):
        trained_on.append({title_key(p.title) for _, p in train_pairs})
        model = train_model(train_pairs, output, epochs=1)
        # the fold's type classifier is written with its NER and used by its extractor
        fold_typer = typer_module.load(model)
        assert fold_typer is not None
        used = load_extractor(model).nlp.get_pipe("paperkg_resolve").typer
        assert used is not None and used.index == fold_typer.index
        return model

    total, per_fold = cross_validate_pairs(pairs, 5, train=spy_train)
    assert len(per_fold) == 5 and total.papers == sum(s.papers for s in per_fold) == 10
    assert typer_fitted_on == trained_on  # the classifier is refit per fold on the same papers
    for train_titles, test_titles in zip(trained_on, _scored(pairs), strict=True):
        assert not train_titles & test_titles
        assert len(train_titles) + len(test_titles) == 10


def test_cv_without_ner_refits_the_classifier_without_the_scored_papers(pairs, typer_fitted_on):
    total, per_fold = cross_validate_without_ner(pairs, 5)
    assert len(typer_fitted_on) == 5 and total.papers == sum(s.papers for s in per_fold) == 10
    for fitted, scored in zip(typer_fitted_on, _scored(pairs), strict=True):
        assert not fitted & scored and len(fitted) + len(scored) == 10
