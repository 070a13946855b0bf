"""A small learned type classifier for names the rules type only weakly.

Coined names (``GUICourse``, ``CivRealm``, ``AgentFounder``) carry no type in their
shape; the words around them often do ("evaluate on", "environment", "7B"). The
classifier is a multinomial logistic regression over sparse binary features: the
name's character n-grams and affixes, the words within ±6 tokens of each mention,
whether it is in the title, the rules' proposed type and its source, and the type
each source voted for (a context rule and the NER may disagree with a list). It is
trained with ``paperkg train`` from the entities the rules find in the training
papers, labelled with the gold type; it never sees names it is scored on (CV
retrains it per fold). Weights are plain JSON next to the NER model.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from .errors import ExtractionError
from .records import ENTITY_TYPES

FILE = "typer.json"
WINDOW = 6
_SIZE = re.compile(r"\d+(?:\.\d+)?[BbMm]\b")


def features(
    mentions: Sequence[Span],
    name: str,
    titled: bool,
    rule: str,
    source: str,
    votes: Sequence[tuple[str, str]] = (),
) -> set[str]:
    """The sparse binary features of one entity (its mentions in one doc); ``votes`` are
    the (source, type) votes of every source that marked it, not only the best one."""
    out = {f"rule:{rule}", f"src:{source}", f"src:{source}:{rule}"}
    out.update(f"vote:{src}:{label}" for src, label in votes)
    out |= _name_features(name)
    if titled:
        out.add("titled")
    for m in mentions:
        doc = m.doc
        left = doc[max(m.start - WINDOW, 0) : m.start]
        right = doc[m.end : m.end + WINDOW]
        out.update(f"L:{t.lower_}" for t in left if not (t.is_punct or t.is_space))
        out.update(f"R:{t.lower_}" for t in right if not (t.is_punct or t.is_space))
        if len(left):
            out.add(f"L1:{left[-1].lower_}")
        if len(right):
            out.add(f"R1:{right[0].lower_}")
    return out


def _name_features(name: str) -> set[str]:
    out = {f"pre:{name[:k]}" for k in (2, 3, 4) if len(name) > k}
    out |= {f"suf:{name[-k:]}" for k in (2, 3, 4, 5) if len(name) > k}
    low = f"^{name.lower()}$"
    out |= {f"g:{low[i : i + 3]}" for i in range(len(low) - 2)}
    words = name.split()
    out.add(f"ntok:{min(len(words), 3)}")
    out.add(f"last:{words[-1].lower()}" if words else "last:")
    if any(c.isdigit() for c in name):
        out.add("digit")
    if _SIZE.search(name):
        out.add("size")
    if "-" in name:
        out.add("hyphen")
    if name.isupper():
        out.add("allcaps")
    return out


class Typer:
    """Multinomial logistic regression over named binary features (a fixed vocabulary)."""

    def __init__(self, vocab: list[str], weights: np.ndarray, bias: np.ndarray) -> None:
        self.index = {f: i for i, f in enumerate(vocab)}
        self.weights = weights  # (len(vocab), len(ENTITY_TYPES))
        self.bias = bias

    def proba(self, feats: set[str]) -> np.ndarray:
        rows = [self.index[f] for f in feats if f in self.index]
        z = self.bias + self.weights[rows].sum(axis=0)
        e = np.exp(z - z.max())
        return e / e.sum()

    def predict(self, feats: set[str]) -> tuple[str, float]:
        p = self.proba(feats)
        k = int(p.argmax())
        return ENTITY_TYPES[k], float(p[k])

    def save(self, directory: str | Path) -> Path:
        vocab = sorted(self.index, key=self.index.__getitem__)
        data = {
            "labels": list(ENTITY_TYPES),
            "vocab": vocab,
            "weights": np.round(self.weights, 4).tolist(),
            "bias": np.round(self.bias, 4).tolist(),
        }
        path = Path(directory) / FILE
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        return path


def load(directory: str | Path) -> Typer | None:
    """The classifier saved in a model directory, or None when there is none."""
    path = Path(directory) / FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["labels"] != list(ENTITY_TYPES):
            raise ValueError(f"labels {data['labels']} are not {list(ENTITY_TYPES)}")
        return Typer(data["vocab"], np.array(data["weights"]), np.array(data["bias"]))
    except (ValueError, KeyError) as exc:
        raise ExtractionError(f"{path}: not a paperkg type classifier: {exc}") from exc


def fit(
    examples: Sequence[tuple[set[str], str]],
    *,
    min_count: int = 2,
    l2: float = 0.3,
    steps: int = 1000,
    lr: float = 1.0,
) -> Typer:
    """Fit the classifier by full-batch gradient descent on the L2-penalised log loss.

    Features seen fewer than ``min_count`` times are dropped; the defaults were chosen
    by 5-fold CV on the annotated papers (docs/extraction.md).
    """
    if not examples:
        raise ExtractionError("no extracted entity matched a gold entity; nothing to learn")
    counts = Counter(f for feats, _ in examples for f in feats)
    vocab = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(examples), len(vocab)), dtype=np.float32)
    for r, (feats, _) in enumerate(examples):
        x[r, [index[f] for f in feats if f in index]] = 1.0
    y = np.zeros((len(examples), len(ENTITY_TYPES)), dtype=np.float32)
    y[np.arange(len(examples)), [ENTITY_TYPES.index(label) for _, label in examples]] = 1.0
    w = np.zeros((len(vocab), len(ENTITY_TYPES)), dtype=np.float32)
    b = np.zeros(len(ENTITY_TYPES), dtype=np.float32)
    n = max(len(examples), 1)
    for _ in range(steps):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = p - y
        w -= lr * (x.T @ g / n + l2 * w / n)
        b -= lr * g.mean(axis=0)
    return Typer(vocab, w, b)
