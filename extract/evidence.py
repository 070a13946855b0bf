"""Evidence for an extracted entity: the sentence a mention sits in.

Mentions are character offsets into :attr:`Paper.text` (the title, a newline, the
abstract); the title is its own sentence.
"""

from __future__ import annotations

import re

# a sentence ends at . ! ? followed by space and a capital, digit or bracket, or at a line end
_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[\"“])|\n")


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds the character at ``offset``.

    >>> sentence_at("A Title\\nWe use GRPO. It works on e.g. GSM8K.", 10)
    'We use GRPO.'
    >>> sentence_at("A Title\\nWe use GRPO. It works on e.g. GSM8K.", 2)
    'A Title'
    """
    start = 0
    for match in _END.finditer(text):
        if match.start() > offset:
            return text[start : match.start()].strip()
        start = match.end()
    return text[start:].strip()
