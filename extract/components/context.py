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

They are written to ``doc.spans["context"]``. Capitalised runs listed next to a name
another rule found take that name's type ("such as ChemCrow and Coscientist") and go to
``doc.spans["listmate"]``. The resolver ranks context spans after the lists, the name
shapes and the title prefix, and listmates after the coined words (extract/config.cfg).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..normalise import name_key
from ..stoplist import OPENERS, ORG_KEYS, is_stop
from ..typing_rules import type_from_words
from .docinfo import title_end as title_line_end
from .docinfo import words as doc_words

GROUP = "context"
#: names listed next to a known one ("such as ChemCrow and Coscientist")
LIST_GROUP = "listmate"
_KNOWN = ("pattern", "gazetteer", "coined")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: plural nouns after which a list of names is a list of testbeds
_TESTBED_PLURALS = _words(
    "tasks benchmarks environments games domains datasets scenarios testbeds problems "
    "simulators suites"
)
#: nouns that make the capitalised words right before them a testbed's name
_TESTBED_HEADS = _words(
    "benchmark benchmarks game games gaming environment environments simulator simulators "
    "testbed universe suite suites dataset datasets leaderboard"
)
#: lower-case nouns before which two or more capitalised words name a method
_METHOD_HEADS = _words(
    "framework module algorithm method approach architecture pipeline mechanism toolkit "
    "library platform protocol strategy technique"
)
_NAME_INTRO = _words("of ( such as like called named")
#: singular nouns that make the capitalised words after them a testbed's name
_NAMED_AFTER = _words("game dataset environment simulator suite testbed corpus leaderboard task")
_LIST_INTRO = _words(": ( i.e. i.e e.g. e.g , such as including like namely the in")
_LIST_GLUE = _words(", and or the")
#: words before "on"/"in" that make what follows a testbed ("results on A")
_REPORTED = _words(
    "results experiments evaluation evaluations performance gains improvements evaluate "
    "evaluated evaluating state-of-the-art sota accuracy"
)
_INTRO = _words(
    "propose proposes proposed introduce introduces introduced present presents develop "
    "develops adopt adopts named called dubbed termed"
)
_ARTICLES = _words("a an the our this")
_NAMING = _words("named called dubbed termed")
_SENTENCE_END = _words(". ? ! ;") | {"\n"}
#: parts of the paper itself: "results in Table 2"
_DOC_PARTS = _words("Table Tables Figure Figures Fig Section Sections Appendix Eq Equation Chapter")
_MAX_RUN = 5
_MODEL_CLASS = re.compile(r"^\d*[A-Z]*L[LM]+s?$")  # LLM, VLM, MLLM, 3DLLM, LMMs
#: words that end a noun phrase: "a benchmark of ...", "a game that ..."
_NP_END = _words("that which who for with to of in on by from and or based designed built where")


@Language.factory("paperkg_context")
def make_context(nlp: Language, name: str) -> ContextNames:
    return ContextNames()


class ContextNames:
    """Writes typed spans to ``doc.spans["context"]``."""

    def __call__(self, doc: Doc) -> Doc:
        words, abstract_start = doc_words(doc), title_line_end(doc)
        doc.spans[GROUP] = [
            Span(doc, start, end, label=label) for start, end, label in find(words, abstract_start)
        ]
        known = [
            (span.start, span.end, span.label_)
            for group in _KNOWN
            for span in doc.spans.get(group, ())
        ]
        doc.spans[LIST_GROUP] = [
            Span(doc, start, end, label=label)
            for start, end, label in listmates(words, known, abstract_start)
        ]
        return doc


def listmates(
    words: list[str], known: list[tuple[int, int, str]], abstract_start: int
) -> list[tuple[int, int, str]]:
    """Capitalised runs listed together with a known name take its type: "such as
    ChemCrow and Coscientist", "(e.g. Chain-of-Thought, Self-Reflection, Toolformer)"."""
    out = []
    for start, end, label in known:
        if start < abstract_start:
            continue
        i = end  # rightwards
        while True:
            j = i
            while j < len(words) and j - i < 2 and words[j] in (",", "and", "or"):
                j += 1
            if j == i:
                break
            run = _run(words, j)
            if run is None:
                break
            out.append((*run, label))
            i = run[1]
        i = start  # leftwards
        while True:
            j = i
            while j > abstract_start and i - j < 2 and words[j - 1] in (",", "and", "or"):
                j -= 1
            if j == i:
                break
            first = _run_before(words, j, abstract_start)
            if first is None:
                break
            out.append((first, j, label))
            i = first
    return list(dict.fromkeys(out))  # a run next to several known names is listed once


