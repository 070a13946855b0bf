"""Cards: everything ``paperkg show`` prints about one entity or one paper.

A card asks only for what it prints: the first ``limit`` papers of a name (ordered and
cut inside the engine) and counts as counts. The names that come with an entity are
counted only when at most :data:`COOCCURRENCE_MAX` papers mention it: that count joins
every link of every one of its papers (1.3 s for a name in 500k papers), and for a name
half the graph uses the answer is "everything". The Cypher is small pure functions, run
by both stores.
"""

from __future__ import annotations

import difflib
from typing import Any

from paperkg.extract.errors import NotFoundError
from paperkg.extract.normalise import title_key

from . import names
from . import schema as s

LINKS = f"{s.INTRODUCES}|{s.USES}|{s.EVALUATES_ON}"
USES = f"{s.USES}|{s.EVALUATES_ON}"
#: papers shown when no --limit is given
DEFAULT_LIMIT = 20
#: the co-occurring names of an entity are counted when at most this many papers mention it
COOCCURRENCE_MAX = 20_000
#: how many co-occurring names a card lists
COOCCURRING = 10
#: a paper title at least this similar (difflib ratio of title keys) counts as meant
CLOSE_TITLE = 0.9
#: names at least this long are also looked for among titles that are not exact
TITLE_LENGTH = 20
TITLES_QUERY = "MATCH (p:Paper) RETURN p.id AS id, p.title AS title"
ROLE = {s.INTRODUCES: "introduces", s.USES: "uses", s.EVALUATES_ON: "uses"}
_PAPER = "p.id AS id, p.title AS title, p.year AS year, p.url AS url"
_LINK = "r.confidence AS confidence, r.evidence AS evidence"


def _limit(limit: bool) -> str:
    return " LIMIT $limit" if limit else ""


def linked_papers_query(label: str, rels: str, *, limit: bool, threshold: bool = False) -> str:
    """Papers linked to ``$id`` by ``rels`` with the link's evidence, newest first.

    With ``threshold`` only papers from ``$year`` on are read: for a name half a million
    papers use, sorting them all by title is what costs, and the ``$limit``-th newest
    year (:func:`years_query`) bounds the sort to the papers that can make the cut.

    >>> linked_papers_query("Benchmark", "INTRODUCES", limit=True)[:62]
    'MATCH (p:Paper)-[r:INTRODUCES]->(e:Benchmark {id: $id}) RETURN'
    """
    where = "WHERE coalesce(p.year, 0) >= $year " if threshold else ""
    return (
        f"MATCH (p:Paper)-[r:{rels}]->(e:{label} {{id: $id}}) {where}"
        f"RETURN {_PAPER}, {_LINK} ORDER BY coalesce(year, 0) DESC, title, id" + _limit(limit)
    )


def years_query(label: str) -> str:
    """The years of the ``$limit`` newest papers that use ``$id`` (no title is read)."""
    return (
        f"MATCH (p:Paper)-[:{USES}]->(e:{label} {{id: $id}}) "
        "RETURN coalesce(p.year, 0) AS year ORDER BY year DESC LIMIT $limit"
    )


def link_count_query(label: str, rels: str, *, also_uses: bool = False) -> str:
    """How many ``rels`` links ``$id`` has, each from a different paper (a paper has at
    most one relationship of each type to an entity); with ``also_uses``, how many of
    those papers also use it. A plain count is the length of an adjacency list, so it
    costs nothing even for a name half the graph uses; ``count(DISTINCT p)`` reads every
    paper (30 ms for 50k papers)."""
    both = f"MATCH (p)-[:{USES}]->(e) " if also_uses else ""
    return f"MATCH (p:Paper)-[:{rels}]->(e:{label} {{id: $id}}) {both}RETURN count(*) AS n"


def cooccurring_query(label: str) -> str:
    """Entities mentioned in the same papers as ``$id``, most shared papers first."""
    return (
        f"MATCH (e:{label} {{id: $id}})<-[:{LINKS}]-(p:Paper)-[:{LINKS}]->(o) WHERE o.id <> $id "
        "RETURN o.id AS id, o.name AS name, count(DISTINCT p) AS papers "
        "ORDER BY papers DESC, name, id LIMIT $limit"
    )


ENTITY_QUERY = "MATCH (e:{label} {{id: $id}}) RETURN e.name AS name, e.aliases AS aliases"
FAMILY_QUERY = f"MATCH (e:Model {{id: $id}})-[:{s.VARIANT_OF}]->(f:Model) RETURN f.name AS name"
VARIANTS_QUERY = (
    f"MATCH path = (v:Model)-[:{s.VARIANT_OF}*1..30]->(e:Model {{id: $id}}) "
    "WITH v, min(length(path)) AS hops RETURN v.name AS name ORDER BY hops, name"
)
PAPER_QUERY = f"MATCH (p:Paper {{id: $id}}) RETURN {_PAPER}, p.doi AS doi, p.authors AS authors"
PAPER_ENTITIES_QUERY = (
    f"MATCH (p:Paper {{id: $id}})-[r:{LINKS}]->(e) "
    f"RETURN e.id AS id, e.name AS name, type(r) AS relationship, {_LINK} ORDER BY name, id"
)


