"""Context component: plain names that only the words around them reveal.

A name such as ``Minecraft``, ``Frozen Lake`` or ``Entropulse`` has no shape cue and is
in no list; authors still say what it is. This component marks a run of capitalised
words (not a sentence's first word) when

- it is listed after a testbed noun: "on three tasks: A, B, and C", "games such as A
  and B" (BENCHMARK);
- results are reported on it: "results on A and B", "state-of-the-art on A" (BENCHMARK);
- a testbed noun follows or precedes it: "the A benchmark", "the video game A",
  "A and B datasets", "task (A)" (BENCHMARK);
- two or more of its words come before a method noun: "our A B framework" (METHOD);
- an appositive says what it is: "A, a social deduction game", "A, a training
  strategy", "the best-performing model, A," (typed by the head noun);
- the paper introduces it: "we propose A, ...", "an agent model named A", "we develop a
  baseline model A and", "we introduce a b c, a framework" (lower case too), typed by
  the nouns around it, METHOD when they say nothing;
- an organisation's possessive precedes it: "OpenAI's Deep Research" (MODEL).

Each cue is a rule id with a priority and its trigger words, a list of the lexicon
(:func:`cue_patterns`, extract/data/lexicon.toml), matched by spaCy's ``PhraseMatcher``;
what a cue then reads, the run of capitalised words next to it and the noun that types
it, is hand code (see :class:`Cues`). The names go to ``doc.spans["context"]``.
Capitalised runs listed next to a name another rule found take that name's type ("such
as ChemCrow and Coscientist") and go to ``doc.spans["listmate"]``. The resolver ranks
context spans after the lists, the name shapes and the title prefix, and listmates after
the coined words (extract/config.cfg).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from spacy.lang.en import English
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..normalise import name_key
from ..typing_rules import type_from_words
from ..wordlists import BUILTIN, Wordlists, load
from .docinfo import title_end as title_line_end
from .docinfo import words as doc_words

GROUP = "context"
#: names listed next to a known one ("such as ChemCrow and Coscientist")
LIST_GROUP = "listmate"
_KNOWN = ("pattern", "gazetteer", "coined")
_MAX_RUN = 5
_MODEL_CLASS = re.compile(r"^\d*[A-Z]*L[LM]+s?$")  # LLM, VLM, MLLM, 3DLLM, LMMs

#: a cue's trigger: "LOWER" matches the lexicon's words in any case, "ORTH" exactly
Cue = tuple[str, str, str, frozenset[str]]


def cue_patterns(lex: Wordlists) -> list[Cue]:
    """The cues, highest priority first: (rule id, group, token attribute, trigger words).

    At one trigger token the cues of a group are tried in this order until one accepts
    it (its handler, ``Cues._<rule id>``, returns True); cues of different groups all
    run. A name found first, by trigger position and then priority, keeps its type.
    """
    return [
        # "on three tasks: A, B, and C", "games such as A and B"
        ("testbed_list", "word", "LOWER", lex.testbed_plurals),
        # "results on A and B", "evaluated the agent in A"
        ("results_on", "word", "LOWER", lex.testbed_prepositions),
        # "we propose A, ...", "we develop a baseline model A and"
        ("introduced", "word", "LOWER", lex.intro_verbs | lex.adopt_verbs),
        # "an algorithm named Meta Agent Search"
        ("named", "word", "LOWER", lex.naming),
        # "OpenAI's Deep Research"
        ("org_product", "word", "LOWER", lex.possessive),
        # "the video game Minecraft", "task (Scan2Cap)"
        ("named_after", "word", "ORTH", lex.named_after),
        # "our Self-Evolving GUI Trajectory Production framework"
        ("method_head", "head", "ORTH", lex.method_heads),
        # "the NetHack benchmark", "GUIAct and GUIChat datasets"
        ("testbed_head", "tail", "ORTH", lex.testbed_heads),
        # "the best-performing model, Multimodal Bard, ..."
        ("kind_apposition", "tail", "ORTH", frozenset({","})),
        # "Open Search Tool is a novel web search tool"
        ("is_a", "tail", "LOWER", frozenset({"is"})),
        # "Werewolf, a social deduction game"
        ("apposition", "tail", "ORTH", frozenset({","})),
    ]


@Language.factory("paperkg_context", default_config={"lexicon": BUILTIN, "stoplist": BUILTIN})
def make_context(nlp: Language, name: str, lexicon: str, stoplist: str) -> ContextNames:
    return ContextNames(nlp.vocab, load(lexicon, stoplist))


class ContextNames:
    """Writes typed spans to ``doc.spans["context"]`` and ``doc.spans["listmate"]``."""

    def __init__(self, vocab: Vocab, lex: Wordlists | None = None) -> None:
        self.lex = lex or load()
        self.cues = Cues(vocab, self.lex)

    def __call__(self, doc: Doc) -> Doc:
        words, abstract_start = doc_words(doc), title_line_end(doc)
        doc.spans[GROUP] = [
            Span(doc, start, end, label=label)
            for start, end, label in self.cues.find(doc, abstract_start)
        ]
        known = [
            (span.start, span.end, span.label_)
            for group in _KNOWN
            for span in doc.spans.get(group, ())
        ]
        doc.spans[LIST_GROUP] = [
            Span(doc, start, end, label=label)
            for start, end, label in listmates(words, known, abstract_start, self.lex)
        ]
        return doc


def find(words: list[str], abstract_start: int) -> list[tuple[int, int, str]]:
    """(start, end, label) of the names the context reveals in ``words``, with the shipped
    lexicon, in text order, not overlapping.

    >>> find("We evaluate X on three tasks : Frozen Lake , and Sokoban .".split(), 0)
    [(7, 9, 'BENCHMARK'), (11, 12, 'BENCHMARK')]
    >>> find("Using Werewolf , a social deduction game".split(), 0)
    [(1, 2, 'BENCHMARK')]
    >>> find("we propose Entropulse , a training strategy".split(), 0)
    [(2, 3, 'METHOD')]
    """
    cues = _shipped_cues()
    return cues.find(Doc(cues.vocab, words=words), abstract_start)


@functools.cache
def _shipped_cues() -> Cues:
    return Cues(English().vocab, load())  # a bare Vocab() has no LOWER, IS_LOWER


class Cues:
    """The cues' trigger words in two ``PhraseMatcher`` (any case / exact case), and what
    each cue reads around its trigger.

    What a cue reads is hand code: a pattern cannot say "the run of up to five
    capitalised words or short numbers that does not start with an opener, a document
    part or a sentence's first word" (:func:`_run`, :func:`_run_before`), nor check a
    maker by its name_key or a word's kind by its parts ("multi-agent" is an agent). A
    token ``Matcher`` could say "a results word up to three tokens before on/in" and
    "is"/"," before "a"/"an", but spaCy checks its word-set predicates (``IN``) in Python
    on every token: with them this component took 1.7 s of CPU for 2,000 abstracts where
    the phrase matchers and the short look-arounds below take 0.4 s.
    """

    def __init__(self, vocab: Vocab, lex: Wordlists) -> None:
        self.vocab = vocab
        self.lex = lex
        self.matchers = {attr: PhraseMatcher(vocab, attr=attr) for attr in ("LOWER", "ORTH")}
        self.rules: dict[int, tuple[int, str]] = {}  # match id -> (priority, group)
        self.handlers: list[Callable[[_Found, int], bool]] = []
        for priority, (rule, group, attr, words) in enumerate(cue_patterns(lex)):
            self.matchers[attr].add(rule, [Doc(vocab, words=[w]) for w in sorted(words)])
            self.rules[vocab.strings[rule]] = (priority, group)
            self.handlers.append(getattr(self, f"_{rule}"))

    def find(self, doc: Doc, abstract_start: int) -> list[tuple[int, int, str]]:
        """(start, end, label) of the names the cues reveal, in text order, not overlapping."""
        found = _Found(doc_words(doc), abstract_start, self.lex)
        hits = sorted(
            (start, *self.rules[match_id])
            for matcher in self.matchers.values()
            for match_id, start, _ in matcher(doc)
            if start >= abstract_start
        )
        claimed = set()
        for i, priority, group in hits:
            if (i, group) not in claimed and self.handlers[priority](found, i):
                claimed.add((i, group))
        return found.spans()

    # Each handler reads around the trigger token ``i``; False lets the next cue of its
    # group try the same token.

    def _testbed_list(self, found: _Found, i: int) -> bool:
        for run in _listed(found.words, i + 1, True, self.lex):
            found.add(*run, "BENCHMARK")
        return True

    def _results_on(self, found: _Found, i: int) -> bool:
        if not _reported_before(found.words, i, self.lex):
            return False
        for run in _listed(found.words, i + 1, False, self.lex):
            found.add(*run, "BENCHMARK")
        return True

    def _introduced(self, found: _Found, i: int) -> bool:
        _introduced(found.words, i, found.add, self.lex)
        return True

    def _named(self, found: _Found, i: int) -> bool:
        _introduced(found.words, i, found.add_named, self.lex)
        return True

    def _org_product(self, found: _Found, i: int) -> bool:
        words = found.words
        if i <= found.abstract_start or name_key(words[i - 1]) not in self.lex.org_keys:
            return False
        product = _run(words, i + 1, self.lex)
        if product is not None:
            found.add(*product, "MODEL")  # "OpenAI's Deep Research", "Perplexity's Sonar Pro"
        return True

    def _named_after(self, found: _Found, i: int) -> bool:
        words = found.words
        if i + 1 >= len(words):
            return False
        named = _run(words, _skip(words, i + 1, self.lex.name_intro), self.lex)
        if named is not None:
            found.add(*named, "BENCHMARK")
        return True

    def _method_head(self, found: _Found, i: int) -> bool:
        words, start = found.words, found.abstract_start
        first = _run_before(words, i, start, self.lex)
        if first is not None and i - first >= 2 and not _describes(words, first, self.lex):
            found.add(first, i, "METHOD")
        elif first is None or _MODEL_CLASS.match(words[i - 1]):
            _named_before_modifiers(words, i, start, found.add, self.lex)
        return True

    def _testbed_head(self, found: _Found, i: int) -> bool:
        words = found.words
        end = i - 1 if words[i - 1] == ")" else i  # "(D4RL) benchmarks"
        for run in _runs_before(words, end, found.abstract_start, self.lex):
            found.add(*run, "BENCHMARK")
        return True

    def _kind_apposition(self, found: _Found, i: int) -> bool:
        words = found.words
        after_kind = i > found.abstract_start and words[i - 1].islower()
        kind = _kind(words[i - 1], self.lex) if after_kind else None
        if kind is None:
            return False
        named = _run(words, i + 1, self.lex)
        if named is not None and named[1] < len(words) and words[named[1]] == ",":
            found.add(*named, kind)
        return True

    def _is_a(self, found: _Found, i: int) -> bool:
        if i + 1 >= len(found.words) or found.words[i + 1] not in self.lex.indefinite:
            return False
        first = _subject_before(found.words, i, found.abstract_start, self.lex)
        label = _appositive_type(found.words, i + 2, self.lex)
        if first is not None and label is not None:
            found.add_named(first, i, label)  # "Open Search Tool is a novel web search tool"
        return True

    def _apposition(self, found: _Found, i: int) -> bool:
        if i + 1 >= len(found.words) or found.words[i + 1] not in self.lex.indefinite:
            return False
        first = _run_before(found.words, i, found.abstract_start, self.lex)
        label = _appositive_type(found.words, i + 2, self.lex)
        if first is not None and label is not None:
            found.add(first, i, label)
        return True


class _Found:
    """The names found so far, by start token: the first cue to name a start keeps it."""

    def __init__(self, words: list[str], abstract_start: int, lex: Wordlists) -> None:
        self.words = words
        self.abstract_start = abstract_start
        self.lex = lex
        self.by_start: dict[int, tuple[int, str]] = {}

    def add(self, start: int, end: int, label: str) -> None:
        """A name, unless it is a stop word or made of stop words only."""
        if start not in self.by_start:
            name = " ".join(self.words[start:end])
            is_stop = self.lex.is_stop
            if not is_stop(name) and not all(is_stop(w) for w in self.words[start:end]):
                self.by_start[start] = (end, label)

    def add_named(self, start: int, end: int, label: str) -> None:
        """After "named"/"called" a run of generic words is a name ("Meta Agent Search")."""
        if start not in self.by_start and not self.lex.is_stop(" ".join(self.words[start:end])):
            self.by_start[start] = (end, label)

    def spans(self) -> list[tuple[int, int, str]]:
        out, taken = [], -1
        for start in sorted(self.by_start):
            end, label = self.by_start[start]
            if start >= taken:
                out.append((start, end, label))
                taken = end
        return out


def listmates(
    words: list[str], known: list[tuple[int, int, str]], abstract_start: int, lex: Wordlists
) -> list[tuple[int, int, str]]:
    """Capitalised runs listed together with a known name take its type: "such as
    ChemCrow and Coscientist", "(e.g. Chain-of-Thought, Self-Reflection, Toolformer)"."""
    glue = lex.list_glue
    out = []
    for start, end, label in known:
        if start < abstract_start:
            continue
        i = end  # rightwards
        while True:
            j = i
            while j < len(words) and j - i < 2 and words[j] in glue:
                j += 1
            if j == i:
                break
            run = _run(words, j, lex)
            if run is None:
                break
            out.append((*run, label))
            i = run[1]
        i = start  # leftwards
        while True:
            j = i
            while j > abstract_start and i - j < 2 and words[j - 1] in glue:
                j -= 1
            if j == i:
                break
            first = _run_before(words, j, abstract_start, lex)
            if first is None:
                break
            out.append((first, j, label))
            i = first
    return list(dict.fromkeys(out))  # a run next to several known names is listed once


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word)


