"""What an interrupted build or add had already extracted, so ``--resume`` can skip it.

While a build or add extracts, each finished part (:data:`PART` papers) is written to
``DIR/.partial/`` (record shards, like a generation's). A run with ``--resume`` reuses a
record there for a paper that is exactly the same (same id, title, abstract and every
other field) and was extracted with the same model; everything else is extracted. A
successful run removes the directory; a run without ``--resume`` starts it afresh.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from paperkg.extract.records import Paper, PaperEntities
from paperkg.graph.generations import PARTIAL
from paperkg.graph.shards import RECORDS_DIR, read_shards, shard_name, shard_paths
from paperkg.graph.store import record_to_json

#: papers per part written while extracting: what an interruption can lose at most
PART = 1000
_MODEL = "model.json"


class Partial:
    """The records a run has extracted so far, on disk."""

    def __init__(self, directory: Path, model: str | Path | None, *, resume: bool) -> None:
        self.path = directory / PARTIAL
        self.model = str(Path(model).resolve()) if model else None
        self.done: dict[str, PaperEntities] = {}
        if resume and self._same_model():
            self.done = {rec.paper.id: rec for rec in read_shards(self.path)}
        else:
            shutil.rmtree(self.path, ignore_errors=True)
        self._parts = len(shard_paths(self.path)) if self.done else 0

    def _same_model(self) -> bool:
        try:
            return json.loads((self.path / _MODEL).read_text())["model"] == self.model
        except (OSError, ValueError, KeyError):
            return False

    def reused(self, paper: Paper) -> PaperEntities | None:
        """The record already extracted for exactly this paper, if any."""
        rec = self.done.get(paper.id)
        return rec if rec is not None and rec.paper == paper else None

    def save(self, records: Iterable[PaperEntities]) -> None:
        """Keep one finished part: written under a temporary name, then renamed in, so
        an interruption never leaves half a part."""
        rows = [json.dumps(record_to_json(rec), ensure_ascii=False) + "\n" for rec in records]
        if not rows:
            return
        folder = self.path / RECORDS_DIR
        if not folder.exists():
            folder.mkdir(parents=True)
            (self.path / _MODEL).write_text(json.dumps({"model": self.model}))
        final = folder / shard_name(self._parts)
        tmp = folder / f".{final.name}.tmp"
        tmp.write_text("".join(rows), encoding="utf-8")
        os.replace(tmp, final)
        self._parts += 1

    def finish(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
