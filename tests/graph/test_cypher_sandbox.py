"""The Cypher sandbox, for real: queries cannot touch files, extensions, other databases or
settings, in read mode or with --write, however they hide it (comments, CR, strings,
several statements). Checked against the real embedded engine."""

from __future__ import annotations

import os
from pathlib import Path

import ladybug
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperkg.extract.errors import QueryError
from paperkg.graph import cypher, store
from paperkg.graph.build import build_graph
from paperkg.graph.cypher_guard import _PLAIN_LITERAL, check_plan, sanitise
from paperkg.graph.lbug import database_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "graph"
SECRET = "s3cr3t-marker"


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("sandbox")
    records = store.load_records(FIXTURES / "tricky")
    store.save(target, build_graph(records), records)
    return target


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "shadow"
    path.write_text(f"root:{SECRET}:0:0\nuser:{SECRET}:1:1\n", encoding="utf-8")
    return path


def refused(graph_dir: Path, query: str, *, write: bool = False) -> str:
    with pytest.raises(QueryError) as info:
        cypher.run(graph_dir, query, write=write)
    assert SECRET not in str(info.value)
    return str(info.value)


@pytest.mark.parametrize("write", [False, True])
def test_copy_to_hidden_behind_a_carriage_return_comment_is_refused(
    graph_dir: Path, tmp_path: Path, write: bool
) -> None:
    out = tmp_path / "pwn.csv"
    query = f"RETURN 2 //* \r */ 1 AS x; COPY (MATCH (p:Paper) RETURN p.id, p.title) TO '{out}'"
    refused(graph_dir, query, write=write)
    assert not out.exists()


@pytest.mark.parametrize("write", [False, True])
def test_copy_to_is_refused_in_both_modes(graph_dir: Path, tmp_path: Path, write: bool) -> None:
    out = tmp_path / "any.csv"
    refused(graph_dir, f"COPY (MATCH (p:Paper) RETURN p.title) TO '{out}'", write=write)
    assert not out.exists()


@pytest.mark.parametrize("write", [False, True])
def test_load_from_a_file_never_reads_it(graph_dir: Path, secret_file: Path, write: bool) -> None:
    query = f"LOAD FROM '{secret_file}' (file_format='csv', header=false, delim=':') RETURN *"
    refused(graph_dir, query, write=write)


@pytest.mark.parametrize(
    "query",
    [
        "INSTALL httpfs",
        "LOAD httpfs",
        "LOAD EXTENSION httpfs",
        "UNINSTALL httpfs",
        "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)",
        "USE other",
        "EXPORT DATABASE '/tmp/paperkg-export'",
        "IMPORT DATABASE '/tmp/paperkg-export'",
        "CALL threads=1",
        "CALL current_setting('threads') RETURN *",
        "CHECKPOINT",
    ],
)
@pytest.mark.parametrize("write", [False, True])
def test_extensions_databases_and_settings_are_refused(
    graph_dir: Path, query: str, write: bool
) -> None:
    refused(graph_dir, query, write=write)


@pytest.mark.parametrize(
    "query",
    [
        "CREATE NODE TABLE T(id STRING PRIMARY KEY)",
        "CREATE MACRO f(x) AS x + 1",
        "BEGIN TRANSACTION",
        "DROP TABLE Paper",
    ],
)
def test_write_mode_changes_data_only_not_schema_or_transactions(
    graph_dir: Path, query: str
) -> None:
    refused(graph_dir, query, write=True)


def test_schema_look_ups_and_ordinary_queries_still_run(graph_dir: Path) -> None:
    tables = cypher.run(graph_dir, "CALL show_tables() RETURN name").rows
    assert ["Paper"] in tables
    rows = cypher.run(
        graph_dir,
        "MATCH (p:Paper) // a comment with COPY and 'quotes'\r\n"
        "WHERE p.title CONTAINS 'agent' OR p.title = \"x; COPY y\" /* LOAD */ RETURN count(*) AS n",
    ).rows
    # the same question with the values passed as parameters: the literals were read alike
    expected = cypher.run(
        graph_dir,
        "MATCH (p:Paper) WHERE p.title CONTAINS $a OR p.title = $b RETURN count(*) AS n",
        {"a": "agent", "b": "x; COPY y"},
    ).rows
    assert rows == expected and expected[0][0] > 0
    assert cypher.run(graph_dir, "RETURN 'it\\'s' AS s, \"a\\tb\" AS t").rows == [["it's", "a\tb"]]


def test_a_literal_keeps_its_text_in_column_names_and_messages(graph_dir: Path) -> None:
    assert cypher.run(graph_dir, "RETURN 'a;b'").columns == ["'a;b'"]
    message = refused(graph_dir, "MATCH (p:Paper) WHERE p.year = 'x' + RETURN p")
    assert "$__s" not in message and "EXPLAIN" not in message


