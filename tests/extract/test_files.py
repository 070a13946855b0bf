"""Atomic writes: all or nothing, and ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest
from paperkg.extract.errors import StoreError
from paperkg.extract.files import atomic_dir, atomic_write


def test_atomic_write_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def crash_midway() -> None:
        with atomic_write(target) as out:
            out.write("half")
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        crash_midway()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "f.json") as out:
            out.write("{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "f.json").stat().st_mode) == 0o644


def test_atomic_dir_never_replaces_a_users_own_folder(tmp_path):
    mine = tmp_path / "Documents"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    with pytest.raises(StoreError, match="not written by paperkg"), atomic_dir(mine) as tmp:
        (tmp / "model.bin").write_text("x")
    assert (mine / "thesis.tex").read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["Documents"]


def test_atomic_dir_replaces_its_own_output(tmp_path):
    out = tmp_path / "model"
    for version in ("1", "2"):
        with atomic_dir(out) as tmp:
            (tmp / "weights").write_text(version)
    assert (out / "weights").read_text() == "2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