def find(words: list[str], abstract_start: int) -> list[tuple[int, int, str]]:
    """(start, end, label) of the names the context reveals, in text order, not overlapping.

    >>> find("We evaluate X on three tasks : Frozen Lake , and Sokoban .".split(), 0)
    [(7, 9, 'BENCHMARK'), (11, 12, 'BENCHMARK')]
    >>> find("Using Werewolf , a social deduction game".split(), 0)
    [(1, 2, 'BENCHMARK')]
    >>> find("we propose Entropulse , a training strategy".split(), 0)
    [(2, 3, 'METHOD')]
    """
    found: dict[int, tuple[int, str]] = {}

    def add(start: int, end: int, label: str) -> None:
        if start not in found:
            name = " ".join(words[start:end])
            if not is_stop(name) and not all(is_stop(w) for w in words[start:end]):
                found[start] = (end, label)

    def add_named(start: int, end: int, label: str) -> None:
        """After "named"/"called" a run of generic words is a name ("Meta Agent Search")."""
        if start not in found and not is_stop(" ".join(words[start:end])):
            found[start] = (end, label)

    for i in range(abstract_start, len(words)):
        word = words[i].lower()
        if word in _TESTBED_PLURALS:
            for run in _listed(words, i + 1, intro=True):
                add(*run, "BENCHMARK")
        elif word in ("on", "in") and _reported_before(words, i):
            for run in _listed(words, i + 1, intro=False):
                add(*run, "BENCHMARK")
        elif word in _INTRO:
            _introduced(words, i, add_named if word in _NAMING else add)
        elif word in ("'s", "’s") and i > abstract_start and name_key(words[i - 1]) in ORG_KEYS:
            product = _run(words, i + 1)
            if product is not None:
                add(*product, "MODEL")  # "OpenAI's Deep Research", "Perplexity's Sonar Pro"
        elif word in _NAMED_AFTER and words[i] == word and i + 1 < len(words):
            named = _run(words, _skip(words, i + 1, _NAME_INTRO))
            if named is not None:
                add(*named, "BENCHMARK")  # "the video game Minecraft", "task (Scan2Cap)"
        if word in _METHOD_HEADS and words[i] == word:
            first = _run_before(words, i, abstract_start)
            if first is not None and i - first >= 2 and not _describes(words, first):
                add(first, i, "METHOD")  # "our Self-Evolving GUI Trajectory Production framework"
            elif first is None or _MODEL_CLASS.match(words[i - 1]):
                _named_before_modifiers(words, i, abstract_start, add)
        if word in _TESTBED_HEADS and words[i] == word:
            end = i - 1 if words[i - 1] == ")" else i  # "(D4RL) benchmarks"
            for run in _runs_before(words, end, abstract_start):
                add(*run, "BENCHMARK")
        elif word == "," and i > abstract_start and words[i - 1].islower() and _kind(words[i - 1]):
            named = _run(words, i + 1)  # "the best-performing model, Multimodal Bard, ..."
            if named is not None and named[1] < len(words) and words[named[1]] == ",":
                add(*named, _kind(words[i - 1]) or "METHOD")
        elif word == "is" and i + 1 < len(words) and words[i + 1] in ("a", "an"):
            first = _subject_before(words, i, abstract_start)
            label = _appositive_type(words, i + 2)
            if first is not None and label is not None:
                add_named(first, i, label)  # "Open Search Tool is a novel web search tool"
        elif word == "," and i + 1 < len(words) and words[i + 1] in ("a", "an"):
            first = _run_before(words, i, abstract_start)
            label = _appositive_type(words, i + 2)
            if first is not None and label is not None:
                add(first, i, label)
    out, taken = [], -1
    for start in sorted(found):
        end, label = found[start]
        if start >= taken:
            out.append((start, end, label))
            taken = end
    return out


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word)


