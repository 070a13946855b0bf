"""Throughput of the extraction pipeline on N abstracts, against the tokenizer floor.

    .venv/bin/python benchmarks/bench_extract.py --n 20000 \
        --corpus ../shared/corpus/unlabelled/arxiv_cc0_2022-2025.jsonl \
        --corpus ../shared/corpus/unlabelled/acl_anthology_ccby4_2022-2025.jsonl
    .venv/bin/python benchmarks/bench_extract.py --n 20000
    .venv/bin/python benchmarks/bench_extract.py --n 20000 --model none   # rules only
    .venv/bin/python benchmarks/bench_extract.py --n 3000 --by-component  # CPU per component
    .venv/bin/python benchmarks/bench_extract.py --n 3000 --by-component \
        --set components.paperkg_resolve.longer_names=false  # a pipeline setting changed

The abstracts are read from ``--corpus`` JSON Lines files (``title``, ``abstract``; e.g.
the team's unlabelled corpus, which no rule was written on), or else the 231 annotated
dev ones (tests/fixtures/extract/dev_papers.jsonl), which flatter the pipeline: its NER
skips sentences the rules explain. Texts are repeated and shuffled up to N. The floor is
``spacy.blank("en")`` tokenising the same texts; both are timed in CPU seconds
(``time.process_time``) and wall seconds.
Peak RSS is the process maximum (``ru_maxrss``), so it includes both runs; with
``--n-process`` the largest worker's peak is printed too. ``--by-component`` instead
runs the pipeline one component at a time over all the docs and prints each one's
CPU time (``time.process_time``), to see where the time goes.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

import spacy
from paperkg.extract.normalise import paper_id
from paperkg.extract.pipeline import Extractor, load_config
from paperkg.extract.records import Paper

DEV = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "extract" / "dev_papers.jsonl"


def synthetic_papers(n: int, seed: int = 0, corpus: list[Path] | None = None) -> list[Paper]:
    files = corpus or [DEV]
    rows = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(seed)
    papers = []
    while len(papers) < n:
        rng.shuffle(rows)
        for row in rows[: n - len(papers)]:
            title = f"{row['title']} ({len(papers)})"
            papers.append(Paper(id=paper_id(title), title=title, abstract=row["abstract"]))
    return papers


def time_floor(texts: list[str], batch_size: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of tokenising ``texts``."""
    nlp = spacy.blank("en")
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.process_time() - cpu, time.perf_counter() - wall


def time_pipeline(
    papers: list[Paper], model: str, batch_size: int, n_process: int, overrides: dict | None = None
) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) of extracting ``papers``."""
    config = load_config(overrides=overrides)
    config["components"]["paperkg_ner"]["model"] = model
    extractor = Extractor(spacy.util.load_model_from_config(config, auto_fill=True))
    cpu, wall = time.process_time(), time.perf_counter()
    n = sum(1 for _ in extractor.extract(papers, batch_size=batch_size, n_process=n_process))
    assert n == len(papers)
    return time.process_time() - cpu, time.perf_counter() - wall


def time_components(
    papers: list[Paper], model: str, batch_size: int, overrides: dict | None = None
) -> dict[str, float]:
    """CPU seconds of each pipeline component, run one after another over all docs."""
    config = load_config(overrides=overrides)
    config["components"]["paperkg_ner"]["model"] = model
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    start = time.process_time()
    docs = list(nlp.tokenizer.pipe((p.text for p in papers), batch_size=batch_size))
    out = {"tokenizer": time.process_time() - start}
    for name, proc in nlp.pipeline:
        start = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        out[name] = time.process_time() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--model", default="builtin", help='"builtin", "none" or a model dir')
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--by-component", action="store_true", help="CPU time per component")
    parser.add_argument("--corpus", type=Path, action="append", help="JSON Lines of abstracts")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a pipeline config setting by dotted name (value read as JSON)",
    )
    args = parser.parse_args()
    overrides = {k: json.loads(v) for k, v in (item.split("=", 1) for item in args.set)}
    papers = synthetic_papers(args.n, corpus=args.corpus)
    if args.by_component:
        timed = time_components(papers, args.model, args.batch_size, overrides)
        for name, seconds in timed.items():
            print(f"{name:24s} {seconds:6.2f} s CPU")
        return
    texts = [p.text for p in papers]
    words = sum(len(t.split()) for t in texts)
    floor_cpu, floor = time_floor(texts, args.batch_size)
    full_cpu, full = time_pipeline(papers, args.model, args.batch_size, args.n_process, overrides)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"abstracts         {args.n}  ({words} words)")
    print(f"model             {args.model}, batch {args.batch_size}, n_process {args.n_process}")
    source = ", ".join(str(c) for c in args.corpus) if args.corpus else "dev abstracts"
    print(f"texts from        {source}")
    print(f"floor (tokenise)  {floor_cpu:7.1f} s CPU {floor:7.1f} s wall {args.n / floor:8.0f}/s")
    print(f"pipeline          {full_cpu:7.1f} s CPU {full:7.1f} s wall {args.n / full:8.0f}/s")
    print(f"ratio (CPU)       {full_cpu / floor_cpu:7.1f} x the floor")
    print(f"peak RSS          {rss_mb:7.0f} MB (largest worker process: {child_mb:.0f} MB)")


if __name__ == "__main__":
    main()
