"""A synthetic research field for the page tests and ``benchmarks/bench_viz.py``.

Papers fall into topics; each topic has its own benchmarks, models and methods, a
few of them popular and many rare (Zipf-like), and every topic also uses a few
field-wide names (a GPT-4, a Transformer). About a third of the papers introduce a
name of their own, as real listings do. Years grow towards the present, abstracts
mention the names (each entity keeps its mentions' offsets, as extracted ones do), and
every paper has an arXiv-style link. Deterministic per seed.
"""

from __future__ import annotations

import random
import re

from paperkg.extract.records import Entity, Paper, PaperEntities

_TOPICS = (
    "Web Agents", "Math Reasoning", "Code Repair", "GUI Control", "Robot Manipulation",
    "Medical QA", "Chemistry", "Legal Reading", "Video Understanding", "Speech",
    "Table QA", "Retrieval", "Game Playing", "Theorem Proving", "Driving", "Translation",
    "Embodied Navigation", "Scientific Discovery", "Tool Use", "Dialogue", "Recommendation",
    "Image Editing", "Protein Design", "Finance", "Education", "Safety", "Long Context",
    "Multilingual QA", "Chart Reading", "Planning",
)  # fmt: skip
_SYLLABLES = ("ka", "lo", "mi", "ra", "ze", "tu", "no", "vi", "sa", "pe", "do", "xu", "qi", "bo")
_SUFFIX = {
    "BENCHMARK": ("Bench", "Arena", "QA", "-Eval", "World", "Suite"),
    "MODEL": ("-7B", "-13B", "LM", "-VL", "Net", "-Instruct"),
    "METHOD": ("PO", "-Tune", "Search", "RL", "Prompt", "Distill"),
}
_SHARED = (
    ("MODEL", "GPT-4"), ("MODEL", "GPT-4o"), ("MODEL", "Llama-3-8B"), ("MODEL", "Qwen2.5-7B"),
    ("MODEL", "Claude 3.5 Sonnet"), ("METHOD", "Transformer"), ("METHOD", "Chain-of-Thought"),
    ("METHOD", "RLHF"), ("METHOD", "LoRA"), ("BENCHMARK", "MMLU"), ("BENCHMARK", "GSM8K"),
)  # fmt: skip
_WORDS = [
    "agents",
    "learning",
    "reasoning",
    "large",
    "language",
    "models",
    "towards",
    "efficient",
    "robust",
    "scalable",
]


def _name(rng: random.Random, stem: str, kind: str, taken: set[str]) -> str:
    for tries in range(1_000_000):
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 2 + tries // 20)))
        name = f"{stem}{word.title()}{rng.choice(_SUFFIX[kind])}"
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("no new name left")  # pragma: no cover


def _topic_names(rng: random.Random, stem: str, per_kind: int, taken: set[str]) -> dict:
    return {kind: [_name(rng, stem, kind, taken) for _ in range(per_kind)] for kind in _SUFFIX}


def _pick(rng: random.Random, names: list[str], k: int) -> list[str]:
    weights = [1 / (i + 1) ** 1.1 for i in range(len(names))]
    return list(dict.fromkeys(rng.choices(names, weights=weights, k=k)))


def field_records(n_papers: int, *, seed: int = 1) -> list[PaperEntities]:
    """``n_papers`` papers of a field with about ``n_papers / 350`` topics (4 to 30)."""
    rng = random.Random(seed)
    n_topics = max(4, min(len(_TOPICS), n_papers // 350))
    per_kind = max(6, min(40, n_papers // n_topics // 12))
    taken: set[str] = set()
    topics = [(t, _topic_names(rng, t.split()[0], per_kind, taken)) for t in _TOPICS[:n_topics]]
    records = []
    for p in range(n_papers):
        # every topic gets papers, a few topics get most of them
        which = p % n_topics if p % 3 == 0 else min(int(rng.paretovariate(0.8)) - 1, n_topics - 1)
        topic, names = topics[which]
        picked = [("BENCHMARK", n) for n in _pick(rng, names["BENCHMARK"], rng.randint(1, 2))]
        picked += [("MODEL", n) for n in _pick(rng, names["MODEL"], rng.randint(1, 3))]
        picked += [("METHOD", n) for n in _pick(rng, names["METHOD"], rng.randint(0, 2))]
        if rng.random() < 0.35:
            picked.append(rng.choice(_SHARED))
        if rng.random() < 0.1:
            other = rng.choice(topics)[1]
            picked.append(("BENCHMARK", _pick(rng, other["BENCHMARK"], 1)[0]))
        ents = [Entity(kind, name, (), "uses") for kind, name in dict.fromkeys(picked)]
        if rng.random() < 0.33:
            kind = rng.choice(("METHOD", "BENCHMARK", "MODEL"))
            ents.append(Entity(kind, _name(rng, topic.split()[0], kind, taken), (), "introduces"))
        paper = _paper(rng, p, topic, ents)
        records.append(PaperEntities(paper, tuple(_found(paper.text, e) for e in ents)))
    return records


def _found(text: str, ent: Entity) -> Entity:
    """The entity with its mentions' offsets and a confidence, as the extractor gives them."""
    spans = tuple(m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(ent.name)}(?![\w-])", text))
    return Entity(ent.type, ent.name, ent.aliases, ent.role, 0.9, spans)


def _paper(rng: random.Random, p: int, topic: str, ents: list[Entity]) -> Paper:
    year = 2025 - min(int(rng.expovariate(0.45)), 7)
    mentioned = ", ".join(e.name for e in ents)
    title = f"{' '.join(rng.sample(_WORDS, 3)).capitalize()} for {topic} ({p})"
    abstract = (
        f"We study {topic.lower()} with {mentioned}. "
        + " ".join(rng.choice(_WORDS) for _ in range(60))
        + f". Results on {ents[0].name} improve on prior work."
    )
    return Paper(
        id=f"arxiv:{year % 100:02d}{p % 12 + 1:02d}.{p:05d}",
        title=title,
        abstract=abstract,
        year=year,
        url=f"https://arxiv.org/abs/{year % 100:02d}{p % 12 + 1:02d}.{p:05d}",
        authors=("A. Author", "B. Author"),
        source=("synthetic",),
    )
