"""Scoring extractions against gold, with the guidelines' matching rules, and k-fold CV.

A predicted entity matches a gold entity of the same paper when its name or any
alias equals the gold name or any alias under :func:`name_key`; for typed scores
the type must agree too. Each gold and each predicted entity is matched at most once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .normalise import name_key
from .records import ENTITY_TYPES, TYPE_LABELS, Entity


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Scores:
    """Typed micro, untyped, per type, and role accuracy on typed matches."""

    typed: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in ENTITY_TYPES})
    roles_right: int = 0
    roles_total: int = 0
    papers: int = 0

    @property
    def role_accuracy(self) -> float:
        return self.roles_right / self.roles_total if self.roles_total else 0.0

    def add(self, other: Scores) -> None:
        self.typed.add(other.typed)
        self.untyped.add(other.untyped)
        for t in ENTITY_TYPES:
            self.per_type[t].add(other.per_type[t])
        self.roles_right += other.roles_right
        self.roles_total += other.roles_total
        self.papers += other.papers

    def to_json(self) -> dict[str, object]:
        return {
            "papers": self.papers,
            "typed": self.typed.row(),
            "untyped": self.untyped.row(),
            "per_type": {TYPE_LABELS[t]: c.row() for t, c in self.per_type.items()},
            "role_accuracy": round(self.role_accuracy, 3),
            "roles_matched": self.roles_total,
        }


def _keys(entity: Entity) -> set[str]:
    return {name_key(n) for n in (entity.name, *entity.aliases)} - {""}


def match(gold: Sequence[Entity], pred: Sequence[Entity], typed: bool) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs; each side used at most once, in gold order.

    >>> g = [Entity("METHOD", "GRPO", ("Group Relative Policy Optimization",))]
    >>> match(g, [Entity("METHOD", "group relative policy optimization")], typed=True)
    [(0, 0)]
    >>> match(g, [Entity("MODEL", "GRPO")], typed=True)
    []
    """
    used: set[int] = set()
    pairs = []
    pred_keys = [_keys(p) for p in pred]
    for gi, g in enumerate(gold):
        gk = _keys(g)
        for pi, p in enumerate(pred):
            if pi not in used and gk & pred_keys[pi] and (not typed or g.type == p.type):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def score_paper(
    gold: Sequence[Entity], pred: Sequence[Entity], optional: Sequence[Entity] = ()
) -> Scores:
    """The scores of one paper's prediction. A prediction that names an ``optional`` gold
    entity (a borderline one) and no required one counts neither way.

    >>> opt = [Entity("METHOD", "CNN")]
    >>> score_paper([], [Entity("METHOD", "CNN"), Entity("MODEL", "X")], opt).typed.fp
    1
    """
    required = set().union(*(_keys(g) for g in gold)) if gold else set()
    borderline = set().union(*(_keys(o) for o in optional)) if optional else set()
    pred = [p for p in pred if not (_keys(p) & borderline and not _keys(p) & required)]
    s = Scores(papers=1)
    typed = match(gold, pred, typed=True)
    s.typed = Counts(len(typed), len(pred) - len(typed), len(gold) - len(typed))
    untyped = match(gold, pred, typed=False)
    s.untyped = Counts(len(untyped), len(pred) - len(untyped), len(gold) - len(untyped))
    for t in ENTITY_TYPES:
        gt = [g for g in gold if g.type == t]
        pt = [p for p in pred if p.type == t]
        n = len(match(gt, pt, typed=True))
        s.per_type[t] = Counts(n, len(pt) - n, len(gt) - n)
    s.roles_total = len(typed)
    s.roles_right = sum(gold[gi].role == pred[pi].role for gi, pi in typed)
    return s


def score(
    gold: Sequence[Sequence[Entity]],
    pred: Sequence[Sequence[Entity]],
    optional: Sequence[Sequence[Entity]] | None = None,
) -> Scores:
    """Micro-averaged scores over papers given in the same order."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold papers but {len(pred)} predictions")
    total = Scores()
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        total.add(score_paper(g, p, optional[i] if optional else ()))
    return total


def folds(n: int, k: int, seed: int = 13) -> list[list[int]]:
    """``k`` disjoint folds of the indices ``0..n-1``, shuffled reproducibly.

    >>> sorted(sum(folds(10, 3), [])) == list(range(10))
    True
    """
    import random

    order = list(range(n))
    random.Random(seed).shuffle(order)  # noqa: S311 - reproducible split, not crypto
    return [sorted(order[i::k]) for i in range(k)]


def cross_validate(
    n: int,
    k: int,
    run_fold: Callable[[list[int], list[int]], Scores],
    seed: int = 13,
) -> tuple[Scores, list[Scores]]:
    """k-fold CV: ``run_fold(train_idx, test_idx)`` trains on the first, scores the second.

    The test indices of a fold never appear in its training indices.
    """
    if not 2 <= k <= n:
        raise ValueError(f"--cv needs 2 <= K <= {n} papers, got {k}")
    per_fold = []
    total = Scores()
    for test in folds(n, k, seed):
        held = set(test)
        train = [i for i in range(n) if i not in held]
        result = run_fold(train, test)
        per_fold.append(result)
        total.add(result)
    return total, per_fold