def _starts_name(word: str, lex: Wordlists) -> bool:
    """A run's first word: capitalised, not a lone letter ("165 K"), not "The"."""
    return (
        _capitalised(word)
        and len(word) > 1
        and word not in lex.openers
        and word not in lex.doc_parts
    )


def _run(words: list[str], start: int, lex: Wordlists) -> tuple[int, int] | None:
    """(start, end) of the run of capitalised words at ``start`` ("Frozen Lake", "Atari
    2600", "Iterated Prisoner 's Dilemma"), or None when ``start`` is not capitalised."""
    if start < len(words) and words[start] in lex.openers:
        start += 1  # "The AI Scientist" is found as "AI Scientist"
    if start >= len(words) or not _starts_name(words[start], lex):
        return None
    end = start + 1
    while end < len(words) and end - start < _MAX_RUN:
        word = words[end]
        if _capitalised(word) or (word.isdigit() and len(word) <= 4) or word in ("++",):
            end += 1
        elif (
            (word in lex.possessive or word == "&")
            and end + 1 < len(words)
            and _capitalised(words[end + 1])
        ):
            end += 2
        else:
            break
    return start, end


def _named_before_modifiers(
    words: list[str],
    i: int,
    abstract_start: int,
    add: Callable[[int, int, str], None],
    lex: Wordlists,
) -> None:
    """ "the Langroid multi-agent LLM framework": after an article, a name, up to three
    lower-case or model-class modifiers, then the method noun at ``i``."""
    j = i
    while (
        j > abstract_start
        and i - j < 3
        and (
            (words[j - 1].islower() and words[j - 1].replace("-", "").isalpha())
            or _MODEL_CLASS.match(words[j - 1])
        )
    ):
        j -= 1
    if j == i:
        return
    first = _run_before(words, j, abstract_start, lex)
    if first is not None and words[first - 1] in lex.determiners:
        add(first, j, "METHOD")