def test_unterminated_strings_and_comments_are_refused(graph_dir: Path) -> None:
    assert "never closed" in refused(graph_dir, "RETURN 'abc")
    assert "never closed" in refused(graph_dir, "RETURN 1 /* LOAD")


def test_the_plan_check_alone_refuses_what_the_engine_would_do(
    tmp_path: Path, graph_dir: Path
) -> None:
    """The second layer on its own: the engine's real EXPLAIN of a copy or an install."""
    scratch = tmp_path / "scratch.lbug"
    scratch.write_bytes(database_path(graph_dir).read_bytes())
    db = ladybug.Database(str(scratch))
    conn = ladybug.Connection(db)
    try:

        def plan(query: str) -> str:
            return str(conn.execute("EXPLAIN " + query).get_next()[0])

        for bad in (
            f"COPY (MATCH (p:Paper) RETURN p.id) TO '{tmp_path / 'x.csv'}'",
            "INSTALL httpfs",
        ):
            with pytest.raises(QueryError):
                check_plan(plan(bad), write=True)
        with pytest.raises(QueryError, match="--write"):
            check_plan(plan("MATCH (p:Paper) SET p.title = 'x'"), write=False)
        check_plan(plan("MATCH (p:Paper) SET p.title = 'x'"), write=True)
        check_plan(plan("MATCH (p:Paper)-[:CITES*1..2]->(q) RETURN q.id LIMIT 1"), write=False)
    finally:
        conn.close()
        db.close()


# --- fuzz: generated queries mixing comments, line ends, look-alikes, escapes, statements ---

_PIECES = [
    "RETURN 1",
    "MATCH (p:Paper) RETURN p.id",
    "//",
    "/*",
    "*/",
    "\r",
    "\n",
    "\r\n",
    "\u2028",
    "\u00a0",
    ";",
    "'",
    '"',
    "\\'",
    "\\",
    "`",
    "ϹOPY",  # Greek look-alike
    "ＬＯＡＤ",  # full-width
    "COPY",
    "copy",
    "LOAD",
    "INSTALL httpfs",
    " ",
    "1 AS x",
]


@st.composite
def attacks(draw: st.DrawFn, out: str, secret: str) -> str:
    prefix = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=6)))
    tail = draw(
        st.sampled_from(
            [
                f"COPY (MATCH (p:Paper) RETURN p.id) TO '{out}'",
                f"LOAD FROM '{secret}' (file_format='csv', header=false, delim=':') RETURN *",
                f"CoPy (RETURN 1) TO '{out}'",
                "INSTALL httpfs",
            ]
        )
    )
    middle = "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=4)))
    return prefix + middle + tail + "".join(draw(st.lists(st.sampled_from(_PIECES), max_size=3)))


@pytest.mark.parametrize("write", [False, True])
def test_fuzz_no_generated_query_touches_a_file(
    graph_dir: Path, secret_file: Path, tmp_path_factory: pytest.TempPathFactory, write: bool
) -> None:
    out = tmp_path_factory.mktemp("fuzz") / "out.csv"
    examples = int(os.environ.get("PAPERKG_FUZZ_EXAMPLES", "60"))

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(attacks(str(out), str(secret_file)))
    def check(query: str) -> None:
        try:
            shown = repr(cypher.run(graph_dir, query, write=write).rows)
        except QueryError as exc:
            shown = str(exc)
        assert SECRET not in shown
        assert not out.exists(), repr(query)

    check()


def test_fuzz_what_the_guard_passes_is_code_only() -> None:
    """Whatever the input, the text handed to the engine holds no quote, comment marker or
    backslash outside plain literals and simple backtick names, so the engine cannot read
    it differently."""

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(st.sampled_from([*_PIECES, "'a;b'", "`x`", "$p"]), max_size=10))
    def check(pieces: list[str]) -> None:
        try:
            statements = sanitise("".join(pieces))
        except QueryError:
            return
        for statement in statements:
            code = _PLAIN_LITERAL.sub(" ", statement.text.replace("`x`", ""))
            assert not any(m in code for m in ("'", '"', "\\", "//", "/*", "*/", ";"))

    check()


def test_plain_literals_reach_the_engine_as_literals(graph_dir: Path) -> None:
    """Functions such as any() fail on parameters; a literal no lexer can read two ways stays."""
    (statement,) = sanitise("RETURN any(x IN ['a', 'b'] WHERE x = 'b') AS hit, 'x;y' AS s")
    assert "'a'" in statement.text and "'x;y'" not in statement.text
    rows = cypher.run(graph_dir, "RETURN any(x IN ['a', 'b'] WHERE x = 'b') AS hit").rows
    assert rows == [[True]]
