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

from . import wordlists
from .components.docinfo import title_end, words
from .errors import ExtractionError
from .records import ENTITY_TYPES, ROLES

FILE = "typer.json"
#: the role classifier (introduces / uses), saved beside the type classifier
ROLE_FILE = "roles.json"
WINDOW = 6
_SIZE = re.compile(r"\d+(?:\.\d+)?[BbMm]\b")


def features(
    mentions: Sequence[Span],
    name: str,
    titled: bool,
    rule: str,
    source: str,
    votes: Sequence[tuple[str, str]] = (),
    lex: wordlists.Wordlists | None = None,
) -> set[str]:
    """The sparse binary features of one entity (its mentions in one doc); ``votes`` are
    the (source, type) votes of every source that marked it, not only the best one.
    ``lex`` gives the word lists the sentence features read (the shipped ones by
    default), so a pipeline's ``paths.lexicon`` reaches the classifier's features too."""
    lex = lex or wordlists.load()  # read once per process (load is cached)
    out = {f"rule:{rule}", f"src:{source}", f"src:{source}:{rule}"}
    out.update(f"vote:{src}:{label}" for src, label in votes)
    out |= _name_features(name)
    out.add(f"nment:{min(len(mentions), 3)}")
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
        out |= _order_features(m)
        out |= _sentence_features(m, lex)
    out |= _title_features(mentions)
    return out


def _order_features(m: Span) -> set[str]:
    """The two words right before and right after a mention, in order ("evaluate on",
    "a benchmark"): the bag of window words loses which verb governs the name."""
    w = words(m.doc)
    left = [x.lower() for x in w[max(m.start - 3, 0) : m.start] if not x.isspace()]
    right = [x.lower() for x in w[m.end : m.end + 3] if not x.isspace()]
    out = set()
    if len(left) >= 2:
        out.add(f"L2:{left[-2]} {left[-1]}")
    if len(right) >= 2:
        out.add(f"R2:{right[0]} {right[1]}")
    return out


def _sentence_features(m: Span, lex: wordlists.Wordlists, reach: int = 40) -> set[str]:
    """Whether the mention's sentence (at most ``reach`` tokens either side) speaks in the
    first person and holds an introduction verb: "we propose X" makes X the paper's own,
    "X achieves" does not."""
    w = words(m.doc)
    a, b = m.start, m.end
    while a > max(m.start - reach, 0) and w[a - 1] not in lex.full_stops:
        a -= 1
    while b < min(m.end + reach, len(w)) and w[b] not in lex.full_stops:
        b += 1
    said = {x.lower() for x in w[a:b]}
    we, intro = bool(said & lex.first_person), bool(said & lex.intro_verbs)
    return {f for f, on in (("S:we", we), ("S:intro", intro), ("S:we-intro", we and intro)) if on}


def _title_features(mentions: Sequence[Span]) -> set[str]:
    """For a name in the title, the title's other words ("X: A Benchmark for ...", "...
    with X") and whether the name opens a subtitle (``X:``)."""
    doc = mentions[0].doc if mentions else None
    if doc is None:
        return set()
    end = title_end(doc)
    first = next((m for m in mentions if m.start < end), None)
    if first is None:
        return set()
    out = {"intitle"}
    out.update(
        f"T:{t.lower_}"
        for t in doc[:end]
        if not (t.is_punct or t.is_space or first.start <= t.i < first.end)
    )
    if first.end < end and doc[first.end].text == ":":
        out.add("T:prefix")
    return out


def _name_features(name: str) -> set[str]:
    out = {f"pre:{name[:k]}" for k in (2, 3, 4) if len(name) > k}
    out.add(f"n:{name.lower()}")  # the whole name: frequent names are learned as such
    out.add(f"shape:{_shape(name)}")
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


#: the classifier's classes: the three types, and NONE for a candidate that is no entity
LABELS = (*ENTITY_TYPES, "NONE")


def _shape(name: str) -> str:
    """The name's letter-case shape, runs collapsed ("GPT-4o" -> "X-dx").

    >>> _shape("GPT-4o"), _shape("WebArena"), _shape("speculative decoding")
    ('X-dx', 'XxXx', 'x x')
    """
    out: list[str] = []
    for c in name[:24]:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)


