"""Citations an add changes: real ones to and from its papers, and the inferred ones of
every entity a new paper links to (:func:`paperkg.graph.build.add_inferred_citations`'s
rule, as the bulk writer applies it).

An inferred citation ``(a)-[:CITES {inferred: true, via}]->(b)`` rests on an entity b is
the one confident introducer of and a uses. A new paper can use such an entity (a new
citation), introduce it (its users now cite the new paper, or, as a second introducer,
no longer cite the first), or change its name (``via`` names it). For an entity whose
introducer and name stay, only the new users are looked at; otherwise its old
citations are recomputed from its links in the store, which costs what that entity
has, not what the graph has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from paperkg.extract.records import PaperEntities

from . import schema as s
from .build import _ambiguous, _confident, _long_forms, _titled
from .bulk import _same_sense
from .increment_db import INFERRED, INTRODUCERS, PAPER_IDS, USE_OF, USERS, Database, key_rows
from .increment_entities import Entities, Rebuild
from .names import label_of, name_key

Pair = tuple[str, str]
_SCHEMES = ("doi:", "arxiv:", "openalex:", "s2:")


@dataclass(frozen=True, slots=True)
class Use:
    """One paper's link to an entity, with what the inferred-citation rule reads."""

    paper: str
    year: int | None
    props: dict[str, Any]
    senses: frozenset[str]
    #: whether the paper names the entity in its title (an introducer must; read only for
    #: introducers, whose rows always carry the title)
    titled: bool = True


def real_citations(
    graph: Database, names: Database, records: list[PaperEntities]
) -> tuple[list[Pair], dict[str, list[Any]]]:
    """Real citations from and to the new papers, and the RefKey rows that change."""
    new_ids = {x: r.paper.id for r in records for x in (*r.paper.external_ids, r.paper.id)}
    asked = {ref for r in records for ref in r.paper.references if ref not in new_ids}
    found = {row[0]: row[0] for row in graph.rows(PAPER_IDS, sorted(asked))}
    keyed = key_rows(names, "PaperKey", [a for a in asked - found.keys() if a.startswith(_SCHEMES)])
    found.update({key: row[0][-1] for key, row in keyed.items()})
    pairs: dict[Pair, None] = {}
    unresolved: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        paper = rec.paper.id
        for ref in rec.paper.references:
            target = new_ids.get(ref) or found.get(ref)
            if target is None:
                unresolved[ref] = [*unresolved[ref], *([] if paper in unresolved[ref] else [paper])]
            elif target != paper:
                pairs[(paper, target)] = None
    citing = key_rows(names, "RefKey", new_ids)
    for key, (papers,) in citing.items():
        pairs.update(dict.fromkeys((p, new_ids[key]) for p in papers))
    refs: dict[str, list[Any]] = {key: [[]] for key in citing}  # answered: leave the index
    for key, row in key_rows(names, "RefKey", unresolved).items():
        unresolved[key] = [*row[0], *(p for p in unresolved[key] if p not in row[0])]
    refs.update({key: [papers] for key, papers in unresolved.items()})
    return list(pairs), refs


def inferred_changes(
    graph: Database, names: Database, ents: Entities, years: dict[str, int | None]
) -> tuple[dict[Pair, list[str]], dict[Pair, list[str]], list[Pair]]:
    """Inferred citations to create, to re-label and to drop."""
    new_intro: dict[str, list[Use]] = defaultdict(list)
    new_users: dict[str, list[Use]] = defaultdict(list)
    for link in ents.links:
        use = Use(link.paper, years.get(link.paper), link.props, link.senses, link.titled)
        (new_intro if link.rel == s.INTRODUCES else new_users)[link.node].append(use)
    touched = sorted({link.node for link in ents.links})
    old_intro = _introducers(graph, touched)
    now: dict[str, dict[str, Any]] = {
        st.id: {"name": st.name, "aliases": list(st.aliases)} for st in ents.all()
    }
    old: dict[str, dict[str, Any]] = {
        n: {"name": v[0], "aliases": list(v[1])} for n, v in ents.old.items()
    }
    removed: dict[Pair, set[str]] = defaultdict(set)
    added: dict[Pair, set[str]] = defaultdict(set)
    redo: list[str] = []
    for node in touched:
        before = _sole(old_intro.get(node, []))
        after = _sole([*old_intro.get(node, []), *new_intro.get(node, [])])
        was = old.get(node)
        same = (before and before.paper) == (after and after.paper) and (
            was is not None
            and was["name"] == now[node]["name"]
            and _ambiguous(was) == _ambiguous(now[node])
        )
        if same and after is not None:
            _contribute(added, after, now[node], new_users.get(node, []))
        elif not same and (before or after):
            redo.append(node)
    old_users = _users(graph, redo, old, now)
    for node in redo:
        before = _sole(old_intro.get(node, []))
        after = _sole([*old_intro.get(node, []), *new_intro.get(node, [])])
        if before is not None:
            _check_own_name(names, node, old[node]["name"])
            _contribute(removed, before, old[node], old_users.get(node, []))
        if after is not None:
            users = [*old_users.get(node, []), *new_users.get(node, [])]
            _contribute(added, after, now[node], users)
    return _apply(graph, removed, added, set(years))


