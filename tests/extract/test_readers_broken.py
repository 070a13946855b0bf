"""What a reader does with broken input (docs/security.md): each kind of damage a real
export tool or a hostile file can produce ends in the right papers or a clear error
that names the file and the line or record."""

from __future__ import annotations

from pathlib import Path

import pytest
from paperkg.extract.readers import detect, read_papers


@pytest.mark.parametrize("name", ["export.csv", "export.txt"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_with_bom_is_read_as_csv(tmp_path: Path, name: str, codec: str) -> None:
    """The format is judged from the content, so the name does not matter."""
    path = tmp_path / name
    text = "title,abstract\nA paper,We use BERT.\n"
    path.write_bytes(text.encode(codec) if codec == "utf-16" else ("\ufeff" + text).encode(codec))
    assert detect(path).name == "csv"
    [paper] = read_papers([path]).papers
    assert (paper.title, paper.abstract) == ("A paper", "We use BERT.")
