"""Per-paper resolution: candidate spans from every source become the paper's entities.

1. Candidates come from span groups in priority order (``sources``); where two
   overlap, the earlier source wins, then the longer span.
2. Abbreviation pairs whose forms are candidates, or whose long form is a
   capitalised name, join their two forms into one entity.
3. Mentions with the same :func:`name_key` are one entity (``SWE-Bench`` = ``SWE-bench``),
   and so are a plural and its singular (``transformers``, ``Transformer``);
   named variants keep their own key (``SWE-bench Verified``, ``GPT-4o``).
4. Name: the short form when the paper defines one, else the first spelling;
   aliases: the other spellings with a different key. Type: the top source's vote.
   Role: introduces when any mention reads as the paper's own contribution.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .abbreviations import is_capitalised, is_plural_acronym
from .components.abbreviations import KEY as ABBR_KEY
from .components.docinfo import title_end as title_line_end
from .normalise import name_key, singular_key
from .records import Entity
from .roles import introduces
from .typer import Typer, features
from .typing_rules import head_type
from .wordlists import Wordlists, load

DEFAULT_SOURCES = ("pattern", "gazetteer", "title", "coined", "ner")
#: type sources whose votes the learned classifier may overrule: all but the name-shape
#: patterns (``…Bench``, ``-7B``); the public lists are included, as CV measured it better
LEARNED_SOURCES = frozenset({"gazetteer", "abbr", "title", "list", "coined", "ner", "other"})


@dataclass(slots=True)
class _Group:
    keys: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    votes: list[tuple[int, str]] = field(default_factory=list)  # (source rank, type)
    short: str | None = None
    titled: bool = False
    known: bool = False  # a public list has the name


def candidates(
    doc: Doc, sources: tuple[str, ...], lex: Wordlists | None = None
) -> list[tuple[int, Span]]:
    """Non-overlapping (source rank, span) pairs, higher-priority and longer spans first;
    never a stop word of ``lex``.

    A listed name that contains a higher-priority span is taken before it: the list
    knows the longer name ("GPT-4o Search Preview" over the pattern's "GPT-4o").
    """
    lex = lex or load()
    pool = [(rank, s) for rank, g in enumerate(sources) if g in doc.spans for s in doc.spans[g]]
    listed = sources.index("gazetteer") if "gazetteer" in sources else -1
    first = [s for rank, s in pool if rank < listed]

    def priority(rank: int, span: Span) -> int:
        longer = rank == listed and any(_inside(s, span) for s in first)
        return -1 if longer else rank

    pool.sort(key=lambda rs: (priority(*rs), -(rs[1].end - rs[1].start), rs[1].start))
    taken: set[int] = set()
    chosen = []
    for rank, span in pool:
        cells = set(range(span.start, span.end))
        if cells & taken or lex.is_stop(span.text) or _special_token(span) or _not_a_name(span):
            continue
        taken |= cells
        chosen.append((rank, span))
    return sorted(chosen, key=lambda rs: rs[1].start)


_PERSON = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)?$")  # "Norvig", "McCulloch", "LeCun"
_YEAR = re.compile(r"^(?:19|20)\d\d[a-z]?$")
#: "RQ1-RQ3", "H2", record ids, DOI prefixes ("DERR1-10.2196/33145")
_LABEL = re.compile(r"^(?:RQ|H)\d+(?:-(?:RQ|H)?\d+)?$|\d{6,}|(?<!\d)10\.\d{4,}")
_SHOUTED = re.compile(r"^[A-Z]{4,}$")


def _not_a_name(span: Span) -> bool:
    """Shapes that are never names: one character, a research-question label ("RQ1"), a
    registry id ("CRD42021256005"), a shouted heading ("SIMILARITY IDENTIFICATION"), or an
    author in a citation ("(McCulloch and Pitts, 1943)", "Russell and Norvig (2009)",
    "LeCun et al.")."""
    text, doc = span.text, span.doc
    if len(text) < 2 or _LABEL.search(text):
        return True
    words = [t.text for t in doc[max(span.start - 1, 0) : span.end + 1]]
    if sum(bool(_SHOUTED.match(w)) for w in words) >= 2:
        return True
    return _PERSON.match(text) is not None and _cited(span)


def _cited(span: Span) -> bool:
    doc = span.doc
    after = [t.text for t in doc[span.end : span.end + 6]]
    if after[:2] == ["et", "al"] or after[:2] == ["et", "al."]:
        return True
    if after[:3] and after[0] == "(" and len(after) > 2 and _YEAR.match(after[1]):
        return True  # "Norvig (2009)"
    before = [t.text for t in doc[max(span.start - 6, 0) : span.start]]
    opened = "(" in before and ")" not in before[before.index("(") :]
    for word in after:
        if word in ("(", ")"):
            return False  # "(e.g., ReAct (Yao et al., 2023))": the name's own citation
        if _YEAR.match(word):
            return opened
    return False


def _special_token(span: Span) -> bool:
    """A model's special token in angle brackets ("a dedicated <ACTOR> token")."""
    doc = span.doc
    return (
        span.start > 0
        and span.end < len(doc)
        and (doc[span.start - 1].text, doc[span.end].text) == ("<", ">")
    )


def _inside(inner: Span, outer: Span) -> bool:
    """``inner`` lies within ``outer`` and is shorter."""
    return outer.start <= inner.start and inner.end <= outer.end and len(inner) < len(outer)


def type_votes(doc: Doc, type_sources: tuple[str, ...]) -> dict[tuple[int, int], list]:
    """For each exact token range, the (type-source rank, label) votes of every source."""
    votes: dict[tuple[int, int], list] = {}
    for rank, group in enumerate(type_sources):
        for span in doc.spans.get(group, []) if group in doc.spans else []:
            votes.setdefault((span.start, span.end), []).append((rank, span.label_))
    return votes


def resolve(
    doc: Doc,
    sources: tuple[str, ...] = DEFAULT_SOURCES,
    type_sources: tuple[str, ...] | None = None,
    typer: Typer | None = None,
    learned: frozenset[str] = LEARNED_SOURCES,
    keep_threshold: float = 0.5,
    roles: Typer | None = None,
    lex: Wordlists | None = None,
    longer: bool = False,
) -> list[Entity]:
    """The entities of one paper, in order of first mention.

    ``sources`` orders the span groups for boundaries; ``type_sources`` orders them
    for the type when several sources mark the same tokens (default: ``sources``).
    ``typer`` retypes entities whose best type vote comes from a source in ``learned``;
    a classifier trained with a NONE class also drops candidates whose probability of
    being an entity is below ``keep_threshold`` and gives the others that probability as
    their ``confidence``. ``roles``, a classifier trained on introduces/uses, decides
    each entity's role from the same features (the rules' role among them). ``lex`` is
    the rules' word lists and stop list (the shipped ones by default). With ``longer``,
    a filtering classifier also chooses between a chosen span and the longer names other
    sources mark around it (:func:`typed_groups`).
    """
    type_sources = type_sources or sources
    entities = []
    filters = typer is not None and typer.filters
    wanted = None if filters or roles else learned if typer is not None else frozenset()
    judge = typer.keep if longer and filters and typer is not None else None
    for entity, feats, source in typed_groups(doc, sources, type_sources, wanted, lex, judge):
        # one row lookup and one probability vector serve the type, the keep decision and
        # the role classifier (when it shares the type classifier's index)
        rows = proba = None
        if typer is not None and (filters or source in learned):
            rows = typer.rows(feats)
            proba = typer.proba(feats, rows)
        if typer is not None and source in learned:
            entity = replace(entity, type=typer.predict(feats, proba)[0])
        if filters and typer is not None:
            confidence = typer.keep(feats, proba)
            if confidence < keep_threshold:
                continue
            entity = replace(entity, confidence=round(confidence, 3))
        if roles is not None:
            shared = typer is not None and roles.index is typer.index
            entity = replace(entity, role=roles.label(feats, rows if shared else None))
        entities.append(entity)
    return _variants_of_own(entities)


def typed_groups(
    doc: Doc,
    sources: tuple[str, ...],
    type_sources: tuple[str, ...],
    featured: frozenset[str] | None = None,
    lex: Wordlists | None = None,
    judge: Callable[[set[str]], float] | None = None,
) -> list[tuple[Entity, set[str], str]]:
    """Each entity with the rules' type, its classifier features and its best type source.

    Features are computed only for entities whose best source is in ``featured``
    (all when None); the others get an empty set, which keeps the rules-only path fast.
    ``judge`` (the classifier's probability that a name is one, from its features)
    chooses between a chosen span and the longer names around it (:func:`_judged`).
    """
    lex = lex or load()
    chosen = _join_adjacent(_grow(doc, candidates(doc, sources, lex), sources, lex))
    chosen = _outside_long_forms(doc, _versioned(doc, chosen), sources, lex)
    votes = type_votes(doc, type_sources)
    typed: dict[tuple, _Typed] | None = None
    if judge is not None:
        typed = {}  # groups the judging typed already, reused where they did not change
        chosen = _judged(doc, chosen, votes, sources, type_sources, lex, judge, typed)
    groups = _grouped(doc, chosen, votes, sources, type_sources, lex)
    title_end = title_line_end(doc)
    seen: set[int] = set()
    out = []
    for group in groups.values():
        if id(group) in seen or not group.votes:
            continue
        seen.add(id(group))
        if typed is not None and featured is None:
            out.append(_typed_once(doc, group, type_sources, title_end, lex, typed))
        else:
            out.append(_typed(doc, group, type_sources, title_end, lex, featured))
    return out


def _grouped(
    doc: Doc,
    chosen: list[tuple[int, Span]],
    votes: dict[tuple[int, int], list],
    sources: tuple[str, ...],
    type_sources: tuple[str, ...],
    lex: Wordlists,
    list_votes: dict[tuple[int, int], list[tuple[int, str]]] | None = None,
) -> dict[str, _Group]:
    """The chosen spans grouped by name (every key of a group maps to it), with their votes;
    ``list_votes`` are those of :func:`_list_votes` (of ``chosen`` when None)."""
    groups: dict[str, _Group] = {}
    if list_votes is None:
        list_votes = _list_votes(doc, chosen, sources, type_sources, lex)
    for rank, span in chosen:
        group = _group_for(groups, singular_key(span.text))
        group.mentions.append(span)
        group.votes += votes.get((span.start, span.end), [(len(type_sources), span.label_)])
        group.votes += list_votes.get((span.start, span.end), [])
        group.titled |= sources[rank] == "title"
        group.known |= sources[rank] == "gazetteer" or any(  # listed, whoever found it
            type_sources[r] == "gazetteer" for r, _ in votes.get((span.start, span.end), [])
        )
        _slash_variants(span, group, groups)
    _link_listed(groups, [span for rank, span in chosen if sources[rank] == "gazetteer"])
    abbr_rank = type_sources.index("abbr") if "abbr" in type_sources else len(type_sources)
    _link_abbreviations(doc, groups, abbr_rank, lex)
    return groups


#: an entity, its classifier features and its best type source (:func:`_typed`)
_Typed = tuple[Entity, set[str], str]


def _typed(
    doc: Doc,
    group: _Group,
    type_sources: tuple[str, ...],
    title_end: int,
    lex: Wordlists,
    featured: frozenset[str] | None = None,
) -> tuple[Entity, set[str], str]:
    """One group's entity, its classifier features (empty unless its best type source is
    ``featured``, or ``featured`` is None) and that source."""
    entity = _entity(doc, group, title_end, lex)
    best = min(rank for rank, _ in group.votes)
    source = _source_name(type_sources, best)
    if featured is not None and source not in featured:
        return entity, set(), source
    voted = sorted({(_source_name(type_sources, r), label) for r, label in group.votes})
    feats = features(group.mentions, entity.name, group.titled, entity.type, source, voted, lex)
    return entity, feats | {f"role:{entity.role}"}, source


def _typed_once(
    doc: Doc,
    group: _Group,
    type_sources: tuple[str, ...],
    title_end: int,
    lex: Wordlists,
    typed: dict[tuple, _Typed],
) -> tuple[Entity, set[str], str]:
    """:func:`_typed` with every feature, kept in ``typed`` by what it reads of the group."""
    key = (
        tuple((m.start, m.end) for m in group.mentions),
        tuple(group.votes),
        group.titled,
        group.known,
        group.short,
    )
    if key not in typed:
        typed[key] = _typed(doc, group, type_sources, title_end, lex)
    return typed[key]


def _judged(
    doc: Doc,
    chosen: list[tuple[int, Span]],
    votes: dict[tuple[int, int], list],
    sources: tuple[str, ...],
    type_sources: tuple[str, ...],
    lex: Wordlists,
    judge: Callable[[set[str]], float],
    typed: dict[tuple, _Typed],
) -> list[tuple[int, Span]]:
    """Where a lower-priority source marks a longer name around a chosen span ("DAVIS
    2017" around the list's "DAVIS", "SemEval-2023 Task 4" around the pattern's
    "SemEval-2023", "Whisper Large V2" around "Whisper"), the classifier chooses: the span
    whose name it gives the highest probability of being an entity, the chosen one on a tie.

    Each option is scored as the entity it would be, with its other mentions in the
    paper, from one grouping of the chosen spans and all the options together; ``typed``
    keeps the groups typed on the way.
    """
    options = _longer_options(doc, chosen, sources, lex)
    if not options:
        return chosen
    trial = sorted(
        chosen + [o for opts in options.values() for o in opts], key=lambda rs: rs[1].start
    )
    # the list votes of the chosen spans, as the final grouping gives them, so that a
    # chosen span's group typed here is reused there when it keeps its span
    listed = _list_votes(doc, chosen, sources, type_sources, lex)
    groups = _grouped(doc, trial, votes, sources, type_sources, lex, listed)
    title_end = title_line_end(doc)
    scores: dict[int, float] = {}

    def score(span: Span) -> float:
        group = groups[singular_key(span.text)]
        if id(group) not in scores:
            feats = _typed_once(doc, group, type_sources, title_end, lex, typed)[1]
            scores[id(group)] = judge(feats)
        return scores[id(group)]

    out = list(chosen)
    taken: set[int] = {i for _, span in chosen for i in range(span.start, span.end)}
    for k, opts in options.items():
        rank, span = max([chosen[k], *opts], key=lambda rs: score(rs[1]))
        grown = set(range(span.start, span.end)) - set(range(chosen[k][1].start, chosen[k][1].end))
        if grown & taken:
            continue  # another option already took these words
        taken |= grown
        out[k] = (rank, span)
    return out


def _longer_options(
    doc: Doc, chosen: list[tuple[int, Span]], sources: tuple[str, ...], lex: Wordlists
) -> dict[int, list[tuple[int, Span]]]:
    """For each chosen span (by index), the other sources' spans that contain it, overlap
    no other chosen span and could be a name (as :func:`candidates` requires); not one that
    joins slashed items, which are names of their own ("CIFAR-10/100")."""
    out: dict[int, list[tuple[int, Span]]] = {}
    bounds = [(span.start, span.end) for _, span in chosen]
    seen = set(bounds)
    for rank, group in enumerate(sources):
        for span in doc.spans.get(group, ()):
            start, end = span.start, span.end
            if (start, end) in seen:
                continue
            inner = [k for k, (a, b) in enumerate(bounds) if a < end and start < b]
            if len(inner) != 1:
                continue
            a, b = bounds[inner[0]]
            if not (start <= a and b <= end) or "\n" in span.text:
                continue
            if any(t.text == "/" for t in doc[start:end]):
                continue  # a list split at its slashes: "CIFAR-10/100" (_slash_variants)
            if lex.is_stop(span.text) or _special_token(span) or _not_a_name(span):
                continue
            seen.add((start, end))
            out.setdefault(inner[0], []).append((rank, span))
    return out


_SURE = frozenset({"pattern", "gazetteer"})


def _list_votes(
    doc: Doc,
    chosen: list[tuple[int, Span]],
    sources: tuple[str, ...],
    type_sources: tuple[str, ...],
    lex: Wordlists,
) -> dict[tuple[int, int], list[tuple[int, str]]]:
    """Names listed together share a type: "on WebArena, Mind2Web and ZetaWeb".

    A candidate next to a listed or pattern-typed name, joined only by commas and
    "and"/"or", gets that name's type as a vote of rank ``type_sources.index("list")``;
    the votes are keyed by the candidate's token range.
    """
    if "list" not in type_sources:
        return {}
    rank = type_sources.index("list")
    out: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for k in range(len(chosen) - 1):
        (ra, a), (rb, b) = chosen[k], chosen[k + 1]
        gap = doc[a.end : b.start]
        if not 0 < len(gap) <= 3 or any(not _glue(t.lower_, lex) for t in gap):
            continue
        if sources[ra] in _SURE:
            out.setdefault((b.start, b.end), []).append((rank, a.label_))
        if sources[rb] in _SURE:
            out.setdefault((a.start, a.end), []).append((rank, b.label_))
    return out


def _glue(word: str, lex: Wordlists) -> bool:
    return word in lex.list_glue or word in lex.list_glue_types


def _source_name(type_sources: tuple[str, ...], rank: int) -> str:
    return type_sources[rank] if rank < len(type_sources) else "other"


def _group_for(groups: dict[str, _Group], key: str) -> _Group:
    if key not in groups:
        groups[key] = _Group(keys=[key])
    return groups[key]


_TRAILING_NUMBER = re.compile(r"(?<=[-.A-Za-z])(\d+(?:\.\d+)?)([BbMm]?)$")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)([BbMm]?)$")