def citing_query(*, cited_by: bool, limit: bool) -> str:
    """The papers ``$id`` cites (or that cite it): real ones first, then newest."""
    pattern = (
        "(p:Paper)-[r:CITES]->(:Paper {id: $id})"
        if cited_by
        else "(:Paper {id: $id})-[r:CITES]->(p:Paper)"
    )
    return (
        f"MATCH {pattern} RETURN {_PAPER}, r.inferred AS inferred, r.via AS via "
        "ORDER BY inferred, coalesce(year, 0) DESC, title, id" + _limit(limit)
    )


def citation_counts_query(*, cited_by: bool) -> str:
    """How many papers ``$id`` cites (or that cite it), and how many of those are inferred."""
    ends = ("(:Paper)", "(:Paper {id: $id})")
    start, end = ends if cited_by else ends[::-1]
    pattern = f"{start}-[r:CITES]->{end}"
    return (
        f"MATCH {pattern} RETURN count(r) AS n, "
        "sum(CASE WHEN r.inferred THEN 1 ELSE 0 END) AS inferred"
    )


def arxiv_of(paper_id: str) -> str | None:
    """The arXiv id a paper id carries, if it is one.

    >>> arxiv_of("arxiv:2307.13854"), arxiv_of("doi:10.1/x")
    ('2307.13854', None)
    """
    return paper_id[6:] if paper_id.startswith("arxiv:") else None


