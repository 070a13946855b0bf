"""Focus views and cuts, without a browser."""

from __future__ import annotations

import networkx as nx
import pytest
from paperkg.extract.errors import NotFoundError
from paperkg.graph import schema as s
from paperkg.viz.select import View, select


def names(graph: nx.MultiDiGraph) -> set[str]:
    return {d.get("name") or d["id"] for _, d in graph.nodes(data=True)}


def test_select_without_options_keeps_everything(small_graph):
    chosen = select(small_graph)
    assert chosen.graph.number_of_nodes() == small_graph.number_of_nodes()
    assert chosen.graph.number_of_edges() == small_graph.number_of_edges()
    assert chosen.notes == ()


def test_focus_one_hop_is_the_entity_and_its_papers(small_graph):
    chosen = select(small_graph, View(focus="webarena", hops=1))
    assert names(chosen.graph) == {"WebArena", "p-webarena", "p-agent", "probe-paper"}
    assert chosen.focus == "benchmark:webarena"


def test_focus_two_hops_adds_the_papers_entities(small_graph):
    got = names(select(small_graph, View(focus="WebArena", hops=2)).graph)
    assert {"GPT-4", "GRPO", "Qwen2.5-7B"} <= got
    assert "GSM8K" not in got and "p-math" not in got


def test_focus_by_alias_and_by_paper_title(small_graph):
    assert select(small_graph, View(focus="Web Arena", hops=0)).focus == "benchmark:webarena"
    chosen = select(small_graph, View(focus="math reasoning at scale", hops=1))
    assert chosen.focus == "p-math"
    # p-grpo is one hop away too: p-math uses GRPO, which p-grpo introduces (inferred CITES)
    assert names(chosen.graph) == {"p-math", "GSM8K", "GRPO", "Qwen2.5-7B", "p-grpo"}


def test_unknown_focus_raises_not_found_with_closest_names(small_graph):
    with pytest.raises(NotFoundError) as err:
        select(small_graph, View(focus="WebArna"))
    assert "WebArena" in err.value.suggestions


def test_types_keep_listed_entity_types_and_their_papers(small_graph):
    got = select(small_graph, View(types=("Benchmark",))).graph
    labels = {d["label"] for _, d in got.nodes(data=True)}
    assert labels == {s.PAPER, s.BENCHMARK}
    assert "p-old" not in got  # a paper linking nothing shown is dropped


def test_min_papers_keeps_entities_with_enough_papers(small_graph):
    got = names(select(small_graph, View(min_papers=3)).graph)
    entities = got & {"WebArena", "GRPO", "GPT-4", "GSM8K", "Qwen2.5-7B", "DeepSeek-R1"}
    assert entities == {"WebArena", "GRPO"}
    assert "p-grpo" in got and "p-old" not in got


def test_top_keeps_the_most_mentioned_entities(small_graph):
    got = select(small_graph, View(top=1)).graph
    entities = [d["name"] for _, d in got.nodes(data=True) if d["label"] != s.PAPER]
    assert entities == ["GRPO"]  # GRPO and WebArena both have three papers; name order decides


def test_since_keeps_recent_papers_and_their_entities(small_graph):
    got = select(small_graph, View(since=2025)).graph
    years = {d.get("year") for _, d in got.nodes(data=True) if d["label"] == s.PAPER}
    assert years == {2025}
    assert "DeepSeek-R1" not in names(got)  # only the 2024 paper used it


def test_focus_hidden_by_other_filters_says_so(small_graph):
    with pytest.raises(NotFoundError, match="leave it out"):
        select(small_graph, View(focus="DeepSeek-R1", since=2025))


def test_max_nodes_cuts_to_most_connected_with_a_note_naming_focus_options(small_graph):
    chosen = select(small_graph, View(max_nodes=6))
    assert 0 < chosen.graph.number_of_nodes() <= 6
    assert len(chosen.notes) == 1
    assert "--focus" in chosen.notes[0] and "--top" in chosen.notes[0]


def test_until_keeps_older_papers_and_both_bounds_a_range(small_graph):
    got = select(small_graph, View(until=2024)).graph
    years = {d.get("year") for _, d in got.nodes(data=True) if d["label"] == s.PAPER}
    assert years and max(years) <= 2024 and None not in years
    both = select(small_graph, View(since=2025, until=2025)).graph
    assert {d.get("year") for _, d in both.nodes(data=True) if d["label"] == s.PAPER} == {2025}


def test_a_year_bound_on_a_graph_without_years_says_why_it_is_empty(small_graph):
    undated = small_graph.copy()
    for _, data in undated.nodes(data=True):
        data.pop("year", None)
    chosen = select(undated, View(since=2024, until=2025))
    assert not any(d["label"] == s.PAPER for _, d in chosen.graph.nodes(data=True))
    assert chosen.notes == (
        "no paper in this graph has a year; --since and --until matched nothing",
    )
    assert select(small_graph, View(since=2030)).notes == ()  # years exist: nothing to explain