def _slash_variants(span: Span, group: _Group, groups: dict[str, _Group]) -> None:
    """Each number after a slash is the same name with that number: "CodeLlama-13b/34b",
    "CIFAR-10/100", "Llama-2-7B/13B/70B", "GPT-3.5/4" (a size only after a size)."""
    found = _TRAILING_NUMBER.search(span.text)
    doc, j = span.doc, span.end
    if found is None:
        return
    stem = span.text[: found.start()]
    while j + 1 < len(doc) and doc[j].text == "/":
        number = _NUMBER.match(doc[j + 1].text)
        if number is None or bool(number.group(2)) != bool(found.group(2)):
            return
        name = stem + doc[j + 1].text
        variant = _group_for(groups, singular_key(name))
        variant.mentions.append(doc[j + 1 : j + 2])
        variant.short = name
        variant.votes += group.votes[:1]
        j += 2


def _link_listed(groups: dict[str, _Group], listed: list[Span]) -> None:
    """Names a public list gives as one entry are one entity: "Retrieval-Augmented
    Generations" in the title and "RAG" in the abstract; the listed name names it."""
    for span in listed:
        key, listed_key = singular_key(span.text), singular_key(span.kb_id_)
        if span.kb_id_ and listed_key != key and listed_key in groups:
            named = groups[listed_key]
            short = named.short or (named.mentions[0].text if named.mentions else None)
            merged = _merge(groups, listed_key, key)
            merged.short = merged.short or short


