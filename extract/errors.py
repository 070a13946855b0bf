"""One error hierarchy for the whole project.

Every error a user can cause is a :class:`PaperKGError`; the CLI turns it into a
one-line message and the error's ``exit_code``. Nothing else prints.
"""

from __future__ import annotations

from pathlib import Path


class PaperKGError(Exception):
    """Base class for every error paperkg reports to a user."""

    exit_code = 1


class InputError(PaperKGError):
    """A file or record that cannot be read as what was expected.

    The message names the file, the line or record, and what was expected.

    >>> str(InputError("expected a title line", path="a.txt", line=3))
    'a.txt, line 3: expected a title line'
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        record: int | str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.record = record
        self.reason = message
        where = [p for p in (self.path, _at("line", line), _at("record", record)) if p]
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


def _at(what: str, value: int | str | None) -> str | None:
    return None if value is None else f"{what} {value}"


class InputWarning(UserWarning):
    """Input that paperkg used only in part (a text too long to extract names from whole).

    A warning, not an error: the record is kept and the run goes on. The CLI prints it
    as one line on stderr; the library never prints.
    """


class ExtractionError(PaperKGError):
    """The extraction pipeline or a model cannot be loaded, trained or run."""

    exit_code = 2


class StoreError(PaperKGError):
    """A saved graph is missing, unreadable, or cannot be written."""

    exit_code = 2


class QueryError(PaperKGError):
    """A query is malformed or not allowed (for example a write without ``--write``)."""

    exit_code = 2


class NotFoundError(PaperKGError):
    """A name the user asked for is not in the graph; carries the closest names."""

    exit_code = 1

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = list(suggestions or [])
        super().__init__(message)
