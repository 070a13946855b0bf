"""The extraction pipeline: papers in, per-paper entities out.

``load_extractor()`` assembles ``spacy.blank("en")`` plus paperkg's components
from ``extract/config.cfg`` (shipped in the package); nothing is downloaded.
``paperkg build`` calls ``load_extractor(model_dir).extract(papers)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from . import tokenizer  # noqa: F401  (registers the tokenizer)

# importing the component modules registers their factories
from .components import abbreviations, context, gazetteer, lexicon, patterns, resolve  # noqa: F401
from .components import ner as _ner  # noqa: F401
from .components.resolve import KEY
from .errors import ExtractionError
from .records import Paper, PaperEntities, entity_from_json

CONFIG = "config.cfg"


def load_config(
    model_dir: str | Path | None = None, *, ner: bool = True, learned: bool = True
) -> spacy.Config:
    """The pipeline config shipped in the package, pointing the NER and the learned names
    at ``model_dir``; ``ner=False`` turns the NER off, ``learned=False`` the learned names."""
    with resources.as_file(resources.files("paperkg.extract") / CONFIG) as path:
        config = spacy.util.load_config(path)
    for component, on in (("paperkg_ner", ner), ("paperkg_lexicon", learned)):
        if component in config["components"]:
            if model_dir is not None:
                config["components"][component]["model"] = str(model_dir)
            if not on:
                config["components"][component]["model"] = "none"
    return config


def load_extractor(
    model_dir: str | Path | None = None, *, ner: bool = True, learned: bool = True
) -> Extractor:
    """The ready-to-run extractor; ``model_dir`` is a model written by ``paperkg train``.

    ``ner=False`` leaves the trained NER out, ``learned=False`` the learned names; with
    both off the rules run alone (gazetteer, abbreviations, patterns, title).
    """
    if model_dir is not None and not Path(model_dir).is_dir():
        raise ExtractionError(
            f"{model_dir}: no such model directory (expected `paperkg train` output)"
        )
    try:
        config = load_config(model_dir, ner=ner, learned=learned)
        nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"cannot load the extraction pipeline: {exc}") from exc
    return Extractor(nlp)


class Extractor:
    """Runs the pipeline over papers, keeping their order."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def extract(
        self,
        papers: Iterable[Paper],
        *,
        batch_size: int = 64,
        n_process: int = 1,
        on_progress: Callable[[int], None] | None = None,
    ) -> Iterator[PaperEntities]:
        """Entities of each paper, in input order; ``on_progress(1)`` after each paper."""
        stream = ((paper.text, paper) for paper in papers)
        for doc, paper in self.nlp.pipe(
            stream, as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            yield PaperEntities(paper, tuple(entity_from_json(e) for e in doc.user_data[KEY]))
            if on_progress is not None:
                on_progress(1)

    def extract_one(self, paper: Paper) -> PaperEntities:
        """Entities of one paper (convenience for tests and interactive use)."""
        return next(self.extract([paper]))