def _starts_name(word: str) -> bool:
    """A run's first word: capitalised, not a lone letter ("165 K"), not "The"."""
    return _capitalised(word) and len(word) > 1 and word not in OPENERS and word not in _DOC_PARTS


def _run(words: list[str], start: int) -> tuple[int, int] | None:
    """(start, end) of the run of capitalised words at ``start`` ("Frozen Lake", "Atari
    2600", "Iterated Prisoner 's Dilemma"), or None when ``start`` is not capitalised."""
    if start < len(words) and words[start] in OPENERS:
        start += 1  # "The AI Scientist" is found as "AI Scientist"
    if start >= len(words) or not _starts_name(words[start]):
        return None
    end = start + 1
    while end < len(words) and end - start < _MAX_RUN:
        word = words[end]
        if _capitalised(word) or (word.isdigit() and len(word) <= 4) or word in ("++",):
            end += 1
        elif word in ("'s", "’s", "&") and end + 1 < len(words) and _capitalised(words[end + 1]):
            end += 2
        else:
            break
    return start, end


def _named_before_modifiers(
    words: list[str], i: int, abstract_start: int, add: Callable[[int, int, str], None]
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
    first = _run_before(words, j, abstract_start)
    if first is not None and words[first - 1] in _ARTICLES:
        add(first, j, "METHOD")


def _describes(words: list[str], start: int) -> bool:
    """Whether the words before ``start`` make it a description of a name just given:
    "DART, a Decoupled Agentic RL Training framework"."""
    return start >= 2 and words[start - 1] in ("a", "an") and words[start - 2] == ","


def _skip(words: list[str], i: int, skipped: frozenset[str]) -> int:
    while i < len(words) and words[i] in skipped:
        i += 1
    return i


def _runs_before(words: list[str], end: int, abstract_start: int) -> list[tuple[int, int]]:
    """The run before ``end`` and the runs coordinated with it: "GUIAct and GUIChat"."""
    out: list[tuple[int, int]] = []
    while len(out) < 4:
        start = _run_before(words, end, abstract_start)
        if start is None:
            break
        out.append((start, end))
        end = start - 1
        if end <= abstract_start or words[end] not in (",", "and", "or"):
            break
        if words[end] == "and" and words[end - 1] == ",":
            end -= 1
    return out


def _run_before(words: list[str], end: int, abstract_start: int) -> int | None:
    """Start of the capitalised run that ends right before ``end``; None when there is
    none or it begins a sentence (every sentence's first word is capitalised)."""
    start = end
    while start > abstract_start and end - start < _MAX_RUN:
        word = words[start - 1]
        if _capitalised(word) or word.isdigit():
            start -= 1
        else:
            break
    while start < end and not _starts_name(words[start]):
        start += 1  # "1M environment steps", "The GAIA benchmark"
    if start < end and (start == abstract_start or words[start - 1] in _SENTENCE_END):
        start += 1  # a sentence's first word is capitalised anyway: "Using Werewolf, a game"
    if start == end or _is_number(words[start - 1]):
        return None
    return start


def _subject_before(words: list[str], end: int, abstract_start: int) -> int | None:
    """Start of the capitalised run that is a whole sentence's subject before ``end``
    ("Open Search Tool is a ..."), or None (not after "The"/"This"/"It" alone)."""
    start = end
    while start > abstract_start and end - start < _MAX_RUN and _capitalised(words[start - 1]):
        start -= 1
    if start == end or not (start == abstract_start or words[start - 1] in _SENTENCE_END):
        return None
    while start < end and words[start] in OPENERS:
        start += 1
    return start if start < end and _starts_name(words[start]) else None


def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).replace(",", "").isdigit()


def _listed(words: list[str], i: int, intro: bool) -> list[tuple[int, int]]:
    """The runs of a list starting at ``i``: "(i.e., A, B, and C)", "such as A and B".

    After a bare comma, one name followed by a verb is a clause's subject, not a list:
    "on USEbench's 1,271 tasks, USEagent shows ..."."""
    first = i
    if intro:
        while i < len(words) and words[i].lower() in _LIST_INTRO:
            i += 1
    elif i < len(words) and words[i] == "the":
        i += 1
    comma = words[first:i] == [","]
    out: list[tuple[int, int]] = []
    while True:
        run = _run(words, i)
        if run is None:
            if comma and len(out) == 1 and _clause_verb(words, out[0][1]):
                return []
            return out
        out.append(run)
        i = run[1]
        while i < len(words) and words[i] in _LIST_GLUE:
            i += 1