class Typer:
    """Multinomial logistic regression over named binary features (a fixed vocabulary).

    A classifier trained with the ``NONE`` class also decides whether a candidate is an
    entity at all: :meth:`keep` is the probability that it is (its confidence).
    """

    def __init__(
        self,
        vocab: list[str],
        weights: np.ndarray,
        bias: np.ndarray,
        labels: Sequence[str] = ENTITY_TYPES,
    ) -> None:
        self.index = {f: i for i, f in enumerate(vocab)}
        self.weights = weights  # (len(vocab), len(labels))
        self.bias = bias
        self.labels = tuple(labels)

    @property
    def filters(self) -> bool:
        """Whether the classifier was trained to tell entities from non-entities."""
        return "NONE" in self.labels

    def rows(self, feats: set[str]) -> list[int]:
        """The weight rows of the features this classifier knows."""
        return [i for i in map(self.index.get, feats) if i is not None]

    def proba(self, feats: set[str], rows: list[int] | None = None) -> np.ndarray:
        """The probability of each label; ``rows`` are :meth:`rows` of ``feats`` when the
        caller has them already (from a classifier with the same index)."""
        rows = self.rows(feats) if rows is None else rows
        z = self.bias + self.weights[rows].sum(axis=0)
        e = np.exp(z - z.max())
        return e / e.sum()

    def predict(self, feats: set[str], proba: np.ndarray | None = None) -> tuple[str, float]:
        """The most likely entity type (never NONE) and its probability among the types;
        ``proba`` is :meth:`proba` of ``feats`` when the caller has it already."""
        p = (self.proba(feats) if proba is None else proba)[: len(ENTITY_TYPES)]
        k = int(p.argmax())
        return ENTITY_TYPES[k], float(p[k] / p.sum())

    def label(self, feats: set[str], rows: list[int] | None = None) -> str:
        """The most likely label, whatever the classes are (``rows`` as for :meth:`proba`)."""
        return self.labels[int(self.proba(feats, rows).argmax())]

    def indexed_like(self, other: Typer) -> Typer:
        """This classifier over ``other``'s feature index (the same dict), its weights zero
        for the features only ``other`` knows, so one row lookup per candidate serves both
        (the role classifier beside the type classifier); itself when it knows a feature
        ``other`` does not."""
        if any(f not in other.index for f in self.index):
            return self
        weights = np.zeros((len(other.index), self.weights.shape[1]), dtype=self.weights.dtype)
        for f, i in self.index.items():
            weights[other.index[f]] = self.weights[i]
        aligned = Typer([], weights, self.bias, self.labels)
        aligned.index = other.index
        return aligned

    def keep(self, feats: set[str], proba: np.ndarray | None = None) -> float:
        """The probability that the candidate is an entity (1.0 without a NONE class);
        ``proba`` as for :meth:`predict`."""
        if not self.filters:
            return 1.0
        return 1.0 - float((self.proba(feats) if proba is None else proba)[-1])

    def save(self, directory: str | Path, file: str = FILE) -> Path:
        vocab = sorted(self.index, key=self.index.__getitem__)
        data = {
            "labels": list(self.labels),
            "vocab": vocab,
            "weights": np.round(self.weights, 4).tolist(),
            "bias": np.round(self.bias, 4).tolist(),
        }
        path = Path(directory) / file
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        return path


def load(directory: str | Path, file: str = FILE) -> Typer | None:
    """The classifier saved in a model directory, or None when there is none."""
    path = Path(directory) / file
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["labels"] not in (list(ENTITY_TYPES), list(LABELS), list(ROLES)):
            raise ValueError(f"labels {data['labels']} are not {list(LABELS)}")
        return Typer(
            data["vocab"], np.array(data["weights"]), np.array(data["bias"]), data["labels"]
        )
    except (ValueError, KeyError) as exc:
        raise ExtractionError(f"{path}: not a paperkg type classifier: {exc}") from exc


def fit(
    examples: Sequence[tuple[set[str], str]],
    *,
    min_count: int = 2,
    l2: float = 0.3,
    steps: int = 2000,
    lr: float = 1.0,
    labels: Sequence[str] | None = None,
) -> Typer:
    """Fit the classifier by full-batch gradient descent on the L2-penalised log loss.

    Labels are entity types, and ``NONE`` for candidates that are no entity (the
    classifier then filters too). Features seen fewer than ``min_count`` times are
    dropped. The feature matrix stays sparse (row pointers and column indices), so
    thousands of papers' candidates fit in memory and seconds.
    """
    if not examples:
        raise ExtractionError("no extracted entity matched a gold entity; nothing to learn")
    if labels is None:
        labels = LABELS if any(label == "NONE" for _, label in examples) else ENTITY_TYPES
    labels = tuple(labels)
    counts = Counter(f for feats, _ in examples for f in feats)
    vocab = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    cols = [sorted(index[f] for f in feats if f in index) for feats, _ in examples]
    rows = np.repeat(np.arange(len(examples)), [len(c) for c in cols])
    flat = np.fromiter((i for c in cols for i in c), dtype=np.int64, count=len(rows))
    n, k = len(examples), len(labels)
    y = np.zeros((n, k), dtype=np.float64)
    y[np.arange(n), [labels.index(label) for _, label in examples]] = 1.0
    w = np.zeros((len(vocab), k), dtype=np.float64)
    b = np.zeros(k, dtype=np.float64)
    for _ in range(steps):
        z = _rowsum(w[flat], rows, n) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = p - y
        grad = np.stack(
            [np.bincount(flat, weights=g[rows, c], minlength=len(vocab)) for c in range(k)],
            axis=1,
        )
        w -= lr * (grad / n + l2 * w / n)
        b -= lr * g.mean(axis=0)
    return Typer(vocab, w.astype(np.float32), b.astype(np.float32), labels)


def _rowsum(values: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Sum ``values`` (one row per non-zero) into ``n`` rows by ``rows``."""
    out = np.zeros((n, values.shape[1]))
    for c in range(values.shape[1]):
        out[:, c] = np.bincount(rows, weights=values[:, c], minlength=n)
    return out
