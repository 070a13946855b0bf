"""Training the NER component from gold annotations in the guidelines' format.

Gold gives names, not positions, so each gold name and alias is located in the
title and abstract (exact spelling first, then case-insensitively, on token
boundaries); the longest span wins where two overlap. The model is a small CNN
``tok2vec`` + transition-based ``ner`` (BENCHMARK, MODEL, METHOD), fast on CPU.
The same directory holds the type classifier (:mod:`paperkg.extract.typer`),
trained on the same papers.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, minibatch

from . import tokenizer  # noqa: F401  (registers the tokenizer)
from .components.resolve import Resolver
from .errors import ExtractionError
from .files import atomic_dir
from .gold import GoldPaper
from .normalise import name_key
from .records import ENTITY_TYPES, Entity, Paper
from .resolution import typed_groups
from .typer import Typer
from .typer import fit as fit_typer

#: the shipped model's architecture: narrow and shallow, so it keeps up with the rules
MODEL_CONFIG = {
    "width": 64,
    "depth": 2,
    "embed_size": 2000,
    "window_size": 1,
    "hidden": 64,
    "use_upper": False,
}


def blank(config: dict | None = None) -> Language:
    """A blank pipeline with paperkg's tokenizer and an untrained tok2vec + ner."""
    c = {**MODEL_CONFIG, **(config or {})}
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "paperkg.tokenizer.v1"}}})
    nlp.add_pipe(
        "tok2vec",
        config={
            "model": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": c["width"],
                    "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                    "rows": [
                        c["embed_size"],
                        c["embed_size"] // 2,
                        c["embed_size"] // 2,
                        c["embed_size"] // 4,
                    ],
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": c["width"],
                    "depth": c["depth"],
                    "window_size": c["window_size"],
                    "maxout_pieces": 2,
                },
            }
        },
    )
    nlp.add_pipe(
        "ner",
        config={
            "model": {
                "@architectures": "spacy.TransitionBasedParser.v2",
                "state_type": "ner",
                "extra_state_tokens": False,
                "hidden_width": c["hidden"],
                "maxout_pieces": 2,
                "use_upper": c["use_upper"],
                "nO": None,
                "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": c["width"]},
            }
        },
    )
    return nlp


def gold_spans(doc: Doc, gold: GoldPaper) -> list[Span]:
    """Token-aligned spans of every gold name and alias found in ``doc``."""
    spans = []
    for entity in gold.all_entities:
        for form in {entity.name, *entity.aliases}:
            spans += _find(doc, form, entity.type)
    return filter_spans(spans)


def _find(doc: Doc, form: str, label: str) -> list[Span]:
    pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
    hits = list(pattern.finditer(doc.text)) or list(
        re.compile(pattern.pattern, re.IGNORECASE).finditer(doc.text)
    )
    spans = [doc.char_span(m.start(), m.end(), label=label) for m in hits]
    return [s for s in spans if s is not None]


def make_examples(nlp: Language, pairs: Sequence[tuple[GoldPaper, Paper]]) -> list[Example]:
    """Training examples: the paper text with its located gold spans; other tokens are O."""
    examples = []
    for gold, paper in pairs:
        doc = nlp.make_doc(paper.text)
        annotated = doc.copy()
        annotated.set_ents(gold_spans(doc, gold), default="outside")
        examples.append(Example(doc, annotated))
    return examples


def train_model(
    pairs: Sequence[tuple[GoldPaper, Paper]],
    output: str | Path,
    *,
    epochs: int = 20,
    seed: int = 0,
    config: dict | None = None,
    on_epoch: Callable[[int, float], None] | None = None,
) -> Path:
    """Train tok2vec + ner on ``pairs`` and save it (atomically) to ``output``."""
    if not pairs:
        raise ExtractionError("no annotated papers to train on")
    spacy.util.fix_random_seed(seed)
    nlp = blank(config)
    examples = make_examples(nlp, pairs)
    if not any(ex.reference.ents for ex in examples):
        raise ExtractionError("no gold name was found in the paper texts; nothing to learn")
    ner = cast("EntityRecognizer", nlp.get_pipe("ner"))
    for label in ENTITY_TYPES:
        ner.add_label(label)
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)  # noqa: S311 - shuffling, not crypto
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        if on_epoch is not None:
            on_epoch(epoch + 1, losses.get("ner", 0.0))
    typer = train_typer(pairs)
    with atomic_dir(output) as tmp:
        nlp.to_disk(tmp)
        if typer is not None:
            typer.save(tmp)
    return Path(output)


def train_typer(pairs: Sequence[tuple[GoldPaper, Paper]]) -> Typer | None:
    """Fit the type classifier on the entities the rules find in ``pairs``, typed as in gold.

    Examples are the rules' entities (not the gold spans), so that training sees the
    same mentions and rule votes as extraction does; unmatched entities are skipped.
    None when the rules find no gold entity at all (the model then ships without it).
    """
    from .pipeline import load_extractor

    nlp = load_extractor(ner=False).nlp
    resolver = cast("Resolver", nlp.get_pipe("paperkg_resolve"))
    docs = nlp.pipe((p.text for _, p in pairs), disable=["paperkg_resolve"])
    examples = []
    for (gold, _), doc in zip(pairs, docs, strict=True):
        for entity, feats, _ in typed_groups(doc, resolver.sources, resolver.type_sources):
            label = _gold_type(entity, gold.all_entities)
            if label is not None:
                examples.append((feats, label))
    return fit_typer(examples) if examples else None


def _gold_type(entity: Entity, gold: Sequence[Entity]) -> str | None:
    keys = {name_key(n) for n in (entity.name, *entity.aliases)}
    for g in gold:
        if keys & {name_key(n) for n in (g.name, *g.aliases)}:
            return g.type
    return None
