"""The wheel holds one import package, paperkg, with the four layers and their data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[zipfile.ZipFile, str]:
    """The wheel, and everything the build printed."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (path,) = out.glob("paperkg-*.whl")
    return zipfile.ZipFile(path), done.stdout + done.stderr


@pytest.fixture(scope="module")
def wheel(built) -> zipfile.ZipFile:
    return built[0]


def test_build_prints_no_deprecation_warning(built):
    assert "deprecat" not in built[1].lower(), built[1]


def test_wheel_metadata_has_the_spdx_licence(wheel):
    meta = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    assert "License-Expression: MIT" in wheel.read(meta).decode().splitlines()


def test_wheel_has_only_the_paperkg_package(wheel):
    tops = {n.split("/")[0] for n in wheel.namelist() if not n.startswith("paperkg-")}
    assert tops == {"paperkg"}
    for layer in ("extract", "graph", "viz", "cli"):
        assert f"paperkg/{layer}/__init__.py" in wheel.namelist()
    assert "paperkg/__init__.py" not in wheel.namelist()  # a namespace package


def test_wheel_ships_pipeline_config_and_data(wheel):
    names = wheel.namelist()
    assert "paperkg/extract/config.cfg" in names
    assert any(n.startswith("paperkg/extract/data/") for n in names)


def test_wheel_declares_console_script(wheel):
    entry = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "paperkg = paperkg.cli.main:main" in wheel.read(entry).decode()


def test_installed_wheel_imports_from_site_packages(wheel, tmp_path):
    """`pip install .` works: the wheel installs and its modules import from there."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            wheel.filename,
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import paperkg.graph.schema as s, paperkg.extract.normalise as n;"
        "print(s.__file__); print(n.name_key('SWE-Bench'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    path, key = out.stdout.split()
    assert path.startswith(str(target)) and key == "swebench"
    assert not (target / "graph").exists() and not (target / "cli").exists()


def test_wheel_ships_the_model_but_not_the_training_data(wheel):
    names = wheel.namelist()
    assert "paperkg/extract/data/ner/names.tsv" in names
    assert not [n for n in names if "/data/training/" in n]
