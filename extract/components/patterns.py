"""Pattern component: name shapes no list knows yet, and the title-prefix rule.

- BENCHMARK: one token ending in Bench/bench/Arena/QA/World/Gym/Eval (``SurveyBench``,
  ``SWE-bench``, ``HotpotQA``), optionally followed by a variant word (``Verified``).
- MODEL: a token with a size (``Qwen2.5-7B-Instruct``, ``GUI-Owl-7B``), a listed family
  followed by a version (``GPT-4o``, ``claude-sonnet-4``, ``DeepSeek-R1``, ``o3``), or
  the spaced form ``Claude 3.5 Sonnet`` / ``Gemini 2.5 Pro``.
- Title prefix: ``MCPMark: A Benchmark for ...`` gives ``MCPMark``, typed from its context.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..abbreviations import is_capitalised, is_plural_acronym
from ..kb import SHIPPED_LISTS, is_plain, load_families
from ..normalise import name_key
from ..typing_rules import alternatives, context_type, suffix_type, type_from_words
from ..wordlists import BUILTIN, Wordlists, load
from .abbreviations import KEY as ABBR_KEY
from .docinfo import title_end as title_line_end
from .docinfo import words as doc_words

GROUP, TITLE_GROUP = "pattern", "title"
#: coined names and title prefixes whose type a cue word gave ("X datasets", "X: A Benchmark
#: for"), not the default; a type vote the learned classifier does not overrule
CUE_GROUP = "cue"

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_SIZE = re.compile(r"^(?=.*[A-Z])[A-Za-z][\w.]*(?:-[\w.]+)*-\d+(?:\.\d+)?[BbM](?:-[\w.]+)*$")
_VERSION_TOKEN = re.compile(r"^v?\d+(?:\.\d+)*[a-z]?$")
_FAMILY_TOKEN = re.compile(r"^([A-Za-z]+)(?:[-.]?v?\d|-[\w.-]*\d)")
_MAYBE_NAME = re.compile(r"[A-Z0-9]|-[Bb]ench")  # every shape above has one
_SIZE_TOKEN = re.compile(r"^\d+(?:\.\d+)?[BM]$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{2,}[a-z]?$")
_GERUND = re.compile(r"^[A-Z][a-z]{2,}ing$")


class _Shapes:
    """The name-shape regexes, built from the lexicon's endings and glue words."""

    def __init__(self, lex: Wordlists) -> None:
        endings = alternatives(lex.benchmark_endings)
        self.bench = re.compile(
            r"^(?=.*(?:[A-Z].*[A-Za-z0-9]|-))[\wτ.+'^-]*[A-Za-z0-9τ]-?"
            rf"(?:{endings})(?:-[\w.]+)?$"
        )
        self.openai_o = re.compile(rf"^o[1-9](?:-(?:{alternatives(lex.o_series_variants)}))?$")
        glue = alternatives(lex.hyphen_glue)
        self.camel = re.compile(
            # WebDancer, vLLM (not "eXplainable")
            r"^(?:[A-Z][a-z0-9]+[A-Z]|[a-z]{1,2}[A-Z]{2})[\w.-]*$"
            r"|^[A-Z]{2,}[a-z]+\w*$"  # LLaVA
            r"|^[A-Z][A-Z0-9]*-[A-Z0-9][\w.]*$"  # NB-Agent, MM-Vet, X-Master, R1-Zero
            rf"|^[A-Z]\w*(?:-(?:{glue}))+-[A-Za-z]\w*$"  # Chain-of-Thought
            r"|^[a-z]{2,}\d[a-z]{2,}$"  # word2vec, node2vec, seq2seq
        )


