"""The graph schema: a public contract shared by NetworkX, the embedded Cypher
engine, Neo4j, the exports and the HTML page. Change it only on purpose.

Nodes carry their label in the ``label`` attribute and their key in ``id``
(the NetworkX node key is the same string). Edges carry their relationship
type in ``type``; the MultiDiGraph edge key is the type too, so one paper links
to one entity at most once per relationship.
"""

from __future__ import annotations

from typing import Final

PAPER: Final = "Paper"
BENCHMARK: Final = "Benchmark"
MODEL: Final = "Model"
METHOD: Final = "Method"
ENTITY_LABELS: Final = (BENCHMARK, MODEL, METHOD)
LABELS: Final = (PAPER, *ENTITY_LABELS)

#: extraction type (annotation guidelines) -> node label
LABEL_OF_TYPE: Final = {"BENCHMARK": BENCHMARK, "MODEL": MODEL, "METHOD": METHOD}
TYPE_OF_LABEL: Final = {v: k for k, v in LABEL_OF_TYPE.items()}

INTRODUCES: Final = "INTRODUCES"
EVALUATES_ON: Final = "EVALUATES_ON"
USES: Final = "USES"
CITES: Final = "CITES"
VARIANT_OF: Final = "VARIANT_OF"
REL_TYPES: Final = (INTRODUCES, EVALUATES_ON, USES, CITES, VARIANT_OF)

#: relationship type -> (start label(s), end label(s))
ENDPOINTS: Final = {
    INTRODUCES: ((PAPER,), ENTITY_LABELS),
    EVALUATES_ON: ((PAPER,), (BENCHMARK,)),
    USES: ((PAPER,), (MODEL, METHOD)),
    CITES: ((PAPER,), (PAPER,)),
    VARIANT_OF: ((MODEL,), (MODEL,)),
}

#: property name -> type, per node kind. Types: str, int, bool, list[str].
PAPER_PROPERTIES: Final = {
    "id": "str",
    "title": "str",
    "abstract": "str",
    "year": "int",
    "url": "str",
    "authors": "list[str]",
    "source": "list[str]",
    "doi": "str",
    "n_references": "int",
}
ENTITY_PROPERTIES: Final = {"id": "str", "name": "str", "aliases": "list[str]"}
#: properties of relationships: CITES says whether it is inferred and through which names
CITES_PROPERTIES: Final = {"inferred": "bool", "via": "list[str]"}
#: a paper's link to an entity (INTRODUCES, EVALUATES_ON, USES) carries its evidence: the
#: extractor's confidence (0-1, null without the learned classifier), the sentence of the
#: first mention, and every mention's character offsets in the paper's title + "\n" +
#: abstract, flattened ``[start0, end0, start1, end1, ...]``
LINK_PROPERTIES: Final = {"confidence": "float", "evidence": "str", "mentions": "list[int]"}


def properties_of(label: str) -> dict[str, str]:
    """The property names and types of a node label."""
    return PAPER_PROPERTIES if label == PAPER else ENTITY_PROPERTIES


def relationship_for(entity_type: str, role: str) -> str:
    """The relationship from a paper to an entity of ``entity_type`` with ``role``.

    >>> relationship_for("BENCHMARK", "uses"), relationship_for("MODEL", "introduces")
    ('EVALUATES_ON', 'INTRODUCES')
    """
    if role == "introduces":
        return INTRODUCES
    return EVALUATES_ON if entity_type == "BENCHMARK" else USES


def entity_id(label: str, key: str) -> str:
    """The node id of an entity: its label and normalised name key.

    >>> entity_id("Benchmark", "webarena")
    'benchmark:webarena'
    """
    return f"{label.lower()}:{key}"
