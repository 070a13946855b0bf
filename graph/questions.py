"""The canned questions, in Cypher that the embedded engine and Neo4j both run.

Each question is a small pure function returning Cypher text (so tests can read it
and validate it with Neo4j's grammar) plus one method of :class:`Questions`, the
shared half of every :class:`~paperkg.graph.graphstore.GraphStore`. A store supplies
only how to run a read (:meth:`Questions._read`) and how to find the entities and
papers a name may mean (:meth:`Questions._entity_hits`, :meth:`Questions._paper_ids`);
resolution itself is :mod:`.names`.

Where the two dialects differ the text keeps to what both accept: one label per
node (an entity's label is read from its id), path length rather than the length of
a relationship list, ``toString``/``type`` (macros in the embedded engine).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import names
from . import schema as s
from .cards import Cards
from .cypher_rows import rel_groups, rel_properties
from .selection import Selections

LINKS = f"{s.INTRODUCES}|{s.USES}|{s.EVALUATES_ON}"
#: how far VARIANT_OF chains are followed (the embedded engine needs a bound)
MAX_HOPS = 30


def entity_rows_query(label: str) -> str:
    """Every entity of ``label`` with its names and how many relationships it has."""
    return (
        f"MATCH (e:{label}) RETURN e.id AS id, e.name AS name, e.aliases AS aliases, "
        "COUNT { MATCH (e)--() } AS degree"
    )


def forms_query(label: str) -> str:
    """Every entity of ``label`` with its names (for "did you mean")."""
    return f"MATCH (e:{label}) RETURN e.name AS name, e.aliases AS aliases"


def papers_query(label: str, *, exact: bool, limit: bool = False) -> str:
    """Papers linked to ``$id`` (and, for a model unless ``exact``, to its variants), one
    row per paper: introducing papers first, then newest first. ``nearest`` is the name
    of the linked entity fewest VARIANT_OF hops from ``$id`` behind a 4-digit hop count.
    """
    if exact or label != s.MODEL:
        reach = f"MATCH (e:{label} {{id: $id}}) WITH e, 0 AS hops "
    else:
        reach = (
            f"MATCH (t:{label} {{id: $id}}) "
            f"MATCH path = (e:{label})-[:{s.VARIANT_OF}*0..{MAX_HOPS}]->(t) "
            "WITH e, length(path) AS hops "
        )
    return (
        reach + f"MATCH (p:Paper)-[r:{LINKS}]->(e) "
        f"WITH p, max(CASE WHEN type(r) = '{s.INTRODUCES}' THEN 1 ELSE 0 END) AS intro, "
        "min(toString(1000 + hops) + e.name) AS nearest "
        "RETURN p.id AS id, p.title AS title, p.year AS year, p.url AS url, intro, nearest "
        "ORDER BY intro DESC, coalesce(p.year, 0) DESC, title, id"
        + (" LIMIT $limit" if limit else "")
    )


def linked_query(label: str, rels: str, *, threshold: bool = False, top: bool = False) -> str:
    """Papers linked to ``$id`` by ``rels``, newest first. For a name hundreds of thousands
    of papers use, the first ``$limit`` are found in two steps that both stay inside the
    engine's top-k: the year of the ``$limit``-th paper (``top``), then only the papers
    from that year on (``threshold``, ``$year``) are sorted by title, which is what costs."""
    match = f"MATCH (p:Paper)-[:{rels}]->(e:{label} {{id: $id}}) "
    if top:
        return match + "RETURN coalesce(p.year, 0) AS year ORDER BY year DESC LIMIT $limit"
    where = "WHERE coalesce(p.year, 0) >= $year " if threshold else ""
    return (
        match + where + "RETURN p.id AS id, p.title AS title, p.year AS year, p.url AS url "
        "ORDER BY coalesce(year, 0) DESC, title, id" + _limit(threshold)
    )


def citations_query(*, cited_by: bool, limit: bool = False) -> str:
    """The papers ``$id`` cites (or, with ``cited_by``, that cite it): real ones first."""
    pattern = (
        "(o:Paper)-[r:CITES]->(p:Paper {id: $id})"
        if cited_by
        else "(p:Paper {id: $id})-[r:CITES]->(o:Paper)"
    )
    return (
        f"MATCH {pattern} RETURN o.id AS id, o.title AS title, o.year AS year, "
        "o.url AS url, r.inferred AS inferred, r.via AS via "
        "ORDER BY inferred, coalesce(year, 0) DESC, title, id" + _limit(limit)
    )


def _limit(limit: bool) -> str:
    return " LIMIT $limit" if limit else ""


PAPER_IDS_QUERY = "UNWIND $ids AS i MATCH (p:Paper {id: i}) RETURN p.id AS id"
TITLES_QUERY = "MATCH (p:Paper) RETURN p.id AS id, p.title AS title"


def entity_table_query(label: str, *, limit: bool = False) -> str:
    """Entities of ``label`` with the papers that mention them, most mentioned first."""
    return (
        f"MATCH (e:{label}) OPTIONAL MATCH (p:Paper)-[r:{LINKS}]->(e) "
        "WITH e, count(DISTINCT p) AS papers, "
        f"sum(CASE WHEN type(r) = '{s.INTRODUCES}' THEN 1 ELSE 0 END) AS introduced_by "
        "RETURN e.name AS name, papers, introduced_by, e.aliases AS aliases "
        "ORDER BY papers DESC, toLower(name), name" + _limit(limit)
    )


def entity_query(label: str) -> str:
    return f"MATCH (e:{label} {{id: $id}}) RETURN e.name AS name, e.aliases AS aliases"


def count_query(label: str) -> str:
    return f"MATCH (n:{label}) RETURN count(n) AS n"


EDGE_COUNTS_QUERY = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"


def nodes_query(label: str) -> str:
    """Every node of ``label`` with every schema property, in id order (an engine that
    scans in parallel returns rows in any order; the graph, its page and its exports
    must not depend on that)."""
    props = ", ".join(f"n.{p} AS {p}" for p in s.properties_of(label))
    return f"MATCH (n:{label}) RETURN {props} ORDER BY n.id"


def rels_query(rel: str, start: str, end: str) -> str:
    """Every relationship of one schema group with its properties, in the order of its
    ends' ids (a real citation before an inferred one of the same pair)."""
    props = "".join(f", r.{p} AS {p}" for p in rel_properties(rel))
    order = ", r.inferred" if "inferred" in rel_properties(rel) else ""
    return (
        f"MATCH (a:{start})-[r:{rel}]->(b:{end}) RETURN a.id AS src, b.id AS dst{props} "
        f"ORDER BY a.id, b.id{order}"
    )


