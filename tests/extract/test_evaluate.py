"""Scoring with the guidelines' matching rules, and gold-file validation."""

from __future__ import annotations

import json

import pytest
from paperkg.extract.errors import InputError
from paperkg.extract.evaluate import folds, score, score_paper
from paperkg.extract.gold import read_gold
from paperkg.extract.records import Entity as E


def test_match_is_case_space_punctuation_insensitive_and_uses_aliases():
    gold = [
        E("METHOD", "GRPO", ("Group Relative Policy Optimization",)),
        E("BENCHMARK", "SWE-bench"),
    ]
    pred = [E("METHOD", "group relative policy-optimization"), E("BENCHMARK", "swe bench")]
    s = score_paper(gold, pred)
    assert (s.typed.tp, s.typed.fp, s.typed.fn) == (2, 0, 0)


def test_typed_score_needs_the_type_untyped_does_not():
    s = score_paper([E("METHOD", "RAG")], [E("MODEL", "RAG")])
    assert (s.typed.tp, s.untyped.tp) == (0, 1)
    assert (s.per_type["METHOD"].fn, s.per_type["MODEL"].fp) == (1, 1)


def test_each_gold_entity_is_matched_once():
    s = score_paper([E("MODEL", "GPT-4")], [E("MODEL", "GPT-4"), E("MODEL", "gpt4")])
    assert (s.typed.tp, s.typed.fp) == (1, 1)


def test_named_variant_does_not_match_its_base():
    s = score_paper([E("BENCHMARK", "SWE-bench Verified")], [E("BENCHMARK", "SWE-bench")])
    assert s.typed.tp == 0


def test_role_accuracy_counts_typed_matches():
    gold = [E("METHOD", "X", role="introduces"), E("METHOD", "Y", role="uses")]
    pred = [E("METHOD", "X", role="introduces"), E("METHOD", "Y", role="introduces")]
    s = score([gold], [pred])
    assert (s.roles_right, s.roles_total, s.role_accuracy) == (1, 2, 0.5)
    assert s.typed.f1 == 1.0


def test_folds_are_disjoint_and_cover_everything():
    parts = folds(23, 5)
    assert sorted(i for p in parts for i in p) == list(range(23))
    assert all(len(p) in (4, 5) for p in parts)


def test_gold_errors_name_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    good = {
        "title": "T",
        "entities": [{"type": "MODEL", "name": "X", "aliases": [], "role": "uses"}],
    }
    bad = {"title": "U", "entities": [{"type": "DATASET", "name": "Y"}]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(
        InputError,
        match=r"gold.jsonl, line 2: entity 1: unknown entity type .DATASET.; expected benchmark",
    ):
        read_gold(path)
    path.write_text("{not json\n")
    with pytest.raises(InputError, match=r"line 1: not valid JSON"):
        read_gold(path)
    path.write_text("\n\n")
    with pytest.raises(InputError, match="gold file is empty"):
        read_gold(path)


def test_optional_gold_entities_are_neither_required_nor_wrong(tmp_path):
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text(
        '{"title": "T", "entities": [{"type": "METHOD", "name": "GRPO", "role": "uses"},'
        ' {"type": "METHOD", "name": "CNN", "role": "uses", "optional": true}]}\n',
        encoding="utf-8",
    )
    (record,) = read_gold(gold_file)
    assert [e.name for e in record.entities] == ["GRPO"]
    assert [e.name for e in record.all_entities] == ["GRPO", "CNN"]
    found = [E("METHOD", "GRPO"), E("METHOD", "CNN")]
    scores = score([record.entities], [found], [record.optional])
    assert (scores.typed.tp, scores.typed.fp, scores.typed.fn) == (1, 0, 0)
    missed = score([record.entities], [[E("METHOD", "GRPO")]], [record.optional])
    assert missed.typed.fn == 0
    wrong = score([record.entities], [[*found, E("MODEL", "Other")]], [record.optional])
    assert wrong.typed.fp == 1
