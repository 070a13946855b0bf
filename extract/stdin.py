"""``-`` names standard input wherever paperkg reads a file (papers, gold annotations).

Standard input can be read only once and has no name or suffix, so the readers copy it
to a temporary file first and their errors call it :data:`NAME`.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

#: the file name that means standard input
STDIN = "-"
#: what errors call standard input
NAME = "<stdin>"


def is_stdin(path: str | Path) -> bool:
    """Whether ``path`` is ``-`` (a ``Path("-")`` too).

    >>> is_stdin("-"), is_stdin("./-"), is_stdin("papers.csv")
    (True, False, False)
    """
    return str(path) == STDIN


def shown(path: str | Path) -> str:
    """How errors name ``path``: ``<stdin>`` for ``-``.

    >>> shown("-"), shown("gold.jsonl")
    ('<stdin>', 'gold.jsonl')
    """
    return NAME if is_stdin(path) else str(path)


def check_once(paths: Iterable[str | Path]) -> None:
    """Refuse ``-`` given more than once: the second reading would find nothing."""
    if sum(is_stdin(p) for p in paths) > 1:
        raise InputError(
            "'-' (standard input) is given more than once; it can be read only once, so "
            "expected one '-' and the other files by name"
        )


def stdin_bytes(expected: str) -> BinaryIO:
    """Standard input as a binary stream; a clear error naming what was ``expected`` when
    nothing is piped in (standard input is a terminal, where reading would wait for typing).
    """
    stream = sys.stdin
    if stream is None or stream.isatty():
        raise InputError(
            f"nothing is piped in (standard input is a terminal); expected {expected} "
            "on standard input (`cat FILE | paperkg ... -`), or a file name instead of '-'",
            path=NAME,
        )
    return getattr(stream, "buffer", None) or io.BytesIO(stream.read().encode())
