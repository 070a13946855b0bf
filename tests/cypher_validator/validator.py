"""Validate Cypher text with Neo4j's own grammar: @neo4j-cypher/language-support run by node.

Install with `.ci/setup.d/cypher-validator.sh` (npm ci in this directory). Tests load
this file by path; :func:`unavailable` says why validation cannot run, or None.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "node_modules" / "@neo4j-cypher" / "language-support"


def _property_keys() -> list[str]:
    """Every property the schema defines (read from it, so this list cannot drift), and
    the ``from``/``to`` of relationship rows."""
    from paperkg.graph import schema as s
    from paperkg.graph.cypher_rows import rel_properties

    keys = [*s.PAPER_PROPERTIES, *s.ENTITY_PROPERTIES]
    keys += [p for rel in s.REL_TYPES for p in rel_properties(rel)]
    return list(dict.fromkeys([*keys, "from", "to"]))


#: the graph schema as the linter's DbSchema, so unknown labels or keys are reported too
SCHEMA = {
    "labels": ["Paper", "Benchmark", "Model", "Method"],
    "relationshipTypes": ["INTRODUCES", "EVALUATES_ON", "USES", "CITES", "VARIANT_OF"],
    "propertyKeys": _property_keys(),
}


def unavailable() -> str | None:
    """Why validation cannot run here, or None. Under CI=true it must run: None, so the
    tests fail loudly instead of skipping past a broken install."""
    if os.environ.get("CI") == "true":
        return None
    if shutil.which("node") is None:
        return "node is not installed"
    if not PACKAGE.is_dir():
        return "run .ci/setup.d/cypher-validator.sh (npm ci in tests/cypher_validator)"
    return None


def diagnostics(statements: list[str]) -> list[list[str]]:
    """For each statement, the linter's errors and warnings (empty when it is valid)."""
    done = subprocess.run(
        ["node", str(HERE / "validate.mjs"), json.dumps(SCHEMA)],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        cwd=HERE,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)
