"""Draw the abstracts to annotate from the unlabelled corpus, stratified by field and year.

Maintainer script (run once; the package never reads ../shared). Only the permissive
files (arXiv CC0, ACL Anthology CC BY 4.0) are drawn from, and records already
annotated in the seed set are skipped. Fields come from a keyword heuristic over the
categories and the title, used only to spread the sample:

    python scripts/sample_annotation.py ../shared/corpus/unlabelled \
        --exclude ../shared/annotation/train_seed/papers.jsonl --out /tmp/annot --batch 70

The second round excluded the first round's batches too and used ``--seed 20261206
--first-batch 21``. The fourth round took what was left (``--all``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

FILES = {
    "arxiv_cc0_2022-2025.jsonl": "CC0-1.0 (arXiv metadata)",
    "acl_anthology_ccby4_2022-2025.jsonl": "CC-BY-4.0 (ACL Anthology)",
}
QUOTAS = {
    "llm_nlp": 380,
    "vision_multimodal": 300,
    "rl_agents": 260,
    "general_ml": 210,
    "speech": 160,
    "robotics": 160,
}
_WORDS = {
    "speech": r"speech|audio|speaker|asr\b|spoken|acoustic|voice|music|sound",
    "robotics": r"robot|manipulat|locomot|embodied|grasp|quadruped|humanoid|driving",
    "rl_agents": r"reinforcement|\brl\b|agent|policy optim|reward|rlhf|grpo|bandit",
    "vision_multimodal": r"image|video|visual|vision|3d|segmentation|detection|diffusion|pixel",
    "llm_nlp": r"language|llm|text|translation|dialog|question answering|token",
}


def field(record: dict) -> str:
    """The heuristic field of a record (first rule that matches wins)."""
    cats = record.get("venue_or_category", "")
    title = record["title"].lower()
    if re.search(r"eess\.AS|cs\.SD", cats) or re.search(_WORDS["speech"], title):
        return "speech"
    if cats.startswith("arXiv cs.RO") or re.search(_WORDS["robotics"], title):
        return "robotics"
    if re.search(_WORDS["rl_agents"], title):
        return "rl_agents"
    if re.search(r"cs\.CV|eess\.IV|cs\.GR|cs\.MM", cats) or re.search(
        _WORDS["vision_multimodal"], title
    ):
        return "vision_multimodal"
    if "cs.CL" in cats or cats.startswith("ACL") or re.search(_WORDS["llm_nlp"], title):
        return "llm_nlp"
    return "general_ml"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--exclude", type=Path, action="append", default=[])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--batch", type=int, default=70)
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--first-batch", type=int, default=0, help="number of the first batch file")
    ap.add_argument(
        "--all", action="store_true", help="every record not excluded, shuffled (no quotas)"
    )
    args = ap.parse_args()
    skip = {json.loads(line)["id"] for f in args.exclude for line in f.open(encoding="utf-8")}
    pools: dict[str, list[dict]] = defaultdict(list)
    for name, licence in FILES.items():
        for line in (args.corpus / name).open(encoding="utf-8"):
            rec = json.loads(line)
            if rec["id"] not in skip:
                pools[field(rec)].append({**rec, "licence": licence, "field": field(rec)})
    rng = random.Random(args.seed)  # noqa: S311 (a reproducible draw, not a secret)
    if args.all:
        chosen = sorted((r for pool in pools.values() for r in pool), key=lambda r: r["id"])
    else:
        chosen = []
        for name, quota in QUOTAS.items():
            pool = sorted(pools[name], key=lambda r: r["id"])
            # older years are rarer in the permissive files: draw them first, up to a third
            old = [r for r in pool if r["year"] < 2025]
            new = [r for r in pool if r["year"] >= 2025]
            take_old = rng.sample(old, min(len(old), quota // 3))
            chosen += take_old + rng.sample(new, quota - len(take_old))
    rng.shuffle(chosen)
    args.out.mkdir(parents=True, exist_ok=True)
    for b in range(0, len(chosen), args.batch):
        path = args.out / f"batch_{args.first_batch + b // args.batch:02d}.papers.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in chosen[b : b + args.batch]:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} records in {(len(chosen) + args.batch - 1) // args.batch} batches")


if __name__ == "__main__":
    main()
