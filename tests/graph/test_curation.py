"""The curation file (graph/curation.py) and applying its corrections to records
(graph/corrections.py): each operation, the merge rule it shares with build, and the
errors a hand-edited file gets."""

from __future__ import annotations

import json

import pytest
from paperkg.extract.errors import InputError
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import build, corrections, curation
from paperkg.graph.curation import Correction


def rec(pid: str, title: str, *ents: Entity) -> PaperEntities:
    return PaperEntities(Paper(pid, title, f"About {title}.", arxiv_id=pid), ents)


RECORDS = [
    rec(
        "2401.1",
        "DeepSeekMath",
        Entity("METHOD", "GRPO", ("Group Relative Policy Optimization",), "introduces"),
        Entity("MODEL", "GPT-4"),
        Entity("BENCHMARK", "ISBN"),
    ),
    rec(
        "2401.2",
        "Web agents",
        Entity("METHOD", "Group Relative Policy Optimization"),
        Entity("MODEL", "GPT-4o"),
        Entity("BENCHMARK", "Werewolf"),
        Entity("METHOD", "Adaptive Sampling", ("ISBN",)),
    ),
    rec("2401.3", "Games", Entity("BENCHMARK", "werewolf"), Entity("MODEL", "GPT-4")),
]


def names_in(records: list[PaperEntities]) -> list[set[tuple[str, str]]]:
    return [{(e.type, e.name) for e in r.entities} for r in records]


def nodes(records: list[PaperEntities]) -> dict[str, dict]:
    graph = build.build_graph(records)
    return {d["name"]: d for _, d in graph.nodes(data=True) if d["label"] != "Paper"}


def test_no_corrections_leave_the_records_as_they_are():
    assert corrections.apply(RECORDS, []).records == RECORDS


def test_rename_reaches_every_spelling_and_alias_of_the_entity():
    fix = Correction("rename", "group relative policy optimization", "method", to="GRPO-v1")
    applied = corrections.apply(RECORDS, [fix])
    grpo = nodes(applied.records)["GRPO-v1"]
    assert set(grpo["aliases"]) == {"GRPO", "Group Relative Policy Optimization"}
    assert "GRPO" not in nodes(applied.records)  # one node, under the new name
    assert applied.changed == [2] and set(applied.touched) == {"2401.1", "2401.2"}


def test_merge_makes_the_second_an_alias_of_the_first_across_types():
    fix = Correction("merge", "werewolf", "benchmark", into="GPT-4", into_type="model")
    graph = nodes(corrections.apply(RECORDS, [fix]).records)
    assert "Werewolf" not in graph
    assert graph["GPT-4"]["label"] == "Model"
    assert {"Werewolf", "werewolf"} & set(graph["GPT-4"]["aliases"])


def test_merge_without_a_target_type_takes_the_targets():
    fix = Correction("merge", "werewolf", into="gpt-4o")
    out = names_in(corrections.apply(RECORDS, [fix]).records)
    assert ("MODEL", "gpt-4o") in out[2]


def test_merging_two_entities_of_one_paper_leaves_one():
    fix = Correction("merge", "GPT-4", "model", into="ISBN", into_type="benchmark")
    first = corrections.apply(RECORDS, [fix]).records[0]
    isbn = [e for e in first.entities if e.name == "ISBN"]
    assert len(isbn) == 1 and isbn[0].aliases == ("GPT-4",)


def test_retype_changes_the_type_of_every_mention():
    fix = Correction("retype", "Werewolf", "benchmark", to="method")
    applied = corrections.apply(RECORDS, [fix])
    assert nodes(applied.records)["Werewolf"]["label"] == "Method"
    assert applied.changed == [2]


def test_block_removes_the_name_and_only_the_name():
    applied = corrections.apply(RECORDS, [Correction("block", "isbn")])
    out = names_in(applied.records)
    assert ("BENCHMARK", "ISBN") not in out[0]
    sampling = next(e for e in applied.records[1].entities if e.name == "Adaptive Sampling")
    assert sampling.aliases == ()  # kept, without the blocked alias
    assert applied.changed == [2]


