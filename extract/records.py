"""The typed records that flow between stages: papers and the entities found in them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

ENTITY_TYPES = ("BENCHMARK", "MODEL", "METHOD")
ROLES = ("introduces", "uses")


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper, whatever file it came from.

    ``id`` is stable across runs and sources (see :func:`paperkg.extract.normalise.paper_id`).
    ``source`` lists where the paper was read from (``"hf-listing:trending.txt"``).
    ``references`` holds external ids of cited works (``"doi:…"``, ``"openalex:W…"``,
    ``"s2:…"``, ``"arxiv:…"``); ``n_references`` counts them even when they are not kept.
    """

    id: str
    title: str
    abstract: str = ""
    year: int | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    doi: str | None = None
    arxiv_id: str | None = None
    openalex_id: str | None = None
    s2_id: str | None = None
    references: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Title and abstract as the extractor sees them: title, newline, abstract."""
        return f"{self.title}\n{self.abstract}" if self.abstract else self.title

    @property
    def external_ids(self) -> tuple[str, ...]:
        """Every id another record could use to name this paper, prefixed by scheme."""
        pairs = (
            ("doi", self.doi),
            ("arxiv", self.arxiv_id),
            ("openalex", self.openalex_id),
            ("s2", self.s2_id),
        )
        return tuple(f"{scheme}:{value}" for scheme, value in pairs if value)

    def with_changes(self, **changes: object) -> Paper:
        return replace(self, **changes)  # type: ignore[arg-type]


def entity_from_json(data: dict) -> Entity:
    """An :class:`Entity` from its JSON form (``to_json``), old records included."""
    return Entity(
        data["type"],
        data["name"],
        tuple(data.get("aliases", ())),
        data.get("role", "uses"),
        data.get("confidence"),
        tuple((int(a), int(b)) for a, b in data.get("mentions", ())),
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A distinct named entity in one paper, in the annotation guidelines' format."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str = "uses"
    #: how sure the extractor is that this is an entity (0-1); None for gold and for
    #: extraction without the learned classifier
    confidence: float | None = None
    #: where it was found: (start, end) character offsets of each mention in
    #: :attr:`Paper.text` (title, newline, abstract); empty for gold
    mentions: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"entity type must be one of {ENTITY_TYPES}, got {self.type!r}")
        if self.role not in ROLES:
            raise ValueError(f"entity role must be one of {ROLES}, got {self.role!r}")

    def to_json(self) -> dict[str, object]:
        return {
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "role": self.role,
            **({} if self.confidence is None else {"confidence": self.confidence}),
            **({"mentions": [list(m) for m in self.mentions]} if self.mentions else {}),
        }


@dataclass(frozen=True, slots=True)
class PaperEntities:
    """A paper with the entities extracted from (or annotated in) it."""

    paper: Paper
    entities: tuple[Entity, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """The gold format of the guidelines, plus the paper id."""
        return {
            "id": self.paper.id,
            "title": self.paper.title,
            "entities": [e.to_json() for e in self.entities],
        }
