"""The same paper from several sources becomes one record with merged fields and
every source kept; different papers that merely share a title stay apart."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from paperkg.extract.identity import combine, merge_papers
from paperkg.extract.readers import read_papers
from paperkg.extract.records import Paper

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
ATOM = FIX / "xiv-cs-RO-neural-2025.xml"
BIB = FIX / "zotero-style-rdd-and-duplicates.bib"
OPENALEX = FIX / "openalex-handmade-works-page.json"


def _rdd(papers: list[Paper]) -> Paper:
    (rdd,) = [p for p in papers if p.title.startswith("RDD:")]
    return rdd


def test_arxiv_atom_and_bibtex_give_one_paper_with_both_sources() -> None:
    result = read_papers([ATOM, BIB])
    rdd = _rdd(result.papers)
    assert rdd.source == (
        "arxiv-atom:xiv-cs-RO-neural-2025.xml",
        "bibtex:zotero-style-rdd-and-duplicates.bib",
    )
    assert rdd.id == "arxiv:2510.14968"
    assert rdd.arxiv_id == "2510.14968"
    assert rdd.doi == "10.48550/arxiv.2510.14968"  # only BibTeX had it
    assert rdd.abstract.endswith("Code and more results are available at rdd-neurips.github.io.")
    assert rdd.authors == ("Mingxuan Yan", "Yuping Wang", "Zechun Liu", "Jiachen Li")
    assert rdd.year == 2025
    assert len(result.papers) == 2 + 1  # two arXiv papers, Gödel (entered twice) once
    assert result.duplicates == 2


def test_merge_does_not_depend_on_file_order() -> None:
    one = _rdd(read_papers([ATOM, BIB, OPENALEX]).papers)
    two = _rdd(read_papers([OPENALEX, BIB, ATOM]).papers)
    assert one.id == two.id == "arxiv:2510.14968"
    assert set(one.source) == set(two.source) and len(one.source) == 3
    assert (one.openalex_id, two.openalex_id) == ("W4300000004", "W4300000004")
    assert one.references == two.references == ("openalex:W4300000001", "openalex:W4300000002")
    assert one.abstract == two.abstract


def _paper(title: str, **ids: str) -> Paper:
    return Paper(id=f"x:{title}:{sorted(ids.items())}", title=title, source=(f"s:{title}",), **ids)


def test_same_title_with_different_dois_stays_two_papers() -> None:
    a = _paper("Editorial", doi="10.1000/a")
    b = _paper("Editorial", doi="10.1000/b")
    c = _paper("editorial.")
    merged = merge_papers([a, b, c])
    assert [p.doi for p in merged] == ["10.1000/a", "10.1000/b"]
    assert merged[1].source == ("s:Editorial", "s:editorial.")  # joins the latest same title


def test_ids_bridge_records_transitively() -> None:
    only_arxiv = _paper("A preprint", arxiv_id="2401.00001")
    only_doi = _paper("The published version", doi="10.1000/pub")
    both = _paper("Whatever", arxiv_id="2401.00001", doi="10.1000/pub")
    (merged,) = merge_papers([only_arxiv, only_doi, both])
    assert merged.title == "A preprint"
    assert (merged.doi, merged.arxiv_id) == ("10.1000/pub", "2401.00001")
    assert len(merged.source) == 3


def test_every_id_scheme_matches() -> None:
    for scheme, value in [("openalex_id", "W1"), ("s2_id", "abc"), ("doi", "10.1000/x")]:
        a = _paper("First title", **{scheme: value})
        b = _paper("Second title", **{scheme: value})
        assert len(merge_papers([a, b])) == 1, scheme


def test_arxiv_version_and_arxiv_doi_name_the_same_paper(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_text(
        '{"title": "X v1", "abstract": "", "arxiv_id": "https://arxiv.org/abs/2401.00001v1"}\n'
        '{"title": "X v3", "abstract": "", "arxiv_id": "2401.00001v3"}\n'
        '{"title": "X doi", "abstract": "", "doi": "https://doi.org/10.48550/arXiv.2401.00001"}\n'
    )
    (paper,) = read_papers([path]).papers
    assert (paper.id, paper.arxiv_id) == ("arxiv:2401.00001", "2401.00001")


def test_publisher_doi_wins_over_arxiv_doi_and_explicit_ids_are_kept() -> None:
    pre = Paper(id="my-id", title="T", doi="10.48550/arxiv.2401.00001", arxiv_id="2401.00001")
    pub = Paper(id="doi:10.1000/pub", title="T", doi="10.1000/pub")
    merged = combine(pre, pub)
    assert merged.doi == "10.1000/pub"
    assert merged.id == "my-id"


def test_unrelated_papers_keep_their_order() -> None:
    papers = [_paper(f"Paper number {n}") for n in range(5)]
    assert merge_papers(papers) == papers


def _same_title(tmp_path: Path, n: int, doi: bool) -> Path:
    path = tmp_path / "editorials.jsonl"
    rows = (
        {"title": "Editorial", "abstract": f"Issue {i}."}
        | ({"doi": f"10.1000/ed{i}"} if doi else {})
        for i in range(n)
    )
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(("doi", "papers"), [(False, 1), (True, 3000)], ids=["no-ids", "dois"])
def test_many_records_with_one_title_read_in_linear_time(
    tmp_path: Path, doi: bool, papers: int
) -> None:
    """3,000 records named "Editorial" (a real export has hundreds): each merge used to
    re-index and rescan the whole group, so 2,000 took about a minute; CPU time, not wall
    time, so a busy machine does not make it flaky."""
    path = _same_title(tmp_path, 3000, doi)
    start = time.process_time()
    result = read_papers([path])
    assert time.process_time() - start < 2.0
    assert len(result.papers) == papers
    if not doi:
        assert result.papers[0].source == ("jsonl:editorials.jsonl",)


def test_merging_thousands_of_records_unites_references_in_linear_time() -> None:
    papers = [
        Paper(f"title:{i}", "Editorial", source=(f"ris:part{i % 3}.ris",), references=refs)
        for i in range(3000)
        for refs in [tuple(f"doi:10.1000/r{i}.{j}" for j in range(30))]
    ]
    start = time.process_time()
    (merged,) = merge_papers(papers)
    assert time.process_time() - start < 2.0
    assert merged.references == tuple(r for p in papers for r in p.references)
    assert merged.source == ("ris:part0.ris", "ris:part1.ris", "ris:part2.ris")
