"""Resolver component: turns the candidate span groups into the paper's entities.

The entities go to ``doc.user_data["paperkg.entities"]`` as JSON dicts of
:class:`~paperkg.extract.records.Entity` (plain data survives ``n_process``).
``sources`` is the priority order of the span groups when candidates overlap;
it was chosen by measuring on the annotated papers (see docs/extraction.md).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..resolution import DEFAULT_SOURCES, LEARNED_SOURCES, resolve
from ..typer import Typer
from .docinfo import WORDS_KEY

KEY = "paperkg.entities"


@Language.factory(
    "paperkg_resolve",
    default_config={
        "sources": list(DEFAULT_SOURCES),
        "type_sources": list(DEFAULT_SOURCES),
        "learned": sorted(LEARNED_SOURCES),
        "keep_threshold": 0.5,
    },
)
def make_resolver(
    nlp: Language,
    name: str,
    sources: list[str],
    type_sources: list[str],
    learned: list[str],
    keep_threshold: float,
) -> Resolver:
    # the type classifier is trained with the NER and ships in its model directory
    ner = nlp.get_pipe("paperkg_ner") if nlp.has_pipe("paperkg_ner") else None
    typer = getattr(ner, "typer", None)
    resolver = Resolver(
        tuple(sources), tuple(type_sources), typer, frozenset(learned), keep_threshold
    )
    resolver.roles = getattr(ner, "roles", None)
    return resolver


class Resolver:
    def __init__(
        self,
        sources: tuple[str, ...],
        type_sources: tuple[str, ...],
        typer: Typer | None = None,
        learned: frozenset[str] = LEARNED_SOURCES,
        keep_threshold: float = 0.5,
    ) -> None:
        self.sources = sources
        self.type_sources = type_sources
        self.typer = typer
        self.learned = learned
        #: a candidate the classifier gives a lower probability of being an entity is dropped
        self.keep_threshold = keep_threshold
        #: the learned role classifier (introduces / uses), shipped beside the typer
        self.roles: Typer | None = None

    def __call__(self, doc: Doc) -> Doc:
        entities = resolve(
            doc,
            self.sources,
            self.type_sources,
            self.typer,
            self.learned,
            self.keep_threshold,
            self.roles,
        )
        doc.user_data[KEY] = [e.to_json() for e in entities]
        doc.user_data.pop(WORDS_KEY, None)
        return doc