def _link_abbreviations(
    doc: Doc, groups: dict[str, _Group], abbr_rank: int, lex: Wordlists
) -> None:
    for (s0, s1), (l0, l1) in doc.user_data.get(ABBR_KEY, []):
        short, long_ = doc[s0:s1], doc[l0:l1]
        sk, lk = singular_key(short.text), singular_key(long_.text)
        if lex.is_stop(short.text) or lex.is_stop(long_.text):
            continue
        known = groups.get(sk) or groups.get(lk)
        if known is None and not is_capitalised(long_.text):
            continue
        if known is None and is_plural_acronym(short.text) and long_.text.endswith("s"):
            continue  # "Adverse Drug Events (ADEs)": a class of things, not a name
        merged = _merge(groups, sk, lk)
        merged.short = short.text
        for span in (short, long_):
            if all(m.start != span.start for m in merged.mentions):
                merged.mentions.append(span)
        merged.votes.append((abbr_rank, head_type(long_.text, lex) or "METHOD"))
        head = _spelled_head(short.text, long_.text)
        if head is not None and head in groups:
            _merge(groups, sk, head)


def _spelled_head(short: str, long_: str) -> str | None:
    """The key of "MSI" when "MSI-Agent" abbreviates "Multi-Scale Insight Agent": the word
    after the hyphen is the long form's last word, so the acronym alone is the same name.

    >>> _spelled_head("MSI-Agent", "Multi-Scale Insight Agent")
    'msi'
    >>> _spelled_head("LLaVA-Plus", "Large Language and Vision Assistant") is None
    True
    """
    head, _, word = short.rpartition("-")
    last = long_.split()[-1] if long_.split() else ""
    if head and word.isalpha() and word.lower() == last.lower() and head.isupper():
        return singular_key(head)
    return None


