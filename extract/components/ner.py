"""Trained NER component: runs a ``paperkg train`` model and keeps its spans as candidates.

The model (tok2vec + ner, see :mod:`paperkg.extract.train`) is loaded from
``model``: ``"builtin"`` is the one shipped in ``extract/data/ner``, ``"none"``
turns the NER off, anything else is a directory. Its entities are moved to
``doc.spans["ner"]`` so that the resolver can weigh them against the rules. The
model directory may also hold the learned type classifier (``typer.json``), which
the resolver takes from this component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import cast

import numpy as np
import spacy
from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.pipeline import Tagger, TrainablePipe
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..errors import ExtractionError
from ..records import ENTITY_TYPES
from ..typer import FILE, ROLE_FILE, Typer
from ..typer import load as load_typer
from ..typing_rules import context_type, suffix_type
from ..wordlists import BUILTIN, Wordlists, load
from .biluo import BiluoDecoder, decode, tag_codes
from .docinfo import candidate_tokens, title_end
from .docinfo import words as doc_words

GROUP = "ner"
#: the ``trim`` and ``sentences`` settings (see :class:`TrainedNER`)
TRIMS = ("words", "edges")
SENTENCES = ("candidates", "all")


@Language.factory(
    "paperkg_ner",
    default_config={
        "model": "builtin",
        "name_shapes": True,
        "typing": "context",
        "min_mentions": 2,
        "trim": "words",
        "sentences": "candidates",
        "lexicon": BUILTIN,
        "stoplist": BUILTIN,
    },
)
def make_ner(
    nlp: Language,
    name: str,
    model: str,
    name_shapes: bool,
    typing: str,
    min_mentions: int,
    trim: str,
    sentences: str,
    lexicon: str,
    stoplist: str,
) -> TrainedNER:
    for label in ENTITY_TYPES:
        nlp.vocab.strings.add(label)
    lex = load(lexicon, stoplist)
    ner = TrainedNER(_load(model), name_shapes, typing, min_mentions, lex, trim, sentences)
    ner.typer = _load_typer(model)
    ner.roles = _load_typer(model, ROLE_FILE)
    if ner.typer is not None and ner.roles is not None:
        ner.roles = ner.roles.indexed_like(ner.typer)  # one feature lookup for both
    return ner


def builtin_model_dir() -> Path:
    """Where the shipped model lives inside the installed package."""
    return Path(str(resources.files("paperkg.extract") / "data" / "ner"))


def _load_typer(model: str, file: str = FILE) -> Typer | None:
    """A classifier trained with the model (the resolver uses it), if any: the type
    classifier, or with ``file=ROLE_FILE`` the role classifier."""
    if model == "none":
        return None
    return load_typer(builtin_model_dir() if model == "builtin" else Path(model), file)


def _load(model: str) -> Language | None:
    if model == "none":
        return None
    path = builtin_model_dir() if model == "builtin" else Path(model)
    if not (path / "config.cfg").is_file():
        if model == "builtin":
            return None  # no model shipped yet: the rules work alone
        raise ExtractionError(
            f"{path}: not a paperkg NER model (no config.cfg; use `paperkg train`)"
        )
    try:
        return spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"{path}: cannot load the NER model: {exc}") from exc


class TrainedNER:
    """Applies the trained pipes in place, then moves ``doc.ents`` to ``doc.spans["ner"]``."""

    def __init__(
        self,
        model: Language | None,
        name_shapes: bool = True,
        typing: str = "context",
        min_mentions: int = 2,
        lex: Wordlists | None = None,
        trim: str = "words",
        sentences: str = "candidates",
    ) -> None:
        for setting, value, allowed in (("trim", trim, TRIMS), ("sentences", sentences, SENTENCES)):
            if value not in allowed:
                raise ExtractionError(
                    f"paperkg_ner: {setting} = {value!r}; expected one of {', '.join(allowed)}"
                )
        self.model = model
        self.lex = lex or load()
        self.name_shapes = name_shapes  # keep only spans shaped like names
        self.typing = typing  # "ner": the model's label; "context": name shape, context words
        self.min_mentions = min_mentions  # a span the abstract repeats is more likely a name
        self.trim = trim  # "words": cut descriptive tails; "edges": punctuation, determiners
        self.sentences = sentences  # "candidates": only sentences that could hold a new name
        self.typer: Typer | None = None  # trained with the model; applied by the resolver
        self.roles: Typer | None = None  # the role classifier, likewise

    @property
    def model(self) -> Language | None:
        return self._model

    @model.setter
    def model(self, model: Language | None) -> None:
        """The NER pipeline (settable: cross-fitting swaps models in and out)."""
        self._model = model
        self._tagger = _tagger_head(model)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        if self.model is None:
            for doc in docs:
                doc.spans[GROUP] = []
                yield doc
            return
        for batch in minibatch(docs, size=batch_size):
            views = [
                _candidate_sentences(doc, self.lex)
                if self.sentences == "candidates"
                else (doc, list(range(len(doc))))
                for doc in batch
            ]
            subs = [sub for sub, _ in views]
            for doc, sub, names, (_, index) in zip(
                batch, subs, self._names(subs), views, strict=True
            ):
                doc.spans[GROUP] = self._spans(doc, _mapped(doc, sub, names, index))
                yield doc

    def _names(self, subs: list[Doc]) -> list[list[tuple[int, int, str]]]:
        """The (start, end, type) of each name the model marks in each doc. A tagger head's
        tag ids are decoded directly: no token tags or ``doc.ents`` are written, which
        took about a tenth of the NER's CPU time (2.2 against 2.4 s per 3,000 abstracts)."""
        assert self.model is not None
        if self._tagger is None:
            docs: Iterable[Doc] = subs
            for _, proc in self.model.pipeline:
                docs = cast("TrainablePipe", proc).pipe(docs, batch_size=len(subs))
            return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]
        tagger, codes, outside = self._tagger
        for _, proc in self.model.pipeline[:-2]:
            subs = list(cast("TrainablePipe", proc).pipe(subs, batch_size=len(subs)))
        out = []
        for ids in tagger.predict(subs):
            marked = np.flatnonzero(ids != outside)
            out.append(
                decode(
                    (i, *codes[c])
                    for i, c in zip(marked.tolist(), ids[marked].tolist(), strict=True)
                )
            )
        return out

    def _spans(self, doc: Doc, spans: list[Span]) -> list[Span]:
        tails = self.trim == "words"
        spans = [t for t in (_trim(e, self.lex, tails) for e in spans) if t is not None]
        if self.name_shapes:
            capitalised = _capitalised_mid_sentence(doc) if spans else set()
            spans = [s for s in spans if name_shaped(s, capitalised)]
        if self.min_mentions > 1:
            spans = _repeated(spans, self.min_mentions)
        if self.typing != "ner":
            spans = [_retyped(s, self.typing, self.lex) for s in spans]
        return spans


