"""The stop-list audit: entries the annotators mark as entities are reported, with counts."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_stoplist.py"


def test_mention_examples_hold(script):
    result = doctest.testmod(script("audit_stoplist"))
    assert result.attempted > 0 and result.failed == 0


def _paper(n: int, abstract: str, names: list[str]) -> dict:
    entities = [{"type": "METHOD", "name": x, "aliases": [], "role": "uses"} for x in names]
    return {"title": f"Paper {n}", "abstract": abstract, "entities": entities}


def _audit(tmp_path: Path, *args: str) -> list[list[str]]:
    gold = tmp_path / "gold.jsonl"
    papers = [
        _paper(1, "We decode with Glimmer Search and report F1.", ["Glimmer Search"]),
        _paper(2, "Glimmer-search decoding, as in prior work.", ["Glimmer-search"]),
        _paper(3, "A glimmer search over the lattice is cheap.", []),
        _paper(4, "We use glimmer search again, and the Quoll Corpus.", []),
        _paper(5, "Nothing listed here but the Quoll Corpus.", []),
    ]
    gold.write_text("".join(json.dumps(p) + "\n" for p in papers), encoding="utf-8")
    stoplist = tmp_path / "stoplist.toml"
    stoplist.write_text("mine = '''\nGlimmer Search, Quoll Corpus, F1\n'''\n", encoding="utf-8")
    cmd = [sys.executable, str(SCRIPT), str(gold), "--stoplist", str(stoplist), *args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines()[1:]]


def test_an_entry_annotated_in_enough_of_its_papers_is_reported(tmp_path):
    # two of the four papers that mention it annotate it (as written, or hyphenated)
    assert _audit(tmp_path) == [["Glimmer Search", "mine", "2", "4", "0.50"]]


def test_the_thresholds_and_skip_leave_it_out(tmp_path):
    assert _audit(tmp_path, "--min-share", "0.6") == []
    assert _audit(tmp_path, "--min-papers", "3") == []
    assert _audit(tmp_path, "--skip", "1") == []  # one annotating paper left


def test_a_missing_gold_file_is_named_without_a_traceback(tmp_path):
    cmd = [sys.executable, str(SCRIPT), str(tmp_path / "nope.jsonl")]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode != 0
    assert "nope.jsonl" in done.stderr and "Traceback" not in done.stderr
