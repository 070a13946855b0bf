"""The graph store on a Neo4j server: the same questions, asked over the driver.

Neo4j has no name index of paperkg's, so the hits for a name come from one scan of
the entities of each label (their names and aliases), keyed here by the same
normalisation as the local index (:mod:`.names`); the server does everything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import names
from . import neo4j as server
from . import schema as s
from .cypher import Result
from .questions import PAPER_IDS_QUERY, TITLES_QUERY, Questions, entity_rows_query

DOI_QUERY = "MATCH (p:Paper) WHERE p.doi = $doi RETURN p.id AS id"


class Neo4jStore(Questions):
    """A :class:`~paperkg.graph.graphstore.GraphStore` over a Neo4j database."""

    def __init__(self, driver: Any, *, database: str | None = None, where: str = "Neo4j") -> None:
        self.driver = driver
        self.database = database
        self.where = where

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return server.run_query(self.driver, query, params, database=self.database).records()

    def _entity_hits(self, key: str) -> list[names.Hit]:
        return [
            hit
            for label in s.ENTITY_LABELS
            for hit in names.hits_from(self._read(entity_rows_query(label)), key)
        ]

    def _paper_ids(self, ref: str) -> list[str]:
        ids = names.paper_candidates(ref)
        found = [str(r["id"]) for r in self._read(PAPER_IDS_QUERY, {"ids": ids})]
        doi = next((c[4:] for c in ids if c.startswith("doi:")), None)
        if not found and doi:
            found = [str(r["id"]) for r in self._read(DOI_QUERY, {"doi": doi})]
        if not found:
            key = names.paper_title_key(ref)
            found = [
                str(r["id"])
                for r in self._read(TITLES_QUERY)
                if names.paper_title_key(str(r["title"])) == key
            ]
        return found

    def cypher(
        self, query: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Result:
        """A user's query, through the sandbox's first layer; read-only unless ``write``."""
        return server.run_user_query(
            self.driver, query, params, database=self.database, write=write
        )