def _tagger_head(model: Language | None) -> tuple[Tagger, list[tuple[str, str]], int] | None:
    """A tagger-headed NER's tagger, the (prefix, type) of its classes and the class of
    ``O``; None for a transition-based NER."""
    if model is None or len(model.pipeline) < 2:
        return None
    (_, tagger), (_, decoder) = model.pipeline[-2:]
    labels = list(getattr(tagger, "labels", ()))
    if not (isinstance(tagger, Tagger) and isinstance(decoder, BiluoDecoder) and "O" in labels):
        return None  # the pipes run one by one and the decoder reads the token tags
    return tagger, tag_codes(labels), labels.index("O")


#: the model's spans come last in priority, so where a rule already found a name it
#: cannot add one; sentences whose capitals are all inside rule spans are skipped
_RULE_GROUPS = ("pattern", "gazetteer", "coined", "title", "context", "listmate")


def _candidate_sentences(doc: Doc, lex: Wordlists) -> tuple[Doc, list[int]]:
    """A doc of only the sentences that could hold a name, with each of its tokens' index
    in ``doc`` (the whole doc when every sentence could)."""
    covered = np.zeros(len(doc), dtype=bool)
    for group in _RULE_GROUPS:
        for span in doc.spans.get(group, ()):
            covered[span.start : span.end] = True
    keep = candidate_tokens(doc, covered, lex).tolist()
    if len(keep) == len(doc):
        return doc, keep
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, SPACY])
    words = [strings[int(arr[i, 0])] for i in keep]
    spaces = [bool(arr[i, 1]) for i in keep]
    return Doc(doc.vocab, words=words, spaces=spaces), keep