def _describes(words: list[str], start: int, lex: Wordlists) -> bool:
    """Whether the words before ``start`` make it a description of a name just given:
    "DART, a Decoupled Agentic RL Training framework"."""
    return start >= 2 and words[start - 1] in lex.indefinite and words[start - 2] == ","


def _appositive(word: str, lex: Wordlists) -> bool:
    """Whether ``word`` after "X," starts an appositive: "X, a ...", "X, which ..."."""
    return word in lex.indefinite or word == "which"


def _skip(words: list[str], i: int, skipped: frozenset[str]) -> int:
    while i < len(words) and words[i] in skipped:
        i += 1
    return i


def _runs_before(
    words: list[str], end: int, abstract_start: int, lex: Wordlists
) -> list[tuple[int, int]]:
    """The run before ``end`` and the runs coordinated with it: "GUIAct and GUIChat"."""
    out: list[tuple[int, int]] = []
    while len(out) < 4:
        start = _run_before(words, end, abstract_start, lex)
        if start is None:
            break
        out.append((start, end))
        end = start - 1
        if end <= abstract_start or words[end] not in lex.list_glue:
            break
        if words[end] == "and" and words[end - 1] == ",":
            end -= 1
    return out


def _run_before(words: list[str], end: int, abstract_start: int, lex: Wordlists) -> int | None:
    """Start of the capitalised run that ends right before ``end``; None when there is
    none or it begins a sentence (every sentence's first word is capitalised)."""
    start = end
    while start > abstract_start and end - start < _MAX_RUN:
        word = words[start - 1]
        if _capitalised(word) or word.isdigit():
            start -= 1
        else:
            break
    while start < end and not _starts_name(words[start], lex):
        start += 1  # "1M environment steps", "The GAIA benchmark"
    if start < end and (start == abstract_start or words[start - 1] in lex.sentence_ends):
        start += 1  # a sentence's first word is capitalised anyway: "Using Werewolf, a game"
    if start == end or _is_number(words[start - 1]):
        return None
    return start


