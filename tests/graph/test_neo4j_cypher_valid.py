"""Every statement the Neo4j writer, the .cypher export and the shared questions produce is
valid by Neo4j's own grammar; string literals read back as the original text (checked
with a real engine)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import ladybug
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paperkg.graph import cards, neo4j_store, questions, selection, store
from paperkg.graph import neo4j_cypher as writer
from paperkg.graph.build import build_graph
from paperkg.graph.cypher_rows import rel_groups
from paperkg.graph.cypher_text import literal
from paperkg.graph.export_neo4j import cypher_script_statements
from paperkg.graph.schema import ENTITY_LABELS, LABELS

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "cypher_validator", ROOT / "tests" / "cypher_validator" / "validator.py"
)
validator = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(validator)  # type: ignore[union-attr]
needs_validator = pytest.mark.skipif(
    validator.unavailable() is not None, reason=str(validator.unavailable())
)
TRICKY = [
    "It's",
    'say "hi"',
    "back\\slash",
    "a\nb\r\nc\td",
    "</script>",
    "ünï — 日本語",
    "\\'",
    "'; MATCH (n) DETACH DELETE n; //",
    "`tick`",
    "\x00\x1f\u2028",
    "$rows",
]


def writer_statements() -> list[str]:
    return [
        *writer.constraint_statements(),
        *(writer.node_statement(lab) for lab in LABELS),
        *(writer.rel_statement(*group) for group in rel_groups()),
    ]


def question_statements() -> list[str]:
    """Every query the shared questions send, in every variant (both stores run these)."""
    q = questions
    out = [
        q.PAPER_IDS_QUERY,
        q.TITLES_QUERY,
        cards.FAMILY_QUERY,
        cards.VARIANTS_QUERY,
        cards.PAPER_QUERY,
        cards.PAPER_ENTITIES_QUERY,
        *(cards.citing_query(cited_by=c, limit=c) for c in (False, True)),
        *(cards.citation_counts_query(cited_by=c) for c in (False, True)),
        selection.FAMILY_IDS_QUERY,
        selection.ANY_YEAR_QUERY,
        *selection_statements(),
        q.EDGE_COUNTS_QUERY,
        neo4j_store.DOI_QUERY,
        *(q.citations_query(cited_by=c, limit=n) for c in (False, True) for n in (False, True)),
        *(q.nodes_query(label) for label in LABELS),
        *(q.count_query(label) for label in LABELS),
        *(q.rels_query(*group) for group in rel_groups()),
    ]
    for lab in ENTITY_LABELS:
        out += [
            q.entity_rows_query(lab),
            q.forms_query(lab),
            q.entity_query(lab),
            cards.ENTITY_QUERY.format(label=lab),
            cards.link_count_query(lab, "INTRODUCES", also_uses=True),
            cards.years_query(lab),
            cards.cooccurring_query(lab),
            # the variants differ only in a WHERE or a LIMIT: one of each, not every mix
            cards.linked_papers_query(lab, "INTRODUCES", limit=False),
            cards.linked_papers_query(lab, "USES|EVALUATES_ON", limit=True, threshold=True),
            *(q.entity_table_query(lab, limit=n) for n in (False, True)),
            q.linked_query(lab, "INTRODUCES"),
            q.linked_query(lab, "USES|EVALUATES_ON", top=True),
            q.linked_query(lab, "USES|EVALUATES_ON", threshold=True),
            *(q.papers_query(lab, exact=e, limit=n) for e in (False, True) for n in (False, True)),
        ]
    return out


def selection_statements() -> list[str]:
    """``papers`` with several filters: each kind of filter first and later, each kind of
    subject, each sort, in three statements (Node parses them all in one process with a
    time limit, so not every mix)."""
    st = selection.Step
    cites, cited_by = st("cites", "Paper", ("p1",)), st("cited_by", "Paper", ("p2",))
    entities = [st("entity", lab, ("x",)) for lab in ENTITY_LABELS]
    steps = [cites, cited_by, *entities]
    cases = [
        (cites, entities[0], "role"),
        (entities[1], cited_by, "year"),
        (cited_by, None, "title"),
    ]
    return [
        selection.select_query(
            [first, *(s for s in steps if s is not first)],
            subject,
            since=True,
            until=True,
            sort=sort,
            limit=True,
        )
        for first, subject, sort in cases
    ]


@needs_validator
def test_writer_and_script_statements_are_valid_neo4j_cypher() -> None:
    graph = build_graph(store.load_records(ROOT / "tests" / "fixtures" / "graph" / "tricky"))
    statements = writer_statements() + question_statements() + cypher_script_statements(graph)
    statements.append("RETURN " + literal(TRICKY) + " AS x")
    problems = validator.diagnostics(statements)
    assert {s[:200]: p for s, p in zip(statements, problems, strict=True) if p} == {}


@needs_validator
def test_the_validator_rejects_broken_cypher() -> None:
    bad = validator.diagnostics(["MATCH (p:Paper RETURN p", "RETURN 'unterminated"])
    assert all(any(p.startswith("error") for p in probs) for probs in bad)


@pytest.fixture(scope="module")
def engine():
    return ladybug.Connection(ladybug.Database())


def _read_back(conn, text: str) -> str:
    return conn.execute(f"RETURN {literal(text)} AS x").get_next()[0]


@pytest.mark.parametrize("text", TRICKY)
def test_literals_read_back_unchanged(engine, text: str) -> None:
    assert _read_back(engine, text) == text


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_text_survives_as_a_literal(engine, text: str) -> None:
    assert _read_back(engine, text) == text