def _merge(groups: dict[str, _Group], a: str, b: str) -> _Group:
    first, second = _group_for(groups, a), _group_for(groups, b)
    if first is second:
        return first
    first.keys += [k for k in second.keys if k not in first.keys]
    first.mentions += second.mentions
    first.votes += second.votes
    first.titled |= second.titled
    first.known |= second.known
    for key in second.keys:
        groups[key] = first
    return first


def _entity(doc: Doc, group: _Group, title_end: int, lex: Wordlists) -> Entity:
    etype = _vote(group.votes)
    spellings = list(dict.fromkeys(m.text for m in sorted(group.mentions, key=lambda m: m.start)))
    name = group.short or spellings[0]
    aliases = _aliases(name, spellings, lex)
    in_title = not group.known and any(m.start < title_end for m in group.mentions)
    intro = any(introduces(doc, m, title_end, lex) for m in group.mentions)
    own = group.titled or in_title or intro
    mentions = tuple(sorted({(m.start_char, m.end_char) for m in group.mentions}))
    return Entity(etype, name, aliases, "introduces" if own else "uses", mentions=mentions)


def _variants_of_own(entities: list[Entity]) -> list[Entity]:
    """A model named after the paper's own entity is the paper's too ("GUI-Owl-7B", "GUI-Owl")."""
    own = [name_key(e.name) for e in entities if e.role == "introduces" and len(e.name) >= 3]
    out = []
    for e in entities:
        key = name_key(e.name)
        if e.role == "uses" and any(key.startswith(k) and key != k for k in own):
            e = replace(e, role="introduces")
        out.append(e)
    return out


