"""Precision of inferred citations against the gold's own roles.

An inferred ``(a)-[:CITES {inferred: true}]->(b)`` says that paper a uses an entity paper
b introduces. The truth is the same inference made from the gold annotations (gold
roles and names) of the same papers; precision is the share of the extracted graph's
inferred citations that the gold graph also has:

    .venv/bin/python benchmarks/inferred_citations.py extract/data/training/frozen_test.jsonl
    .venv/bin/python benchmarks/inferred_citations.py tests/fixtures/extract/dev_gold.jsonl \\
        examples/trending-agents.txt
"""

from __future__ import annotations

import sys

from paperkg.extract.experiments import load_pairs
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.records import PaperEntities
from paperkg.graph import schema as s
from paperkg.graph.build import build_graph


def inferred(records: list[PaperEntities]) -> set[tuple[str, str]]:
    graph = build_graph(records)
    return {
        (u, v)
        for u, v, data in graph.edges(data=True)
        if data.get("type") == s.CITES and data.get("inferred")
    }


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if len(sys.argv) > 1 else 2)
    pairs = load_pairs(sys.argv[1], sys.argv[2:])
    gold = [PaperEntities(paper, g.entities) for g, paper in pairs]
    found = list(load_extractor().extract(paper for _, paper in pairs))
    truth, predicted = inferred(gold), inferred(found)
    hit = len(truth & predicted)
    precision = hit / len(predicted) if predicted else 0.0
    recall = hit / len(truth) if truth else 0.0
    print(f"papers {len(pairs)}  gold inferred {len(truth)}  extracted inferred {len(predicted)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")


if __name__ == "__main__":
    main()
