"""LaTeX in bibliographic fields turned into plain Unicode text.

BibTeX titles, abstracts and author names carry accents (``Consid\\'erations``),
protective braces (``{{Deep}}``) and escapes (``4.94\\%``). pylatexenc (already a
dependency of bibtexparser 2) decodes them; math stays verbatim (``H$_2$O``) so
the extractor still sees the formula as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LATEXISH = re.compile(r"[\\{}$~]")
# pylatexenc decodes about 30,000 macros a second; no real title or abstract comes
# near this size, and a pathological field should not stall a whole library.
MAX_DECODE = 50_000


@lru_cache(maxsize=1)
def _decoder():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False)


def latex_to_text(value: str) -> str:
    """Plain Unicode text from a LaTeX-encoded field; the input itself if it cannot be
    decoded or is longer than ``MAX_DECODE`` characters.

    >>> latex_to_text(r"Consid\\'erations on {{Deep}} nets: 4.94\\% of H$_2$O")
    'Considérations on Deep nets: 4.94% of H$_2$O'
    >>> latex_to_text("plain")
    'plain'
    """
    if len(value) > MAX_DECODE or not _LATEXISH.search(value):
        return value
    try:
        text = _decoder().latex_to_text(value)
    except (Exception, RecursionError):
        return value
    return text if text.strip() or not value.strip() else value