def _apply(
    graph: Database, removed: dict[Pair, set[str]], added: dict[Pair, set[str]], new: set[str]
) -> tuple[dict[Pair, list[str]], dict[Pair, list[str]], list[Pair]]:
    pairs = removed.keys() | added.keys()
    held_before = sorted(p for p in pairs if p[0] not in new and p[1] not in new)
    rows = graph.rows(INFERRED, [{"a": a, "b": b} for a, b in held_before])
    held = {(a, b): via for a, b, via in rows}
    create, relabel, drop = {}, {}, []
    for pair in pairs:
        old = held.get(pair)
        via = sorted((set(old or ()) - removed.get(pair, set())) | added.get(pair, set()))
        if old is None and via:
            create[pair] = via
        elif old is not None and not via:
            drop.append(pair)
        elif old is not None and via != old:
            relabel[pair] = via
    return create, relabel, drop


def _check_own_name(names: Database, node: str, name: str) -> None:
    """Removing a name from ``via`` is exact only if no other entity bears it."""
    rows = key_rows(names, "NameKey", [name_key(name)])
    others = [i for row in rows.values() for i in row[0] if i != node]
    if others:
        raise Rebuild(f"inferred citations of {node} change and {others[0]} bears its name")


def _sole(intros: list[Use]) -> Use | None:
    """The entity's one introducer, if it has exactly one, it is confident and it names the
    entity in its title."""
    one = intros[0] if len(intros) == 1 else None
    return one if one is not None and _confident(one.props) and one.titled else None


def _contribute(out: dict[Pair, set[str]], intro: Use, entity: dict, users: Iterable[Use]) -> None:
    ambiguous, name = _ambiguous(entity), entity["name"]
    for user in users:
        if user.paper == intro.paper:
            continue
        if user.year is not None and intro.year is not None and intro.year > user.year:
            continue
        if ambiguous and not _same_sense((intro.props, intro.senses), (user.props, user.senses)):
            continue
        out[(user.paper, intro.paper)].add(name)


def _introducers(graph: Database, nodes: list[str]) -> dict[str, list[Use]]:
    out: dict[str, list[Use]] = defaultdict(list)
    for label, ids in _by_label(nodes).items():
        for node, paper, year, conf, spans, title, abstract in graph.rows(
            INTRODUCERS.format(label=label), ids
        ):
            out[node].append(_use(paper, year, conf, spans, title, abstract))
    return out


def _users(graph: Database, nodes: list[str], old: dict[str, dict], now: dict[str, dict]) -> dict:
    """The old non-introducing links of ``nodes``; paper texts only for ambiguous names."""
    out: dict[str, list[Use]] = defaultdict(list)
    nodes = [n for n in nodes if n in old]  # a new entity has no old links
    ambiguous = {n for n in nodes if _ambiguous(now[n]) or _ambiguous(old[n])}
    for label, ids in _by_label(nodes).items():
        for text in (True, False):
            chosen = [i for i in ids if (i in ambiguous) == text]
            extra = ", p.title, p.abstract" if text else ""
            query = USERS.format(rel=USE_OF[label], label=label, text=extra)
            for node, paper, year, conf, spans, *words in graph.rows(query, chosen):
                out[node].append(_use(paper, year, conf, spans, *(words or ("", ""))))
    return out


def _use(paper: str, year: Any, conf: Any, spans: Any, title: str, abstract: str) -> Use:
    props = {"confidence": conf, "mentions": spans or []}
    text = {"title": title or "", "abstract": abstract or ""}
    senses = frozenset(_long_forms(text, props)) if spans and (title or abstract) else frozenset()
    return Use(paper, year, props, senses, _titled(props, title or ""))


def _by_label(nodes: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        out[label_of(node)].append(node)
    return out
