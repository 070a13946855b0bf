"""``paperkg show`` (entity and paper cards) and ``papers`` with several filters, through
the real CLI on a real saved graph."""

from __future__ import annotations

import json

import pytest
from paperkg.cli.main import cli
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import build, store

INTRO = "We introduce WebArena, a realistic web environment."
TITLE = "WebArena: A Realistic Web Environment"


def _mention(paper: Paper, name: str) -> tuple[tuple[int, int], ...]:
    """The first mention of ``name`` in the abstract (after the title and newline)."""
    start = paper.text.index(name, len(paper.title) + 1)
    return ((start, start + len(name)),)


def _paper(pid: str, title: str, year: int | None, abstract: str = "", **kw) -> Paper:
    return Paper(pid, title, abstract or f"About {title}.", year=year, **kw)


def _records() -> list[PaperEntities]:
    p1 = _paper(
        "arxiv:2307.13854",
        "WebArena: A Realistic Web Environment",
        2023,
        INTRO + " GPT-4 solves few tasks.",
        url="https://arxiv.org/abs/2307.13854",
        doi="10.1000/webarena",
        authors=("Shuyan Zhou", "Frank F. Xu"),
    )
    p2 = _paper(
        "p2",
        "An agent on WebArena",
        2024,
        "We train with GRPO. Our agent is the best on WebArena.",
        references=("arxiv:2307.13854",),
    )
    records = [
        PaperEntities(
            p1,
            (
                # named in the title and the abstract, as the paper that introduces it does:
                # the title is the first mention, so the evidence
                Entity(
                    "BENCHMARK",
                    "WebArena",
                    (),
                    "introduces",
                    0.95,
                    ((0, len("WebArena")), *_mention(p1, "WebArena")),
                ),
                Entity("MODEL", "GPT-4", (), "uses", 0.8, _mention(p1, "GPT-4")),
            ),
        ),
        PaperEntities(
            p2,
            (
                Entity("BENCHMARK", "webarena", (), "uses", 0.9, _mention(p2, "WebArena")),
                Entity("METHOD", "GRPO", ("Group Relative Policy Optimization",), "uses", 0.7),
            ),
        ),
        PaperEntities(
            _paper("p3", "SWE agents", 2025),
            (Entity("BENCHMARK", "SWE-bench"), Entity("METHOD", "GRPO")),
        ),
        # a paper whose title is an entity's name
        PaperEntities(_paper("p4", "GRPO", None), (Entity("METHOD", "GRPO"),)),
    ]
    for k in range(25):  # enough users of WebArena for the default limit to cut
        records.append(
            PaperEntities(
                _paper(f"u{k:02d}", f"User paper {k:02d}", 2010 + k % 7),
                (Entity("BENCHMARK", "WebArena"),),
            )
        )
    return records


@pytest.fixture(scope="module")
def cards_graph(tmp_path_factory):
    records = _records()
    out = tmp_path_factory.mktemp("cards") / "g"
    store.save(out, build.build_graph(records), records)
    return out


def show(runner, graph, *args, fmt="json"):
    res = runner.invoke(cli, ["show", *args, "--graph", str(graph), "--format", fmt])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout) if fmt == "json" else res.stdout, res.stderr


def test_entity_card_lists_papers_introducing_first_then_newest(runner, cards_graph):
    card, _ = show(runner, cards_graph, "webarena")
    assert card["kind"] == "entity" and card["name"] == "WebArena"
    assert (card["papers_count"], card["introduced_by_count"], card["used_by_count"]) == (27, 1, 26)
    intro, users = card["introduced_by"], card["used_by"]
    assert isinstance(intro, list) and isinstance(users, list)
    assert [p["id"] for p in intro] == ["arxiv:2307.13854"]
    assert intro[0]["role"] == "introduces" and intro[0]["evidence"] == TITLE
    assert intro[0]["confidence"] == pytest.approx(0.95)
    assert len(intro) + len(users) == 20  # the default limit
    assert users[0]["id"] == "p2" and users[0]["role"] == "uses"
    assert users[0]["evidence"] == "Our agent is the best on WebArena."
    years = [p["year"] for p in users]
    assert years == sorted(years, reverse=True)
    assert set(users[0]) == set(intro[0])  # one shape of paper object


