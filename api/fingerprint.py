"""What makes two machines extract the same records: the versions and the bytes of the
pipeline, so a cluster can check that its workers match the machine that runs the build.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

#: parts of the extract package that do not change what it extracts (and are not in
#: the wheel: an editable install and a wheel of the same commit have the same digest)
_IGNORED = ("__pycache__", "training")
_PACKAGED = (".py", ".cfg")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The versions and digests one machine extracts with."""

    paperkg: str
    spacy: str
    thinc: str
    #: digest of the extract package's code and data (rules, word lists, shipped model)
    pipeline: str
    #: "builtin", or the model directory and the digest of its files
    model: str


@functools.lru_cache(maxsize=8)
def fingerprint(model: str | None) -> Fingerprint:
    """This process's fingerprint for extracting with ``model`` (an absolute path or
    None for the shipped model); computed once per process."""
    package = Path(str(resources.files("paperkg.extract")))
    return Fingerprint(
        paperkg=metadata.version("paperkg"),
        spacy=metadata.version("spacy"),
        thinc=metadata.version("thinc"),
        pipeline=digest(package, packaged=True),
        model="builtin" if model is None else _model(Path(model)),
    )


def _model(path: Path) -> str:
    if not path.is_dir():
        return f"missing: no model directory {path}"
    return f"{path} {digest(path)}"


def digest(folder: Path, *, packaged: bool = False) -> str:
    """A short SHA-256 of every file under ``folder`` (names and bytes), in name order,
    skipping caches and training data; with ``packaged``, only what the wheel ships of
    a package (its code, config and ``data/``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
    ...     for d in (a, b):
    ...         _ = (Path(d) / "names.tsv").write_text("GPT-4")
    ...     same = digest(Path(a)) == digest(Path(b))
    ...     _ = (Path(b) / "names.tsv").write_text("GPT-5")
    ...     same, digest(Path(a)) == digest(Path(b)), len(digest(Path(a)))
    (True, False, 16)
    """
    sha = hashlib.sha256()
    files = (p for p in folder.rglob("*") if p.is_file())
    for path in sorted(files, key=lambda p: p.relative_to(folder).as_posix()):
        relative = path.relative_to(folder)
        if any(part in _IGNORED for part in relative.parts):
            continue
        if packaged and relative.parts[0] != "data" and path.suffix not in _PACKAGED:
            continue
        sha.update(relative.as_posix().encode() + b"\0")
        sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()[:16]
