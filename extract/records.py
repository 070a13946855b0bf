"""The typed records that flow between stages: papers and the entities found in them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

ENTITY_TYPES = ("BENCHMARK", "MODEL", "METHOD")
ROLES = ("introduces", "uses")
#: how every output writes a type (JSON, CSV, tables, ``extract`` lines, records): the
#: graph's node labels (``graph.schema.LABEL_OF_TYPE`` is this same table)
TYPE_LABELS = {"BENCHMARK": "Benchmark", "MODEL": "Model", "METHOD": "Method"}


def entity_type(word: object) -> str:
    """The entity type a word names, in any case, singular or plural: what every option,
    gold file and record is read with, so "benchmarks", "Benchmark" and "BENCHMARK" agree.

    >>> entity_type("Benchmarks"), entity_type("MODEL"), entity_type(" method ")
    ('BENCHMARK', 'MODEL', 'METHOD')
    """
    key = word.strip().upper() if isinstance(word, str) else ""
    if key.endswith("S") and key[:-1] in ENTITY_TYPES:
        key = key[:-1]
    if key not in ENTITY_TYPES:
        raise ValueError(
            f"unknown entity type {word!r}; expected benchmark, model or method "
            "(any case, singular or plural)"
        )
    return key


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
        entity_type(data["type"]),
        data["name"],
        tuple(data.get("aliases", ())),
        data.get("role", "uses"),
        data.get("confidence"),
        tuple((int(a), int(b)) for a, b in data.get("mentions", ())),
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A distinct named entity in one paper, in the annotation guidelines' format.

    ``type`` is one of :data:`ENTITY_TYPES` inside the program; :meth:`to_json` writes
    it as the graph's label (``Benchmark``), and reading takes any spelling.
    """

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
            "type": TYPE_LABELS[self.type],
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
