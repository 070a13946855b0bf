"""Synthetic record shards at scale (100k, 1M papers), for the store benchmarks.

Records as `build` writes them (records/00000.jsonl, ...), not committed: popularity is
realistic rather than uniform — one hub benchmark used by half the papers, a handful
used by a tenth, a long Zipf tail; about five links per paper (benchmarks, models with
size variants, methods); some names introduced by one paper and used by later ones (so
inferred citations exist; each name is introduced at most once, by its first paper, as
in real data); references to earlier papers (real citations); abstracts of
about 1,000 characters.

    .venv/bin/python benchmarks/synth_shards.py 100000 /tmp/shards-100k
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from pathlib import Path

from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph.shards import write_shards

HUB = "HubBench"
WORDS = [
    "agent",
    "model",
    "benchmark",
    "task",
    "reward",
    "policy",
    "language",
    "reasoning",
    "evaluation",
    "dataset",
    "training",
    "inference",
    "retrieval",
    "planning",
    "tool",
    "environment",
    "score",
    "baseline",
    "robust",
    "generalisation",
    "instruction",
    "alignment",
    "multimodal",
    "web",
    "code",
    "math",
    "long",
    "context",
]


def zipf_index(rng: random.Random, n: int, s: float = 1.1) -> int:
    """An index in [0, n) drawn with Zipf-like weights (cheap: inverse-power sampling)."""
    u = rng.random()
    return min(n - 1, int((n ** (1 - s) * u + (1 - u)) ** (1 / (1 - s))) - 1)


def records(n: int, seed: int = 13) -> Iterator[PaperEntities]:
    rng = random.Random(seed)
    seen: set[str] = {HUB}  # names already mentioned: only a name's first paper introduces it
    n_bench, n_model, n_method = max(50, n // 40), max(50, n // 30), max(50, n // 25)
    for i in range(n):
        ents: dict[tuple[str, str], Entity] = {}

        def add(etype: str, name: str, aliases: tuple[str, ...] = (), ents: dict = ents) -> None:
            first = name not in seen
            seen.add(name)
            role = "introduces" if first and rng.random() < 0.5 else "uses"
            ents.setdefault((etype, name), Entity(etype, name, aliases, role))

        if rng.random() < 0.5:
            add("BENCHMARK", HUB, ("Hub-Bench",))
        for _ in range(rng.randint(0, 2)):
            k = zipf_index(rng, n_bench)
            add("BENCHMARK", f"Bench{k}", (f"B{k}-Suite",) if k % 7 == 0 else ())
        for _ in range(rng.randint(1, 2)):
            k = zipf_index(rng, n_model)
            size = rng.choice(("", "-7B", "-13B", "-70B-Instruct"))
            add("MODEL", f"Model{k}{size}")
        for _ in range(rng.randint(0, 2)):
            k = zipf_index(rng, n_method)
            add("METHOD", f"Method{k}", (f"M{k}O",) if k % 5 == 0 else ())
        refs = tuple(f"arxiv:2001.{rng.randrange(max(i, 1)):07d}" for _ in range(rng.randint(0, 4)))
        words = rng.choices(WORDS, k=150)
        paper = Paper(
            id=f"arxiv:2001.{i:07d}",
            title=f"Paper {i}: {' '.join(words[:8])}",
            abstract=" ".join(words) + ".",
            year=2015 + i * 11 // n,
            url=f"https://arxiv.org/abs/2001.{i:07d}",
            authors=(f"Author {rng.randrange(n)}", f"Author {rng.randrange(n)}"),
            source=("synthetic",),
            arxiv_id=f"2001.{i:07d}",
            references=refs,
        )
        yield PaperEntities(paper, tuple(ents.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("papers", type=int)
    parser.add_argument("out", type=Path, help="directory; shards go into OUT/records/")
    parser.add_argument("--seed", type=int, default=13)
    opts = parser.parse_args()
    start = time.perf_counter()
    count = write_shards(records(opts.papers, opts.seed), opts.out)
    print(f"{count} records in {opts.out}/records ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
