"""The README stays true: its CLI section is today's --help, and .ci/run runs its
test command."""

from __future__ import annotations

from pathlib import Path

from paperkg.cli import reference

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_cli_section_matches_help():
    assert reference.START in README and reference.END in README
    assert reference.splice(README, reference.render()) == README, (
        "README CLI section is stale: run `python -m paperkg.cli.reference README.md`"
    )


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    command = ci.strip().splitlines()[-1]
    assert command in README


def test_readme_opens_with_setup_and_test_commands():
    first_block = README.split("```")[1]
    assert "paperkg build examples/trending-agents.txt" in first_block
    assert "pytest" in first_block