def test_entity_card_limit_zero_lists_every_paper(runner, cards_graph):
    card, _ = show(runner, cards_graph, "WebArena", "--limit", "0")
    assert len(card["introduced_by"]) + len(card["used_by"]) == 27
    few, _ = show(runner, cards_graph, "WebArena", "--limit", "3")
    assert [p["id"] for p in few["introduced_by"] + few["used_by"]] == [
        p["id"] for p in (card["introduced_by"] + card["used_by"])[:3]
    ]


def test_entity_card_table_shows_titles_evidence_and_what_is_left_out(runner, cards_graph):
    text, _ = show(runner, cards_graph, "WebArena", fmt="table")
    assert "WebArena  (Benchmark)" in text
    assert "27 (1 introduce it, 26 use it)" in text
    assert "2023  WebArena: A Realistic Web Environment" in text
    assert f"“{TITLE}”" in text
    assert "2024  An agent on WebArena" in text
    assert "… and 7 more; --limit 0 for all" in text
    everything, _ = show(runner, cards_graph, "WebArena", "--limit", "0", fmt="table")
    assert "more;" not in everything and "User paper 00" in everything
    assert max(len(line) for line in everything.splitlines()) <= 100


@pytest.mark.parametrize(
    "ref",
    [
        "arxiv:2307.13854",
        "2307.13854v2",
        "https://doi.org/10.1000/WEBARENA",
        "webarena: a realistic web environment",
    ],
)
def test_paper_card_by_id_doi_arxiv_or_title(runner, cards_graph, ref):
    card, err = show(runner, cards_graph, ref)
    assert card["kind"] == "paper" and card["id"] == "arxiv:2307.13854"
    assert (card["year"], card["doi"], card["arxiv"]) == (2023, "10.1000/webarena", "2307.13854")
    assert card["authors"] == ["Shuyan Zhou", "Frank F. Xu"]
    bench, model = card["entities"]["Benchmark"], card["entities"]["Model"]
    assert [(e["name"], e["role"], e["evidence"]) for e in bench] == [
        ("WebArena", "introduces", TITLE)
    ]
    assert [(e["name"], e["role"]) for e in model] == [("GPT-4", "uses")]
    assert model[0]["confidence"] == pytest.approx(0.8)
    assert card["cites"] == [] and card["cites_count"] == 0
    # p2 cites it by reference, and by using the benchmark it introduces (inferred)
    assert {(p["id"], p["inferred"]) for p in card["cited_by"]} == {("p2", False), ("p2", True)}
    assert (card["cited_by_count"], card["cited_by_inferred_count"]) == (2, 1)
    assert err == ""


def test_paper_card_table(runner, cards_graph):
    text, _ = show(runner, cards_graph, "arxiv:2307.13854", fmt="table")
    assert text.startswith("WebArena: A Realistic Web Environment  (paper)")
    for line in ("doi:", "arXiv:", "Benchmarks", "WebArena  introduces  (confidence 0.95)"):
        assert line in text
    assert "Cited by: 2 (1 inferred)" in text and "[inferred via WebArena]" in text


def test_a_close_title_shows_the_paper_and_says_so(runner, cards_graph):
    card, err = show(runner, cards_graph, "WebArena: A Realistc Web Enviroment")
    assert card["id"] == "arxiv:2307.13854" and card["matched"] == "close title"
    assert "closest title" in err


def test_a_name_that_is_entity_and_paper_shows_the_entity_and_says_how(runner, cards_graph):
    card, err = show(runner, cards_graph, "grpo")
    assert card["kind"] == "entity" and card["also_paper"] == {"id": "p4", "title": "GRPO"}
    assert "also a paper" in err and "paperkg show --paper grpo" in err
    paper, err = show(runner, cards_graph, "grpo", "--paper")
    assert paper["kind"] == "paper" and paper["id"] == "p4" and err == ""