@Language.factory(
    "paperkg_patterns",
    default_config={
        "coined": True,
        "acronyms": True,
        "lists": list(SHIPPED_LISTS),
        "lexicon": BUILTIN,
        "stoplist": BUILTIN,
    },
)
def make_patterns(
    nlp: Language,
    name: str,
    coined: bool,
    acronyms: bool,
    lists: list[str],
    lexicon: str,
    stoplist: str,
) -> Patterns:
    # model families are the stems of the listed models: the gazetteer's lists
    families = load_families(tuple(lists), lexicon, stoplist)
    return Patterns(families, coined, acronyms, load(lexicon, stoplist))


class Patterns:
    """Writes typed spans to ``doc.spans["pattern"]`` and ``doc.spans["title"]``.

    ``coined`` adds CamelCase words (``WebDancer``, ``vLLM``) and ``acronyms`` all-capital
    words (``MALADE``), typed by the words around them; an acronym the text defines
    with a lower-case long form ("adverse drug events (ADEs)") is not a name.
    """

    def __init__(
        self,
        families: frozenset[str],
        coined: bool = True,
        acronyms: bool = True,
        lex: Wordlists | None = None,
    ) -> None:
        self.families = families
        self.coined = coined
        self.acronyms = acronyms
        self.lex = lex or load()
        self.shapes = _Shapes(self.lex)

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[GROUP] = self.find(doc)
        coined = self.find_coined(doc) if self.coined or self.acronyms else []
        doc.spans["coined"] = [span for span, _ in coined]
        title = title_prefix(doc, self.lex)
        doc.spans[TITLE_GROUP] = [title[0]] if title is not None else []
        cued = [span for span, cue in coined if cue]
        if title is not None and title[1]:
            cued.append(title[0])
        doc.spans[CUE_GROUP] = cued
        return doc

    def find(self, doc: Doc) -> list[Span]:
        words = doc_words(doc)
        abstract_start = title_line_end(doc)
        spans: list[Span] = []
        i = 0
        while i < len(words):
            label, end = (None, i + 1)
            if _MAYBE_NAME.search(words[i]):
                found = self._benchmark(words, i, i > abstract_start) or self._model(words, i)
                label, end = found or (None, i + 1)
            if label is not None:
                spans.append(Span(doc, i, end, label=label))
            i = end
        return spans

    def find_coined(self, doc: Doc) -> list[tuple[Span, bool]]:
        """Coined names, each with whether a cue word (not the default) typed it."""
        generic = _generic_short_forms(doc)
        words = doc_words(doc)
        lex = self.lex
        spans = []
        for i, text in enumerate(words):
            if not _MAYBE_NAME.search(text):
                continue
            shaped = (self.coined and self.shapes.camel.match(text)) or (
                self.acronyms and _ACRONYM.match(text) and text not in generic
            )
            if shaped and not lex.is_stop(text) and not is_plural_acronym(text):
                cue = suffix_type(text, lex) or context_type(
                    words[max(i - 2, 0) : i], words[i + 1 : i + 3], default=None, lex=lex
                )
                spans.append((Span(doc, i, i + 1, label=cue or "METHOD"), cue is not None))
        return spans

    def _benchmark(self, words: list[str], i: int, prose: bool) -> tuple[str, int] | None:
        # titles capitalise everything
        headed = _headed_benchmark(words, i, self.lex) if prose else None
        if headed:
            return "BENCHMARK", headed
        if not self.shapes.bench.match(words[i]) or self.lex.is_stop(words[i]):
            return None
        end = i + 1
        if end < len(words) and words[end] in self.lex.benchmark_variants:
            end += 1
        if end < len(words) and _YEAR.match(words[end]):
            end += 1  # an edition: "AirBench 2024"
        return "BENCHMARK", end

    def _model(self, words: list[str], i: int) -> tuple[str, int] | None:
        text = words[i]
        if _SIZE.match(text) or self.shapes.openai_o.match(text) or self._family_version(text):
            return "MODEL", self._extend(words, i + 1)
        if (
            text.lower() in self.families
            and i + 1 < len(words)
            and _VERSION_TOKEN.match(words[i + 1])
            and text[:1].isupper()
        ):
            return "MODEL", self._extend(words, i + 2)
        return None

    def _family_version(self, text: str) -> bool:
        match = _FAMILY_TOKEN.match(text)
        return match is not None and match.group(1).lower() in self.families

    def _extend(self, words: list[str], end: int) -> int:
        """Past variant words and a size after a model name ("Gemini 2.5 Pro", "Llama 3 70B")."""
        while end < len(words) and words[end] in self.lex.model_variants:
            end += 1
        if end < len(words) and _SIZE_TOKEN.match(words[end]):
            end += 1
        return end