def _clause_verb(words: list[str], i: int) -> bool:
    """A lower-case word that is not list glue follows: "USEagent shows"."""
    return (
        i < len(words) and words[i].isalpha() and words[i].islower() and words[i] not in _LIST_GLUE
    )


def _reported_before(words: list[str], i: int) -> bool:
    """Whether a results word comes shortly before "on"/"in" in the same sentence."""
    for j in range(i - 1, max(i - 5, -1), -1):
        if words[j] in _SENTENCE_END or words[j] == ",":
            return False
        if words[j].lower() in _REPORTED:
            return True
    return False


def _introduced(words: list[str], i: int, add: Callable[[int, int, str], None]) -> None:
    """ "we propose A, ..." / "named A" / "we develop a A approach": A is the paper's name."""
    start = i + 1
    if start < len(words) and words[start] in _ARTICLES:
        start += 1
    run = _run(words, start)
    if run is None:
        _kind_then_name(words, start, add)
        _lower_case_name(words, i + 1, add)
        return
    start, end = run
    after = words[end] if end < len(words) else "."
    head = type_from_words(words[end - 1], default=None)  # "the Arcade Learning Environment"
    if head is not None and after in (",", "(", ".", "that", "which", "to", "as"):
        add(start, end, head)
    elif after == "," and end + 1 < len(words) and words[end + 1] in ("a", "an", "which"):
        add(start, end, _appositive_type(words, end + 2) or "METHOD")
    elif after in ("(", ".", "that", "which", "to", "as"):
        add(start, end, _named_type(words, i) or "METHOD")
    else:
        label = type_from_words(after, default=None)
        if label is not None:
            add(start, end, label)


def _lower_case_name(words: list[str], i: int, add: Callable[[int, int, str], None]) -> None:
    """ "we introduce agent symbolic learning, a systematic framework": a lower-case
    phrase right after the verb, named by the appositive that follows it."""
    if i >= len(words) or words[i] in _ARTICLES or words[i] in ("a", "an", "new", "novel"):
        return  # "we propose a new method, a ...": a description, not a name
    j = i
    while j < len(words) and j - i < 4 and words[j].islower() and words[j].isalpha():
        j += 1
    if i < j < len(words) - 2 and words[j] == "," and words[j + 1] in ("a", "an"):
        label = _appositive_type(words, j + 2)
        if label is not None and not is_stop(" ".join(words[i:j])):
            add(i, j, label)


def _kind_then_name(words: list[str], i: int, add: Callable[[int, int, str], None]) -> None:
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
    kind = _kind(words[j - 1])
    run = _run(words, j + 1 if kind and j < len(words) and words[j] == "," else j)
    if (
        run is None
        or run[1] >= len(words)
        or words[run[1]] not in (",", "(", "and", "that", "which", ".")
    ):
        return
    add(*run, kind or "METHOD")


def _named_type(words: list[str], i: int) -> str | None:
    """Type from the noun before "named"/"called": "an agent model named A" is a model."""
    if words[i] not in _NAMING or i == 0:
        return None
    return _kind(words[i - 1])


def _kind(word: str) -> str | None:
    return "MODEL" if _MODEL_CLASS.match(word) else type_from_words(word, default=None)


def _appositive_type(words: list[str], i: int) -> str | None:
    """Type from the head noun of "a social deduction game", "a training strategy": the
    last kind word before the noun phrase ends ("a benchmark of ...", "a game that ...")."""
    label = None
    for word in words[i : i + 6]:
        lower = word.lower()
        if lower in _NP_END or not word[:1].isalnum():
            break
        if lower in ("game", "games"):
            label = "BENCHMARK"
        elif _MODEL_CLASS.match(word):
            label = "MODEL"  # "a powerful 3DLLM", "a compact VLM"
        else:
            label = type_from_words(lower, default=None) or label
    return label