def _subject_before(words: list[str], end: int, abstract_start: int, lex: Wordlists) -> int | None:
    """Start of the capitalised run that is a whole sentence's subject before ``end``
    ("Open Search Tool is a ..."), or None (not after "The"/"This"/"It" alone)."""
    start = end
    while start > abstract_start and end - start < _MAX_RUN and _capitalised(words[start - 1]):
        start -= 1
    if start == end or not (start == abstract_start or words[start - 1] in lex.sentence_ends):
        return None
    while start < end and words[start] in lex.openers:
        start += 1
    return start if start < end and _starts_name(words[start], lex) else None


def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).replace(",", "").isdigit()


def _reported_before(words: list[str], i: int, lex: Wordlists) -> bool:
    """Whether a results word comes shortly before "on"/"in" in the same clause."""
    for j in range(i - 1, max(i - 5, -1), -1):
        if words[j] in lex.sentence_ends or words[j] == ",":
            return False
        if words[j].lower() in lex.reported:
            return True
    return False


def _listed(words: list[str], i: int, intro: bool, lex: Wordlists) -> list[tuple[int, int]]:
    """The runs of a list starting at ``i``: "(i.e., A, B, and C)", "such as A and B".

    After a bare comma, one name followed by a verb is a clause's subject, not a list:
    "on USEbench's 1,271 tasks, USEagent shows ..."."""
    first = i
    if intro:
        while i < len(words) and words[i].lower() in lex.list_intro:
            i += 1
    elif i < len(words) and words[i] == "the":
        i += 1
    comma = words[first:i] == [","]
    out: list[tuple[int, int]] = []
    while True:
        run = _run(words, i, lex)
        if run is None:
            if comma and len(out) == 1 and _clause_verb(words, out[0][1], lex):
                return []
            return out
        out.append(run)
        i = run[1]
        while i < len(words) and (words[i] in lex.list_glue or words[i] in lex.list_glue_testbeds):
            i += 1


