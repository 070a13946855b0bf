"""Learned-names component: marks names that the training annotations hold.

``paperkg train`` writes every gold name and alias of the training papers, with the
type most papers gave it and the number of papers that annotate it (its support), to
``names.tsv`` in the model directory. This component marks those names in new text as
candidates (span group ``"learned"``), so common names no public list holds
("speculative decoding", "label smoothing", "Common Voice") are found; the learned
classifier then decides from the context whether each mention is an entity here.
Matching is by :func:`name_key` over runs of tokens, like the gazetteer, and a mention
must be spelled as annotated: exactly, or for a name annotated in lower case, in any case
("Label smoothing" at a sentence start) — so an acronym never matches a word ("AS", "as").
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ExtractionError
from ..normalise import name_key
from ..records import Entity
from .gazetteer import Gazetteer

GROUP = "learned"
FILE = "names.tsv"


@dataclass(frozen=True, slots=True)
class LearnedHit:
    """A learned name: its type, preferred spelling, annotated spellings and the training
    papers that annotate it."""

    type: str
    name: str
    forms: frozenset[str]
    papers: frozenset[int]
    other_types: tuple[str, ...] = ()

    def accepts(self, text: str) -> bool:
        """Spelled as annotated; a name annotated in lower case in any case.

        >>> hit = LearnedHit("METHOD", "AS", frozenset({"AS", "label smoothing"}), frozenset())
        >>> hit.accepts("AS"), hit.accepts("as"), hit.accepts("Label Smoothing")
        (True, False, True)
        """
        text = " ".join(text.split())
        return text in self.forms or text.lower() in self.forms


def learn_names(entities_per_paper: Iterable[Iterable[Entity]]) -> dict[str, LearnedHit]:
    """Every name and alias of the annotated papers, keyed by :func:`name_key`, with the
    majority type and the indices of the papers that annotate it."""
    types: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, set[str]] = defaultdict(set)
    papers: dict[str, set[int]] = defaultdict(set)
    for i, entities in enumerate(entities_per_paper):
        for entity in entities:
            for form in {entity.name, *entity.aliases}:
                key = name_key(form)
                if len(key) < 2:
                    continue
                types[key][entity.type] += 1
                names[key][entity.name] += 1
                forms[key].add(" ".join(form.split()))
                papers[key].add(i)
    return {
        key: LearnedHit(
            types[key].most_common(1)[0][0],
            names[key].most_common(1)[0][0],
            frozenset(forms[key]),
            frozenset(papers[key]),
        )
        for key in types
    }


def save_names(index: dict[str, LearnedHit], directory: str | Path) -> Path:
    """``names.tsv``: type, name, forms (``|``-separated), support (papers)."""
    path = Path(directory) / FILE
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["key", "type", "name", "forms", "support"])
        for key in sorted(index):
            hit = index[key]
            forms = "|".join(sorted(hit.forms))
            writer.writerow([key, hit.type, hit.name, forms, len(hit.papers)])
    return path


def load_names(directory: str | Path | None, min_support: int) -> dict[str, LearnedHit]:
    """The learned names of a model directory with at least ``min_support`` papers
    (empty when the directory has none)."""
    if directory is None:
        return {}
    path = Path(directory) / FILE
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        return {
            r["key"]: LearnedHit(
                r["type"],
                r["name"],
                frozenset(r["forms"].split("|")),
                frozenset(range(int(r["support"]))),
            )
            for r in rows
            if int(r["support"]) >= min_support
        }
    except (KeyError, ValueError) as exc:
        raise ExtractionError(f"{path}: not a paperkg names file: {exc}") from exc


@Language.factory("paperkg_lexicon", default_config={"model": "builtin", "min_support": 2})
def make_lexicon(nlp: Language, name: str, model: str, min_support: int) -> Lexicon:
    from .ner import builtin_model_dir

    directory = None if model == "none" else builtin_model_dir() if model == "builtin" else model
    return Lexicon(load_names(directory, min_support), min_support)


class Lexicon(Gazetteer):
    """Writes the learned names it finds to ``doc.spans["learned"]``.

    ``exclude`` (a set of training-paper indices) leaves out the support those papers
    give: training the classifier on a paper must not see names only that paper taught.
    """

    def __init__(self, index: dict[str, LearnedHit], min_support: int = 2) -> None:
        super().__init__(index, max_tokens=6)  # type: ignore[arg-type]
        self.min_support = min_support
        self.exclude: frozenset[int] = frozenset()

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[GROUP] = self.find(doc)
        return doc

    def use(self, index: dict[str, LearnedHit]) -> None:
        """Match ``index`` from now on (training sets the names it learns in memory)."""
        self.__init__(index, self.min_support)  # type: ignore[misc]

    def supported(self, span: Span, exclude: frozenset[int]) -> bool:
        """Whether ``span``'s name has ``min_support`` papers outside ``exclude``."""
        hit = self.index.get(name_key(span.text))
        return hit is not None and len(hit.papers - exclude) >= self.min_support  # type: ignore[attr-defined]

    def restrict(self, doc: Doc, spans: list[Span], exclude: frozenset[int]) -> None:
        """Set ``doc``'s learned spans to those of ``spans`` still supported without
        the papers in ``exclude``."""
        doc.spans[GROUP] = [s for s in spans if self.supported(s, exclude)]