def _mapped(doc: Doc, sub: Doc, names: list[tuple[int, int, str]], index: list[int]) -> list[Span]:
    """The sub-doc's names as spans of ``doc`` (dropped if they straddle a gap)."""
    if sub is doc:
        return [Span(doc, a, b, label=label) for a, b, label in names]
    out = []
    for a, b, label in names:
        start, last = index[a], index[b - 1]
        if last - start == b - 1 - a:
            out.append(Span(doc, start, last + 1, label=label))
    return out


def _trim(span: Span, lex: Wordlists, tails: bool = True) -> Span | None:
    """The span without leading or trailing punctuation or leading determiners
    ("Policy Refinement (", "the X"); with ``tails``, also without trailing words that
    describe rather than name ("CivRealm stands", "X Benchmark"). Without it lower-case
    words stay ("importance sampling") and the classifier decides whether it is a name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        not doc[start].text[:1].isalnum() or doc[start].lower_ in lex.determiners
    ):
        start += 1
    while end > start and (
        not doc[end - 1].text[-1:].isalnum()
        or (tails and (doc[end - 1].text.islower() or doc[end - 1].text in lex.generic_tails))
    ):
        end -= 1
    return Span(doc, start, end, label=span.label) if end > start else None


_BREAKS = re.compile(r"[,;()\[\]\"“”&]")
_DISTINCT = re.compile(r"[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z]|[A-Za-z]-[A-Z]")


def name_shaped(span: Span, capitalised: set[str] | None = None) -> bool:
    """Whether a span the model proposes looks like a name, not a phrase.

    Kept: a token with a name's shape (``GUI-Owl``, ``KG4Diagnosis``, ``MM-Vet``), or one
    capitalised word that the abstract also capitalises mid-sentence (``in Minecraft``).
    Dropped: phrases with commas or brackets, lower-case phrases, numbers, and runs of
    capitalised ordinary words ("Dynamic Context Adaptation") that the text never abbreviates.
    """
    text = span.text
    if _BREAKS.search(text) or not any(c.isupper() for c in text):
        return False
    if any(_DISTINCT.search(t.text) for t in span):
        return True
    if capitalised is None:
        capitalised = _capitalised_mid_sentence(span.doc)
    return len(span) == 1 and span.text in capitalised


def _capitalised_mid_sentence(doc: Doc) -> set[str]:
    """Capitalised words of the abstract that do not start a sentence ("in Minecraft")."""
    start = title_end(doc) + 1
    words = doc_words(doc)[start:]
    return {w for prev, w in pairwise(words) if w[:1].isupper() and prev not in {".", ":", "?"}}


def _retyped(span: Span, how: str, lex: Wordlists) -> Span:
    """The span typed by its shape and context words; "context" falls back to the model."""
    doc = span.doc
    before = [t.text for t in doc[max(span.start - 2, 0) : span.start]]
    after = [t.text for t in doc[span.end : span.end + 2]]
    default = span.label_ if how == "context" else "METHOD"
    label = (
        suffix_type(span.text, lex)
        or context_type(before, after, default=default, lex=lex)
        or default
    )
    return Span(doc, span.start, span.end, label=label)


def _repeated(spans: list[Span], n: int) -> list[Span]:
    """Spans whose text the model marks at least ``n`` times in the paper."""
    counts: dict[str, int] = {}
    for s in spans:
        counts[s.text] = counts.get(s.text, 0) + 1
    return [s for s in spans if counts[s.text] >= n]
