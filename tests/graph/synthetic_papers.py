"""Generated papers for the graph tests: a small pool of names in every spelling, role
and plural (``synthetic``), the two senses of one name (``two_sense_papers``), and a graph's
canonical form for comparing two builds. A helper module, imported by the tests."""

from __future__ import annotations

import random
from dataclasses import replace

from paperkg.extract.records import Entity, Paper, PaperEntities


def canonical(graph) -> tuple[list, list]:
    """Nodes and edges with every attribute, in a fixed order (order is not meaning)."""
    nodes = sorted(
        (n, sorted((k, repr(v)) for k, v in d.items())) for n, d in graph.nodes(data=True)
    )
    edges = sorted(
        repr((u, v, k, sorted(d.items()))) for u, v, k, d in graph.edges(keys=True, data=True)
    )
    return nodes, edges


#: short acronyms spelled out two ways, so the acronym rule of inferred citations matters
SENSES = {
    "GRPO": ("Group Relative Policy Optimization", "Generalised Reward Policy Objective"),
    "MDPs": ("Markov Decision Processes", "Multi Draft Proposals"),
}


def synthetic(
    n: int, seed: int, titled: bool = True, two_senses: bool = False
) -> list[PaperEntities]:
    """Papers mentioning names from a small pool in every spelling, role and plural, with
    years, ids, references, confidences and mention offsets, so merging, variants, both
    kinds of citation and every rule of the inferred ones all happen. With ``titled`` most
    papers name in their title what they introduce (an inferred citation rests on that),
    a few a name they only use; without it the titles are bare, as in older fixtures.
    ``two_senses`` puts in the papers of :func:`two_sense_papers`."""
    rng = random.Random(seed)
    pool = [
        ("BENCHMARK", "WebArena", ("web arena",)),
        ("BENCHMARK", "SWE-bench", ()),
        ("BENCHMARK", "SWE Bench", ("SWE-Bench Verified",)),
        ("MODEL", "Qwen2.5-7B-Instruct", ()),
        ("MODEL", "Qwen2.5-14B", ()),
        ("MODEL", "Qwen2.5", ()),
        ("MODEL", "GPT-4o", ("gpt 4o",)),
        ("METHOD", "GRPO", ()),
        ("METHOD", "transformers", ()),
        ("METHOD", "Transformer", ()),
        ("METHOD", "MDPs", ()),
    ]
    introduced: set[str] = set()
    out = []
    for i in range(n):
        picks = rng.sample(pool, rng.randint(0, 4))
        parts, spans = [], []
        at = 0  # offsets in the abstract; moved past the title below
        for _, name, _ in picks:
            long_form = rng.choice(SENSES[name]) if name in SENSES else None
            piece = f"{long_form} ({name})" if long_form else name
            start = at + (len(long_form) + 2 if long_form else 0)
            found = [(start, start + len(name))]
            if long_form:
                found.append((at, at + len(long_form)))
            spans.append(tuple(sorted(found)))
            parts.append(piece)
            at += len(piece) + 2
        ents = []
        for (t, name, aliases), mentions in zip(picks, spans, strict=True):
            first = name not in introduced and rng.random() < 0.6
            introduced.add(name)
            role = "introduces" if first or rng.random() < 0.03 else "uses"
            confidence = rng.choice((None, 0.5, 0.95, 0.95))
            ents.append(Entity(t, name, aliases, role, confidence, mentions))
        own = [k for k, e in enumerate(ents) if e.role == "introduces"]
        named: list[int] = []
        if titled and ents:
            named = own if own and rng.random() < 0.9 else [0] if rng.random() < 0.3 else []
        starts, head = {}, ""
        for k in named:
            starts[k] = len(head) + (2 if head else 0)
            head = f"{head}, {ents[k].name}" if head else ents[k].name
        title = f"{head}: Paper {i}" if head else f"Paper {i}"
        shift = len(title) + 1
        ents = [
            replace(
                e,
                mentions=tuple(
                    sorted(
                        [(a + shift, b + shift) for a, b in e.mentions]
                        + ([(starts[k], starts[k] + len(e.name))] if k in starts else [])
                    )
                ),
            )
            for k, e in enumerate(ents)
        ]
        refs = tuple(f"arxiv:2401.{rng.randrange(n):05d}" for _ in range(rng.randint(0, 3)))
        paper = Paper(
            f"arxiv:2401.{i:05d}",
            title,
            ", ".join(parts),
            year=rng.choice((None, 2022, 2023, 2024)),
            arxiv_id=f"2401.{i:05d}",
            references=refs,
        )
        out.append(PaperEntities(paper, tuple(ents)))
    if two_senses:
        for i, rec in two_sense_papers(n):
            out[i] = rec
    return out


def two_sense_papers(n: int) -> list[tuple[int, PaperEntities]]:
    """`DiT`, no short acronym, introduced as "Dynamic Influence Tracker" early and used
    in that sense and bare, then (from the middle of the papers on, so an incremental add
    meets it) also written for "Diffusion Transformer": merged into one entity of two long
    forms, it links only the papers that spell out the introducer's (before the second
    sense arrives the bare use links too)."""
    out = []
    for i, sense, role, named in [
        (n // 10, "Dynamic Influence Tracker", "introduces", True),
        (n // 5, "Dynamic Influence Tracker", "uses", False),
        (n // 4, None, "uses", False),
        (7 * n // 10, "Diffusion Transformer", "uses", False),
        (9 * n // 10, "Dynamic Influence Tracker", "uses", False),
    ]:
        title = "DiT: tracking influence" if named else f"Paper {i}"
        at = len(title) + 1 + len("We use ")
        if sense is None:
            abstract, spans, aliases = "We use DiT.", [(at, at + 3)], ()
        else:
            abstract, aliases = f"We use {sense} (DiT).", (sense,)
            spans = [(at, at + len(sense)), (at + len(sense) + 2, at + len(sense) + 5)]
        spans = ([(0, 3)] if named else []) + spans
        ent = Entity("METHOD", "DiT", aliases, role, 0.95, tuple(spans))
        paper = Paper(f"arxiv:2401.{i:05d}", title, abstract, arxiv_id=f"2401.{i:05d}")
        out.append((i, PaperEntities(paper, (ent,))))
    return out
