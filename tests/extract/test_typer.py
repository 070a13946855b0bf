"""The learned type classifier: features, fitting, saving, and where the resolver uses it."""

from __future__ import annotations

import numpy as np
import pytest
from paperkg.extract import typer, wordlists
from paperkg.extract.errors import ExtractionError
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.resolution import resolve, typed_groups

# Written for these tests; not one of the annotated papers.
TEXT = (
    "ZorBlax: Testing Office Agents\n"
    "We evaluate agents in the ZorBlax environment and on the Quimbo environment. "
    "Our Frobnitz framework plans with tools."
)


def _doc():
    nlp = load_extractor(ner=False).nlp
    return next(nlp.pipe([TEXT], disable=["paperkg_resolve"]))


def test_features_hold_name_context_title_and_rule_vote():
    doc = _doc()
    groups = {e.name: (f, s) for e, f, s in typed_groups(doc, ("title", "coined"), ("title",))}
    feats, _ = groups["ZorBlax"]
    assert {"titled", "R:environment", "suf:Blax", "pre:Zor", "g:^zo"} <= feats
    assert any(f.startswith("rule:") for f in feats) and any(f.startswith("src:") for f in feats)


def test_features_hold_every_source_vote_not_only_the_best():
    doc = _doc()
    sources = ("title", "coined", "context")
    groups = {e.name: f for e, f, _ in typed_groups(doc, sources, sources)}
    feats = groups["ZorBlax"]  # coined, in the title, and typed by "the X environment"
    assert {"vote:coined:BENCHMARK", "vote:context:BENCHMARK", "vote:title:BENCHMARK"} <= feats
    assert {f for f in groups["Quimbo"] if f.startswith("vote:")} == {"vote:context:BENCHMARK"}


def test_features_hold_word_order_the_sentence_and_the_title():
    # written for this test: the cues the issue names for a contribution's type
    text = (
        "Quorvex: A Benchmark for Tool Agents\n"
        "Models evaluated on Quorvex fail. We propose Zendral, a planner. Quorvex stays hard."
    )
    nlp = load_extractor(ner=False).nlp
    doc = next(nlp.pipe([text], disable=["paperkg_resolve"]))
    bench = [doc[0:1]] + [
        doc.char_span(k, k + 7)
        for k in (doc.text.index("Quorvex fail"), doc.text.rindex("Quorvex"))
    ]
    feats = typer.features(bench, "Quorvex", False, "BENCHMARK", "coined")
    assert {"intitle", "T:prefix", "T:benchmark", "T:agents", "L2:evaluated on"} <= feats
    assert "T:quorvex" not in feats  # the name itself is not a title word of its own
    assert "S:intro" not in feats  # neither of its sentences introduces anything
    start = doc.text.index("Zendral")
    ours = typer.features([doc.char_span(start, start + 7)], "Zendral", False, "METHOD", "coined")
    assert {"S:we", "S:intro", "S:we-intro", "L2:we propose", "R2:, a"} <= ours
    assert not any(f.startswith("T:") for f in ours) and "intitle" not in ours
    assert "S:we" not in feats  # no sentence of the benchmark's speaks for the paper


def test_the_sentence_features_read_the_word_lists_they_are_given(tmp_path):
    # a user's lexicon (``paths.lexicon``) must reach the classifier's features, not only
    # the rules: here its first-person words are changed, so "We propose" no longer counts
    text = "Ozrelic: Testing Agents\nWe propose Zendral, a planner for tool agents."
    lexicon = tmp_path / "lexicon.toml"
    shipped = wordlists.shipped_file(wordlists.LEXICON_FILE).read_text(encoding="utf-8")
    assert 'first_person = "we our"' in shipped
    lexicon.write_text(shipped.replace('first_person = "we our"', 'first_person = "us"'))
    overridden = load_extractor(ner=False, overrides={"paths.lexicon": str(lexicon)}).nlp
    mine = overridden.get_pipe("paperkg_resolve").lex  # what the resolver passes on
    nlp = load_extractor(ner=False).nlp
    doc = next(nlp.pipe([text], disable=["paperkg_resolve"]))
    sources = ("title", "coined", "context")

    def zendral(lex):
        groups = {e.name: f for e, f, _ in typed_groups(doc, sources, sources, None, lex)}
        return groups["Zendral"]

    assert {"S:we", "S:intro", "S:we-intro"} <= zendral(None)
    assert "S:intro" in zendral(mine)
    assert not {"S:we", "S:we-intro"} & zendral(mine)


def _toy_examples():
    bench = [({"R:environment", f"n{i}"}, "BENCHMARK") for i in range(20)]
    method = [({"R:framework", f"m{i}"}, "METHOD") for i in range(20)]
    return bench + method


def test_fit_learns_context_words_and_round_trips(tmp_path):
    model = typer.fit(_toy_examples(), min_count=2)
    assert model.predict({"R:environment"})[0] == "BENCHMARK"
    assert model.predict({"R:framework"})[0] == "METHOD"
    assert "n1" not in model.index  # seen once: dropped
    again = typer.load(model.save(tmp_path).parent)
    assert again is not None
    assert np.allclose(again.proba({"R:environment"}), model.proba({"R:environment"}), atol=1e-3)


def test_load_missing_and_bad_files(tmp_path):
    assert typer.load(tmp_path) is None
    (tmp_path / typer.FILE).write_text('{"labels": ["A"], "vocab": [], "weights": [], "bias": []}')
    with pytest.raises(ExtractionError, match="not a paperkg type classifier"):
        typer.load(tmp_path)
    with pytest.raises(ExtractionError, match="nothing to learn"):
        typer.fit([])


def test_resolver_retypes_only_the_learned_sources():
    doc = _doc()
    always_model = typer.Typer(["titled"], np.zeros((1, 3)), np.array([0.0, 5.0, 0.0]))
    sources = ("pattern", "gazetteer", "title", "coined")
    plain = {e.name: e.type for e in resolve(doc, sources)}
    learned = {e.name: e.type for e in resolve(doc, sources, typer=always_model)}
    untouched = {
        e.name: e.type for e in resolve(doc, sources, typer=always_model, learned=frozenset())
    }
    assert "ZorBlax" in plain and learned["ZorBlax"] == "MODEL"
    assert untouched == plain


def test_the_role_classifier_reads_the_type_classifiers_feature_rows():
    """``indexed_like``: over the other classifier's index (the same dict, so one lookup
    per candidate serves both) it gives the same probabilities to the last bit; a
    classifier that knows a feature the other does not stays as it is. The shipped
    model's role classifier is loaded that way."""
    rng = np.random.default_rng(0)
    vocab = [f"f{i}" for i in range(50)]
    types = typer.Typer(vocab, rng.normal(size=(50, 4)), rng.normal(size=4), typer.LABELS)
    roles = typer.Typer(
        vocab[10:30], rng.normal(size=(20, 2)), rng.normal(size=2), ("introduces", "uses")
    )
    aligned = roles.indexed_like(types)
    assert aligned.index is types.index
    for _ in range(200):
        feats = {f"f{i}" for i in rng.choice(60, size=12, replace=False)}  # some unknown
        rows = types.rows(feats)
        assert np.array_equal(aligned.proba(feats, rows), roles.proba(feats))
        assert aligned.label(feats, rows) == roles.label(feats)
    stranger = typer.Typer(
        ["f1", "g0"], rng.normal(size=(2, 2)), np.zeros(2), ("introduces", "uses")
    )
    assert stranger.indexed_like(types) is stranger
    ner = load_extractor().nlp.get_pipe("paperkg_ner")
    assert ner.roles.index is ner.typer.index
