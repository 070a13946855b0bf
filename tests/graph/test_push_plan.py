"""``paperkg push`` streams from the store: the same requests as from the loaded graph,
read one table and one batch at a time, never the whole graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.graph import neo4j as server
from paperkg.graph import store
from paperkg.graph.build import build_graph
from paperkg.graph.cypher_rows import rel_groups
from paperkg.graph.local import LocalStore
from paperkg.graph.push_plan import graph_plan, store_plan
from paperkg.graph.schema import LABELS
from test_neo4j import driver_double

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "tricky"


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    records = store.load_records(FIXTURE)
    out = tmp_path_factory.mktemp("push") / "g"
    store.save(out, build_graph(records), records)
    return out


@pytest.mark.parametrize("size", [1, 3, 5000])
def test_the_store_streams_the_requests_of_the_loaded_graph(saved, size) -> None:
    with LocalStore(saved) as local:
        streamed = list(store_plan(local, size))
    graph = store.load(saved)
    assert streamed == list(graph_plan(graph, size))
    assert all(0 < len(batch) <= size for _, batch in streamed)
    sent = sum(len(batch) for _, batch in streamed)
    assert sent == graph.number_of_nodes() + graph.number_of_edges() > 10


def test_the_store_is_read_a_table_at_a_time_as_batches_are_sent(saved, monkeypatch) -> None:
    asked: list[str] = []
    stream = LocalStore.stream

    def spy(self, query):
        asked.append(query)
        return stream(self, query)

    monkeypatch.setattr(LocalStore, "stream", spy)
    monkeypatch.setattr(LocalStore, "graph", lambda self: pytest.fail("loaded the graph"))
    with LocalStore(saved) as local:
        plan = store_plan(local, 2)
        statement, batch = next(plan)
        assert statement.startswith("UNWIND $rows AS row MERGE (n:Paper ")
        assert len(batch) == 2 and len(asked) == 1  # one table opened, two rows taken
        taken = sum(len(b) for _, b in plan)
    assert len(asked) == len(LABELS) + len(rel_groups())  # then each other table, once
    assert taken > 2


def test_push_from_the_store_sends_what_push_of_the_graph_sends(saved) -> None:
    (from_graph, _, tx_graph), (from_store, _, tx_store) = driver_double(), driver_double()
    expected = server.push(from_graph, store.load(saved), batch_size=4)
    with LocalStore(saved) as local:
        stats = server.push_plan(from_store, store_plan(local, 4))
    assert tx_store.run.call_args_list == tx_graph.run.call_args_list
    assert stats == expected and stats.relationships > 0
