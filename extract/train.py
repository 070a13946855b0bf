"""Training the NER component from gold annotations in the guidelines' format.

Gold gives names, not positions, so each gold name and alias is located in the
title and abstract (exact spelling first, then case-insensitively, on token
boundaries); the longest span wins where two overlap. The model is a small CNN
``tok2vec`` + a ``tagger`` of BILUO tags over BENCHMARK, MODEL and METHOD, decoded to
names by ``paperkg_biluo``: as accurate here as spaCy's transition-based ``ner``
(``head = "parser"``) at about half its CPU time (docs/extraction.md).
The same directory holds the type classifier (:mod:`paperkg.extract.typer`),
trained on the same papers.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer, Tagger
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.training.iob_utils import doc_to_biluo_tags
from spacy.util import filter_spans, minibatch

from . import tokenizer  # noqa: F401  (registers the tokenizer)
from .components.biluo import TAGS
from .components.lexicon import learn_names, save_names
from .components.resolve import Resolver
from .errors import ExtractionError
from .files import atomic_dir
from .gold import GoldPaper
from .normalise import name_key
from .records import ENTITY_TYPES, ROLES, Entity, Paper
from .resolution import typed_groups
from .typer import ROLE_FILE, Typer
from .typer import fit as fit_typer

#: the shipped model's architecture: narrow and shallow, so it keeps up with the rules
#: (width 32 since the NER was retrained by scripts/distil_ner.py; CV found 32 and 64 equal)
MODEL_CONFIG = {
    "width": 32,
    "depth": 2,
    "embed_size": 2000,
    "window_size": 1,
    "hidden": 64,
    "use_upper": False,
    "head": "tagger",
}
#: the NER's output layer: spaCy's transition-based ``ner``, or a ``tagger`` of BILUO tags
#: decoded by ``paperkg_biluo`` (a fraction of the CPU time; docs/extraction.md)
HEADS = ("parser", "tagger")


def blank(config: dict | None = None) -> Language:
    """A blank pipeline with paperkg's tokenizer and an untrained tok2vec + BILUO tagger
    and its decoder (with ``head = "parser"``: tok2vec + ner)."""
    c = {**MODEL_CONFIG, **(config or {})}
    if c["head"] not in HEADS:
        raise ExtractionError(f"NER head {c['head']!r}; expected one of {', '.join(HEADS)}")
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
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": c["width"]}
    if c["head"] == "tagger":
        model = {"@architectures": "spacy.Tagger.v2", "nO": None, "tok2vec": listener}
        tagger = cast("Tagger", nlp.add_pipe("tagger", config={"model": model}))
        for tag in TAGS:
            tagger.add_label(tag)
        nlp.add_pipe("paperkg_biluo")
        return nlp
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
                "tok2vec": listener,
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
        examples.append(_example(doc, gold_spans(doc, gold)))
    return examples


def _example(doc: Doc, names: Sequence[Span]) -> Example:
    """``doc`` with ``names`` (spans of ``doc`` or of a doc tokenised the same) as its
    entities, every other token O, and each token's BILUO tag (what a tagger head learns)."""
    annotated = doc.copy()
    annotated.set_ents(
        [Span(annotated, s.start, s.end, label=s.label_) for s in names], default="outside"
    )
    for token, tag in zip(annotated, doc_to_biluo_tags(annotated), strict=True):
        token.tag_ = tag
    return Example(doc, annotated)


#: how many NERs ``train_model`` cross-fits for the classifiers' training candidates
NER_FOLDS = 2


