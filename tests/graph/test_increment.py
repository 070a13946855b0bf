"""An add written from the previous generation equals a full rebuild from all records."""

from __future__ import annotations

import json
from pathlib import Path

import ladybug
import pytest
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import generations, update
from paperkg.graph.entity_state import STATE_FILE
from paperkg.graph.lbug import NAMES_FILE
from paperkg.graph.local import LocalStore
from synthetic_papers import canonical, synthetic


def extractor(records: list[PaperEntities]):
    by_id = {r.paper.id: r for r in records}
    return lambda papers: [by_id[p.id] for p in papers]


def index_rows(directory: Path) -> dict[str, list]:
    """Every row of the name index, each row's lists sorted (their order is not meaning)."""
    db = ladybug.Database(str(generations.current(directory) / NAMES_FILE), read_only=True)
    conn = ladybug.Connection(db)
    try:
        out = {}
        for table, cols in (
            ("NameKey", "k.ids, k.exact, k.degree"),
            ("PaperKey", "k.ids"),
            ("RefKey", "k.ids"),
        ):
            rows = conn.execute(f"MATCH (k:{table}) RETURN k.key, {cols}").get_all()
            out[table] = sorted((r[0], sorted(zip(*r[1:], strict=True))) for r in rows)
        return out
    finally:
        conn.close()
        db.close()


def contents(directory: Path) -> tuple:
    with LocalStore(directory) as local:
        graph = canonical(local.graph())
    state = (generations.current(directory) / STATE_FILE).read_text(encoding="utf-8")
    return graph, index_rows(directory), [json.loads(line) for line in state.splitlines()]


def build(directory: Path, records: list[PaperEntities], every: list[PaperEntities], **kw):
    return update.update(directory, [r.paper for r in records], extractor(every), **kw)


def added_in_steps(tmp_path: Path, records: list[PaperEntities], cuts: list[int]) -> Path:
    """A graph of ``records[:cuts[0]]`` grown by incremental adds up to each cut."""
    out = tmp_path / "grown"
    build(out, records[: cuts[0]], records)
    for a, b in zip(cuts, [*cuts[1:], len(records)], strict=False):
        result = build(out, records[a:b], records, into=True)
        assert result.incremental, result.rebuilt_because
        assert result.added == b - a
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_an_incremental_add_equals_a_full_rebuild(seed: int, tmp_path: Path) -> None:
    records = synthetic(240, seed, two_senses=True)
    grown = added_in_steps(tmp_path, records, [150, 200, 230])
    build(tmp_path / "full", records, records)
    got, want = contents(grown), contents(tmp_path / "full")
    assert got[0] == want[0]  # nodes, properties, links
    assert got[1] == want[1]  # the name index
    assert got[2] == want[2]  # what the next add merges into
    edges = want[0][1]
    assert any("'inferred', True" in e for e in edges)
    assert any("VARIANT_OF" in e for e in edges)


def paper(n: int, *ents: Entity, year: int | None = None) -> PaperEntities:
    return PaperEntities(Paper(f"p{n}", f"Paper {n}", "An abstract.", year=year), ents)


def model(name: str, *aliases: str, role: str = "uses") -> Entity:
    return Entity("MODEL", name, aliases, role)


def method(name: str, *aliases: str, role: str = "uses") -> Entity:
    return Entity("METHOD", name, aliases, role)


def grown_and_full(tmp_path: Path, steps: list[list[PaperEntities]]):
    """Each step added to a graph of the ones before, and the same records built at once;
    the results of each add."""
    every = [r for step in steps for r in step]
    results = [build(tmp_path / "grown", steps[0], every)]
    results += [build(tmp_path / "grown", step, every, into=True) for step in steps[1:]]
    build(tmp_path / "full", every, every)
    return contents(tmp_path / "grown"), contents(tmp_path / "full"), results


def nodes_of(found: tuple) -> dict[str, dict]:
    return {node: dict(props) for node, props in found[0][0]}


def test_new_models_move_variant_edges_and_family_nodes(tmp_path: Path) -> None:
    steps = [
        [paper(1, model("Qwen2.5-7B-Instruct"))],  # a family node Qwen2.5 is made
        [paper(2, model("Foo", "Qwen2.5-7B"))],  # the variant's parent now; the family goes
        [paper(3, model("Qwen2.5"), model("Qwen2.5-7B-Instruct"))],  # Qwen2.5 is real
    ]
    build(tmp_path / "one", steps[0], steps[0])
    assert "model:qwen25" in nodes_of(contents(tmp_path / "one"))
    got, want, results = grown_and_full(tmp_path / "a", steps[:2])
    assert got == want and all(r.incremental for r in results[1:])
    assert "model:qwen25" not in nodes_of(got)
    got, want, results = grown_and_full(tmp_path / "b", steps)
    assert got == want and all(r.incremental for r in results[1:])
    assert nodes_of(got)["model:qwen25"]["name"] == "'Qwen2.5'"
    nearer = [
        [paper(1, model("Qwen2.5-7B-Instruct"), model("Qwen2.5"))],
        [paper(2, model("Qwen2.5-7B"))],
    ]
    got, want, results = grown_and_full(tmp_path / "c", nearer)  # its edge moves to 7B
    assert got == want and results[1].incremental


