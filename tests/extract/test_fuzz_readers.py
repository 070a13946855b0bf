"""Fuzz every reader: whatever the bytes, only InputError may come out, and what is read
can be extracted.

Each reader gets random bytes, truncated and mutated copies of a real fixture,
the fixture in the wrong encoding, a huge field spliced in (up to 1.3 MB, past spaCy's
length limit), and (for JSON formats) records with keys deleted or values swapped for
the wrong type. The reader is forced with ``fmt=`` so the bytes reach it even when
detection would refuse them; a second test lets detection choose. The registry's safety
net rewords unexpected exceptions as "reader bug: …", so a test that sees those words
has found a real reader bug. Every paper read goes through the real extractor. A third
test cuts each fixture short at a random byte: every paper read from the cut file must
be a paper of the whole file, or the reader must report the damage (silent truncation).
Examples per reader: ``EXAMPLES`` (see docs/readers.md).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paperkg.extract import pipeline
from paperkg.extract.errors import InputError, InputWarning
from paperkg.extract.pipeline import Extractor, load_extractor
from paperkg.extract.readers import formats, iter_papers
from paperkg.extract.records import Paper

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
LISTING = Path(__file__).resolve().parents[2] / "examples" / "trending-agents.txt"
# CI runs a fixed, derandomized set; PAPERKG_FUZZ_EXAMPLES=N runs N fresh random cases.
EXAMPLES = int(os.environ.get("PAPERKG_FUZZ_EXAMPLES", "150"))
RANDOM = "PAPERKG_FUZZ_EXAMPLES" in os.environ


def _lines(path: Path, n: int, sep: bytes = b"\n") -> bytes:
    return sep.join(path.read_bytes().split(sep)[:n]) + sep


def _records(path: Path, n: int) -> bytes:
    """The first ``n`` RIS records, bytes unchanged."""
    return b"ER  -".join(path.read_bytes().split(b"ER  -")[:n]) + b"ER  -\n"


def _s2_seed() -> bytes:
    data = json.loads((FIX / "s2-turing1950-trimmed.json").read_text(encoding="utf-8"))
    data["citations"] = data["citations"][:2] + data["citations"][-1:]
    data["references"] = data["references"][:2] + data["references"][-1:]
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


SEEDS: dict[str, bytes] = {
    "arxiv-atom": (FIX / "xiv-cs-RO-neural-2025.xml").read_bytes(),
    "arxiv-kaggle": _lines(FIX / "arxiv-kaggle-first30.jsonl", 3),
    "openalex": (FIX / "openalex-handmade-works-page.json").read_bytes(),
    "s2": _s2_seed(),
    "bibtex": (FIX / "zotero-style-rdd-and-duplicates.bib").read_bytes(),
    "ris": _records(FIX / "asreview-zotero-first40.ris", 3)
    + _records(FIX / "litstudy-ieee-exascale.ris", 2),
    "wos": (FIX / "rispy-wos-tagged-2records.txt").read_bytes(),
    "wos-tab": (FIX / "wos-tab-delimited-from-tagged.txt").read_bytes(),
    "scopus": _lines(FIX / "scopus-petri-nets-trimmed.csv", 3),
    "jsonl": b'{"title": "A", "abstract": "x", "year": 2020, "authors": ["B"]}\n'
    b'{"title": "C", "abstract": "y", "doi": "10.1/2", "arxiv_id": "2401.00001v2"}\n',
    # the abstract last and quoted, as many exports write it: a cut inside it leaves no
    # field missing, so only the open quote tells the record is cut short
    "csv": b'title,year,authors,doi,abstract\n"A, b",2020,"C; D",10.1/2,x\n'
    b'E,,,,"multi\nline abstract"\n',
    "hf-listing": _lines(LISTING, 10),
}

SPECIAL = [
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    b",",
    b"@",
    b"<",
    b">",
    b"&",
    b"\\",
    b"%",
    b"$",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"TY  - ",
    b"ER  -",
    b"PT J\n",
    b"ER\n",
    b"   ",
    b"null",
    b"-1",
    b"1e999",
    b"9" * 5000,
]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed cut short and with a few bytes flipped, inserted or deleted."""
    data = bytearray(seed[: draw(st.integers(0, len(seed)))] if draw(st.booleans()) else seed)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(("insert", "delete", "flip")))
        if op == "insert":
            data[at:at] = draw(st.sampled_from(SPECIAL) | st.binary(min_size=1, max_size=6))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


