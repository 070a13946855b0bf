"""Readers: every supported input file becomes a stream of :class:`Paper` records.

Each format module registers a :class:`Format` with a ``sniff`` test on the first
bytes and a ``read`` generator. ``read`` yields a ``Paper`` per good record and an
:class:`InputError` *value* per bad record, so ``--skip-bad`` can count and keep
going; file-level problems (empty, binary, unparseable) are raised.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..records import Paper
from ..stdin import NAME as STDIN_NAME
from ..stdin import check_once, is_stdin, stdin_bytes

ReadFn = Callable[[Path], Iterator["Paper | InputError"]]
SniffFn = Callable[[bytes, Path], bool]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    description: str
    sniff: SniffFn
    read: ReadFn


@dataclass(slots=True)
class ReadResult:
    papers: list[Paper] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    duplicates: int = 0


_FORMATS: dict[str, Format] = {}
_builtin_loaded = False
BUILTIN_MODULES = (
    "arxiv_atom",
    "openalex",
    "semantic_scholar",
    "arxiv_kaggle",
    "bibtex",
    "wos",
    "ris",
    "scopus",
    "tabular",
    "hf_listing",
)


def register(fmt: Format) -> Format:
    _FORMATS[fmt.name] = fmt
    return fmt


def formats() -> dict[str, Format]:
    """All registered formats, in detection order."""
    _load_builtin()
    return dict(_FORMATS)


def detect(path: Path) -> Format:
    """The format of ``path``, judged from its content (not its name)."""
    head = _head(path)
    for fmt in formats().values():
        if fmt.sniff(head, path):
            return fmt
    names = ", ".join(formats())
    raise InputError(
        f"cannot tell the file format from its content; expected one of: {names}"
        " (use --input-format NAME to choose one)",
        path=path,
    )


def iter_papers(path: str | Path, fmt: str | None = None) -> Iterator[Paper | InputError]:
    """Papers (and bad-record errors) from one file.

    A pipe or device (``paperkg build <(zcat x.gz)``) can be read only once, while readers
    look at a file's head and then open it again: it is first copied to a temporary file,
    and every error still names the path the user gave. ``-`` is standard input, copied
    the same way and called ``<stdin>`` in errors.
    """
    if is_stdin(path):
        yield from _read_copy(Path(STDIN_NAME), fmt, stdin_bytes("papers"))
        return
    p = Path(path)
    if not p.exists() or p.is_file() or p.is_dir():
        yield from _read_file(p, fmt)
        return
    yield from _read_copy(p, fmt)


def _read_copy(
    path: Path, fmt: str | None, stream: BinaryIO | None = None
) -> Iterator[Paper | InputError]:
    """Read a copy of the pipe ``path`` (or of ``stream``), telling errors about ``path``."""
    with tempfile.TemporaryDirectory(prefix="paperkg-") as tmp:
        copy = Path(tmp) / ("stdin" if stream is not None else path.name)
        _copy_stream(path, copy, stream)
        try:
            for item in _read_file(copy, fmt):
                yield _naming(item, copy, path) if isinstance(item, InputError) else item
        except InputError as exc:
            raise _naming(exc, copy, path) from exc.__cause__


def _read_file(path: Path, fmt: str | None) -> Iterator[Paper | InputError]:
    _head(path)  # raises the clear error for missing, empty and binary files
    chosen = _by_name(fmt, path) if fmt else detect(path)
    yield from _guarded(chosen, path)


def _copy_stream(source: Path, target: Path, stream: BinaryIO | None = None) -> None:
    try:
        with target.open("wb") as out:
            if stream is not None:
                shutil.copyfileobj(stream, out, 1 << 20)
                return
            with source.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
    except OSError as exc:
        raise InputError(
            f"cannot read: {exc.strerror}; expected a readable file or pipe", path=source
        ) from exc


def _naming(error: InputError, copy: Path, path: Path) -> InputError:
    """``error`` about the temporary ``copy``, told about ``path``."""
    reason = error.reason.replace(str(copy), str(path))
    return InputError(reason, path=path, line=error.line, record=error.record)


def _guarded(fmt: Format, path: Path) -> Iterator[Paper | InputError]:
    """Run a reader so that nothing but InputError escapes, whatever the bytes.

    Every reader is fuzzed to raise only InputError; this net turns a reader bug
    that slipped through into a clear error instead of a traceback. The words
    "reader bug" let the fuzz tests tell the net from a reader's own errors.
    """
    try:
        yield from fmt.read(path)
    except InputError:
        raise
    except (Exception, RecursionError) as exc:
        raise InputError(
            f"reader bug: the {fmt.name} reader failed on this file "
            f"({type(exc).__name__}: {str(exc)[:120]}); expected {fmt.description}",
            path=path,
        ) from exc


def read_papers(
    paths: Iterable[str | Path],
    fmt: str | None = None,
    *,
    skip_bad: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Read every file; merge the same paper seen twice; stop at the first bad record
    unless ``skip_bad``. ``on_progress(n)`` is called with the number of records read
    so far, every 1,000 records and at the end."""
    from ..identity import merge_papers

    paths = list(paths)
    check_once(paths)
    result = ReadResult()
    raw: list[Paper] = []
    seen = 0
    for path in paths:
        for item in iter_papers(path, fmt):
            if isinstance(item, InputError):
                if not skip_bad:
                    raise item
                result.skipped.append(item)
            else:
                raw.append(item)
            seen += 1
            if on_progress is not None and seen % 1000 == 0:
                on_progress(seen)
    if on_progress is not None:
        on_progress(seen)
    result.papers = merge_papers(raw)
    result.duplicates = len(raw) - len(result.papers)
    return result


