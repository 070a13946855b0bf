"""The Hugging Face Papers listing as users copy it from the page.

Page-chrome lines at the top, "Subscribe" glued to the first title, then title
and abstract lines alternating, and trailing blank lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Paper
from . import Format, read_text, register
from .common import head_text, make_paper, squash

NAME = "hf-listing"
_CHROME = ("Get trending papers", "Subscribe to", "Daily Papers", "Trending Papers")
_GLUE = "Subscribe"
_MAX_TITLE = 400


def sniff(head: bytes, path: Path) -> bool:
    text = head_text(head)
    first = text.lstrip()[:1]
    return first not in "{[<@%" and "\t" not in text.split("\n", 1)[0]


def read(path: Path) -> Iterator[Paper | InputError]:
    lines = read_text(path).splitlines()
    body = _strip_chrome(lines)
    content = [(n, squash(line)) for n, line in body if squash(line)]
    if not content:
        raise InputError("has no papers; expected title and abstract lines", path=path)
    if len(content) % 2:
        n, last = content[-1]
        raise InputError(
            f"odd number of title/abstract lines ({len(content)}): the title on this line "
            f"has no abstract line after it ({last[:60]!r}); expected a title line followed by "
            "an abstract line for every paper",
            path=path,
            line=n,
        )
    for i in range(0, len(content), 2):
        (tn, title), (_, abstract) = content[i], content[i + 1]
        if len(title) > _MAX_TITLE:
            raise InputError(
                f"expected a title here but found a {len(title)}-character line; is an abstract "
                "or a title missing above it?",
                path=path,
                line=tn,
            )
        yield make_paper(path, NAME, title=title, abstract=abstract)


def _strip_chrome(lines: list[str]) -> list[tuple[int, str]]:
    """Numbered lines after the page chrome; "Subscribe" is cut from the first title."""
    numbered = list(enumerate(lines, start=1))
    for idx, (n, line) in enumerate(numbered[:10]):
        if line.startswith(_GLUE):
            rest = line[len(_GLUE) :]
            return [(n, rest), *numbered[idx + 1 :]] if rest.strip() else numbered[idx + 1 :]
    start = 0
    while start < len(numbered) and numbered[start][1].strip().startswith(_CHROME):
        start += 1
    return numbered[start:]


FORMAT = register(Format(NAME, "Hugging Face Papers listing copied as text", sniff, read))
