"""paperkg.graph: the graph, its schema, its store, its questions, Cypher and Neo4j.

Never imports spaCy: a graph can be loaded and queried without the extractor.
``load(DIR)`` gives the graph of a directory as a NetworkX MultiDiGraph.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


def load(directory: str | Path) -> nx.MultiDiGraph:
    """The graph in ``directory`` as a NetworkX MultiDiGraph with the public schema."""
    from .store import load as load_store

    return load_store(directory)
