"""`pip install .` brings every third-party package the code imports: each one is declared
in pyproject.toml, not merely pulled in by another dependency."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("extract", "graph", "viz", "cli")


def imported_top_level_modules() -> set[str]:
    found = set()
    for layer in LAYERS:
        for path in (ROOT / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"paperkg", "__future__"}


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        _canonical(re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0]) for dep in project["dependencies"]
    }


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_imported_package_is_a_declared_dependency():
    dists = packages_distributions()
    modules = imported_top_level_modules()
    assert {"spacy", "numpy", "networkx"} <= modules  # the scan sees real imports
    missing = {
        module: dists.get(module, [module])
        for module in sorted(modules)
        if not {_canonical(d) for d in dists.get(module, [module])} & declared()
    }
    assert missing == {}
