"""The README stays true: its CLI section is today's --help, and .ci/run runs its
test command."""

from __future__ import annotations

import re
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


def _first_block_commands() -> list[str]:
    lines = README.split("```")[1].splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")][1:]


def test_readme_command_1_installs_only_paperkg_then_builds_the_sample():
    install = _first_block_commands()[0]
    assert "-m venv .venv" in install and "pip install . " in install
    assert install.endswith(".venv/bin/paperkg build examples/trending-agents.txt")
    for heavy in (".ci/", "apt", "[test]", "playwright", "chromium"):
        assert heavy not in install


def test_readme_command_2_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert _first_block_commands()[1] == ci


def test_readme_shell_examples_run_paperkg_from_the_venv():
    """A bare `paperkg` is not on the PATH after command 1; the examples must not use it."""
    bare = [
        line
        for block in re.findall(r"```bash\n(.*?)```", README, re.DOTALL)
        for line in block.splitlines()
        if re.search(r"(^|[|&;]\s*)paperkg\b", line.split("#")[0].strip())
    ]
    assert bare == []
