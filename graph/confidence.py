"""Leaving weak links out of a graph (``paperkg build --min-confidence``).

The records keep every extracted entity with its confidence; only the graph built from
them leaves out the links under the threshold, so a later build with another threshold
reuses the records instead of extracting again. An entity left with no link is not in
the graph at all (entities come from links). A link without a confidence (gold records,
or extraction without the learned classifier) cannot be judged and is kept.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from paperkg.extract.errors import InputError
from paperkg.extract.records import Entity, PaperEntities

#: the manifest key of the threshold a generation was built with
MANIFEST_KEY = "min_confidence"


def check_threshold(value: object) -> float:
    """``value`` as a threshold, or an InputError saying what was expected.

    >>> check_threshold(0.5), check_threshold(1)
    (0.5, 1.0)
    >>> check_threshold(1.5)
    Traceback (most recent call last):
    ...
    paperkg.extract.errors.InputError: min_confidence must be a number from 0 to 1, got 1.5
    """
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or math.isnan(number) or not 0 <= number <= 1:
        raise InputError(f"min_confidence must be a number from 0 to 1, got {value!r}")
    return float(number)


def keeps(ent: Entity, minimum: float) -> bool:
    """Whether the link of ``ent`` stays in a graph built with threshold ``minimum``.

    >>> keeps(Entity("MODEL", "X", confidence=0.4), 0.5), keeps(Entity("MODEL", "X"), 0.5)
    (False, True)
    """
    return ent.confidence is None or ent.confidence >= minimum


class LinkFilter:
    """The records as the graph sees them: links under ``minimum`` left out, counted."""

    def __init__(self, minimum: float) -> None:
        self.minimum = check_threshold(minimum)
        self.dropped = 0

    def records(self, records: Iterable[PaperEntities]) -> Iterator[PaperEntities]:
        """Each record with only the links that stay (lazily: the store streams them)."""
        for rec in records:
            kept = tuple(e for e in rec.entities if keeps(e, self.minimum))
            self.dropped += len(rec.entities) - len(kept)
            yield rec if len(kept) == len(rec.entities) else PaperEntities(rec.paper, kept)


def threshold_of(manifest: dict[str, Any] | None) -> float:
    """The threshold a generation was built with (0 for one built before it existed)."""
    value = (manifest or {}).get(MANIFEST_KEY)
    return float(value) if isinstance(value, int | float) else 0.0
