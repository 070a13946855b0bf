"""Throughput of the extraction pipeline on N synthetic abstracts, against the tokenizer floor.

    .venv/bin/python benchmarks/bench_extract.py --n 20000
    .venv/bin/python benchmarks/bench_extract.py --n 20000 --model none   # rules only
    .venv/bin/python benchmarks/bench_extract.py --n 3000 --by-component  # CPU per component

The abstracts are the 231 annotated ones (tests/fixtures/extract/dev_papers.jsonl),
repeated and shuffled. The floor is ``spacy.blank("en")`` tokenising the same texts.
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


def synthetic_papers(n: int, seed: int = 0) -> list[Paper]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(seed)
    papers = []
    while len(papers) < n:
        rng.shuffle(rows)
        for row in rows[: n - len(papers)]:
            title = f"{row['title']} ({len(papers)})"
            papers.append(Paper(id=paper_id(title), title=title, abstract=row["abstract"]))
    return papers


def time_floor(texts: list[str], batch_size: int) -> float:
    nlp = spacy.blank("en")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_pipeline(papers: list[Paper], model: str, batch_size: int, n_process: int) -> float:
    config = load_config()
    config["components"]["paperkg_ner"]["model"] = model
    extractor = Extractor(spacy.util.load_model_from_config(config, auto_fill=True))
    start = time.perf_counter()
    n = sum(1 for _ in extractor.extract(papers, batch_size=batch_size, n_process=n_process))
    assert n == len(papers)
    return time.perf_counter() - start


def time_components(papers: list[Paper], model: str, batch_size: int) -> dict[str, float]:
    """CPU seconds of each pipeline component, run one after another over all docs."""
    config = load_config()
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
    args = parser.parse_args()
    papers = synthetic_papers(args.n)
    if args.by_component:
        for name, seconds in time_components(papers, args.model, args.batch_size).items():
            print(f"{name:24s} {seconds:6.2f} s CPU")
        return
    texts = [p.text for p in papers]
    words = sum(len(t.split()) for t in texts)
    floor = time_floor(texts, args.batch_size)
    full = time_pipeline(papers, args.model, args.batch_size, args.n_process)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"abstracts         {args.n}  ({words} words)")
    print(f"model             {args.model}, batch {args.batch_size}, n_process {args.n_process}")
    print(f"floor (tokenise)  {floor:7.1f} s  {args.n / floor:8.0f} abstracts/s")
    print(f"pipeline          {full:7.1f} s  {args.n / full:8.0f} abstracts/s")
    print(f"ratio             {full / floor:7.1f} x the floor")
    print(f"peak RSS          {rss_mb:7.0f} MB (largest worker process: {child_mb:.0f} MB)")


if __name__ == "__main__":
    main()