def _vote(votes: list[tuple[int, str]]) -> str:
    """Majority label among the votes of the best-ranked source; first vote breaks ties."""
    best = min(rank for rank, _ in votes)
    labels = [label for rank, label in votes if rank == best]
    return max(dict.fromkeys(labels), key=labels.count)


def _aliases(name: str, spellings: list[str], lex: Wordlists) -> tuple[str, ...]:
    """Other spellings with another key; "X Benchmark" also gives "X". A bare number
    ("34b" of "CodeLlama-13b/34b") is never an alias."""
    keys = {name_key(name)}
    out = []
    tails = [f" {tail}" for tail in sorted(lex.generic_tails)]
    heads = [t.removesuffix(h) for t in spellings for h in tails if t.endswith(h)]
    for text in [*spellings, *heads]:
        if name_key(text) not in keys and not _NUMBER.match(text):
            keys.add(name_key(text))
            out.append(text)
    return tuple(out)


#: span sources whose names grow over the capitalised words around them
_GROWS = frozenset({"coined"})


def _grow(
    doc: Doc, chosen: list[tuple[int, Span]], sources: tuple[str, ...], lex: Wordlists
) -> list[tuple[int, Span]]:
    """A coined word inside a longer capitalised name is part of it: "ID-Feature Bonding",
    "Unity ML-Agents Toolkit" (abstract only: a title capitalises every word)."""
    title_end = title_line_end(doc)
    taken = {i for _, span in chosen for i in range(span.start, span.end)}
    out = []
    for rank, span in chosen:
        start, end = span.start, span.end
        if sources[rank] in _GROWS and start > title_end:
            while (
                end < len(doc)
                and end - start < 5
                and end not in taken
                and _name_word(doc[end], lex)
            ):
                end += 1
            while (
                start - 2 > title_end
                and end - start < 5
                and start - 1 not in taken
                and _name_word(doc[start - 1], lex)
                and doc[start - 2].text not in lex.sentence_ends
            ):
                start -= 1
            if (start, end) != (span.start, span.end):
                span = Span(doc, start, end, label=span.label_)
                if lex.is_stop(span.text):
                    continue  # "ACM" in "the ACM Digital Library" names no entity
                taken.update(range(start, end))
        out.append((rank, span))
    return out