def test_unlink_takes_the_entity_out_of_one_paper_named_by_title_or_id():
    by_title = Correction("unlink", "GPT-4", "model", paper="Games")
    by_id = Correction("unlink", "gpt4", "model", paper="arxiv:2401.1")
    out = names_in(corrections.apply(RECORDS, [by_title, by_id]).records)
    assert ("MODEL", "GPT-4") not in out[0] | out[2]
    assert ("BENCHMARK", "werewolf") in out[2]


def test_corrections_apply_in_order():
    fixes = [
        Correction("rename", "GPT-4o", "model", to="GPT-4 Omni"),
        Correction("retype", "gpt 4 omni", "model", to="method"),
    ]
    out = names_in(corrections.apply(RECORDS, fixes).records)
    assert ("METHOD", "GPT-4 Omni") in out[1]
    assert corrections.apply(RECORDS, fixes[::-1]).changed == [0, 1]  # nothing to retype yet


def test_a_correction_that_names_nothing_changes_nothing():
    applied = corrections.apply(RECORDS, [Correction("rename", "Nothing", "model", to="X")])
    assert applied.records == RECORDS and applied.changed == [0]


# --- the file ---------------------------------------------------------------------------


def write(tmp_path, *lines: str):
    path = tmp_path / "curation.jsonl"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_a_file_with_comments_reads_and_rewrites_them(tmp_path):
    path = write(
        tmp_path,
        "# corrections for the agents graph",
        json.dumps({"op": "block", "name": "ISBN"}),
        "",
        json.dumps({"op": "retype", "name": "Werewolf", "to": "Benchmarks"}),
    )
    cur = curation.read(path)
    assert [c.op for c in cur.corrections] == ["block", "retype"]
    assert [c.line for c in cur.corrections] == [2, 4]
    assert cur.corrections[1].to == "benchmark"
    added = cur.with_added(Correction("rename", "GPT-4", "model", to="GPT 4"))
    less = added.without(1)
    assert less.lines[0].startswith("#") and len(less.lines) == 4
    assert [(c.op, c.line) for c in less.corrections] == [("retype", 3), ("rename", 4)]
    assert curation.read(write(tmp_path, *less.lines)) == less


def test_digest_ignores_comments_and_times(tmp_path):
    a = curation.read(write(tmp_path, json.dumps({"op": "block", "name": "X", "at": "1"})))
    b = curation.read(write(tmp_path, "# note", json.dumps({"op": "block", "name": "X"})))
    c = curation.read(write(tmp_path, json.dumps({"op": "block", "name": "Y"})))
    assert a.digest() == b.digest() != c.digest()


def test_a_missing_file_is_no_corrections(tmp_path):
    assert curation.read(tmp_path / "none.jsonl") == curation.Curation()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"op": "block", "name": "X"', "not valid JSON"),
        ('["block", "X"]', "expected a JSON object"),
        ('{"op": "rname", "name": "X"}', '"op" must be one of merge, rename'),
        ('{"op": "rename", "name": "X"}', 'rename needs "to"'),
        ('{"op": "block", "name": "X", "to": "Y"}', 'unknown field "to" for block'),
        ('{"op": "retype", "name": "X", "to": "dataset"}', '"to" must be one of benchmark'),
        ('{"op": "merge", "name": "X", "into": "Y", "type": "toy"}', '"type" must be one of'),
        ('{"op": "block", "name": 3}', '"name" must be a non-empty string'),
        ('{"op": "block", "name": "--"}', '"name" needs a letter or a digit'),
    ],
)
def test_a_bad_line_is_named_with_its_file_and_number(tmp_path, line, message):
    path = write(tmp_path, json.dumps({"op": "block", "name": "fine"}), "# ok", line)
    with pytest.raises(InputError, match="line 3: ") as err:
        curation.read(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_write_replaces_the_file_and_removes_an_empty_one(tmp_path):
    cur = curation.Curation().with_added(Correction("block", "X"))
    curation.write(tmp_path, cur)
    assert curation.of_directory(tmp_path) == cur
    curation.write(tmp_path, cur.without(1))
    assert not (tmp_path / curation.FILE).exists()


def test_papers_no_correction_touches_stay_exactly_as_extracted():
    odd = rec("2401.9", "Odd", Entity("MODEL", "GPT-4", (), "introduces"), Entity("MODEL", "gpt 4"))
    applied = corrections.apply([*RECORDS, odd], [Correction("block", "ISBN")])
    assert applied.records[-1] == odd