@st.composite
def reencoded(draw: st.DrawFn, seed: bytes) -> bytes:
    text = seed.decode("utf-8", "replace")
    codec = draw(st.sampled_from(("latin-1", "cp1252", "utf-16", "utf-16-be", "utf-32", "cp500")))
    return text.encode(codec, "replace")


@st.composite
def huge_field(draw: st.DrawFn, seed: bytes) -> bytes:
    at = draw(st.integers(0, len(seed)))
    size = draw(st.sampled_from((70_000, 140_000, 400_000, 1_300_000)))
    filler = draw(st.sampled_from((b"a", b"word ", b"{", b"\\'e", b"\xe2\x80\x9c")))
    return seed[:at] + filler * (size // len(filler)) + seed[at:]


_WRONG = (None, 0, -1, 1.5, True, "", "nan", [], {}, [None], {"": []}, "x" * 300, [[[[]]]])


def _damage(value: object, rng: random.Random) -> object:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            roll = rng.random()
            if roll < 0.15:
                continue  # missing key
            out[key] = rng.choice(_WRONG) if roll < 0.3 else _damage(item, rng)
        return out
    if isinstance(value, list):
        return [_damage(v, rng) for v in value if rng.random() > 0.1]
    return value


@st.composite
def missing_keys(draw: st.DrawFn, seed: bytes) -> bytes:
    """JSON seeds with keys dropped and values of the wrong type."""
    rng = draw(st.randoms(use_true_random=False))
    try:
        doc = json.loads(seed)
    except ValueError:
        lines = [json.loads(ln) for ln in seed.splitlines() if ln.strip()]
        return b"\n".join(json.dumps(_damage(x, rng)).encode() for x in lines) + b"\n"
    return json.dumps(_damage(doc, rng)).encode()


JSON_FORMATS = {"arxiv-kaggle", "openalex", "s2", "jsonl"}


def inputs(name: str) -> st.SearchStrategy[bytes]:
    seed = SEEDS[name]
    options = [st.binary(max_size=2048), mutated(seed), reencoded(seed), huge_field(seed)]
    if name in JSON_FORMATS:
        options.append(missing_keys(seed))
    return st.one_of(options)


#: the extractor's cap in the fuzz: the same code as the shipped 100,000, a tenth of the
#: time per huge field (tests/extract/test_pipeline_long_text.py checks the real cap)
FUZZ_TEXT_CAP = 10_000


@pytest.fixture(scope="module")
def extractor():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "MAX_TEXT_CHARS", FUZZ_TEXT_CAP)
        yield load_extractor()


def _read(path: Path, fmt: str | None) -> tuple[list[Paper], list[InputError]]:
    """Every paper and every error from reading ``path``, raised or yielded."""
    papers, errors = [], []
    try:
        for item in iter_papers(path, fmt):
            assert isinstance(item, Paper | InputError)
            (errors if isinstance(item, InputError) else papers).append(item)
    except InputError as error:
        errors.append(error)
    return papers, errors


def _check(data: bytes, fmt: str | None, extractor: Extractor) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzzed-input"
        path.write_bytes(data)
        papers, errors = _read(path, fmt)
        for error in errors:
            _assert_clear(error, path)
        for paper in papers:
            assert paper.title and paper.id
        _check_extraction(papers, extractor)


