"""Resolver component: turns the candidate span groups into the paper's entities.

The entities go to ``doc.user_data["paperkg.entities"]`` as JSON dicts of
:class:`~paperkg.extract.records.Entity` (plain data survives ``n_process``).
``sources`` is the priority order of the span groups when candidates overlap;
it was chosen by measuring on the annotated papers (see docs/extraction.md).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ExtractionError
from ..resolution import DEFAULT_SOURCES, LEARNED_SOURCES, resolve
from ..typer import Typer
from ..wordlists import Wordlists, load
from .docinfo import KEYS_KEY, WORDS_KEY

KEY = "paperkg.entities"
#: the rule components whose word lists and stop list the resolver shares
RULES = ("paperkg_gazetteer", "paperkg_patterns", "paperkg_context", "paperkg_ner")


@Language.factory(
    "paperkg_resolve",
    default_config={
        "sources": list(DEFAULT_SOURCES),
        "type_sources": list(DEFAULT_SOURCES),
        "learned": sorted(LEARNED_SOURCES),
        "keep_threshold": 0.5,
        "longer_names": True,
    },
)
def make_resolver(
    nlp: Language,
    name: str,
    sources: list[str],
    type_sources: list[str],
    learned: list[str],
    keep_threshold: float,
    longer_names: bool,
) -> Resolver:
    # the type classifier is trained with the NER and ships in its model directory
    ner = nlp.get_pipe("paperkg_ner") if nlp.has_pipe("paperkg_ner") else None
    typer = getattr(ner, "typer", None)
    resolver = Resolver(
        tuple(sources), tuple(type_sources), typer, frozenset(learned), keep_threshold
    )
    resolver.roles = getattr(ner, "roles", None)
    resolver.lex = pipeline_wordlists(nlp)
    resolver.longer_names = longer_names
    return resolver


def pipeline_wordlists(nlp: Language) -> Wordlists:
    """The word lists the rule components read (``[paths]`` in extract/config.cfg sets them
    once for all); the shipped ones when there is no rule component."""
    pipes = [nlp.get_pipe(name) for name in RULES if nlp.has_pipe(name)]
    lexes: list[Wordlists] = [pipe.lex for pipe in pipes]  # type: ignore[attr-defined]
    if len(set(map(id, lexes))) > 1:
        raise ExtractionError(
            f"the rule components {', '.join(RULES)} read different word lists or stop lists; "
            "set them once with [paths] lexicon and stoplist in the pipeline config"
        )
    return lexes[0] if lexes else load()


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
        #: the word lists and stop list of the pipeline's rules
        self.lex: Wordlists = load()
        #: let the classifier choose between a chosen span and a longer name around it
        self.longer_names = True

    def __call__(self, doc: Doc) -> Doc:
        entities = resolve(
            doc,
            self.sources,
            self.type_sources,
            self.typer,
            self.learned,
            self.keep_threshold,
            self.roles,
            self.lex,
            self.longer_names,
        )
        doc.user_data[KEY] = [e.to_json() for e in entities]
        doc.user_data.pop(WORDS_KEY, None)
        doc.user_data.pop(KEYS_KEY, None)
        return doc
