"""What a reader does with broken input (docs/security.md): each kind of damage a real
export tool or a hostile file can produce ends in the right papers or a clear error
that names the file and the line or record."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from paperkg.extract.errors import InputError
from paperkg.extract.readers import detect, iter_papers, read_papers
from paperkg.extract.records import Paper

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
SCOPUS = FIX / "scopus-petri-nets-trimmed.csv"


@pytest.mark.parametrize("name", ["export.csv", "export.txt"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_with_bom_is_read_as_csv(tmp_path: Path, name: str, codec: str) -> None:
    """The format is judged from the content, so the name does not matter."""
    path = tmp_path / name
    text = "title,abstract\nA paper,We use BERT.\n"
    path.write_bytes(text.encode(codec) if codec == "utf-16" else ("\ufeff" + text).encode(codec))
    assert detect(path).name == "csv"
    [paper] = read_papers([path]).papers
    assert (paper.title, paper.abstract) == ("A paper", "We use BERT.")


# --- CSV, Scopus and WoS tab files cut short -----------------------------------------


def _scopus(tmp_path: Path, lines: int) -> tuple[Path, bytes]:
    """A path and the Scopus fixture's first ``lines`` lines (5: the header and 3 records;
    the third record's abstract spans lines 4 and 5)."""
    data = b"\n".join(SCOPUS.read_bytes().split(b"\n")[:lines]) + b"\n"
    return tmp_path / "scopus.csv", data


def test_csv_cut_inside_a_quoted_field_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "papers.csv"
    path.write_text('title,abstract\nOne,"Whole."\nTwo,"We train GPT-4 on MM', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert (info.value.path, info.value.line, info.value.record) == (str(path), 3, 2)
    assert "cut short" in info.value.reason and "expected" in info.value.reason
    result = read_papers([path], skip_bad=True)
    assert [p.title for p in result.papers] == ["One"]


def test_scopus_cut_inside_the_last_record_is_a_bad_record(tmp_path: Path) -> None:
    path, data = _scopus(tmp_path, 5)
    path.write_bytes(data[: data.rindex(b"Intracellular processes") + 20])  # third abstract
    result = read_papers([path], skip_bad=True)
    assert len(result.papers) == 2
    (error,) = result.skipped
    assert (error.path, error.line, error.record) == (str(path), 4, 3)
    assert "cut short" in error.reason


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("title,abstract,year\nOne,Whole.,2020\nTwo,Cut\n", "2 fields"),
        ("title,abstract,year\nOne,Whole.,2020\nTwo\nThree,Whole.,2021\n", "1 field"),
    ],
    ids=["last-row", "middle-row"],
)
def test_csv_row_with_too_few_fields_names_file_and_line(
    tmp_path: Path, text: str, found: str
) -> None:
    path = tmp_path / "papers.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert (info.value.path, info.value.line) == (str(path), 3)
    assert f"row has {found} but the header has 3" in info.value.reason
    assert "expected" in info.value.reason


def test_scopus_row_with_too_few_fields_names_file_and_line(tmp_path: Path) -> None:
    path, data = _scopus(tmp_path, 5)
    lines = data.split(b"\n")
    lines[2] = lines[2][: lines[2].index(b',"Proceedings')]  # the rest of the row is lost
    path.write_bytes(b"\n".join(lines))
    result = read_papers([path], skip_bad=True)
    (error,) = result.skipped
    assert (error.path, error.line, error.record) == (str(path), 3, 2)
    assert "fields for 45 columns" in error.reason
    assert len(result.papers) == 2


def test_wos_tab_row_cut_short_names_file_and_line(tmp_path: Path) -> None:
    text = (FIX / "wos-tab-delimited-from-tagged.txt").read_bytes().decode("utf-16")
    path = tmp_path / "savedrecs.txt"
    path.write_text(text[: text.rindex("\t10.1021")], encoding="utf-16")
    result = read_papers([path], skip_bad=True)
    (error,) = result.skipped
    assert (error.path, error.line) == (str(path), 3)
    assert "fields for 17 columns" in error.reason
    assert len(result.papers) == 1


# --- a pipe as input ------------------------------------------------------------------