def _check_extraction(papers: list[Paper], extractor: Extractor) -> None:
    """Whatever was read can be extracted: no exception, a warning exactly for the papers
    over the cap, and every mention an offset into the paper's own text."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        found = list(extractor.extract(papers))
    warned = sum(issubclass(w.category, InputWarning) for w in caught)
    assert warned == sum(len(p.text) > FUZZ_TEXT_CAP for p in papers)
    for pe in found:
        for entity in pe.entities:
            assert entity.name.strip()
            for start, end in entity.mentions:
                assert 0 <= start < end <= min(len(pe.paper.text), FUZZ_TEXT_CAP)


def _assert_clear(error: InputError, path: Path) -> None:
    assert "reader bug" not in str(error), str(error)
    assert error.path == str(path)
    assert "expected" in error.reason


def test_every_registered_reader_is_fuzzed() -> None:
    assert set(SEEDS) == set(formats())


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_reader_raises_only_input_error_on_any_bytes(name: str, extractor: Extractor) -> None:
    @FUZZ
    @given(data=inputs(name))
    def run(data: bytes) -> None:
        _check(data, name, extractor)

    run()


def test_detection_then_reading_raises_only_input_error(extractor: Extractor) -> None:
    @FUZZ
    @given(data=st.one_of([mutated(seed) for seed in SEEDS.values()]))
    def run(data: bytes) -> None:
        _check(data, None, extractor)

    run()


#: formats whose last record ends at a line end with no closing mark: a cut inside the
#: last field of the last line leaves a shorter record that no reader could tell from a
#: whole one. A cut inside a quoted field, or one that leaves a row short of fields, can
#: be told and must be reported.
NO_END_MARK = {"hf-listing", "wos-tab", "csv", "scopus"}


def _undetectable(name: str, data: bytes) -> bool:
    """Whether a cut at the end of ``data`` is one no reader of ``name`` can see."""
    if name not in NO_END_MARK or data.endswith((b"\n", b"\r")):
        return False
    if name == "hf-listing":  # a cut abstract line; a cut title line leaves an odd count
        return True
    if name != "wos-tab" and data.count(b'"') % 2:  # inside a quoted field
        return False
    text = data.decode(_codec(name), "replace")
    options = {"delimiter": "\t", "quoting": csv.QUOTE_NONE} if name == "wos-tab" else {}
    rows = list(csv.reader(io.StringIO(text, newline=""), **options))  # type: ignore[arg-type]
    return len(rows) > 1 and len(rows[-1]) >= len(rows[0])  # the cut is in the last field


def _codec(name: str) -> str:
    return "utf-16" if name == "wos-tab" else "utf-8-sig"


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_a_file_cut_short_never_yields_a_cut_record_silently(name: str) -> None:
    """Each paper read from a fixture cut at a random byte is one of the whole file's
    papers, or the reader reports the damage; no paper whose title is in the cut file
    goes missing without a report. The only exception is the last paper of a format with
    no end-of-record mark, cut in its last field (see NO_END_MARK)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cut-input"
        path.write_bytes(SEEDS[name])
        whole, _ = _read(path, name)

        @FUZZ
        @given(cut=st.integers(1, len(SEEDS[name]) - 1))
        def run(cut: int) -> None:
            data = SEEDS[name][:cut]
            path.write_bytes(data)
            papers, errors = _read(path, name)
            strays = [p for p in papers if p not in whole]
            if strays and not errors and _undetectable(name, data):
                assert strays == papers[-1:]
            else:
                assert not strays, (name, cut, strays[0], [str(e) for e in errors])
            # nor dropped: a paper whose whole title is in the cut file was begun
            text = " ".join(data.decode(_codec(name), "replace").split())
            cut_titles = {p.title for p in strays}
            lost = [p for p in whole if p not in papers and p.title in text]
            assert errors or not [p for p in lost if p.title not in cut_titles], (name, cut)

        run()


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_reads_cleanly(name: str) -> None:
    """The unmutated seeds are good input, so the fuzzing starts from real files."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed"
        path.write_bytes(SEEDS[name])
        items = list(iter_papers(path, name))
    assert items
    assert all(isinstance(i, Paper) for i in items), [str(i) for i in items]