def train_model(
    pairs: Sequence[tuple[GoldPaper, Paper]],
    output: str | Path,
    *,
    epochs: int = 20,
    seed: int = 0,
    config: dict | None = None,
    on_epoch: Callable[[int, float], None] | None = None,
    ner_folds: int = NER_FOLDS,
    private: Sequence[tuple[GoldPaper, Paper]] = (),
) -> Path:
    """Train tok2vec + ner on ``pairs``, then the classifiers, and save them (atomically)
    to ``output``.

    The classifiers learn from the NER's spans as well as the rules': for that the NER
    is also trained ``ner_folds`` times, each time on all papers but one part, and marks
    that part (cross-fitting), so that the classifiers see its spans on papers it never
    saw, as they will be on new text. ``ner_folds=0`` skips it (the classifiers then
    see no NER spans).

    ``private`` papers are learned from like ``pairs`` (NER and classifiers) but their
    annotations never become learned names: ``names.tsv`` is a list of annotated names
    that ships with the model, and annotations of text whose licence is unknown must not
    be published (the shipped model's case, extract/data/training/SOURCES.md).
    """
    everything = [*pairs, *private]
    nlp = fit_ner(everything, epochs=epochs, seed=seed, config=config, on_epoch=on_epoch)
    folds = crossfit_ner(pairs, ner_folds, epochs=epochs, seed=seed, config=config, private=private)
    hidden = frozenset(range(len(pairs), len(everything)))
    typer, roles = fit_classifiers(Candidates(everything, folds), range(len(everything)), hidden)
    with atomic_dir(output) as tmp:
        nlp.to_disk(tmp)
        save_names(learn_names(g.entities for g, _ in pairs), tmp)
        if typer is not None:
            typer.save(tmp)
        if roles is not None:
            roles.save(tmp, ROLE_FILE)
    return Path(output)


def silver_examples(nlp: Language, teacher: Language, papers: Sequence[Paper]) -> list[Example]:
    """Training examples of ``papers`` whose names are those ``teacher`` (a trained NER)
    marks: how a new NER learns from text whose annotations may not be shipped or are
    gone, by imitating a model that learned from them (distillation)."""
    examples = []
    for paper, marked in zip(papers, teacher.pipe(p.text for p in papers), strict=True):
        doc = nlp.make_doc(paper.text)
        if [t.text for t in doc] != [t.text for t in marked]:
            raise ExtractionError(
                f"{paper.id}: the teacher model tokenises the paper differently; "
                "it must use paperkg's tokenizer"
            )
        examples.append(_example(doc, marked.ents))
    return examples


def fit_ner(
    pairs: Sequence[tuple[GoldPaper, Paper]],
    *,
    epochs: int = 20,
    seed: int = 0,
    config: dict | None = None,
    on_epoch: Callable[[int, float], None] | None = None,
    teacher: Language | None = None,
    silver: Sequence[Paper] = (),
) -> Language:
    """A tok2vec + ner pipeline trained on the gold spans of ``pairs``, and on ``silver``
    papers as ``teacher`` marks them (:func:`silver_examples`)."""
    if not pairs:
        raise ExtractionError("no annotated papers to train on")
    spacy.util.fix_random_seed(seed)
    nlp = blank(config)
    examples = make_examples(nlp, pairs)
    if silver:
        if teacher is None:
            raise ExtractionError("silver papers need a teacher model to mark them")
        examples += silver_examples(nlp, teacher, silver)
    if not any(ex.reference.ents for ex in examples):
        raise ExtractionError("no gold name was found in the paper texts; nothing to learn")
    if nlp.has_pipe("ner"):
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
            on_epoch(epoch + 1, sum(losses.values()))
    return nlp


def crossfit_ner(
    pairs: Sequence[tuple[GoldPaper, Paper]],
    folds: int,
    *,
    epochs: int = 20,
    seed: int = 0,
    config: dict | None = None,
    private: Sequence[tuple[GoldPaper, Paper]] = (),
) -> list[tuple[Language, list[int]]]:
    """``folds`` NERs, each with the papers it was *not* trained on (the part it marks).

    Parts of ``pairs`` are drawn at random (``seed``); ``private`` papers (numbered after
    ``pairs``) join the parts in turn (the first part, the second, …), so adding them
    leaves the split of ``pairs`` as it was. A part whose complement holds no gold span
    gets no model. Fewer than two papers or ``folds < 2`` give none.
    """
    if folds < 2 or len(pairs) < 2:
        return []
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)  # noqa: S311 - a split, not crypto
    k = min(folds, len(pairs))
    parts = [sorted(order[j::k]) for j in range(k)]
    for i in range(len(private)):
        parts[i % k].append(len(pairs) + i)
    everything = [*pairs, *private]
    out = []
    for part in parts:
        held = set(part)
        rest = [everything[i] for i in range(len(everything)) if i not in held]
        try:
            out.append((fit_ner(rest, epochs=epochs, seed=seed, config=config), part))
        except ExtractionError:
            continue  # no gold span outside this part: nothing to learn from
    return out