@pytest.mark.timeout(30)
def test_a_fifo_is_read_once(tmp_path: Path) -> None:
    """`paperkg build <(zcat papers.jsonl.gz)` hands over a pipe: it can be read once, so
    looking at its head and then reading it must not open it twice (that hung)."""
    fifo = tmp_path / "papers.jsonl"
    os.mkfifo(fifo)
    lines = "".join(f'{{"title": "Paper {i}", "abstract": "We use BERT."}}\n' for i in range(3))
    writer = threading.Thread(target=fifo.write_text, args=(lines,), daemon=True)
    writer.start()
    result = read_papers([fifo])
    assert [p.title for p in result.papers] == ["Paper 0", "Paper 1", "Paper 2"]
    assert result.papers[0].source == ("jsonl:papers.jsonl",)


@pytest.mark.timeout(30)
def test_an_error_in_a_fifo_names_the_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "papers.jsonl"
    os.mkfifo(fifo)
    lines = '{"title": "A", "abstract": "x"}\n{"title": "B", "abs\n'
    threading.Thread(target=fifo.write_text, args=(lines,), daemon=True).start()
    with pytest.raises(InputError) as info:
        read_papers([fifo])
    assert (info.value.path, info.value.line) == (str(fifo), 2)
    assert str(info.value).startswith(f"{fifo}, line 2: broken JSON")


# --- JSON nested too deep ---------------------------------------------------------------


def test_jsonl_nested_too_deep_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    bomb = '{"title": "B", "abstract": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text(f'{{"title": "A", "abstract": "x"}}\n{bomb}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert (info.value.path, info.value.line) == (str(path), 2)
    assert "reader bug" not in str(info.value)
    assert "nested too deeply" in info.value.reason and "expected" in info.value.reason


# --- what the format error tells the user -------------------------------------------------


def test_unknown_content_points_to_the_input_format_option(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("<html><body>not papers</body></html>\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert "--input-format" in str(info.value)
    with pytest.raises(InputError) as info:
        read_papers([path], fmt="pdf")
    assert "--input-format" in str(info.value)
    assert "--format " not in str(info.value)


# --- text no later stage can take -------------------------------------------------------

CONTROL = "".join(chr(c) for c in [*range(0x09), 0x0E, 0x1B, 0x7F, 0x80, 0x9F, 0xFFFE])


def _all_text(paper: Paper) -> str:
    return " ".join(
        [paper.id, paper.title, paper.abstract, *paper.authors, *paper.source, *paper.references]
    )


def test_lone_surrogates_become_replacement_characters(tmp_path: Path) -> None:
    """JSON may escape half of a UTF-16 pair (\\ud800); no UTF-8 writer can take it."""
    path = tmp_path / "papers.jsonl"
    path.write_text(
        '{"title": "Half \\ud800 pair", "abstract": "We use \\udfff BERT.", '
        '"authors": ["A \\ud83d"], "doi": "10.1000/x\\ud800"}\n',
        encoding="utf-8",
    )
    [paper] = read_papers([path]).papers
    assert (paper.title, paper.abstract) == ("Half \ufffd pair", "We use \ufffd BERT.")
    assert paper.authors == ("A \ufffd",)
    _all_text(paper).encode("utf-8")  # would raise on a lone surrogate


@pytest.mark.parametrize("name", ["papers.jsonl", "papers.csv", "openalex.jsonl"])
def test_control_characters_are_stripped_when_read(tmp_path: Path, name: str) -> None:
    """XML 1.0 (GraphML, GEXF) cannot hold NUL, ESC or most other controls at all."""
    dirty = f"We use GPT-4{CONTROL} on\x0bMMLU."
    path = tmp_path / name
    if name == "papers.csv":  # a raw NUL byte makes it a binary file: JSON escapes one
        raw = f'title,abstract\n"T{CONTROL}itle","{dirty}"\n'.replace("\x00", "")
        path.write_text(raw, encoding="utf-8")
    else:
        work = {"title": f"T{CONTROL}itle", "abstract": dirty}
        if name == "openalex.jsonl":
            words = dirty.split(" ")
            work = {
                "id": "https://openalex.org/W1",
                "title": f"T{CONTROL}itle",
                "abstract_inverted_index": {w: [i] for i, w in enumerate(words)},
                "referenced_works": [f"https://openalex.org/W2{CONTROL}"],
            }
        path.write_text(json.dumps(work) + "\n", encoding="utf-8")
    [paper] = read_papers([path]).papers
    assert paper.title == "Title"
    assert paper.abstract == "We use GPT-4 on MMLU."
    assert not any(c in _all_text(paper) for c in CONTROL)


# --- XML entities (XXE) ---------------------------------------------------------------------

ATOM_WITH_DOCTYPE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE feed {doctype}>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>arXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2401.00001v1</id>
    <title>Leak &xxe; here</title>
    <summary>We study &xxe; things.</summary>
    <published>2024-01-01T00:00:00Z</published>
    <author><name>A B</name></author>
  </entry>
</feed>
"""


def test_atom_reader_never_resolves_external_entities(tmp_path: Path) -> None:
    """An arXiv-looking feed whose entity names a local file: the file's content must
    never reach a paper (it did when resolve_entities was switched on)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-FROM-FILE", encoding="utf-8")
    doctype = f'[<!ENTITY xxe SYSTEM "{secret.as_uri()}">]'
    path = tmp_path / "feed.xml"
    path.write_text(ATOM_WITH_DOCTYPE.format(doctype=doctype), encoding="utf-8")
    [paper] = iter_papers(path, "arxiv-atom")
    assert isinstance(paper, Paper)
    assert "SECRET" not in _all_text(paper)
    assert paper.title == "Leak &xxe; here"  # the reference is left as written


def test_atom_reader_does_not_expand_internal_entities(tmp_path: Path) -> None:
    """Nested entities ("billion laughs", here 10,000 laughs so that switching the
    protection off shows as a 30,000-character title instead of exhausting memory)."""
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 5)
    ]
    doctype = "[" + "".join(lol) + '<!ENTITY xxe "&lol4;">]'
    path = tmp_path / "feed.xml"
    path.write_text(ATOM_WITH_DOCTYPE.format(doctype=doctype), encoding="utf-8")
    [paper] = iter_papers(path, "arxiv-atom")
    assert isinstance(paper, Paper)
    assert paper.title == "Leak &xxe; here"


