"""The Neo4j writer and queries against a driver double built from neo4j.Driver's spec:
the exact Cypher and parameters sent, their order, batching, errors, and the password."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import MagicMock, create_autospec

import neo4j
import pytest
from neo4j.exceptions import AuthError, ServiceUnavailable
from paperkg.extract.errors import NotFoundError, StoreError
from paperkg.graph import neo4j as server
from paperkg.graph import questions, store
from paperkg.graph.build import build_graph
from paperkg.graph.cypher_rows import node_rows
from paperkg.graph.neo4j_store import Neo4jStore

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "tricky"


@pytest.fixture(scope="module")
def graph():
    return build_graph(store.load_records(FIXTURE))


def driver_double(records: list[list[dict]] | None = None):
    """A Driver double whose managed transactions record every tx.run(query, params)."""
    driver = create_autospec(neo4j.Driver, instance=True)
    session = create_autospec(neo4j.Session, instance=True)
    session.__enter__.return_value = session
    driver.session.return_value = session
    tx = create_autospec(neo4j.ManagedTransaction, instance=True)
    answers = iter(records or [])

    def run(query, parameters=None, **_kw):
        result = MagicMock(spec=neo4j.Result)
        rows = next(answers, [])
        result.keys.return_value = list(rows[0]) if rows else []
        result.__iter__.return_value = iter(
            [MagicMock(values=lambda r=r: list(r.values())) for r in rows]
        )
        return result

    tx.run.side_effect = run
    session.execute_write.side_effect = lambda fn, *a, **kw: fn(tx, *a, **kw)
    session.execute_read.side_effect = lambda fn, *a, **kw: fn(tx, *a, **kw)
    return driver, session, tx


def test_push_sends_constraints_then_nodes_then_relationships(graph) -> None:
    driver, session, tx = driver_double()
    stats = server.push(driver, graph, database="papers", batch_size=2)
    driver.session.assert_called_once_with(database="papers")
    sent = [c.args for c in tx.run.call_args_list]
    assert [q for q, _ in sent[:4]] == [
        "CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT benchmark_id IF NOT EXISTS FOR (n:Benchmark) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT model_id IF NOT EXISTS FOR (n:Model) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT method_id IF NOT EXISTS FOR (n:Method) REQUIRE n.id IS UNIQUE",
    ]
    kinds = ["node" if "MERGE (n:" in q else "rel" for q, _ in sent[4:]]
    assert kinds == sorted(kinds)  # every node batch before the first relationship batch
    assert all(len(p["rows"]) <= 2 for _, p in sent[4:])
    assert stats.nodes == graph.number_of_nodes()
    assert stats.relationships == graph.number_of_edges()
    assert stats.requests == len(sent) - 4
    assert session.execute_write.call_count == len(sent)  # every write is a retried unit


def test_push_sends_exact_rows_for_a_paper_with_tricky_text(graph) -> None:
    driver, _, tx = driver_double()
    server.push(driver, graph, batch_size=1000)
    paper_call = next(
        c
        for c in tx.run.call_args_list
        if c.args[0] == "UNWIND $rows AS row MERGE (n:Paper {id: row.id}) SET n += row"
    )
    rows = {r["id"]: r for r in paper_call.args[1]["rows"]}
    assert rows["title:obrien"]["title"] == "It's a </script> test: O'Brien's \\ backslash agent"
    assert rows["title:obrien"]["authors"] == [
        "Zoë O'Brien",
        'Ann "Q" Lee',
        "Back\\Slash; Semi|Pipe",
    ]
    assert rows["title:noyear"]["year"] is None
    assert paper_call.args[1] == {"rows": node_rows(graph)["Paper"]}


def test_citations_merge_on_inferred_so_both_kinds_survive(graph) -> None:
    driver, _, tx = driver_double()
    server.push(driver, graph)
    cites = [c.args for c in tx.run.call_args_list if ":CITES" in c.args[0]]
    assert [q for q, _ in cites] == [
        "UNWIND $rows AS row MATCH (a:Paper {id: row.from}) MATCH (b:Paper {id: row.to}) "
        "MERGE (a)-[r:CITES {inferred: row.inferred}]->(b) SET r.via = row.via"
    ]
    pair = [
        r for r in cites[0][1]["rows"] if (r["from"], r["to"]) == ("title:quotes", "title:unicode")
    ]
    assert sorted(pair, key=lambda r: r["inferred"]) == [
        {"from": "title:quotes", "to": "title:unicode", "inferred": False, "via": []},
        {
            "from": "title:quotes",
            "to": "title:unicode",
            "inferred": True,
            "via": ["GRPO", "Mind2Web-Live"],
        },
    ]


def test_pushing_twice_sends_the_same_statements(graph) -> None:
    first, second = driver_double(), driver_double()
    server.push(first[0], graph)
    server.push(second[0], graph)
    assert first[2].run.call_args_list == second[2].run.call_args_list
    assert all(
        "MERGE" in c.args[0] or "IF NOT EXISTS" in c.args[0] for c in first[2].run.call_args_list
    )


def test_progress_reports_every_row(graph) -> None:
    driver, _, _ = driver_double()
    seen: list[int] = []
    server.push(driver, graph, batch_size=3, progress=seen.append)
    assert sum(seen) == graph.number_of_nodes() + graph.number_of_edges()


def test_unreachable_server_is_one_line_without_password(graph) -> None:
    driver, session, _ = driver_double()
    session.execute_write.side_effect = ServiceUnavailable("Couldn't connect to localhost:7687")
    with pytest.raises(StoreError) as err:
        server.push(driver, graph)
    assert "\n" not in str(err.value) and "cannot reach Neo4j" in str(err.value)


def test_connect_reports_bad_credentials_without_the_password(monkeypatch) -> None:
    def refuse(uri, auth):
        driver = create_autospec(neo4j.Driver, instance=True)
        driver.verify_connectivity.side_effect = AuthError(f"bad auth {auth[1]}")
        return driver

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", refuse)
    with pytest.raises(StoreError) as err:
        server.connect("neo4j://u:s3cret@db:7687", "u", "s3cret")
    assert "s3cret" not in str(err.value) and "rejected" in str(err.value)


def test_connection_errors_hide_credentials_in_uris() -> None:
    msg = server.connection_message(ValueError("bad uri bolt://me:pw@x:1"), "bolt://me:pw@x:1")
    assert "pw" not in msg and "me:" not in msg


def test_run_query_uses_a_read_transaction_with_the_parameters() -> None:
    driver, session, tx = driver_double([[{"title": "A"}]])
    result = server.run_query(
        driver,
        "MATCH (p:Paper) WHERE p.year = $y RETURN p.title AS title",
        {"y": 2025},
        database="db",
    )
    tx.run.assert_called_once_with(
        "MATCH (p:Paper) WHERE p.year = $y RETURN p.title AS title", {"y": 2025}
    )
    session.execute_read.assert_called_once()
    session.execute_write.assert_not_called()
    assert result.records() == [{"title": "A"}]


def keyed_driver(answer):
    """A driver double whose answer to each query comes from ``answer(query, params)``."""
    driver, _, tx = driver_double()

    def run(query, parameters=None, **_kw):
        rows = answer(query, parameters or {})
        result = MagicMock(spec=neo4j.Result)
        result.keys.return_value = list(rows[0]) if rows else []
        result.__iter__.return_value = iter(
            [MagicMock(values=lambda r=r: list(r.values())) for r in rows]
        )
        return result

    tx.run.side_effect = run
    return driver, tx


M2W = {"id": "benchmark:mind2weblive", "name": "Mind2Web-Live", "aliases": ["M2W-Live"]}


def entity_answers(query, params):
    if query == questions.entity_rows_query("Benchmark"):
        return [{**M2W, "degree": 2}]
    if query == questions.forms_query("Benchmark"):
        return [{"name": M2W["name"], "aliases": M2W["aliases"]}]
    return []


def test_papers_on_neo4j_resolve_aliases_and_send_the_shared_query() -> None:
    link = {"id": "p1", "title": "A", "year": 2025, "url": None, "intro": 1}

    def answer(query, params):
        if query == questions.papers_query("Benchmark", exact=True):
            return [{**link, "nearest": "1000Mind2Web-Live"}]
        return entity_answers(query, params)

    driver, tx = keyed_driver(answer)
    rows = Neo4jStore(driver).papers_with("m2w live", "Benchmark", exact=True)
    assert rows == [
        {
            "id": "p1",
            "title": "A",
            "year": 2025,
            "url": None,
            "relationship": "INTRODUCES",
            "entity": "Mind2Web-Live",
        }
    ]
    assert tx.run.call_args_list[-1].args == (
        questions.papers_query("Benchmark", exact=True),
        {"id": "benchmark:mind2weblive"},
    )


def test_papers_on_neo4j_suggest_close_names() -> None:
    driver, _ = keyed_driver(entity_answers)
    with pytest.raises(NotFoundError) as err:
        Neo4jStore(driver).papers_with("Mind2Web Lives", "Benchmark")
    assert err.value.suggestions == ["Mind2Web-Live"]


TITLES = [{"id": "arxiv:2307.13854", "title": "WebArena: A Realistic Web Environment"}]


def test_citations_on_neo4j_resolve_the_paper_by_title_and_send_its_id() -> None:
    cites = [{"id": "p3", "title": "C", "year": 2022, "url": None, "inferred": False, "via": None}]

    def answer(query, params):
        if query == questions.TITLES_QUERY:
            return TITLES
        if query == questions.citations_query(cited_by=True):
            return cites
        return []

    driver, tx = keyed_driver(answer)
    rows = Neo4jStore(driver).citations("webarena a realistic web environment", cited_by=True)
    assert [r["id"] for r in rows] == ["p3"]
    assert rows[0]["via"] == [] and rows[0]["relationship"] == "CITES"
    assert tx.run.call_args_list[-1].args == (
        questions.citations_query(cited_by=True),
        {"id": "arxiv:2307.13854"},
    )


def test_citations_on_neo4j_suggest_close_titles() -> None:
    driver, _ = keyed_driver(lambda q, p: TITLES if q == questions.TITLES_QUERY else [])
    with pytest.raises(NotFoundError) as err:
        Neo4jStore(driver).citations("WebArena: A Realistic Web Envs")
    assert err.value.suggestions == ["WebArena: A Realistic Web Environment"]


def test_papers_cites_with_neo4j_on_the_command_line(monkeypatch) -> None:
    import json

    from click.testing import CliRunner
    from paperkg.cli.main import cli

    cites = [{"id": "p2", "title": "B", "year": 2023, "url": None, "inferred": False, "via": []}]

    def answer(query, params):
        if query == questions.PAPER_IDS_QUERY:
            return [{"id": i} for i in params["ids"] if i == "arxiv:2307.13854"]
        return cites if query == questions.citations_query(cited_by=False) else []

    driver, tx = keyed_driver(answer)
    seen = {}

    def fake_driver(uri, auth):
        seen["uri"], seen["auth"] = uri, auth
        return driver

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", fake_driver)
    args = ["papers", "--neo4j", "--uri", "neo4j://db:7687", "--cites", "2307.13854v2"]
    res = CliRunner().invoke(cli, [*args, "--format", "json"], env={"NEO4J_PASSWORD": "pw"})
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in json.loads(res.output)] == ["p2"]
    assert seen == {"uri": "neo4j://db:7687", "auth": ("neo4j", "pw")}
    assert tx.run.call_args_list[-1].args[1] == {"id": "arxiv:2307.13854"}
    driver.close.assert_called_once()


def test_show_on_neo4j_sends_the_card_queries_with_a_limit(monkeypatch) -> None:
    from paperkg.graph import cards

    monkeypatch.setattr(cards, "COOCCURRENCE_MAX", 20)
    link = {"id": "p1", "title": "A", "year": 2025, "url": None}
    evidence = {"confidence": 0.9, "evidence": "We use M2W-Live."}

    def answer(query, params):
        if query == cards.ENTITY_QUERY.format(label="Benchmark"):
            return [{"name": M2W["name"], "aliases": M2W["aliases"]}]
        if query == cards.link_count_query("Benchmark", cards.USES):
            return [{"n": 30}]
        if query == cards.link_count_query("Benchmark", "INTRODUCES"):
            return [{"n": 0}]
        if query == cards.years_query("Benchmark"):
            return [{"year": 2025}]
        if query == cards.linked_papers_query("Benchmark", cards.USES, limit=True, threshold=True):
            return [{**link, **evidence}]
        return entity_answers(query, params)

    driver, tx = keyed_driver(answer)
    card = Neo4jStore(driver).show("m2w live", limit=1)
    assert card["name"] == "Mind2Web-Live" and card["used_by_count"] == 30
    assert card["used_by"] == [{**link, **evidence, "role": "uses", "relationship": "EVALUATES_ON"}]
    assert card["cooccurring"] is None  # not counted for a name in more than 20 papers here
    sent = {c.args[0]: c.args[1] for c in tx.run.call_args_list}
    threshold = cards.linked_papers_query("Benchmark", cards.USES, limit=True, threshold=True)
    assert sent[threshold] == {"id": "benchmark:mind2weblive", "limit": 1, "year": 2025}


def test_several_filters_on_neo4j_send_one_query_most_selective_first() -> None:
    from paperkg.graph import selection

    gpt = {"id": "model:gpt4", "name": "GPT-4", "aliases": [], "degree": 1}

    def answer(query, params):
        if query == questions.entity_rows_query("Model"):
            return [gpt]
        if query.endswith("{id: $id}) RETURN e.name AS name"):
            return [{"name": {gpt["id"]: "GPT-4", M2W["id"]: M2W["name"]}[params["id"]]}]
        if query.startswith("MATCH (e0:"):
            return [
                {
                    "id": "p1",
                    "title": "A",
                    "year": 2024,
                    "url": None,
                    "intro": 1,
                    "linked": [M2W["id"]],
                }
            ]
        return entity_answers(query, params)

    driver, tx = keyed_driver(answer)
    want = selection.PaperFilter(benchmarks=("M2W-Live",), models=("GPT-4",), exact=True)
    found = Neo4jStore(driver).select_papers(want)
    assert found.rows == [
        {
            "id": "p1",
            "title": "A",
            "year": 2024,
            "url": None,
            "relationship": "INTRODUCES",
            "entity": "Mind2Web-Live",
        }
    ]
    query, params = tx.run.call_args_list[-1].args
    assert query.startswith("MATCH (e0:Model)<-[r0:")  # degree 1 < 2
    assert "WITH p, max(CASE WHEN type(r1) = 'INTRODUCES'" in query  # the subject is f1
    assert params == {"f0": ["model:gpt4"], "f1": [M2W["id"]]}
