"""Query commands start fast: they import neither spaCy, pandas nor the Neo4j driver, and
read the store without building a NetworkX graph (--help imports no engine at all).
Asserted on the modules a real run loaded, in a fresh interpreter; the times themselves
are measured in docs/performance.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: libraries a query command must not import unless it needs them
NEVER_FOR_QUERIES = {"spacy", "pandas", "neo4j", "thinc", "torch", "networkx", "numpy"}
#: what `paperkg --help` must not import either
ENGINES = {"networkx", "numpy", "ladybug", "scipy", "lxml"}

PROBE = """
import json, sys
from paperkg.cli.main import cli
try:
    cli(sys.argv[1:], prog_name="paperkg")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.stdin.read())))
print("\\n@@" + json.dumps({"code": code, "heavy": heavy}))
"""


def loaded(*args: str) -> tuple[int, set[str], str]:
    """Run ``paperkg ARGS`` in a fresh interpreter: exit code, heavy modules loaded, output."""
    watch = sorted(NEVER_FOR_QUERIES | ENGINES)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=json.dumps(watch),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out, _, tail = proc.stdout.rpartition("\n@@")
    assert tail, proc.stderr
    report = json.loads(tail)
    return report["code"], set(report["heavy"]), out


def test_help_imports_no_engine() -> None:
    code, heavy, out = loaded("--help")
    assert code == 0 and "papers" in out
    assert not heavy & (NEVER_FOR_QUERIES | ENGINES), heavy


@pytest.mark.parametrize(
    "args",
    [
        ("papers", "--benchmark", "webarena"),
        ("papers", "--cites", "p2"),
        ("entities", "--top", "2"),
        ("show", "GRPO"),
        ("cypher", "MATCH (p:Paper) RETURN p.title AS title LIMIT 2"),
    ],
    ids=["papers", "cites", "entities", "show", "cypher"],
)
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_query_commands_import_neither_spacy_pandas_nor_neo4j(
    graph_dir: Path, args: tuple[str, ...], fmt: str
) -> None:
    code, heavy, out = loaded(*args, "--graph", str(graph_dir), "--format", fmt)
    assert code == 0, out
    assert out.strip()
    assert not heavy & NEVER_FOR_QUERIES, heavy