_CONTROL_TITLE = {
    "jsonl": '{"title": "A", "abstract": "x"}\n{"title": "\\u0001\\u0000", "abstract": "x"}\n',
    "csv": 'title,abstract\nA,x\n"\x01\x02",x\n',
    "arxiv-kaggle": '{"id": "2401.00001", "title": "A", "abstract": "x"}\n'
    '{"id": "2401.00002", "title": "\\u0001", "abstract": "x"}\n',
    "openalex": '{"id": "https://openalex.org/W1", "title": "A"}\n'
    '{"id": "https://openalex.org/W2", "title": "<i>\\u0001</i>"}\n',
    "s2": '{"paperId": "a1", "title": "A", "abstract": "x"}\n'
    '{"paperId": "a2", "title": "\\u0001", "abstract": "x"}\n',
    "bibtex": "@article{a, title = {A}}\n\n@article{b, title = {\x01\x02}}\n",
    "hf-listing": "A\nWe use BERT.\n\x01\x02\n",  # a line of controls is a blank line
}


@pytest.mark.parametrize("fmt", sorted(_CONTROL_TITLE))
def test_a_title_of_control_characters_only_is_no_title(tmp_path: Path, fmt: str) -> None:
    """Once control characters are dropped the title is empty: a bad record naming its
    line, never a paper without a title."""
    path = tmp_path / "input.txt"
    path.write_text(_CONTROL_TITLE[fmt], encoding="utf-8")
    result = read_papers([path], fmt, skip_bad=True)
    assert [p.title for p in result.papers] == ["A"]
    if fmt != "hf-listing":
        (error,) = result.skipped
        assert (error.path, error.line) == (str(path), 3 if fmt in ("bibtex", "csv") else 2)


def test_a_utf16_file_cut_at_an_odd_byte_says_utf16(tmp_path: Path) -> None:
    path = tmp_path / "savedrecs.txt"
    data = (FIX / "wos-tab-delimited-from-tagged.txt").read_bytes()
    path.write_bytes(data[: len(data) // 2 * 2 - 1])
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert info.value.path == str(path)
    assert "not valid UTF-16" in info.value.reason and "expected" in info.value.reason