def test_a_tie_between_spellings_goes_to_the_earlier_one_as_in_a_build(tmp_path: Path) -> None:
    steps = [[paper(1, method("Beam Search"))], [paper(2, method("Beam-Search"))]]
    got, want, results = grown_and_full(tmp_path, steps)
    assert results[1].incremental and got == want
    assert nodes_of(got)["method:beamsearch"]["name"] == "'Beam Search'"


def test_an_alias_from_a_new_paper_merges_into_an_old_entity(tmp_path: Path) -> None:
    steps = [
        [paper(1, method("GRPO", role="introduces"), year=2023)],
        [paper(2, method("Group Relative Policy Optimization", "GRPO"), year=2024)],
    ]
    got, want, results = grown_and_full(tmp_path, steps)
    assert results[1].incremental and got == want
    assert [n for n in nodes_of(got) if n.startswith("method:")] == ["method:grpo"]
    assert any("'inferred', True" in e and "'p2', 'p1'" in e for e in got[0][1])


def test_a_new_introducer_moves_inferred_citations(tmp_path: Path) -> None:
    steps = [
        [paper(1, method("Fancy Search")), paper(2, method("Fancy Search"))],
        [paper(3, method("Fancy Search", role="introduces"))],  # 1 and 2 now cite 3
        [paper(4, method("Fancy Search", role="introduces"))],  # two introducers: none
    ]
    got, want, results = grown_and_full(tmp_path / "a", steps[:2])
    assert got == want and results[1].incremental
    assert sum("'inferred', True" in e for e in got[0][1]) == 2
    got, want, results = grown_and_full(tmp_path / "b", steps)
    assert got == want and all(r.incremental for r in results[1:])
    assert not any("'inferred', True" in e for e in got[0][1])


def test_names_joining_two_old_entities_rebuild_in_full(tmp_path: Path) -> None:
    steps = [
        [paper(1, method("GRPO")), paper(2, method("Group Relative Policy Optimization"))],
        [paper(3, method("Group Relative Policy Optimization", "GRPO"))],
    ]
    got, want, results = grown_and_full(tmp_path, steps)
    assert not results[1].incremental
    assert "join" in (results[1].rebuilt_because or "")
    assert got == want


def test_a_paper_given_again_is_skipped_and_a_changed_one_rebuilds(tmp_path: Path) -> None:
    first = [paper(1, method("Fancy Search")), paper(2, method("Beam"))]
    out = tmp_path / "g"
    build(out, first, first)
    before = generations.current(out)
    again = build(out, first[:1], first, into=True)
    assert again.incremental and again.added == 0 and generations.current(out) == before
    changed = PaperEntities(first[0].paper.with_changes(year=2020), first[0].entities)
    result = build(out, [changed], [changed], into=True)
    assert not result.incremental and "merging changes it" in (result.rebuilt_because or "")
    with LocalStore(out) as local:
        assert local.graph().nodes["p1"]["year"] == 2020


def test_a_generation_without_entity_state_is_rebuilt_once(tmp_path: Path) -> None:
    records = synthetic(40, 7)
    out = tmp_path / "g"
    build(out, records[:20], records)
    (generations.current(out) / STATE_FILE).unlink()  # as an older paperkg left it
    result = build(out, records[20:30], records, into=True)
    assert not result.incremental and STATE_FILE in (result.rebuilt_because or "")
    assert build(out, records[30:], records, into=True).incremental
    build(tmp_path / "full", records, records)
    assert contents(out) == contents(tmp_path / "full")


def test_a_name_two_entities_bear_keeps_the_citation_the_other_makes(tmp_path: Path) -> None:
    def fancy(role: str = "uses") -> tuple[Entity, Entity]:
        return Entity("BENCHMARK", "Fancy", (), role), method("Fancy", role=role)

    steps = [
        [paper(1, *fancy("introduces")), paper(2, *fancy())],
        [paper(3, method("Fancy", role="introduces"))],  # the method loses its introducer
    ]
    got, want, results = grown_and_full(tmp_path, steps)
    assert not results[1].incremental and "bears its name" in (results[1].rebuilt_because or "")
    assert got == want
    assert any("'inferred', True" in e and "'p2', 'p1'" in e for e in got[0][1])


def test_a_damaged_entity_state_is_one_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    from paperkg.extract.errors import StoreError

    records = synthetic(20, 3)
    out = tmp_path / "g"
    build(out, records[:10], records)
    before = generations.current(out)
    (before / STATE_FILE).write_text('["model:x", "MODEL"]\n', encoding="utf-8")
    with pytest.raises(StoreError, match=f"{STATE_FILE} is damaged"):
        build(out, records[10:], records, into=True)
    assert generations.current(out) == before