#: a version or size written after a space: "v2", "V3", "2.4", "7B", "1.5B"
_VERSION_WORD = re.compile(r"[vV]\d+(?:\.\d+)*|\d+(?:\.\d+)+|\d+(?:\.\d+)?[BbMm]")
_SMALL_NUMBER = re.compile(r"\d{1,2}")


def _versioned(doc: Doc, chosen: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    """A name followed by its version or size after a space keeps it: "Surformer v2",
    "DyVal 2.4", "Llama-2 7B", "Qwen 2.5 7B"; a model name also keeps a one- or two-digit
    number ("Llama 3"). A year, or a word the next name starts with, is never taken."""
    taken = {i for _, span in chosen for i in range(span.start, span.end)}
    out = []
    for rank, span in chosen:
        end = span.end
        while end < len(doc) and end not in taken and end - span.end < 2:
            word = doc[end].text
            small = span.label_ == "MODEL" and end == span.end and _SMALL_NUMBER.fullmatch(word)
            if not (_VERSION_WORD.fullmatch(word) or small):
                break
            end += 1
        if end != span.end:
            taken.update(range(span.end, end))
            span = Span(doc, span.start, end, label=span.label_)
        out.append((rank, span))
    return out


def _outside_long_forms(
    doc: Doc, chosen: list[tuple[int, Span]], sources: tuple[str, ...], lex: Wordlists
) -> list[tuple[int, Span]]:
    """A coined word inside a capitalised long form, or inside a short form of several
    words, is part of that name, not a name of its own: "ReTriever" in "MLLM as ReTriever
    (MART)", "CPT" in "Agentic Continual Pre-training (Agentic CPT)"."""
    inside = [
        span
        for (s0, s1), (l0, l1) in doc.user_data.get(ABBR_KEY, [])
        if is_capitalised(doc[l0:l1].text) and not lex.is_stop(doc[s0:s1].text)
        for span in ((l0, l1), (s0, s1))
    ]
    return [
        (rank, span)
        for rank, span in chosen
        if sources[rank] not in _GROWS
        or not any(l0 <= span.start and span.end <= l1 and l1 - l0 > len(span) for l0, l1 in inside)
    ]


def _join_adjacent(chosen: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    """Two names with nothing between them are one ("OpenHands CodeActAgent",
    "MMBench-GUI L1-Hard"); the higher-priority source keeps its type. A model before
    another name modifies it ("the GPT-4 ReAct agent"), and two listed names stay two."""
    out: list[tuple[int, Span]] = []
    for rank, span in chosen:
        prev = out[-1][1] if out else None
        if (
            prev is not None
            and prev.end == span.start
            and "\n" not in span.text
            and prev.label_ != "MODEL"
            and not (prev.kb_id_ and span.kb_id_)
        ):
            prev_rank, prev = out.pop()
            label = prev.label_ if prev_rank <= rank else span.label_
            rank, span = min(prev_rank, rank), Span(span.doc, prev.start, span.end, label=label)
        out.append((rank, span))
    return out


def _name_word(token: Token, lex: Wordlists) -> bool:
    text = token.text
    return (
        text[:1].isupper()
        and any(c.isalpha() for c in text)
        and text not in lex.openers
        and not lex.is_stop(text)
    )
