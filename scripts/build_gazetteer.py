"""Derive the shipped gazetteer files from the public name lists (development time only).

    .venv/bin/python scripts/build_gazetteer.py ../shared/kb

writes ``extract/data/gazetteer.tsv`` (MIT and Apache-2.0 lists, merged) and
``extract/data/pwc_methods.tsv`` (CC-BY-SA 4.0, kept separate with its notice).
Only curated surface forms are written (see ``paperkg.extract.kb.curate_forms``).
The package never reads the source folder at run time.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from paperkg.extract.kb import curate_forms
from paperkg.extract.normalise import name_key

#: permissive lists, in priority order: a name listed as a MODEL wins over a BENCHMARK
PERMISSIVE = (
    "helm_models.tsv",
    "transformers_architectures.tsv",
    "litellm_models.tsv",
    "inspect_evals.tsv",
    "agent_benchmarks_awesome.tsv",
    "helm_benchmarks.tsv",
    "lm_eval_tasks.tsv",
    "opencompass_datasets.tsv",
    "hf_datasets_cards.tsv",
    "tfds_datasets.tsv",
)
SHARE_ALIKE = ("pwc_methods.tsv",)
OUT = Path(__file__).resolve().parents[1] / "extract" / "data"


def rows_of(path: Path) -> list[tuple[str, str, list[str], str]]:
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if "bigbench-subtask" in row["source"]:
                continue  # snake_case task ids, many of them generic words
            aliases = [a for a in row["aliases"].split("|") if a]
            spelled = spelled_out(row["name"], row["source"]) if not aliases else None
            forms = curate_forms(row["name"], aliases + ([spelled] if spelled else []))
            if forms and not any(name_key(f).isdigit() for f in forms[:1]):
                out.append((row["type"], forms[0], forms[1:], path.name.removesuffix(".tsv")))
    return out


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_PAPER = re.compile(r"(?:^|;)paper=([^;]*)")
_TITLE_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")


def spelled_out(name: str, source: str) -> str | None:
    """The long form of an acronym-only method, from the title of the paper that
    introduced it, when the title starts with words whose initials spell it
    ("RAG", paper "Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks").

    >>> spelled_out("RAG", "pwc;paper=Retrieval-Augmented Generation for Knowledge-Intensive NLP")
    'Retrieval-Augmented Generation'
    >>> spelled_out("SRU", "pwc;paper=Simple Recurrent Units for Highly Parallelizable Recurrence")
    'Simple Recurrent Units'
    >>> spelled_out("PPO", "pwc;paper=Proximal Policy Optimization Algorithms")
    'Proximal Policy Optimization'
    >>> spelled_out("GAN", "pwc;paper=Image-to-Image Translation") is None
    True
    """
    found = _PAPER.search(source)
    if not _ACRONYM.fullmatch(name) or not found:
        return None
    words = _TITLE_WORD.findall(found.group(1).split(":")[0])
    letters = ""
    for k, word in enumerate(words[:8]):
        letters += "".join(part[0] for part in word.split("-") if part)
        if letters.lower() == name.lower():
            return " ".join(words[: k + 1])
        if not name.lower().startswith(letters.lower()):
            return None
    return None


def write(path: Path, rows: list[tuple[str, str, list[str], str]]) -> None:
    seen: set[tuple[str, str]] = set()
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("type\tname\taliases\torigin\n")
        for etype, name, aliases, origin in rows:
            if (etype, name_key(name)) in seen:
                continue
            seen.add((etype, name_key(name)))
            handle.write(f"{etype}\t{name}\t{'|'.join(aliases)}\t{origin}\n")
    print(f"{path}: {len(seen)} rows")


def main(kb_dir: str) -> None:
    kb = Path(kb_dir)
    write(OUT / "gazetteer.tsv", [r for f in PERMISSIVE for r in rows_of(kb / f)])
    write(OUT / "pwc_methods.tsv", [r for f in SHARE_ALIKE for r in rows_of(kb / f)])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/kb")
