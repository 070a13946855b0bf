"""``paperkg papers`` against a Neo4j server: the same answer as :func:`query.papers_with`.

Names are resolved here, in Python, with the same normalisation as the local
graph (case-, hyphen- and alias-insensitive), because Cypher has no
``name_key``; the server then returns the papers linked to that entity and,
unless ``exact``, to its variants.
"""

from __future__ import annotations

import difflib
from typing import Any

import neo4j
from paperkg.extract.errors import NotFoundError
from paperkg.extract.normalise import name_key

from . import schema as s
from .neo4j import run_query
from .query import citation_row, match_paper, sort_citations


def candidates_query(label: str) -> str:
    """Every entity of ``label`` with its names and how many links it has."""
    return (
        f"MATCH (e:{label}) RETURN e.id AS id, e.name AS name, e.aliases AS aliases, "
        "COUNT { (e)--() } AS degree"
    )


def papers_query(label: str, *, exact: bool) -> str:
    """Papers linked to ``$id`` (or, unless ``exact``, to any variant of it)."""
    reach = (
        f"MATCH (e:{label} {{id: $id}}) "
        if exact
        else (f"MATCH (t:{label} {{id: $id}}) MATCH (e:{label})-[:VARIANT_OF*0..]->(t) ")
    )
    return (
        reach + "MATCH (p:Paper)-[r]->(e) WHERE type(r) <> 'CITES' "
        "RETURN DISTINCT p.id AS id, p.title AS title, p.year AS year, p.url AS url, "
        "type(r) AS relationship, e.name AS entity"
    )


PAPERS_QUERY = "MATCH (p:Paper) RETURN p.id AS id, p.title AS title"


def citations_query(*, cited_by: bool) -> str:
    """The papers that ``$id`` cites (or, with ``cited_by``, that cite it), with the
    citation's ``inferred`` flag and ``via`` list."""
    pattern = (
        "(o:Paper)-[r:CITES]->(p:Paper {id: $id})"
        if cited_by
        else "(p:Paper {id: $id})-[r:CITES]->(o:Paper)"
    )
    return (
        f"MATCH {pattern} RETURN o.id AS id, o.title AS title, o.year AS year, "
        "o.url AS url, r.inferred AS inferred, r.via AS via"
    )


def citations(
    driver: neo4j.Driver, ref: str, *, cited_by: bool = False, database: str | None = None
) -> list[dict[str, Any]]:
    """``papers --cites/--cited-by`` answered by the server, shaped like query.citations."""
    papers = run_query(driver, PAPERS_QUERY, database=database).records()
    paper = match_paper(ref, {str(r["id"]): str(r["title"]) for r in papers})
    found = run_query(
        driver, citations_query(cited_by=cited_by), {"id": paper}, database=database
    ).records()
    return sort_citations([citation_row(r, r["inferred"], r["via"]) for r in found])


def resolve(rows: list[dict[str, Any]], name: str, label: str) -> str:
    """The id of the entity called ``name`` among ``rows`` (exact name beats alias, then
    the most linked), or NotFoundError with the closest names."""
    key = name_key(name)
    hits = [r for r in rows if key in {name_key(f) for f in (r["name"], *(r["aliases"] or []))}]
    if hits:
        best = max(hits, key=lambda r: (name_key(r["name"]) == key, r["degree"] or 0))
        return str(best["id"])
    names = {f.lower(): r["name"] for r in rows for f in (r["name"], *(r["aliases"] or []))}
    close = difflib.get_close_matches(name.lower(), list(names), n=5, cutoff=0.5)
    raise NotFoundError(
        f"{label.lower()} {name!r} not found in Neo4j", list(dict.fromkeys(names[c] for c in close))
    )


def papers_with(
    driver: neo4j.Driver, name: str, label: str, *, exact: bool = False, database: str | None = None
) -> list[dict[str, Any]]:
    """Papers that mention the entity ``name``, shaped and sorted like query.papers_with."""
    found = run_query(driver, candidates_query(label), database=database).records()
    target = resolve(found, name, label)
    links = run_query(
        driver, papers_query(label, exact=exact), {"id": target}, database=database
    ).records()
    rows: dict[str, dict[str, Any]] = {}
    for link in links:
        row = rows.setdefault(link["id"], dict(link))
        if link["relationship"] == s.INTRODUCES:
            row["relationship"] = s.INTRODUCES
    return sorted(
        rows.values(),
        key=lambda r: (r["relationship"] != s.INTRODUCES, -(r["year"] or 0), r["title"]),
    )
