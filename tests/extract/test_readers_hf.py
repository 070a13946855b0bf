"""Issue 2's readers: the Hugging Face listing, JSON Lines and CSV, on the real sample
and on broken files. Every error names the file and the line or record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paperkg.extract.errors import InputError
from paperkg.extract.readers import detect, iter_papers, read_papers

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "readers" / "broken"


def test_listing_sample_gives_231_papers_with_subscribe_cut_off(sample_listing: Path) -> None:
    result = read_papers([sample_listing])
    assert detect(sample_listing).name == "hf-listing"
    assert len(result.papers) == 231
    assert result.papers[0].title == "L0: Reinforcement Learning to Become General Agents"
    assert not any("Subscribe" in p.title for p in result.papers)
    assert all(p.abstract and p.title != p.abstract for p in result.papers)
    assert result.papers[0].source == ("hf-listing:trending-agents.txt",)


def test_listing_ids_are_stable_title_hashes(sample_listing: Path) -> None:
    first = [p.id for p in read_papers([sample_listing]).papers]
    second = [p.id for p in read_papers([sample_listing]).papers]
    assert first == second
    assert all(i.startswith("title:") for i in first)
    assert len(set(first)) == 231


def test_listing_with_odd_number_of_lines_names_file_and_line() -> None:
    path = BROKEN / "listing-odd-lines.txt"
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert info.value.path == str(path)
    assert info.value.line == 7
    assert "odd number" in str(info.value)
    assert "expected a title line followed by an abstract line" in str(info.value)


def test_jsonl_broken_on_line_17_stops_with_line_number() -> None:
    path = BROKEN / "jsonl-broken-line17.jsonl"
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert info.value.line == 17
    assert str(info.value).startswith(f"{path}, line 17: broken JSON")


def test_jsonl_skip_bad_counts_line_17_and_keeps_the_rest() -> None:
    result = read_papers([BROKEN / "jsonl-broken-line17.jsonl"], skip_bad=True)
    assert len(result.papers) == 18
    assert [e.line for e in result.skipped] == [17]


def test_csv_missing_abstract_column_is_named() -> None:
    path = BROKEN / "csv-missing-abstract-column.csv"
    with pytest.raises(InputError) as info:
        list(iter_papers(path))
    assert info.value.line == 1
    assert "missing column(s) abstract" in str(info.value)
    assert "found: id, title, year" in str(info.value)


def test_csv_row_with_too_many_fields_names_record_and_line() -> None:
    result = read_papers([BROKEN / "csv-ragged-row.csv"], skip_bad=True)
    assert [p.title for p in result.papers] == ["Paper one", "Paper three"]
    (error,) = result.skipped
    assert (error.line, error.record) == (3, 2)
    assert "3 fields but the header has 2" in str(error)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", "file is empty"),
        ("binary.bin", "binary file"),
        ("latin1-listing.txt", "not valid UTF-8"),
    ],
)
def test_unreadable_files_are_named_with_what_was_expected(name: str, words: str) -> None:
    path = BROKEN / name
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert info.value.path == str(path)
    assert words in str(info.value)
    assert "expected" in str(info.value)
    assert info.value.exit_code == 2


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_papers([tmp_path / "nope.txt"])
    with pytest.raises(InputError, match="is a directory"):
        read_papers([tmp_path])


def test_jsonl_optional_fields_fill_the_paper(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    row = {
        "title": "T  one",
        "abstract": "A\nb",
        "year": "2024-05-01",
        "authors": ["X", "Y"],
        "url": "https://e.org/1",
        "doi": "https://doi.org/10.1234/ABC",
        "arxiv_id": "2401.00001v2",
    }
    path.write_text(json.dumps(row) + "\n\n" + json.dumps({"title": "Two", "abstract": ""}) + "\n")
    one, two = read_papers([path]).papers
    assert (one.title, one.abstract, one.year, one.authors) == ("T one", "A b", 2024, ("X", "Y"))
    assert (one.doi, one.arxiv_id, one.id, one.url) == (
        "10.1234/abc",
        "2401.00001",
        "doi:10.1234/abc",
        "https://e.org/1",
    )
    assert two.abstract == ""


def test_jsonl_record_without_title_or_abstract_key_is_bad(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_text('{"title": "Ok", "abstract": "x"}\n{"abstract": "x"}\n{"title": "T"}\n[1]\n')
    result = read_papers([path], skip_bad=True)
    assert [p.title for p in result.papers] == ["Ok"]
    assert [e.line for e in result.skipped] == [2, 3, 4]
    assert "missing 'abstract' key" in str(result.skipped[1])


def test_csv_explicit_id_column_and_multiline_fields_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "papers.csv"
    path.write_text('id,title,abstract,year\nP1,First,"two\nlines",2020\nP2,,"no title",2021\n')
    result = read_papers([path], skip_bad=True)
    assert [(p.id, p.abstract, p.year) for p in result.papers] == [("P1", "two lines", 2020)]
    assert result.skipped[0].line == 4


def test_tab_separated_file_is_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "papers.tsv"
    path.write_text("title\tabstract\nA title\tAn abstract, with a comma\n")
    (paper,) = read_papers([path]).papers
    assert paper.abstract == "An abstract, with a comma"


def test_format_can_be_forced_and_unknown_names_are_listed(sample_listing: Path) -> None:
    with pytest.raises(InputError, match="missing column"):
        read_papers([sample_listing], fmt="csv")
    with pytest.raises(InputError) as info:
        read_papers([sample_listing], fmt="word")
    assert "unknown format 'word'" in str(info.value)
    assert "hf-listing" in str(info.value)
    assert "bibtex" in str(info.value)


def test_csv_broken_late_keeps_the_rows_before_it_with_skip_bad(tmp_path: Path) -> None:
    path = tmp_path / "papers.csv"
    huge = b"x" * (17 << 20)  # past the csv module's field size limit (16 MB here)
    path.write_bytes(b"title,abstract\nFirst,One.\nSecond,Two.\nThird," + huge + b"\n")
    result = read_papers([path], skip_bad=True)
    assert [p.title for p in result.papers] == ["First", "Second"]
    assert "broken CSV (field larger than field limit" in str(result.skipped[0])
    with pytest.raises(InputError, match="broken CSV"):
        read_papers([path])
