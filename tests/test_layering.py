"""The arrows of STYLE.md stay true: extract is the bottom, graph never imports spaCy,
api (the Python API) runs the three below it, only cli imports click."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("extract", "graph", "viz", "api", "cli")
FORBIDDEN = {
    "extract": {"paperkg.graph", "paperkg.viz", "paperkg.api", "paperkg.cli", "click"},
    "graph": {
        "spacy",
        "paperkg.viz",
        "paperkg.api",
        "paperkg.cli",
        "click",
        "paperkg.extract.pipeline",
    },
    "viz": {"spacy", "paperkg.api", "paperkg.cli", "click"},
    "api": {"paperkg.cli", "click"},
    "cli": set(),
}


def imports_of(path: Path, layer: str) -> set[str]:
    package = ["paperkg", layer, *path.relative_to(ROOT / layer).parent.parts]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names |= {module} | {f"{module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_imports_only_what_it_may(layer):
    bad = []
    for path in (ROOT / layer).rglob("*.py"):
        for name in imports_of(path, layer):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_layering_check_sees_relative_imports(tmp_path):
    """The check itself must catch `from ..graph import x` inside extract/."""
    probe = ROOT / "extract" / "readers" / "__init__.py"
    assert "paperkg.extract.errors" in imports_of(probe, "extract")
