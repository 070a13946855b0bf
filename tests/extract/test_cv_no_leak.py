"""Cross-validation never trains on a paper it scores."""

from __future__ import annotations

import json

import pytest
from paperkg.extract import train as train_module
from paperkg.extract import typer as typer_module
from paperkg.extract.evaluate import folds
from paperkg.extract.experiments import cross_validate_pairs, cross_validate_without_ner
from paperkg.extract.gold import read_gold
from paperkg.extract.normalise import name_key, title_key
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.train import train_model


def _annotated(fixtures, n):
    """The first ``n`` annotated papers, each with its abstract."""
    gold = read_gold(fixtures / "extract" / "dev_gold.jsonl")[:n]
    texts = {}
    for line in (fixtures / "extract" / "dev_papers.jsonl").read_text().splitlines()[:n]:
        rec = json.loads(line)
        texts[rec["title"]] = rec["abstract"]
    return [(g, g.__class__(g.title, g.entities, texts[g.title], g.line).paper()) for g in gold]


@pytest.fixture
def pairs(fixtures):
    return _annotated(fixtures, 10)


@pytest.fixture
def typer_fitted_on(monkeypatch):
    """The titles the classifiers were fitted on, for each model trained."""
    fitted: list[set[str]] = []
    real_init = train_module.Candidates.__init__

    def spy_init(self, train_pairs, *ner):
        fitted.append({title_key(p.title) for _, p in train_pairs})
        real_init(self, train_pairs, *ner)

    monkeypatch.setattr(train_module.Candidates, "__init__", spy_init)
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


def test_cv_without_ner_learns_classifier_and_names_without_the_scored_papers(
    fixtures, monkeypatch
):
    pairs = _annotated(fixtures, 40)
    from paperkg.extract.components.lexicon import GROUP
    from paperkg.extract.normalise import name_key

    calls: list[tuple[int, frozenset[int]]] = []
    test_docs: list[tuple[frozenset[int], list[str]]] = []
    real_examples, real_doc = train_module.Candidates.examples, train_module.Candidates.doc
    real_init = train_module.Candidates.__init__

    def init_one_paper_support(self, train_pairs, *ner):
        real_init(self, train_pairs, *ner)
        self.lexicon.min_support = 1  # the strictest case: one other paper teaches a name

    def spy_examples(self, i, exclude=frozenset()):
        calls.append((i, exclude))
        return real_examples(self, i, exclude)

    def spy_doc(self, i, exclude=frozenset()):
        doc = real_doc(self, i, exclude)
        if i in exclude:  # a scored paper: which learned names reached it
            test_docs.append((exclude, [name_key(s.text) for s in doc.spans[GROUP]]))
        return doc

    monkeypatch.setattr(train_module.Candidates, "__init__", init_one_paper_support)
    monkeypatch.setattr(train_module.Candidates, "examples", spy_examples)
    monkeypatch.setattr(train_module.Candidates, "doc", spy_doc)
    total, per_fold = cross_validate_without_ner(pairs, 5)
    assert total.papers == sum(s.papers for s in per_fold) == 40
    scored = [set(fold) for fold in folds(len(pairs), 5)]
    for held in scored:
        fitted = {i for i, exclude in calls if exclude == frozenset(held)}
        assert fitted and not fitted & held and len(fitted) + len(held) == 40
    # a learned name reaching a scored paper is annotated in some paper outside its fold
    names_by_paper = [
        {name_key(f) for e in g.entities for f in (e.name, *e.aliases)} for g, _ in pairs
    ]
    assert any(keys for _, keys in test_docs)  # some learned name did reach a scored paper
    for exclude, keys in test_docs:
        for key in keys:
            assert any(key in names_by_paper[j] for j in range(40) if j not in exclude)


def test_crossfit_ner_marks_each_paper_with_a_model_that_never_saw_it(fixtures, monkeypatch):
    """The classifiers learn from NER spans; each paper's spans come from a NER trained
    without it (cross-fitting), in ``paperkg train`` and in the CV loop alike."""
    pairs = _annotated(fixtures, 12)
    trained: list[set[str]] = []
    real_fit = train_module.fit_ner

    def spy_fit(train_pairs, **kw):
        trained.append({title_key(p.title) for _, p in train_pairs})
        return real_fit(train_pairs, **kw)

    monkeypatch.setattr(train_module, "fit_ner", spy_fit)
    models = train_module.crossfit_ner(pairs, 3, epochs=1)
    assert len(models) == 3 == len(trained)
    parts = [set(part) for _, part in models]
    assert sorted(i for part in parts for i in part) == list(range(12))  # a partition
    for (_, part), seen in zip(models, trained, strict=True):
        marked = {title_key(pairs[i][1].title) for i in part}
        assert not marked & seen and len(marked) + len(seen) == 12
    # the spans the classifiers are fitted on are the models' own, on the right papers
    candidates = train_module.Candidates(pairs, models)
    for model, part in models:
        for i in part:
            doc = model(pairs[i][1].text)
            kept = {(e.start_char, e.end_char) for e in doc.ents}
            for span in candidates.docs[i].spans["ner"]:
                assert any(a <= span.start_char and span.end_char <= b for a, b in kept)


def test_crossfit_ner_needs_two_parts(pairs):
    assert train_module.crossfit_ner(pairs, 1, epochs=1) == []
    assert train_module.crossfit_ner(pairs[:1], 2, epochs=1) == []


def test_private_papers_are_learned_from_but_never_listed_as_names(fixtures, tmp_path, monkeypatch):
    """Annotations that may train a model but not be published (the shipped model's
    unknown-licence abstracts): the NERs and classifiers see them, ``names.tsv`` does not,
    and the classifiers are fitted as if their names were unknown."""
    pairs = _annotated(fixtures, 12)
    public, private = pairs[:8], pairs[8:]
    public_keys = {name_key(f) for g, _ in public for e in g.entities for f in (e.name, *e.aliases)}
    only_private = {
        name_key(f) for g, _ in private for e in g.entities for f in (e.name, *e.aliases)
    } - public_keys
    assert only_private
    trained: list[set[str]] = []
    excluded: list[frozenset[int]] = []
    real_fit, real_examples = train_module.fit_ner, train_module.Candidates.examples

    def spy_fit(train_pairs, **kw):
        trained.append({title_key(p.title) for _, p in train_pairs})
        return real_fit(train_pairs, **kw)

    def spy_examples(self, i, exclude=frozenset()):
        excluded.append(exclude)
        return real_examples(self, i, exclude)

    monkeypatch.setattr(train_module, "fit_ner", spy_fit)
    monkeypatch.setattr(train_module.Candidates, "examples", spy_examples)
    model = train_model(public, tmp_path / "model", epochs=1, private=private)
    titles = [{title_key(p.title) for _, p in ps} for ps in (public, private)]
    # the NER and both cross-fitted NERs learn from private papers; no half NER saw all
    assert len(trained) == 3 and titles[0] | titles[1] <= trained[0]
    assert all(titles[1] & seen and not titles[1] <= seen for seen in trained[1:])
    # the classifiers are fitted on every paper, private names never counted as learned
    assert len(excluded) == 12 and set(excluded) == {frozenset(range(8, 12))}
    listed = {r.split("\t")[0] for r in (model / "names.tsv").read_text().splitlines()[1:]}
    assert listed and not listed & only_private
    assert listed <= public_keys