def title_prefix(doc: Doc, lex: Wordlists | None = None) -> tuple[Span, bool] | None:
    """The name before the colon of the title line, typed by the words around it, and
    whether a cue word typed it ("MCPMark: A Benchmark for ...") rather than the default."""
    lex = lex or load()
    title_end = title_line_end(doc)
    colon = next((t.i for t in doc[:title_end] if t.text == ":"), None)
    if colon is None or colon == 0 or colon > 6 or doc[0].lower_ in lex.title_skip:
        return None
    start = 1 if doc[0].lower_ in lex.articles else 0
    prefix = doc[start:colon]
    if not prefix or not _name_like(prefix.text) or lex.is_stop(prefix.text):
        return None
    if len(prefix) > 1 and _GERUND.match(prefix[0].text):
        return None  # "Measuring CLEVRness: ...", "Teaching RL Agents to Act: ..." describe
    headed = prefix[-1].text in lex.benchmark_heads  # "Windows Agent Arena: ..." names one
    if len(prefix) > 1 and is_plain(prefix.text) and not headed and not _defined(doc, prefix.text):
        return None  # "Multi-Agent Collaboration: ..." is a topic unless the text abbreviates it
    words = f"{doc[colon + 1 : title_end].text} {prefix.text}"
    cue = type_from_words(words, default=None, lex=lex)
    return Span(doc, start, colon, label=cue or "METHOD"), cue is not None


def _defined(doc: Doc, long_form: str) -> bool:
    """Whether the text defines an abbreviation for ``long_form``."""
    key = name_key(long_form)
    return any(name_key(doc[l0:l1].text) == key for _, (l0, l1) in doc.user_data.get(ABBR_KEY, []))


def _name_like(text: str) -> bool:
    """One distinctive word, or a few capitalised words ("Arcade Learning Environment")."""
    words = text.split()
    if len(words) > 4 or not any(c.isupper() or c.isdigit() for c in text) or "," in text:
        return False
    return all(w[:1].isdigit() or any(c.isupper() for c in w) for w in words)  # "eXplainable"


def _generic_short_forms(doc: Doc) -> set[str]:
    """Short forms the text defines with a lower-case long form ("reward models (RMs)")."""
    out = set()
    for (s0, s1), (l0, l1) in doc.user_data.get(ABBR_KEY, []):
        if not is_capitalised(doc[l0:l1].text):
            out.add(doc[s0:s1].text)
    return out


def _headed_benchmark(words: list[str], i: int, lex: Wordlists) -> int | None:
    """End of "Windows Agent Arena", "Pre-Exec Bench": capitalised words ending in a
    benchmark head noun (not a sentence's first word, not only stop words)."""
    heads = lex.benchmark_heads
    if heads.isdisjoint(words[i + 1 : i + 4]):
        return None
    if i == 0 or words[i - 1] in lex.sentence_ends or not words[i][:1].isupper():
        return None
    end = i
    while end < len(words) and end - i < 4 and words[end][:1].isupper():
        if words[end] in heads and end > i:
            named = not lex.is_stop(" ".join(words[i:end])) and _capitalised_run(words[i:end], lex)
            return end + 1 if named else None
        end += 1
    return None


def _capitalised_run(words: list[str], lex: Wordlists) -> bool:
    return all(w[:1].isupper() and w.isascii() for w in words) and not all(
        lex.is_stop(w) for w in words
    )