def _by_name(name: str, path: Path) -> Format:
    try:
        return formats()[name]
    except KeyError:
        raise InputError(
            f"unknown format {name!r} given to --input-format; expected one of: "
            f"{', '.join(formats())}",
            path=path,
        ) from None


def _head(path: Path, size: int = 65536) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(size)
    except FileNotFoundError:
        raise InputError("no such file; expected a path to a file of papers", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory; expected a file of papers", path=path) from None
    except OSError as exc:
        raise InputError(
            f"cannot read file: {exc.strerror}; expected a readable file", path=path
        ) from exc
    if not head.strip():
        raise InputError("file is empty; expected papers (title and abstract)", path=path)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("looks like a binary file; expected text (UTF-8)", path=path)
    return head


def read_text(path: Path) -> str:
    """The whole file as text, decoded as UTF-8 (BOM allowed) or as UTF-16 when it
    starts with a UTF-16 BOM (Web of Science "Win" exports), with a clear error."""
    data = path.read_bytes()
    codec = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, "replace").count("\n") + 1
        what = "UTF-16" if codec == "utf-16" else "UTF-8"
        raise InputError(
            f"is not valid {what} text (byte {exc.start}); expected a {what} file"
            + (" (is it cut short?)" if exc.end >= len(data) else ""),
            path=path,
            line=line,
        ) from None


def _load_builtin() -> None:
    """Import the built-in readers once, in detection order: the most specific sniffers
    first, the generic JSONL/CSV next, and hf-listing (which takes almost any text) last.
    A reader module imported earlier by hand (``import ...readers.scopus``) takes its
    built-in place, not the front; formats registered by others come after them all."""
    global _builtin_loaded
    if _builtin_loaded:
        return
    for module in BUILTIN_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    rank = {f"{__name__}.{m}": i for i, m in enumerate(BUILTIN_MODULES)}
    ordered = sorted(
        _FORMATS.values(), key=lambda f: rank.get(f.read.__module__, len(BUILTIN_MODULES))
    )
    _FORMATS.clear()
    _FORMATS.update((f.name, f) for f in ordered)
    _builtin_loaded = True
