"""The extraction pipeline: papers in, per-paper entities out.

``load_extractor()`` assembles ``spacy.blank("en")`` plus paperkg's components
from ``extract/config.cfg`` (shipped in the package); nothing is downloaded.
``paperkg build`` calls ``load_extractor(model_dir).extract(papers)``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from . import tokenizer  # noqa: F401  (registers the tokenizer)

# importing the component modules registers their factories
from .components import abbreviations, context, gazetteer, lexicon, patterns, resolve  # noqa: F401
from .components import ner as _ner  # noqa: F401
from .components.resolve import KEY
from .errors import ExtractionError, InputWarning
from .records import Paper, PaperEntities, entity_from_json

CONFIG = "config.cfg"


def load_config(
    model_dir: str | Path | None = None,
    *,
    ner: bool = True,
    learned: bool = True,
    overrides: Mapping[str, object] | None = None,
) -> spacy.Config:
    """The pipeline config shipped in the package, pointing the NER and the learned names
    at ``model_dir``; ``ner=False`` turns the NER off, ``learned=False`` the learned names.
    ``overrides`` set settings by their dotted name, as spaCy's own ``--paths.x`` options
    do: ``{"paths.stoplist": "my_stoplist.toml"}``."""
    with resources.as_file(resources.files("paperkg.extract") / CONFIG) as path:
        config = spacy.util.load_config(path, overrides=dict(overrides or {}))
    for component, on in (("paperkg_ner", ner), ("paperkg_lexicon", learned)):
        if component in config["components"]:
            if model_dir is not None:
                config["components"][component]["model"] = str(model_dir)
            if not on:
                config["components"][component]["model"] = "none"
    return config


def load_extractor(
    model_dir: str | Path | None = None,
    *,
    ner: bool = True,
    learned: bool = True,
    overrides: Mapping[str, object] | None = None,
) -> Extractor:
    """The ready-to-run extractor; ``model_dir`` is a model written by ``paperkg train``.

    ``ner=False`` leaves the trained NER out, ``learned=False`` the learned names; with
    both off the rules run alone (gazetteer, abbreviations, patterns, title).
    ``overrides`` change config settings by dotted name (:func:`load_config`), for
    example the word lists the rules read: ``{"paths.lexicon": "my_lexicon.toml"}``.
    """
    if model_dir is not None and not Path(model_dir).is_dir():
        raise ExtractionError(
            f"{model_dir}: no such model directory (expected `paperkg train` output)"
        )
    try:
        config = load_config(model_dir, ner=ner, learned=learned, overrides=overrides)
        nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"cannot load the extraction pipeline: {exc}") from exc
    return Extractor(nlp)


#: Names are looked for in the first this many characters of a paper's title and
#: abstract. Real abstracts stay under 10,000; an "abstract" of 100,000 or more is a full
#: text or an export bug. The cap keeps time (about 1 s per 100,000 characters, 6 s at
#: worst) and memory bounded per paper and far below spaCy's own limit (E088, 1,000,000).
MAX_TEXT_CHARS = 100_000
#: a run of this many characters without a space is broken up before tokenising
LONG_RUN = 1_000
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def extractable(paper: Paper) -> str:
    """The text the pipeline reads for ``paper``: its title and abstract, cut at the cap
    with a warning, lone surrogates made U+FFFD, and long runs without spaces broken by
    :func:`break_long_runs`.

    Offsets into it are offsets into ``paper.text``: nothing is inserted or moved.
    """
    text = paper.text
    if len(text) > MAX_TEXT_CHARS:
        cut = text.rfind(" ", MAX_TEXT_CHARS - LONG_RUN, MAX_TEXT_CHARS)
        text = text[: cut if cut > 0 else MAX_TEXT_CHARS]
        where = ", ".join(paper.source) or "input"
        warnings.warn(
            f"{where}: paper {paper.title[:80]!r} ({paper.id}) has {len(paper.text):,} "
            f"characters of title and abstract; names are taken from the first "
            f"{len(text):,} only (the cap is {MAX_TEXT_CHARS:,}; an abstract is rarely "
            "over 10,000)",
            InputWarning,
            stacklevel=3,
        )
    text = _SURROGATE.sub("\ufffd", text)  # spaCy cannot hash one (the readers drop them)
    return _LONG_RUN.sub(lambda m: break_long_runs(m.group()), text)


def break_long_runs(run: str, every: int = LONG_RUN // 2) -> str:
    """``run`` with a punctuation character turned into a space at least every ``every``
    characters where it has one, keeping its length.

    spaCy's tokenizer strips prefixes and suffixes one at a time and searches the rest of
    the "word" again after each, so a 20,000-character run of ``{`` took 95 s. Letters,
    digits and CJK text are left whole: they are no prefix or suffix, and cheap.

    >>> break_long_runs("{{{{{{{{", every=3), break_long_runs("abcdefgh", every=3)
    ('{{{ {{{ ', 'abcdefgh')
    """
    chars = list(run)
    last = -1
    for i, c in enumerate(chars):
        if i - last > every and not c.isalnum():
            chars[i] = " "
            last = i
    return "".join(chars)


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
        """Entities of each paper, in input order; ``on_progress(1)`` after each paper.

        A paper's text longer than :data:`MAX_TEXT_CHARS` is read up to there, with an
        :class:`InputWarning` naming the paper (see :func:`extractable`).
        """
        stream = ((extractable(paper), paper) for paper in papers)
        for doc, paper in self.nlp.pipe(
            stream, as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            yield PaperEntities(paper, tuple(entity_from_json(e) for e in doc.user_data[KEY]))
            if on_progress is not None:
                on_progress(1)

    def extract_one(self, paper: Paper) -> PaperEntities:
        """Entities of one paper (convenience for tests and interactive use)."""
        return next(self.extract([paper]))