def test_show_of_nothing_names_the_closest_entities_and_titles(runner, cards_graph):
    res = runner.invoke(cli, ["show", "WebArina", "--graph", str(cards_graph)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "no entity or paper 'WebArina'" in res.stderr and "WebArena" in res.stderr
    assert res.stdout == ""


def test_show_csv_is_one_row_per_paper(runner, cards_graph):
    text, _ = show(runner, cards_graph, "WebArena", "--limit", "2", fmt="csv")
    lines = text.splitlines()
    assert lines[0] == "id,title,year,role,relationship,confidence,evidence,url"
    assert len(lines) == 3 and lines[1].startswith("arxiv:2307.13854,")


def papers(runner, graph, *args):
    res = runner.invoke(cli, ["papers", *args, "--graph", str(graph), "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout), res.stderr


def test_papers_filters_intersect(runner, cards_graph):
    rows, _ = papers(runner, cards_graph, "--benchmark", "WebArena", "--method", "GRPO")
    assert [(r["id"], r["relationship"], r["entity"]) for r in rows] == [
        ("p2", "EVALUATES_ON", "WebArena")
    ]
    rows, _ = papers(runner, cards_graph, "--method", "GRPO", "--benchmark", "SWE-bench")
    assert [r["id"] for r in rows] == ["p3"]
    rows, _ = papers(runner, cards_graph, "--benchmark", "WebArena", "--benchmark", "SWE-bench")
    assert rows == []
    rows, _ = papers(runner, cards_graph, "--method", "GRPO", "--cited-by", "2307.13854")
    assert [r["id"] for r in rows] == ["p2"]
    # p1 uses GPT-4 and WebArena but not GRPO
    three = ("--benchmark", "WebArena", "--method", "GRPO", "--model", "GPT-4")
    assert papers(runner, cards_graph, *three)[0] == []


def test_papers_since_until_sort_and_limit(runner, cards_graph):
    rows, _ = papers(runner, cards_graph, "--benchmark", "WebArena", "--since", "2016")
    assert {r["year"] for r in rows} == {2016, 2023, 2024}
    assert rows[0]["relationship"] == "INTRODUCES"
    rows, _ = papers(
        runner, cards_graph, "--benchmark", "WebArena", "--until", "2011", "--sort", "title"
    )
    titles = [r["title"] for r in rows]
    assert titles == sorted(titles) and {r["year"] for r in rows} == {2010, 2011}
    rows, _ = papers(runner, cards_graph, "--since", "2024", "--sort", "year", "--limit", "1")
    assert [r["id"] for r in rows] == ["p3"]
    rows, _ = papers(runner, cards_graph, "--benchmark", "WebArena", "--sort", "year")
    assert [r["id"] for r in rows[:2]] == ["p2", "arxiv:2307.13854"]


def test_papers_until_before_since_is_a_usage_error(runner, cards_graph):
    res = runner.invoke(
        cli, ["papers", "--since", "2024", "--until", "2020", "--graph", str(cards_graph)]
    )
    assert res.exit_code == 2 and "before --since 2024" in res.stderr


def test_a_year_filter_on_a_graph_without_years_says_why_it_is_empty(runner, tmp_path):
    records = [PaperEntities(_paper("a", "A", None), (Entity("BENCHMARK", "WebArena"),))]
    store.save(tmp_path / "g", build.build_graph(records), records)
    rows, err = papers(runner, tmp_path / "g", "--benchmark", "WebArena", "--since", "2024")
    assert rows == []
    assert err == "Note: no paper in this graph has a year; --since matched nothing\n"


def test_a_year_filter_that_matches_nothing_in_a_graph_with_years_says_nothing(runner, cards_graph):
    rows, err = papers(runner, cards_graph, "--benchmark", "WebArena", "--since", "2030")
    assert rows == [] and err == ""
