"""Fixtures for the page tests: a small graph with XSS probes (see viz_fixtures)."""

from __future__ import annotations

import networkx as nx
import pytest
from paperkg.graph.build import build_graph
from viz_fixtures import records


@pytest.fixture(scope="session")
def small_graph() -> nx.MultiDiGraph:
    return build_graph(records())
