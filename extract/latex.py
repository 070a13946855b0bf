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


@lru_cache(maxsize=1)
def _decoder():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False)


def latex_to_text(value: str) -> str:
    """Plain Unicode text from a LaTeX-encoded field; the input itself if it cannot be decoded.

    >>> latex_to_text(r"Consid\\'erations on {{Deep}} nets: 4.94\\% of H$_2$O")
    'Considérations on Deep nets: 4.94% of H$_2$O'
    >>> latex_to_text("plain")
    'plain'
    """
    if not _LATEXISH.search(value):
        return value
    try:
        text = _decoder().latex_to_text(value)
    except (Exception, RecursionError):
        return value
    return text if text.strip() or not value.strip() else value
