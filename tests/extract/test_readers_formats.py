"""Issue 5's readers on real exports: arXiv Atom (legacy and new API), the Kaggle
arXiv snapshot, OpenAlex, Semantic Scholar, BibTeX/BibLaTeX, RIS, Web of Science
and Scopus, each with the quirks listed in tests/fixtures/readers/SOURCES.md."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from paperkg.extract.errors import InputError
from paperkg.extract.readers import detect, iter_papers, read_papers
from paperkg.extract.records import Paper

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
BROKEN = FIX / "broken"
TURING = "2d5673caa9e6af3a7b82a43f19ee920992db07ad"


def papers(name: str, fmt: str | None = None) -> list[Paper]:
    items = list(iter_papers(FIX / name, fmt))
    assert all(isinstance(i, Paper) for i in items), [str(i) for i in items]
    return items  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("arxivpy-au-del_maestro-2016.xml", "arxiv-atom"),
        ("xiv-cs-RO-neural-2025.xml", "arxiv-atom"),
        ("arxiv-digest-all-nicotine-2026-newapi.xml", "arxiv-atom"),
        ("arxiv-kaggle-first30.jsonl", "arxiv-kaggle"),
        ("openalex-handmade-works-page.json", "openalex"),
        ("openalex-handmade-works.jsonl", "openalex"),
        ("s2-turing1950-trimmed.json", "s2"),
        ("zotero-bbt-ml-preprints.biblatex.bib", "bibtex"),
        ("zotero-bbt-philosophy-library.bib", "bibtex"),
        ("asreview-zotero-first40.ris", "ris"),
        ("litstudy-ieee-exascale.ris", "ris"),
        ("rispy-wos-tagged-2records.txt", "wos"),
        ("wos-tab-delimited-from-tagged.txt", "wos-tab"),
        ("scopus-petri-nets-trimmed.csv", "scopus"),
    ],
)
def test_format_is_detected_from_content_not_name(name: str, fmt: str, tmp_path: Path) -> None:
    renamed = tmp_path / "export.txt"
    shutil.copyfile(FIX / name, renamed)
    assert detect(renamed).name == fmt


# --- arXiv Atom -----------------------------------------------------------------------


def test_atom_legacy_feed_squashes_hard_wraps_and_strips_versions() -> None:
    found = papers("arxivpy-au-del_maestro-2016.xml")
    assert len(found) == 10
    old = next(p for p in found if p.arxiv_id == "cond-mat/0412498")
    assert old.title == "Thermal melting of density waves on the square lattice"
    assert old.doi == "10.1103/physrevb.71.184511"
    assert old.id == "doi:10.1103/physrevb.71.184511"
    assert old.authors == ("Adrian Del Maestro", "Subir Sachdev")
    assert old.year == 2004
    assert sum(p.arxiv_id is not None and "/" in p.arxiv_id for p in found) == 4
    assert all("\n" not in p.abstract and "  " not in p.abstract for p in found)
    assert found[0].abstract.startswith("As helium-4 is cooled below 2.17 K")
    assert any("$" in p.abstract for p in found)  # TeX kept as written


def test_atom_new_api_keeps_joined_words_and_reads_moved_namespaces() -> None:
    found = papers("arxiv-digest-all-nicotine-2026-newapi.xml")
    assert len(found) == 10
    first = found[0]
    assert first.arxiv_id == "1509.01687"
    assert first.doi == "10.1063/1.4904358"
    assert "working asa nanopore" in first.abstract
    assert "Whenthe Nicotine molecule" in first.abstract
    assert any(p.arxiv_id and p.arxiv_id.startswith("q-bio/") for p in found)
    assert any("Karine Guimarães" in p.authors for p in found)


def test_atom_title_wrapped_over_two_lines_becomes_one_line() -> None:
    rdd = papers("xiv-cs-RO-neural-2025.xml")[0]
    assert rdd.title == (
        "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks"
    )
    assert (rdd.id, rdd.url) == ("arxiv:2510.14968", "http://arxiv.org/abs/2510.14968v1")


def test_atom_api_error_entry_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "error.xml"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        "<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>"
        "<summary>incorrect id format for 1234</summary></entry></feed>"
    )
    (error,) = list(iter_papers(path))
    assert isinstance(error, InputError)
    assert "arXiv API returned an error: incorrect id format for 1234" in str(error)
    assert error.record == 1


def test_atom_cut_short_keeps_complete_entries_with_skip_bad() -> None:
    path = BROKEN / "atom-truncated.xml"
    result = read_papers([path], skip_bad=True)
    assert [p.arxiv_id for p in result.papers] == ["2510.14968"]
    (error,) = result.skipped
    assert "broken XML after entry 1" in str(error)
    assert error.line == 63
    with pytest.raises(InputError, match="broken XML"):
        read_papers([path])


# --- arXiv Kaggle snapshot -------------------------------------------------------------


def test_kaggle_snapshot_uses_parsed_authors_and_first_version_year() -> None:
    found = papers("arxiv-kaggle-first30.jsonl")
    assert len(found) == 30
    first = found[0]
    assert first.title == (
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    )
    assert first.authors[0] == "C. Balázs"
    assert (first.year, first.arxiv_id, first.doi) == (
        2007,
        "0704.0001",
        "10.1103/physrevd.76.013009",
    )
    assert first.url == "https://arxiv.org/abs/0704.0001"
    assert first.abstract.startswith("A fully differential calculation")
    assert all("\n" not in p.title for p in found)


def test_kaggle_snapshot_is_streamed_not_loaded(tmp_path: Path) -> None:
    line = (FIX / "arxiv-kaggle-first30.jsonl").read_bytes().split(b"\n")[0]
    row = json.loads(line)
    path = tmp_path / "snapshot.jsonl"
    with path.open("wb") as out:
        for n in range(6000):
            out.write(json.dumps({**row, "id": f"0704.{n:04d}"}).encode() + b"\n")
    size = path.stat().st_size
    tracemalloc.start()
    count = sum(1 for _ in iter_papers(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 6000
    assert peak < size / 5, (peak, size)


# --- OpenAlex ---------------------------------------------------------------------------

TOOLARENA_ABSTRACT = (
    "We introduce ToolArena, a benchmark of 1,200 tasks in which language agents must call "
    "tools. Agents are scored on task success, and the benchmark reports success for every "
    "tool call in the trajectory."
)


def test_openalex_page_rebuilds_abstracts_word_for_word() -> None:
    tool, retrieval, survey, rdd = papers("openalex-handmade-works-page.json")
    assert tool.abstract == TOOLARENA_ABSTRACT
    assert "that the the gain grows" in retrieval.abstract
    assert survey.abstract == ""
    assert rdd.abstract.endswith("and evaluate it on ToolArena.")


def test_openalex_ids_references_and_html_titles() -> None:
    tool, retrieval, survey, rdd = papers("openalex-handmade-works-page.json")
    assert retrieval.title == "Retrieval Helps Long-Horizon Planning: 5 th Ablation & Beyond"
    assert (tool.openalex_id, tool.doi, tool.year) == (
        "W4300000001",
        "10.5555/toolarena.2024",
        2024,
    )
    assert survey.references == (
        "openalex:W4300000001",
        "openalex:W4300000002",
        "openalex:W2741809807",
    )
    assert rdd.arxiv_id == "2510.14968"
    assert tool.authors == ("Ada Example", "Bo Sample")


def test_openalex_jsonl_and_single_work_give_the_same_papers(tmp_path: Path) -> None:
    page = papers("openalex-handmade-works-page.json")
    lines = papers("openalex-handmade-works.jsonl")
    assert [p.with_changes(source=()) for p in page] == [p.with_changes(source=()) for p in lines]
    work = json.loads((FIX / "openalex-handmade-works.jsonl").read_text().splitlines()[0])
    single = tmp_path / "W4300000001.json"
    single.write_text(json.dumps(work, indent=2))
    (paper,) = list(iter_papers(single))
    assert paper.abstract == TOOLARENA_ABSTRACT


def test_openalex_malformed_inverted_index_is_a_bad_record() -> None:
    result = read_papers([BROKEN / "openalex-bad-index.json"], skip_bad=True)
    assert [p.title for p in result.papers] == ["Good work"]
    assert result.skipped[0].record == 2
    assert "abstract_inverted_index" in str(result.skipped[0])


# --- Semantic Scholar -------------------------------------------------------------------


def test_s2_paper_cites_its_references_and_is_cited_by_its_citations() -> None:
    found = papers("s2-turing1950-trimmed.json")
    raw = json.loads((FIX / "s2-turing1950-trimmed.json").read_text(encoding="utf-8"))
    turing = found[0]
    assert turing.title == "Computing Machinery and Intelligence"
    assert (turing.s2_id, turing.doi, turing.year) == (TURING, "10.1093/mind/lix.236.433", 1950)
    assert "“Can machines think?”♣" in turing.abstract
    resolved = [f"s2:{r['paperId']}" for r in raw["references"] if r["paperId"]]
    assert set(resolved) <= set(turing.references)
    linkable = [
        r
        for r in raw["references"] + raw["citations"]
        if r.get("title") and (r.get("paperId") or {"DOI", "ArXiv"} & set(r["externalIds"] or {}))
    ]
    assert len(found) == 1 + len(linkable)
    n_refs = sum(1 for r in linkable if r in raw["references"])
    citing = found[1 + n_refs :]
    assert citing and all(p.references == (f"s2:{TURING}",) for p in citing)


def test_s2_unresolved_entries_are_left_out_and_null_ids_tolerated(tmp_path: Path) -> None:
    found = papers("s2-turing1950-trimmed.json")
    assert not any(p.title.startswith(("Data de receção", "London Math. Soc")) for p in found)
    assert all(p.s2_id or p.doi or p.arxiv_id for p in found)
    raw = json.loads((FIX / "s2-turing1950-trimmed.json").read_text(encoding="utf-8"))
    raw["paperId"] = None
    path = tmp_path / "no-paper-id.json"
    path.write_text(json.dumps(raw))
    turing = next(iter_papers(path))
    assert isinstance(turing, Paper)
    assert turing.s2_id == TURING  # recovered from the paper's URL
    raw["url"] = None
    path.write_text(json.dumps(raw))
    turing = next(iter_papers(path))
    assert isinstance(turing, Paper)
    assert (turing.s2_id, turing.id) == (None, "doi:10.1093/mind/lix.236.433")


def test_s2_dataset_lines_and_wrapped_citations_pages(tmp_path: Path) -> None:
    sha = "649def34f8be52c8b66281af98ae884c09aef38b"
    line = {
        "corpusid": 1,
        "externalids": {"ArXiv": "1706.03762", "DOI": None, "CorpusId": "1"},
        "url": f"https://www.semanticscholar.org/paper/{sha}",
        "title": "Attention Is All You Need",
        "authors": [{"authorId": "1", "name": "Ashish Vaswani"}],
        "year": 2017,
    }
    dataset = tmp_path / "papers-part0.jsonl"
    dataset.write_text(
        json.dumps(line) + "\n" + json.dumps({"corpusid": 2, "abstract": "x"}) + "\n"
    )
    result = read_papers([dataset], skip_bad=True)
    (paper,) = result.papers
    assert (paper.s2_id, paper.arxiv_id, paper.id) == (sha, "1706.03762", "arxiv:1706.03762")
    assert "'abstracts' dataset line" in str(result.skipped[0])
    page = tmp_path / "citations.json"
    page.write_text(
        json.dumps({"offset": 0, "data": [{"citingPaper": {"paperId": sha, "title": "Citing"}}]})
    )
    (citing,) = read_papers([page]).papers
    assert (citing.title, citing.s2_id) == ("Citing", sha)


# --- BibTeX / BibLaTeX ------------------------------------------------------------------


def test_biblatex_decodes_protected_caps_and_reads_date_and_eprint() -> None:
    found = papers("zotero-bbt-ml-preprints.biblatex.bib")
    assert len(found) == 12
    prelu = found[0]
    assert prelu.title == (
        "Delving Deep into Rectifiers: Surpassing Human-Level Performance on "
        "ImageNet Classification"
    )
    assert (prelu.arxiv_id, prelu.year) == ("1502.01852", 2015)
    assert prelu.authors == ("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun")
    assert "4.94% top-5 test error" in prelu.abstract
    assert not any("{" in p.title or "}" in p.title for p in found)


def test_biblatex_duplicate_entries_of_the_same_paper_collapse() -> None:
    result = read_papers([FIX / "zotero-bbt-ml-preprints.biblatex.bib"])
    assert len(result.papers) == 6
    assert result.duplicates == 6
    sgd = next(p for p in result.papers if p.title.startswith("Stochastic Gradient Descent"))
    assert not sgd.abstract.endswith("...")  # the full abstract wins over the truncated one


def test_bibtex_latex_accents_become_unicode_and_comments_are_skipped() -> None:
    found = papers("zotero-bbt-philosophy-library.bib")
    assert len(found) == 36
    titles = {p.title for p in found}
    assert (
        "Considérations d'un philosophe sur l'économique du néo-conservatisme (néo-libéralisme)"
    ) in titles
    assert not any("jabref" in t for t in titles)
    assert not any("\\'" in p.title or "\\'" in p.abstract for p in found)


def test_bibtex_repeated_key_is_read_and_merged() -> None:
    result = read_papers([FIX / "zotero-style-rdd-and-duplicates.bib"])
    godel = next(p for p in result.papers if p.doi == "10.1007/bf01700692")
    assert godel.title.startswith("Über formal unentscheidbare Sätze der Principia Mathematica")
    assert (godel.authors, godel.year) == (("Kurt Gödel",), 1931)
    assert len(result.papers) == 2


def test_bibtex_broken_entry_is_a_bad_record_with_its_line() -> None:
    path = BROKEN / "bibtex-broken-entry.bib"
    result = read_papers([path], skip_bad=True)
    assert [p.title for p in result.papers] == ["A Good Entry", "Another Good Entry"]
    (error,) = result.skipped
    assert error.line == 6
    assert "broken BibTeX entry '@article{bad,'" in str(error)


# --- RIS --------------------------------------------------------------------------------


def test_ris_zotero_export_treats_nan_as_empty() -> None:
    found = papers("asreview-zotero-first40.ris")
    assert len(found) == 40
    first = found[0]
    assert first.title == (
        "An open source machine learning framework for efficient and transparent systematic reviews"
    )
    assert (first.doi, first.year) == ("10.1038/s42256-020-00287-7", 2021)
    assert first.authors[0] == "van de Schoot, Rens"
    no_abstract = [p for p in found if not p.abstract]
    assert [p.title[:30] for p in no_abstract] == ["Carbapenem-alternative strateg"]
    fields = (
        [p.title for p in found]
        + [p.abstract for p in found]
        + [a for p in found for a in p.authors]
    )
    assert not any(f.lower() == "nan" or "\r" in f for f in fields)


def test_ris_with_mixed_line_endings_keeps_every_record() -> None:
    found = papers("litstudy-ieee-exascale.ris")
    assert len(found) == 25
    assert all(p.abstract for p in found)
    assert sum(p.doi is None for p in found) == 1
    assert found[0].authors == ("G. Kalbe",)  # the repeated AU line is read once
    assert found[0].title == "The European Approach to the Exascale Challenge"


def test_ris_n2_abstract_and_lone_cr_endings(tmp_path: Path) -> None:
    path = tmp_path / "endnote.ris"
    path.write_bytes(
        b"TY  - JOUR\rT1  - From EndNote\rN2  - Abstract in N2.\rAB  - nan\r"
        b"PY  - 2019///\rDO  - nan\rER  - \r"
    )
    (paper,) = list(iter_papers(path))
    assert (paper.title, paper.abstract, paper.year, paper.doi) == (
        "From EndNote",
        "Abstract in N2.",
        2019,
        None,
    )


def test_ris_record_without_end_tag_is_a_bad_record() -> None:
    result = read_papers([BROKEN / "ris-truncated.ris"], skip_bad=True)
    assert [p.title for p in result.papers] == ["Complete record"]
    assert result.skipped[0].line == 6
    assert "no end tag" in str(result.skipped[0])


# --- Web of Science ---------------------------------------------------------------------


def test_wos_tagged_joins_continuation_lines_and_reads_cited_dois() -> None:
    first, second = papers("rispy-wos-tagged-2records.txt")
    assert first.title == (
        "Interactions stabilizing the structure of the core light-harvesting "
        "complex (LHl) of photosynthetic bacteria and its subunit (B820)"
    )
    assert (first.doi, first.year) == ("10.1021/bi049798f", 2004)
    assert first.authors[0] == "PS Parkes-Loach"
    assert "doi:10.1073/pnas.83.22.8589" in first.references
    assert first.abstract.startswith("Reconstitution experiments")
    assert second.title.startswith("Proximal and distal influences on ligand binding kinetics")


def test_wos_tab_delimited_utf16_gives_the_same_papers_as_tagged() -> None:
    tagged = papers("rispy-wos-tagged-2records.txt")
    tabbed = papers("wos-tab-delimited-from-tagged.txt")
    assert [(p.title, p.doi, p.year, p.abstract) for p in tabbed] == [
        (p.title, p.doi, p.year, p.abstract) for p in tagged
    ]
    assert tabbed[0].references == tagged[0].references


# --- Scopus -----------------------------------------------------------------------------


def test_scopus_ragged_rows_read_by_position() -> None:
    found = papers("scopus-petri-nets-trimmed.csv")
    assert len(found) == 9
    namd, murata, odes = found[:3]
    assert (namd.title, namd.doi, namd.year) == (
        "Scalable molecular dynamics with NAMD",
        "10.1002/jcc.20289",
        2005,
    )
    assert (odes.doi, odes.year) == ("10.1038/s41598-022-04849-0", 2022)  # a 46-field row
    assert odes.title.startswith("Petri nets and ODEs as complementary methods")
    assert murata.authors == ("Murata T.",)
    assert odes.url and "eid=2-s2.0-85123480963" in odes.url


def test_scopus_copyright_and_placeholder_abstracts_are_cleaned() -> None:
    found = papers("scopus-petri-nets-trimmed.csv")
    assert not any("©" in p.abstract for p in found)
    assert found[0].abstract.endswith("www.ks.uiuc.edu.")
    preface = next(p for p in found if p.title.startswith("Preface: Petri nets"))
    assert preface.abstract == ""


def test_a_reader_imported_first_keeps_its_place_in_detection(tmp_path):
    # a fresh interpreter: the format registry is process-wide
    script = (
        "import paperkg.extract.readers.scopus, paperkg.extract.readers.openalex\n"
        "from paperkg.extract.readers import formats, read_papers\n"
        "import sys\n"
        "print(list(formats())[0], list(formats())[-1])\n"
        "print(len(read_papers([sys.argv[1]]).papers))\n"
    )
    listing = Path(__file__).resolve().parents[2] / "examples" / "trending-agents.txt"
    out = subprocess.run(
        [sys.executable, "-c", script, str(listing)], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "arxiv-atom hf-listing"
    assert out[1] == "231"