class Questions(Cards, Selections):
    """The questions a graph store answers, asked in the Cypher above."""

    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _entity_hits(self, key: str) -> list[names.Hit]:
        """Every entity with the name key ``key``."""
        raise NotImplementedError

    def _paper_ids(self, ref: str) -> list[str]:
        """The ids of the papers ``ref`` names (id, DOI, arXiv id, other ids, title)."""
        raise NotImplementedError

    def resolve(self, name: str, label: str | None = None) -> names.Hit:
        """The entity called ``name`` (or with that alias), or NotFoundError with the
        closest names."""
        hit = names.pick(self._entity_hits(names.name_key(name)), label)
        if hit is not None:
            return hit
        labels = [label] if label else list(s.ENTITY_LABELS)
        forms = (
            (form, row["name"])
            for lab in labels
            for row in self._read(forms_query(lab))
            for form in (row["name"], *(row["aliases"] or ()))
        )
        raise names.not_found(name, label, forms)

    def find_paper(self, ref: str) -> str:
        """The id of the paper ``ref`` names, or NotFoundError with the closest titles."""
        found = self._paper_ids(ref)
        if found:
            return found[0]
        raise names.paper_not_found(ref, (r["title"] for r in self._read(TITLES_QUERY)))

    def papers_with(
        self, name: str, label: str | None = None, *, exact: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Papers linked to the entity ``name`` (and, unless ``exact``, to its variants)."""
        hit = self.resolve(name, label)
        plain = s.EVALUATES_ON if hit.label == s.BENCHMARK else s.USES
        if limit and (exact or hit.label != s.MODEL):
            return self._first_papers(hit, plain, limit)
        params: dict[str, Any] = {"id": hit.id, **({"limit": limit} if limit else {})}
        rows = self._read(papers_query(hit.label, exact=exact, limit=bool(limit)), params)
        return [
            {
                "id": r["id"],
                "title": r["title"],
                "year": r["year"],
                "url": r["url"],
                "relationship": s.INTRODUCES if r["intro"] else plain,
                "entity": r["nearest"][4:],
            }
            for r in rows
        ]

    def _first_papers(self, hit: names.Hit, plain: str, limit: int) -> list[dict[str, Any]]:
        """The first ``limit`` rows :func:`papers_query` gives for one entity, without
        sorting every paper of a name half the graph uses: introducing papers first,
        then the newest of the others."""
        ask: dict[str, Any] = {"id": hit.id}
        name = self._read(entity_query(hit.label), ask)[0]["name"]
        intro = self._read(linked_query(hit.label, s.INTRODUCES), ask)
        want = limit  # enough users even if every introducing paper is among them
        users = f"{s.USES}|{s.EVALUATES_ON}"
        years = self._read(linked_query(hit.label, users, top=True), {**ask, "limit": want})
        rows = []
        if years and len(intro) < limit:
            params = {**ask, "limit": want, "year": years[-1]["year"]}
            rows = self._read(linked_query(hit.label, users, threshold=True), params)
        first = {r["id"] for r in intro}
        chosen = [(r, s.INTRODUCES) for r in intro]
        chosen += [(r, plain) for r in rows if r["id"] not in first]
        return [{**r, "relationship": rel, "entity": name} for r, rel in chosen[:limit]]

    def citations(
        self, ref: str, *, cited_by: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Papers that ``ref`` cites (or, with ``cited_by``, that cite it), real and inferred."""
        params: dict[str, Any] = {"id": self.find_paper(ref), **({"limit": limit} if limit else {})}
        rows = self._read(citations_query(cited_by=cited_by, limit=bool(limit)), params)
        return [
            {**r, "relationship": s.CITES, "inferred": bool(r["inferred"]), "via": r["via"] or []}
            for r in rows
        ]

    def entity_table(
        self, label: str | Sequence[str] | None = None, top: int | None = None
    ) -> list[dict]:
        """Entities of one label, of several, or of all, with how many papers mention them,
        most mentioned first."""
        params = {"limit": top} if top else {}
        labels = [label] if isinstance(label, str) else list(label or s.ENTITY_LABELS)
        rows = [
            {
                "name": r["name"],
                "type": lab,
                "papers": r["papers"],
                "introduced_by": r["introduced_by"],
                "aliases": r["aliases"] or [],
            }
            for lab in labels
            for r in self._read(entity_table_query(lab, limit=bool(top)), params)
        ]
        rows.sort(key=lambda r: (-r["papers"], r["name"].lower(), r["name"]))
        return rows[:top] if top else rows

    def summary(self, top: int = 5) -> dict[str, Any]:
        """Counts of papers, entities per type and edges per type; the top entities."""
        return {
            "papers": self._read(count_query(s.PAPER))[0]["n"],
            "entities": {lab: self._read(count_query(lab))[0]["n"] for lab in s.ENTITY_LABELS},
            "edges": {r["type"]: r["n"] for r in self._read(EDGE_COUNTS_QUERY)},
            "top": {lab: self.entity_table(lab, top) for lab in s.ENTITY_LABELS},
        }

    def graph(self) -> Any:
        """The whole graph as a NetworkX MultiDiGraph with the public schema."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        for label in s.LABELS:
            for row in self._read(nodes_query(label)):
                graph.add_node(row["id"], label=label, **row)
        for rel, start, end in rel_groups():
            for row in self._read(rels_query(rel, start, end)):
                u, v = row.pop("src"), row.pop("dst")
                key = f"{rel}:inferred" if rel == s.CITES and row.get("inferred") else rel
                graph.add_edge(u, v, key=key, type=rel, **row)
        return graph
