"""``paperkg papers`` with several filters: the papers that pass all of them.

Each filter is one MATCH on the paper, the most selective first (a paper's citations,
then the entities with the fewest links), so the engine starts from the smallest set
and every later filter only checks papers already found. The first entity asked for
(benchmarks, then models, then methods) is the *subject*: each row says how the paper
links to it (``relationship``, ``entity``), and ``--sort role`` puts the papers that
introduce it first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import names
from . import schema as s

LINKS = f"{s.INTRODUCES}|{s.USES}|{s.EVALUATES_ON}"
SORTS = ("role", "year", "title")
ORDER = {
    "role": "intro DESC, coalesce(year, 0) DESC, title, id",
    "year": "coalesce(year, 0) DESC, title, id",
    "title": "title, id",
}
FAMILY_IDS_QUERY = (
    f"MATCH (t:Model {{id: $id}}) MATCH path = (e:Model)-[:{s.VARIANT_OF}*0..30]->(t) "
    "WITH e, min(length(path)) AS hops RETURN e.id AS id, e.name AS name ORDER BY hops, name"
)
PAPER_COLUMNS = ["id", "title", "year", "url"]
ENTITY_COLUMNS = ["id", "title", "year", "relationship", "entity", "url"]
CITATION_COLUMNS = ["id", "title", "year", "relationship", "inferred", "via", "url"]
ANY_YEAR_QUERY = "MATCH (p:Paper) WHERE p.year IS NOT NULL RETURN p.id AS id LIMIT 1"


@dataclass(frozen=True, slots=True)
class PaperFilter:
    """What ``papers`` asks: every name and paper given must match (an intersection)."""

    benchmarks: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    #: papers that these papers cite
    cites: tuple[str, ...] = ()
    #: papers that cite these papers
    cited_by: tuple[str, ...] = ()
    exact: bool = False
    since: int | None = None
    until: int | None = None
    sort: str = "role"
    limit: int | None = None

    def entity_names(self) -> list[tuple[str, str]]:
        """``(label, name)`` of every entity asked for, the subject first."""
        return [
            *((s.BENCHMARK, n) for n in self.benchmarks),
            *((s.MODEL, n) for n in self.models),
            *((s.METHOD, n) for n in self.methods),
        ]


@dataclass(frozen=True, slots=True)
class Selection:
    """The papers found, the columns that describe them, and notes for the user (an
    empty answer explained)."""

    rows: list[dict[str, Any]]
    columns: list[str]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Step:
    """One filter as the query sees it: ``entity`` (ids of a name and its variants, under
    one label), ``cites`` or ``cited_by`` (one paper id)."""

    kind: str
    label: str
    ids: tuple[str, ...]


def step_match(step: Step, i: int, *, first: bool, years: str = "") -> str:
    """The MATCH of filter ``i`` on ``p``, its relationship ``r{i}`` and entity ``e{i}``;
    the first one finds the papers (and takes the year bounds ``years``), the others
    check each paper found.

    >>> step_match(Step("entity", "Benchmark", ("benchmark:x",)), 0, first=True)
    'MATCH (e0:Benchmark)<-[r0:INTRODUCES|USES|EVALUATES_ON]-(p:Paper) WHERE e0.id IN $f0'
    >>> step_match(Step("cites", "Paper", ("p1",)), 1, first=False)
    'MATCH (:Paper {id: $f1})-[r1:CITES]->(p)'
    """
    paper = "(p:Paper)" if first else "(p)"
    where = f" WHERE {years}" if years else ""
    if step.kind == "cites":
        return f"MATCH (:Paper {{id: $f{i}}})-[r{i}:CITES]->{paper}{where}"
    if step.kind == "cited_by":
        return f"MATCH {paper}-[r{i}:CITES]->(:Paper {{id: $f{i}}}){where}"
    # ``IN $list`` on the entity, not ``UNWIND $list … {id: x}``: after an UNWIND the engine
    # joins whole relationship tables by hash instead of walking one entity's adjacency
    return f"MATCH (e{i}:{step.label})<-[r{i}:{LINKS}]-{paper} WHERE e{i}.id IN $f{i}" + (
        f" AND {years}" if years else ""
    )


def select_query(
    steps: list[Step], subject: Step | None, *, since: bool, until: bool, sort: str, limit: bool
) -> str:
    """The query for ``steps`` (most selective first): one row per paper, with how it
    links to ``subject`` (``intro``, ``linked`` entity ids, or for a paper ``inferred``
    and ``via``), in the ``sort`` order.

    The filters are consecutive MATCH clauses with no ``WITH`` between them, so the
    engine plans them as one pattern: it starts from the first (the fewest papers) and
    checks each later one from the paper's own links, never reading the papers of a name
    half the graph uses (a ``WITH DISTINCT p`` between them made it hash-join the whole
    adjacency of each later name instead). A paper linked twice to a name gives two
    rows; the aggregation below makes them one."""
    years = " AND ".join(
        c for c, on in (("p.year >= $since", since), ("p.year <= $until", until)) if on
    )
    parts = [
        step_match(st, i, first=i == 0, years=years if i == 0 else "") for i, st in enumerate(steps)
    ]
    query = " ".join(parts) or "MATCH (p:Paper)" + (f" WHERE {years}" if years else "")
    paper = "p.id AS id, p.title AS title, p.year AS year, p.url AS url"
    if subject is None:  # nothing to introduce: by role is by year
        order = ORDER["year" if sort == "role" else sort]
        return f"{query} WITH DISTINCT p RETURN {paper} ORDER BY {order}" + _limit(limit)
    k = steps.index(subject)
    if subject.kind == "entity":
        query += (
            f" WITH p, max(CASE WHEN type(r{k}) = '{s.INTRODUCES}' THEN 1 ELSE 0 END) AS intro, "
            f"collect(DISTINCT e{k}.id) AS linked"
        )
        out = "intro, linked"
    else:
        query += (
            f" WITH p, min(CASE WHEN r{k}.inferred THEN 1 ELSE 0 END) AS inferred, "
            f"collect(r{k}.via) AS via"
        )
        out = "1 - inferred AS intro, inferred, via"
    return f"{query} RETURN {paper}, {out} ORDER BY {ORDER[sort]}" + _limit(limit)


def _limit(limit: bool) -> str:
    return " LIMIT $limit" if limit else ""


class Selections:
    """The several-filter ``papers`` question; mixed into
    :class:`~paperkg.graph.questions.Questions`, whose helpers it uses."""

    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def resolve(self, name: str, label: str | None = None) -> names.Hit:
        raise NotImplementedError

    def find_paper(self, ref: str) -> str:
        raise NotImplementedError

    def papers_with(
        self, name: str, label: str | None = None, *, exact: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        raise NotImplementedError

    def citations(
        self, ref: str, *, cited_by: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        raise NotImplementedError

    def select_papers(self, want: PaperFilter) -> Selection:
        """The papers that match every filter of ``want``, sorted and cut as it asks."""
        if _one_filter(want):
            return self._one(want)
        steps: list[Step] = []
        degree: dict[Step, int] = {}
        names_of: dict[str, str] = {}
        for label, name in want.entity_names():
            hit = self.resolve(name, label)
            family = self._family(hit, want.exact)
            names_of.update(family)
            step = Step("entity", label, tuple(family))
            steps.append(step)
            degree[step] = hit.degree
        for kind, refs in (("cites", want.cites), ("cited_by", want.cited_by)):
            steps += [Step(kind, s.PAPER, (self.find_paper(ref),)) for ref in refs]
        subject = steps[0] if steps else None
        order = sorted(steps, key=lambda st: (st.kind == "entity", degree.get(st, 0)))
        query = select_query(
            order,
            subject,
            since=want.since is not None,
            until=want.until is not None,
            sort=want.sort,
            limit=bool(want.limit),
        )
        rows = self._read(query, _params(order, want))
        selection = Selection(*_shaped(rows, subject, names_of))
        return Selection(selection.rows, selection.columns, self._why_empty(rows, want))

    def _one(self, want: PaperFilter) -> Selection:
        """One filter in the default order: the store's own question, which takes the first
        papers of a name half the graph uses without sorting them all."""
        limit = want.limit or None
        if want.entity_names():
            label, name = want.entity_names()[0]
            rows = self.papers_with(name, label, exact=want.exact, limit=limit)
            return Selection(rows, ENTITY_COLUMNS)
        ref, cited_by = (want.cites or want.cited_by)[0], bool(want.cited_by)
        return Selection(self.citations(ref, cited_by=cited_by, limit=limit), CITATION_COLUMNS)

    def _family(self, hit: names.Hit, exact: bool) -> dict[str, str]:
        """Entity id -> name of ``hit`` and (a model, unless ``exact``) its variants,
        nearest first."""
        if exact or hit.label != s.MODEL:
            query = f"MATCH (e:{hit.label} {{id: $id}}) RETURN e.name AS name"
            return {hit.id: self._read(query, {"id": hit.id})[0]["name"]}
        return {r["id"]: r["name"] for r in self._read(FAMILY_IDS_QUERY, {"id": hit.id})}

    def _why_empty(self, rows: list[dict], want: PaperFilter) -> list[str]:
        given = [o for o, v in (("--since", want.since), ("--until", want.until)) if v is not None]
        if rows or not given or self._read(ANY_YEAR_QUERY):
            return []
        return [f"no paper in this graph has a year; {' and '.join(given)} matched nothing"]


def _one_filter(want: PaperFilter) -> bool:
    """Whether ``want`` is one name or paper in the default order, with no year bounds."""
    if want.since is not None or want.until is not None or want.sort != "role":
        return False
    return len(want.entity_names()) + len(want.cites) + len(want.cited_by) == 1


def _params(steps: list[Step], want: PaperFilter) -> dict[str, Any]:
    params: dict[str, Any] = {
        f"f{i}": list(st.ids) if st.kind == "entity" else st.ids[0] for i, st in enumerate(steps)
    }
    extra = {"since": want.since, "until": want.until, "limit": want.limit or None}
    return {**params, **{k: v for k, v in extra.items() if v is not None}}


def _shaped(
    rows: list[dict], subject: Step | None, names_of: dict[str, str]
) -> tuple[list[dict], list[str]]:
    """Rows as ``papers`` prints them, and their columns, by what the subject is."""
    paper = PAPER_COLUMNS
    if subject is None:
        return [{k: r[k] for k in paper} for r in rows], PAPER_COLUMNS
    if subject.kind != "entity":
        shaped = [
            {
                **{k: r[k] for k in paper},
                "relationship": s.CITES,
                "inferred": bool(r["inferred"]),
                "via": sorted({v for via in r["via"] for v in (via or ())}),
            }
            for r in rows
        ]
        return shaped, CITATION_COLUMNS
    plain = s.EVALUATES_ON if subject.label == s.BENCHMARK else s.USES
    rank = {eid: i for i, eid in enumerate(subject.ids)}
    shaped = [
        {
            **{k: r[k] for k in paper},
            "relationship": s.INTRODUCES if r["intro"] else plain,
            "entity": names_of[min(r["linked"], key=rank.__getitem__)],
        }
        for r in rows
    ]
    return shaped, ENTITY_COLUMNS