def near_titles(ref: str, rows: list[dict[str, Any]]) -> tuple[str | None, list[str]]:
    """The id of the one paper whose title is nearly ``ref`` (a typo, a dropped word), if
    there is one, and the closest titles (for "did you mean"), in one pass over ``rows``.

    >>> near_titles("Atention is all you need", [{"id": "p", "title": "Attention Is All You Need"}])
    ('p', ['Attention Is All You Need'])
    """
    wanted = title_key(ref)
    words = set(wanted.split())
    need = max(1, len(words) // 2)  # a near title shares half the words: a cheap first cut
    by_key: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        key = title_key(str(r["title"] or ""))
        if len(words.intersection(key.split())) >= need:
            by_key.setdefault(key, []).append(r)
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    titles = [str(by_key[k][0]["title"]) for k in close]
    if not close or len(by_key[close[0]]) > 1:
        return None, titles
    ratio = difflib.SequenceMatcher(None, wanted, close[0]).ratio()
    return (str(by_key[close[0]][0]["id"]) if ratio >= CLOSE_TITLE else None), titles


class Cards:
    """The ``show`` question; mixed into :class:`~paperkg.graph.questions.Questions`,
    whose ``_read``, ``_entity_hits`` and ``_paper_ids`` it uses."""

    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _entity_hits(self, key: str) -> list[names.Hit]:
        raise NotImplementedError

    def _paper_ids(self, ref: str) -> list[str]:
        raise NotImplementedError

    def resolve(self, name: str, label: str | None = None) -> names.Hit:
        raise NotImplementedError

    def show(self, name: str, *, paper: bool = False, limit: int | None = DEFAULT_LIMIT) -> dict:
        """The card of the entity ``name`` means, or of the paper it names (an id, a DOI, an
        arXiv id, a title, exact or nearly). An entity wins a tie; its card then says which
        paper the name also is (``also_paper``). ``paper`` asks for the paper only."""
        hit = None if paper else names.pick(self._entity_hits(names.name_key(name)))
        papers = self._paper_ids(name)
        if hit is not None:
            card = self.entity_card(hit, limit=limit)
            card["also_paper"] = self._paper_stub(papers[0]) if papers else None
            return card
        if papers:
            return self.paper_card(papers[0], limit=limit, matched="exact")
        # a title is long: a short NAME is not worth reading every title for
        long = len(name) >= TITLE_LENGTH
        near, titles = near_titles(name, self._read(TITLES_QUERY)) if long else (None, [])
        if near is not None:
            return self.paper_card(near, limit=limit, matched="close title")
        raise self._nothing_called(name, titles, paper)

    def _nothing_called(self, name: str, titles: list[str], paper: bool) -> NotFoundError:
        if paper:
            return NotFoundError(
                f"paper {name!r} not found (give its id, DOI, arXiv id or title)", titles
            )
        try:
            self.resolve(name)
        except NotFoundError as exc:
            return NotFoundError(
                f"no entity or paper {name!r} (give a name, or a paper's id, DOI, arXiv id "
                "or title)",
                list(dict.fromkeys([*exc.suggestions[:5], *titles])),
            )
        raise AssertionError("a name without hits resolved")  # pragma: no cover

    def _paper_stub(self, paper_id: str) -> dict[str, Any]:
        row = self._read(PAPER_QUERY, {"id": paper_id})[0]
        return {"id": row["id"], "title": row["title"]}

    def entity_card(self, hit: names.Hit, *, limit: int | None = DEFAULT_LIMIT) -> dict:
        """One entity: names, counts, its first ``limit`` papers (introducing ones first,
        then the newest) with each link's evidence, its model family, what comes with it."""
        ask = {"id": hit.id}
        node = self._read(ENTITY_QUERY.format(label=hit.label), ask)[0]
        n_intro, n_users = (self._count(hit, rels) for rels in (s.INTRODUCES, USES))
        both = self._count(hit, s.INTRODUCES, also_uses=True) if n_intro else 0
        total = n_intro + n_users - both
        intro = self._linked(hit, s.INTRODUCES, limit)
        first = {r["id"] for r in intro}
        room = None if not limit else max(limit - len(intro), 0)
        users = [r for r in self._users(hit, room, len(first)) if r["id"] not in first]
        model = hit.label == s.MODEL
        return {
            "kind": "entity",
            "id": hit.id,
            "name": node["name"],
            "type": hit.label,
            "aliases": node["aliases"] or [],
            "papers_count": total,
            "introduced_by_count": n_intro,
            "used_by_count": total - n_intro,
            "introduced_by": intro,
            "used_by": users[:room] if room is not None else users,
            "variant_of": [r["name"] for r in self._read(FAMILY_QUERY, ask)] if model else [],
            "variants": [r["name"] for r in self._read(VARIANTS_QUERY, ask)] if model else [],
            "cooccurring": self._cooccurring(hit) if total <= COOCCURRENCE_MAX else None,
        }

    def _count(self, hit: names.Hit, rels: str, *, also_uses: bool = False) -> int:
        query = link_count_query(hit.label, rels, also_uses=also_uses)
        return int(self._read(query, {"id": hit.id})[0]["n"] or 0)

    def _linked(self, hit: names.Hit, rels: str, limit: int | None, **where: Any) -> list[dict]:
        params = {"id": hit.id, **({"limit": limit} if limit else {}), **where}
        query = linked_papers_query(hit.label, rels, limit=bool(limit), threshold=bool(where))
        rel = rels if rels == s.INTRODUCES else s.relationship_for(hit.label.upper(), "uses")
        role = ROLE[rel]
        return [{**r, "role": role, "relationship": rel} for r in self._read(query, params)]

    def _users(self, hit: names.Hit, room: int | None, extra: int) -> list[dict]:
        """The newest ``room`` papers that use the entity (and ``extra`` more, for the
        introducing papers that also use it), sorting only papers from the cut-off year."""
        if room == 0:
            return []
        if room is None:
            return self._linked(hit, USES, None)
        want = room + extra
        years = self._read(years_query(hit.label), {"id": hit.id, "limit": want})
        if not years:
            return []
        return self._linked(hit, USES, want, year=years[-1]["year"])

    def _cooccurring(self, hit: names.Hit) -> list[dict]:
        params = {"id": hit.id, "limit": COOCCURRING}
        return [
            {"name": r["name"], "type": names.label_of(r["id"]), "papers": r["papers"]}
            for r in self._read(cooccurring_query(hit.label), params)
        ]

    def paper_card(self, paper_id: str, *, limit: int | None = DEFAULT_LIMIT, matched: str) -> dict:
        """One paper: ids and links, its entities by type (introduced first) with role,
        confidence and evidence, the first ``limit`` papers it cites and that cite it."""
        ask = {"id": paper_id}
        row = self._read(PAPER_QUERY, ask)[0]
        card: dict[str, Any] = {
            "kind": "paper",
            "matched": matched,
            **row,
            "arxiv": arxiv_of(paper_id),
            "authors": row["authors"] or [],
            "entities": self._paper_entities(paper_id),
        }
        for key, cited_by in (("cites", False), ("cited_by", True)):
            counts = self._read(citation_counts_query(cited_by=cited_by), ask)[0]
            params = {**ask, **({"limit": limit} if limit else {})}
            rows = self._read(citing_query(cited_by=cited_by, limit=bool(limit)), params)
            card[key] = [
                {**r, "inferred": bool(r["inferred"]), "via": r["via"] or []} for r in rows
            ]
            card[f"{key}_count"] = counts["n"] or 0
            card[f"{key}_inferred_count"] = counts["inferred"] or 0
        return card

    def _paper_entities(self, paper_id: str) -> dict[str, list[dict]]:
        """The paper's entities by label; one row each (introducing wins over using)."""
        rows: dict[str, dict] = {}
        for r in self._read(PAPER_ENTITIES_QUERY, {"id": paper_id}):
            link = {
                "name": r["name"],
                "id": r["id"],
                "role": ROLE[r["relationship"]],
                "relationship": r["relationship"],
                "confidence": r["confidence"],
                "evidence": r["evidence"],
            }
            if r["id"] not in rows or link["role"] == "introduces":
                rows[r["id"]] = link
        grouped: dict[str, list[dict]] = {label: [] for label in s.ENTITY_LABELS}
        for link in sorted(rows.values(), key=lambda x: (x["role"] != "introduces", x["name"])):
            grouped[names.label_of(link["id"])].append(link)
        return grouped
