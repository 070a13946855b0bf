"""One protocol for every store a graph lives in: a local directory or Neo4j.

``papers``, ``show``, ``entities``, ``cypher`` and the HTML page ask a
:class:`GraphStore`; they never know which one it is. Both implementations share the
questions and name resolution (:mod:`.questions`, :mod:`.names`) and differ only in
how a query runs and how the entities a name may mean are found.

    >>> from paperkg.graph.graphstore import open_local
    >>> with open_local("paperkg-out") as store:          # doctest: +SKIP
    ...     store.papers_with("WebArena", "Benchmark", limit=10)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import networkx as nx

    from .cypher import Result
    from .names import Hit
    from .selection import PaperFilter, Selection


class GraphStore(Protocol):
    """The questions paperkg asks a graph, wherever it is stored."""

    #: where the graph is, for messages ("paperkg-out/", "Neo4j at neo4j://host:7687")
    where: str

    def resolve(self, name: str, label: str | None = None) -> Hit:
        """The entity a name means (NotFoundError with the closest names when none)."""
        ...

    def papers_with(
        self, name: str, label: str | None = None, *, exact: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Papers linked to the entity ``name`` (and, unless ``exact``, to its variants)."""
        ...

    def citations(
        self, ref: str, *, cited_by: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Papers that ``ref`` cites (or, with ``cited_by``, that cite it)."""
        ...

    def entity_table(
        self, label: str | Sequence[str] | None = None, top: int | None = None
    ) -> list[dict]:
        """Entities of one label, several or all, with how many papers mention them, most
        mentioned first."""
        ...

    def select_papers(self, want: PaperFilter) -> Selection:
        """The papers that pass every filter of ``want`` (an intersection), sorted, cut."""
        ...

    def show(self, name: str, *, paper: bool = False, limit: int | None = 20) -> dict[str, Any]:
        """The card of the entity or paper ``name`` means (see :mod:`.cards`)."""
        ...

    def summary(self, top: int = 5) -> dict[str, Any]:
        """Counts per label and relationship type, and the most used entities."""
        ...

    def cypher(
        self, query: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Result:
        """A user's Cypher query, through the sandbox."""
        ...

    def graph(self) -> nx.MultiDiGraph:
        """The whole graph in memory, with the public schema."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc: object) -> None: ...


def open_local(directory: str | Path) -> GraphStore:
    """The store in a graph directory (StoreError saying how to make one if there is none)."""
    from .local import LocalStore

    return LocalStore(directory)


def open_neo4j(driver: Any, *, database: str | None = None, where: str = "Neo4j") -> GraphStore:
    """The store on the Neo4j server behind ``driver`` (closed with the store)."""
    from .neo4j_store import Neo4jStore

    return Neo4jStore(driver, database=database, where=where)
