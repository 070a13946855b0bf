"""The rules' words are data: one lexicon file, one stop list and the name lists, each
named once in the pipeline config, so a user changes what is extracted without code."""

from __future__ import annotations

import re
import tomllib

import pytest
from paperkg.extract.errors import ExtractionError
from paperkg.extract.normalise import paper_id
from paperkg.extract.pipeline import load_extractor
from paperkg.extract.records import Paper
from paperkg.extract.wordlists import LEXICON_FILE, LISTS, STOPLIST_FILE, shipped_file


def extract(abstract: str, **overrides: str | list[str]) -> dict[str, str]:
    """Names and types the rules find in ``abstract`` with the config ``overrides``."""
    extractor = load_extractor(ner=False, learned=False, overrides=overrides)
    paper = Paper(id=paper_id("A study"), title="A study", abstract=abstract)
    return {e.name: e.type for e in extractor.extract_one(paper).entities}


def test_a_word_added_to_a_copy_of_the_lexicon_changes_what_is_extracted(tmp_path):
    abstract = "We train agents in the Glimmerfall sandbox and report their returns."
    assert "Glimmerfall" not in extract(abstract)
    lexicon = tmp_path / "lexicon.toml"
    text = shipped_file(LEXICON_FILE).read_text(encoding="utf-8")
    lexicon.write_text(text.replace('testbed_heads = """', 'testbed_heads = """sandbox'))
    assert extract(abstract, **{"paths.lexicon": str(lexicon)}) == {"Glimmerfall": "BENCHMARK"}


def test_a_name_added_to_a_copy_of_the_stop_list_is_never_extracted(tmp_path):
    abstract = "We evaluate the agent on WebArena and on Quillstone-Bench."
    assert {"WebArena", "Quillstone-Bench"} <= set(extract(abstract))
    stoplist = tmp_path / "stoplist.toml"
    text = shipped_file(STOPLIST_FILE).read_text(encoding="utf-8")
    stoplist.write_text(text + "\nmine = '''WebArena'''\n", encoding="utf-8")
    found = extract(abstract, **{"paths.stoplist": str(stoplist)})
    assert "WebArena" not in found
    assert "Quillstone-Bench" in found


def test_a_name_list_of_ones_own_is_matched_after_the_shipped_ones(tmp_path):
    abstract = "We tune the agent with Kestrel Decoding and evaluate it on WebArena."
    assert "Kestrel Decoding" not in extract(abstract)
    names = tmp_path / "names.tsv"
    names.write_text("type\tname\taliases\torigin\nMETHOD\tKestrel Decoding\t\tmine\n")
    lists = ["builtin:gazetteer.tsv", "builtin:pwc_methods.tsv", str(names)]
    found = extract(abstract, **{"paths.gazetteer": lists})
    assert found["Kestrel Decoding"] == "METHOD"
    assert found["WebArena"] == "BENCHMARK"


def test_every_list_of_the_lexicon_says_what_it_is_for():
    lines = shipped_file(LEXICON_FILE).read_text(encoding="utf-8").splitlines()
    defined = []
    for k, line in enumerate(lines):
        if match := re.match(r"^([a-z_]+) = ", line):
            defined.append(match.group(1))
            assert lines[k - 1].startswith("#"), f"{match.group(1)} has no comment above it"
    assert sorted(defined) == sorted(LISTS)  # each list once, every list the rules read


def test_the_stop_list_parts_are_comma_separated_names():
    parts = tomllib.loads(shipped_file(STOPLIST_FILE).read_text(encoding="utf-8"))
    assert "organisations" in parts
    assert all(isinstance(v, str) and "," in v for v in parts.values())


def test_a_lexicon_without_a_list_names_the_file_and_the_list(tmp_path):
    lexicon = tmp_path / "lexicon.toml"
    text = shipped_file(LEXICON_FILE).read_text(encoding="utf-8")
    lexicon.write_text(re.sub(r"^naming = .*$", "", text, flags=re.M), encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"lexicon.toml: not a paperkg lexicon.*'naming'"):
        extract("We propose X.", **{"paths.lexicon": str(lexicon)})


def test_rule_components_that_read_different_word_lists_are_refused(tmp_path):
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text(shipped_file(LEXICON_FILE).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ExtractionError, match=r"different word lists.*\[paths\]"):
        extract("We propose X.", **{"components.paperkg_context.lexicon": str(lexicon)})
