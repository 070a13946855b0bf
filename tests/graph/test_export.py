"""Exports: GraphML and GEXF read back into networkx as the same graph; neo4j-admin CSVs
carry the headers the importer expects; the .cypher script is what push would send."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from paperkg.cli.main import cli
from paperkg.extract.errors import StoreError
from paperkg.graph import export, store
from paperkg.graph.build import build_graph
from paperkg.graph.export_neo4j import cypher_script_statements

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "tricky"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_graph(store.load_records(FIXTURE))


def same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert _edges(a) == _edges(b)


def _edges(g: nx.MultiDiGraph) -> list[tuple]:
    return sorted(
        (u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in g.edges(keys=True, data=True)
    )


@pytest.mark.parametrize(
    ("fmt", "reader"), [("graphml", export.read_graphml), ("gexf", export.read_gexf)]
)
def test_graph_reads_back_into_networkx_unchanged(graph, tmp_path: Path, fmt, reader) -> None:
    path = export.export(graph, fmt, tmp_path / f"g.{fmt}")
    same(graph, reader(path))
    plain = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert plain.number_of_nodes() == graph.number_of_nodes()  # any networkx user can read it
    assert list(tmp_path.iterdir()) == [path]  # atomic write leaves no temporary file


def test_json_export_is_the_paperkg_graph_format(graph, tmp_path: Path) -> None:
    path = export.export(graph, "json", tmp_path / "g.json")
    same(graph, store.graph_from_json(json.loads(path.read_text(encoding="utf-8"))))


def test_neo4j_admin_files_have_importer_headers(graph, tmp_path: Path) -> None:
    out = export.export(graph, "neo4j-admin", tmp_path / "admin")
    with (out / "nodes-Paper.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [
        "id:ID(Paper)",
        ":LABEL",
        "title",
        "abstract",
        "year:long",
        "url",
        "authors:string[]",
        "source:string[]",
        "doi",
        "n_references:long",
    ]
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_id["title:obrien"]["title"] == "It's a </script> test: O'Brien's \\ backslash agent"
    assert "\r\n" in by_id["title:obrien"]["abstract"]
    with (out / "rels-EVALUATES_ON-Paper-Benchmark.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == [
            ":START_ID(Paper)",
            ":END_ID(Benchmark)",
            ":TYPE",
            "confidence:double",
            "evidence",
            "mentions:long[]",
        ]
    with (out / "rels-CITES-Paper-Paper.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f))[3:] == ["inferred:boolean", "via:string[]"]
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin database import full neo4j" in readme
    # an author holds ';' and '|', so the delimiter must be something else
    assert "--array-delimiter='^'" in readme and "--multiline-fields=true" in readme
    for name in (p.name for p in out.glob("*.csv")):
        assert f"={name}" in readme


def test_cypher_script_holds_every_statement(graph, tmp_path: Path) -> None:
    path = export.export(graph, "cypher", tmp_path / "g.cypher")
    text = path.read_text(encoding="utf-8")
    assert text.count(";\n") == len(cypher_script_statements(graph))
    assert "'It\\'s a </script> test: O\\'Brien\\'s \\\\ backslash agent'" in text


def test_file_formats_refuse_a_directory(graph, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        export.export(graph, "graphml", tmp_path)


def test_export_command_writes_the_file(graph, tmp_path: Path) -> None:
    store.save(tmp_path / "g", graph)
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "--graph",
            str(tmp_path / "g"),
            "--format",
            "graphml",
            "-o",
            str(tmp_path / "out.graphml"),
        ],
    )
    assert result.exit_code == 0, result.output
    same(graph, export.read_graphml(tmp_path / "out.graphml"))


def test_neo4j_admin_writes_mention_offsets_as_a_number_array(tmp_path: Path) -> None:
    from paperkg.extract.records import Entity, Paper, PaperEntities

    paper = Paper("p", "On XBench", "We test on XBench.")
    bench = Entity("BENCHMARK", "XBench", confidence=0.9, mentions=((3, 9), (20, 26)))
    out = export.export(
        build_graph([PaperEntities(paper, (bench,))]), "neo4j-admin", tmp_path / "a"
    )
    with (out / "rels-EVALUATES_ON-Paper-Benchmark.csv").open(encoding="utf-8") as f:
        header, row = list(csv.reader(f))
    assert dict(zip(header, row, strict=True))["mentions:long[]"] == "3;9;20;26"


@pytest.mark.parametrize("name", ["tricky", "dev"])
def test_neo4j_admin_export_streams_from_the_store_with_the_same_files(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`paperkg export --format neo4j-admin` reads the store table by table (it never
    loads the graph) and writes byte for byte what the export of the loaded graph writes."""
    records = store.load_records(FIXTURE.parent / name)
    directory = tmp_path / "g"
    store.save(directory, build_graph(records), records)
    from_graph = export.export(store.load(directory), "neo4j-admin", tmp_path / "loaded")

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the neo4j-admin export loaded the graph")

    monkeypatch.setattr(store, "load", no_loading)
    args = ["export", "--graph", str(directory), "--format", "neo4j-admin", "-o"]
    res = CliRunner().invoke(cli, [*args, str(tmp_path / "streamed")])
    assert res.exit_code == 0, res.output
    streamed = tmp_path / "streamed"
    names = sorted(p.name for p in from_graph.iterdir())
    assert names == sorted(p.name for p in streamed.iterdir())
    assert len(names) > 5  # nodes, relationships and the README
    for file in names:
        assert (streamed / file).read_bytes() == (from_graph / file).read_bytes(), file
