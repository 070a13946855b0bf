"""Name and title normalisation, and stable paper ids.

One key function decides when two surface forms are the same name, so the
extractor, the evaluator, the graph and the queries all agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(v\d+)?(?![\d])")
# Anchored at a word start so a long run of letters is scanned once, not once per letter.
_ARXIV_OLD = re.compile(
    r"(?<![a-z.-])([a-z]+(?:-[a-z]+)?(?:\.[a-z]{2})?/\d{7})(v\d+)?", re.IGNORECASE
)
#: ids and URLs are short; never scan more of a field than this
_ID_SCAN = 512


def name_key(name: str) -> str:
    """Case-, space-, hyphen-, punctuation- and Unicode-insensitive key of a name.

    >>> name_key("SWE-Bench") == name_key("swe bench") == name_key("SWE_bench")
    True
    >>> name_key("GPT-4o") == name_key("GPT-4")
    False
    >>> name_key("τ-bench")
    'τbench'
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def singular_key(text: str) -> str:
    """The :func:`name_key` of ``text`` without a plural "s": a plural and its singular
    are one entity ("transformers", "Transformer"; "MDPs", "MDP"). Only a lower-case
    "s" after a letter is a plural; a capital S is a variant ("StarPO-S"), and "ss" and
    short keys stay ("class", "gas").

    >>> [singular_key(t) for t in ("transformers", "MDPs", "class", "gas", "StarPO-S")]
    ['transformer', 'mdp', 'class', 'gas', 'starpos']

    Greek letters are spelled out, so a name written with LaTeX math in the title and
    in Latin letters in the abstract is one ("SOTOPIA-$π$", "SOTOPIA-pi"; "τ-bench").

    >>> singular_key("SOTOPIA-$π$") == singular_key("SOTOPIA-pi"), singular_key("τ-bench")
    (True, 'taubench')
    """
    key = "".join(_greek(ch) for ch in name_key(text))
    plural = text[-1:] == "s" and text[-2:-1].isalpha() and not key.endswith("ss")
    return key[:-1] if plural and len(key) > 3 else key


def _greek(ch: str) -> str:
    if "\u0370" <= ch <= "\u03ff":
        try:
            return unicodedata.name(ch).split()[-1].lower()  # GREEK SMALL LETTER PI
        except ValueError:
            return ch
    return ch


def title_key(title: str) -> str:
    """Key of a title for matching the same paper across sources.

    >>> title_key("Attention Is All You Need.") == title_key("attention is  all you need")
    True
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return _NON_ALNUM.sub(" ", folded).strip()


def clean_doi(value: str | None) -> str | None:
    """A bare, lower-case DOI, or None.

    >>> clean_doi("https://doi.org/10.1000/XYZ.1")
    '10.1000/xyz.1'
    """
    if not value:
        return None
    match = _DOI.search(value[:_ID_SCAN])
    return match.group(0).rstrip(".,;").lower() if match else None


def clean_arxiv_id(value: str | None) -> str | None:
    """An arXiv id without its version, or None.

    >>> clean_arxiv_id("http://arxiv.org/abs/2401.01234v3")
    '2401.01234'
    >>> clean_arxiv_id("cond-mat/0412498v1"), clean_arxiv_id("math.AG/0601001")
    ('cond-mat/0412498', 'math.AG/0601001')
    >>> clean_arxiv_id("x" * 100_000) is None
    True
    """
    if not value:
        return None
    value = value[:_ID_SCAN]
    match = _ARXIV_NEW.search(value) or _ARXIV_OLD.search(value)
    return match.group(1) if match else None


def paper_id(title: str, doi: str | None = None, arxiv_id: str | None = None) -> str:
    """Stable id of a paper: DOI, else arXiv id, else a hash of the normalised title.

    >>> paper_id("X", doi="10.1000/ABC")
    'doi:10.1000/abc'
    >>> paper_id("Attention Is All You Need") == paper_id("attention is all you need.")
    True
    """
    if (d := clean_doi(doi)) is not None:
        return f"doi:{d}"
    if (a := clean_arxiv_id(arxiv_id)) is not None:
        return f"arxiv:{a}"
    digest = hashlib.sha1(title_key(title).encode(), usedforsecurity=False).hexdigest()
    return f"title:{digest[:16]}"


_SEP = re.compile(r"[-_ ]+")
_SIZE = re.compile(r"^(\d+(\.\d+)?[bmkt]|a\d+(\.\d+)?b|\d+x\d+(\.\d+)?b|e\d+b)$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4}|\d{6}|\d{8})$")
_VARIANT_WORDS = frozenset(
    [
        "instruct",
        "chat",
        "base",
        "it",
        "hf",
        "preview",
        "latest",
        "distill",
        "sft",
        "rl",
        "dpo",
        "large",
        "small",
        "medium",
        "mini",
        "nano",
        "tiny",
        "xl",
        "xxl",
    ]
)


def model_family(name: str) -> str | None:
    """The family a model name is a size or variant of, or None when it names no variant.

    The family is the part of the name before the first size (7B, 8x7B, A3B),
    date stamp (0414) or variant word (Instruct, Chat, Base, mini, large …).

    >>> model_family("Qwen2.5-7B-Instruct"), model_family("Llama-3-70B")
    ('Qwen2.5', 'Llama-3')
    >>> model_family("GLM-4-9B-0414"), model_family("Llama 2 70B"), model_family("BERT-base")
    ('GLM-4', 'Llama 2', 'BERT')
    >>> model_family("DeepSeek-R1-Distill-Qwen-7B"), model_family("Mixtral-8x7B")
    ('DeepSeek-R1', 'Mixtral')
    >>> model_family("GPT-4o") is None and model_family("Claude 3.5 Sonnet") is None
    True
    """
    seps = list(_SEP.finditer(name))
    for sep in seps:
        token = _SEP.split(name[sep.end() :], maxsplit=1)[0]
        if _SIZE.match(token) or _DATE.match(token) or token.lower() in _VARIANT_WORDS:
            family = name[: sep.start()]
            return family if name_key(family) and family != name else None
    return None


def family_chain(name: str) -> list[str]:
    """The name's ancestors, nearest first.

    >>> family_chain("Qwen2.5-7B-Instruct")
    ['Qwen2.5-7B', 'Qwen2.5']
    """
    chain: list[str] = []
    current = name
    while (parent := _strip_last_variant(current)) is not None:
        chain.append(parent)
        current = parent
    family = model_family(name)
    if family and (not chain or chain[-1] != family):
        chain = [c for c in chain if len(c) > len(family)] + [family]
    return chain


def _strip_last_variant(name: str) -> str | None:
    """Drop the last separator-delimited token when it is a size, date or variant word."""
    seps = list(_SEP.finditer(name))
    if not seps:
        return None
    last = seps[-1]
    token = name[last.end() :]
    if _SIZE.match(token) or _DATE.match(token) or token.lower() in _VARIANT_WORDS:
        return name[: last.start()] or None
    return None