def _clause_verb(words: list[str], i: int, lex: Wordlists) -> bool:
    """A lower-case word that is not list glue follows: "USEagent shows"."""
    return (
        i < len(words)
        and words[i].isalpha()
        and words[i].islower()
        and words[i] not in lex.list_glue
        and words[i] not in lex.list_glue_testbeds
    )


def _introduced(
    words: list[str], i: int, add: Callable[[int, int, str], None], lex: Wordlists
) -> None:
    """ "we propose A, ..." / "named A" / "we develop a A approach": A is the paper's name."""
    start = i + 1
    if start < len(words) and words[start] in lex.determiners:
        start += 1
    run = _run(words, start, lex)
    if run is None:
        _kind_then_name(words, start, add, lex)
        _lower_case_name(words, i + 1, add, lex)
        return
    start, end = run
    after = words[end] if end < len(words) else "."
    head = type_from_words(words[end - 1], None, lex)  # "the Arcade Learning Environment"
    if head is not None and after in lex.name_ends:
        add(start, end, head)
    elif after == "," and end + 1 < len(words) and _appositive(words[end + 1], lex):
        add(start, end, _appositive_type(words, end + 2, lex) or "METHOD")
    elif after != "," and after in lex.name_ends:
        add(start, end, _named_type(words, i, lex) or "METHOD")
    else:
        label = type_from_words(after, None, lex)
        if label is not None:
            add(start, end, label)