def fit_classifiers(
    candidates: Candidates, papers: Iterable[int], exclude: frozenset[int] = frozenset()
) -> tuple[Typer | None, Typer | None]:
    """The type (and entity-or-not) classifier and the role classifier, fitted on the
    candidates of ``papers`` with the learned names of no paper in ``exclude``."""
    examples = [ex for i in papers for ex in candidates.examples(i, exclude)]
    if not any(label != "NONE" for _, label, _ in examples):
        return None, None
    typer = fit_typer([(feats, label) for feats, label, _ in examples])
    role_examples = [(feats, role) for feats, _, role in examples if role is not None]
    roles = fit_typer(role_examples, labels=ROLES) if role_examples else None
    return typer, roles


class Candidates:
    """The rules' candidates in annotated papers, run once, for fitting the classifier.

    The learned names are those of all the papers here; a paper's own annotations never
    count toward the names it is matched with (``examples(i)`` leaves paper ``i`` out,
    and CV leaves its test fold out too), so training sees learned names as they will be
    on new text.
    """

    def __init__(
        self,
        pairs: Sequence[tuple[GoldPaper, Paper]],
        ner: Sequence[tuple[Language, Sequence[int]]] = (),
        overrides: Mapping[str, object] | None = None,
    ) -> None:
        from .components.lexicon import Lexicon, learn_names
        from .components.ner import TrainedNER
        from .pipeline import load_extractor

        self.pairs = pairs
        self.nlp = load_extractor(ner=False, learned=False, overrides=overrides).nlp
        self.resolver = cast("Resolver", self.nlp.get_pipe("paperkg_resolve"))
        self.lexicon = cast("Lexicon", self.nlp.get_pipe("paperkg_lexicon"))
        self.lexicon.use(learn_names(g.entities for g, _ in pairs))
        self.docs = list(self.nlp.pipe((p.text for _, p in pairs), disable=["paperkg_resolve"]))
        self.learned = [list(doc.spans["learned"]) for doc in self.docs]
        # each cross-fitted NER marks the papers it never saw, filtered as in the pipeline
        component = cast("TrainedNER", self.nlp.get_pipe("paperkg_ner"))
        for model, part in ner:
            component.model = model
            for _ in component.pipe(self.docs[i] for i in part):
                pass
        component.model = None

    def doc(self, i: int, exclude: frozenset[int] = frozenset()) -> Doc:
        """Paper ``i``'s doc, its learned names supported without ``exclude`` and ``i``."""
        doc = self.docs[i]
        self.lexicon.restrict(doc, self.learned[i], exclude | {i})
        return doc

    def examples(
        self, i: int, exclude: frozenset[int] = frozenset()
    ) -> list[tuple[set[str], str, str | None]]:
        """The labelled classifier examples of paper ``i``: features, type (or NONE), and
        the gold role for candidates that name a required gold entity."""
        gold = self.pairs[i][0]
        out: list[tuple[set[str], str, str | None]] = []
        for entity, feats, _ in typed_groups(
            self.doc(i, exclude), self.resolver.sources, self.resolver.type_sources
        ):
            match = _gold_entity(entity, gold.entities)
            if match is not None:
                out.append((feats, match.type, match.role))
            elif _gold_entity(entity, gold.optional) is None:
                out.append((feats, "NONE", None))
        return out


def _gold_entity(entity: Entity, gold: Sequence[Entity]) -> Entity | None:
    keys = {name_key(n) for n in (entity.name, *entity.aliases)}
    for g in gold:
        if keys & {name_key(n) for n in (g.name, *g.aliases)}:
            return g
    return None
