"""A small hand-written set of records for the page tests, with XSS probes in a title,
an abstract, an entity name and a ``javascript:`` URL. Built in the tests, never read
from ../shared."""

from __future__ import annotations

from paperkg.extract.records import Entity, Paper, PaperEntities

PROBE_TITLE = "<img src=x onerror=alert(1)> Probe paper </script>"
PROBE_ABSTRACT = (
    "We evaluate on WebArena. </script><script>window.__xss = 1</script> "
    '<img src=x onerror="window.__xss = 2"> and an & ampersand \u2028 line separator.'
)
PROBE_ID = "probe-paper"


def _paper(
    pid: str,
    title: str,
    year: int | None,
    abstract: str = "",
    url: str | None = None,
    doi: str | None = None,
):
    return Paper(
        id=pid,
        title=title,
        abstract=abstract or f"Abstract of {title}.",
        year=year,
        url=url,
        authors=("A. Author", "B. Author"),
        source=("test",),
        doi=doi,
    )


def records() -> list[PaperEntities]:
    bench, model, method = "BENCHMARK", "MODEL", "METHOD"
    return [
        PaperEntities(
            _paper(
                "p-webarena",
                "WebArena: A Realistic Web Environment",
                2023,
                url="https://arxiv.org/abs/2307.13854",
            ),
            (Entity(bench, "WebArena", (), "introduces"), Entity(model, "GPT-4", (), "uses")),
        ),
        PaperEntities(
            _paper(
                "p-grpo",
                "DeepSeekMath: Group Relative Policy Optimization",
                2024,
                "We propose Group Relative Policy Optimization (GRPO) and reach 51.7% on GSM8K "
                "with DeepSeek-R1 as the teacher; GRPOX and MyGSM8K are other names.",
                doi="10.48550/arXiv.2402.03300",
            ),
            (
                Entity(method, "GRPO", ("Group Relative Policy Optimization",), "introduces"),
                Entity(bench, "GSM8K", (), "uses"),
                Entity(model, "DeepSeek-R1", (), "uses"),
            ),
        ),
        PaperEntities(
            _paper(
                "p-agent",
                "An Agent That Browses",
                2025,
                url="https://huggingface.co/papers/2501.00001",
            ),
            (
                Entity(bench, "WebArena", ("Web Arena",), "uses"),
                Entity(method, "GRPO", (), "uses"),
                Entity(model, "Qwen2.5-7B", (), "uses"),
                Entity(model, "GPT-4", (), "uses"),
            ),
        ),
        PaperEntities(
            _paper("p-math", "Math Reasoning at Scale", 2025),
            (
                Entity(bench, "GSM8K", (), "uses"),
                Entity(method, "GRPO", (), "uses"),
                Entity(model, "Qwen2.5-7B", (), "uses"),
            ),
        ),
        PaperEntities(
            _paper(PROBE_ID, PROBE_TITLE, 2025, PROBE_ABSTRACT, url="javascript:alert(1)"),
            (
                Entity(bench, "WebArena", (), "uses"),
                Entity(method, "<img src=x onerror=alert(1)>", (), "introduces"),
            ),
        ),
        PaperEntities(_paper("p-old", "An Old Survey Without Entities", 2019), ()),
    ]