def _lower_case_name(
    words: list[str], i: int, add: Callable[[int, int, str], None], lex: Wordlists
) -> None:
    """ "we introduce agent symbolic learning, a systematic framework": a lower-case
    phrase right after the verb, named by the appositive that follows it."""
    if i >= len(words) or words[i] in lex.determiners or words[i] in lex.new:
        return  # "we propose a new method, a ...": a description, not a name
    j = i
    while j < len(words) and j - i < 4 and words[j].islower() and words[j].isalpha():
        j += 1
    if i < j < len(words) - 2 and words[j] == "," and words[j + 1] in lex.indefinite:
        label = _appositive_type(words, j + 2, lex)
        if label is not None and not lex.is_stop(" ".join(words[i:j])):
            add(i, j, label)


def _kind_then_name(
    words: list[str], i: int, add: Callable[[int, int, str], None], lex: Wordlists
) -> None:
    """ "we develop a baseline model SPHINX Agent and ...", "we propose a guardrail
    Safiron, ...", "we introduce a new multi-modal agent, Navi.": up to three lower-case
    words, then the name (after a comma when the last word is a kind noun), then a
    clause break."""
    j = i
    while (
        j < len(words) and j - i < 3 and words[j].islower() and words[j].replace("-", "").isalpha()
    ):
        j += 1
    if j == i:
        return
    kind = _kind(words[j - 1], lex)
    run = _run(words, j + 1 if kind and j < len(words) and words[j] == "," else j, lex)
    if run is None or run[1] >= len(words) or words[run[1]] not in lex.kind_name_ends:
        return
    add(*run, kind or "METHOD")


def _named_type(words: list[str], i: int, lex: Wordlists) -> str | None:
    """Type from the noun before "named"/"called": "an agent model named A" is a model."""
    if words[i] not in lex.naming or i == 0:
        return None
    return _kind(words[i - 1], lex)


def _kind(word: str, lex: Wordlists) -> str | None:
    return "MODEL" if _MODEL_CLASS.match(word) else type_from_words(word, None, lex)


def _appositive_type(words: list[str], i: int, lex: Wordlists) -> str | None:
    """Type from the head noun of "a social deduction game", "a training strategy": the
    last kind word before the noun phrase ends ("a benchmark of ...", "a game that ...")."""
    label = None
    for word in words[i : i + 6]:
        lower = word.lower()
        if lower in lex.np_end or not word[:1].isalnum():
            break
        if lower in lex.appositive_benchmark_kinds:
            label = "BENCHMARK"
        elif _MODEL_CLASS.match(word):
            label = "MODEL"  # "a powerful 3DLLM", "a compact VLM"
        else:
            label = type_from_words(lower, None, lex) or label
    return label
