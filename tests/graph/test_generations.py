"""A build or add lands whole or not at all, and writers take turns.

A writer is crashed at every step of a write (a hook that raises, and a real
``os._exit`` in a child process), and two writers run at once; after each, every paper
of every run that succeeded is in the graph, none twice, and the next writer works.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from paperkg.extract.errors import StoreError
from paperkg.extract.records import Entity, Paper, PaperEntities
from paperkg.graph import generations, store, update


def extract(papers: list[Paper]) -> list[PaperEntities]:
    """A real, tiny extractor: every word ending in 'Bench' is a benchmark."""
    return [
        PaperEntities(
            p,
            tuple(
                Entity("BENCHMARK", w.strip(".,"))
                for w in p.text.split()
                if w.strip(".,").endswith("Bench")
            ),
        )
        for p in papers
    ]


def papers(*titles: str) -> list[Paper]:
    return [Paper(f"id-{t}", t, f"We test on {t}Bench.") for t in titles]


def page(graph, path: Path) -> None:
    path.write_text(f"<html>{graph.number_of_nodes()} nodes</html>", encoding="utf-8")


def ids(directory: Path) -> list[str]:
    return sorted(r.paper.id for r in store.load_records(directory))


def add(directory: Path, *titles: str, **kw) -> update.UpdateResult:
    return update.update(directory, papers(*titles), extract, into=True, page=page, **kw)


def steps_of_a_write(tmp_path: Path, incremental: bool) -> list[str]:
    """The checkpoints one add passes, in order (recorded, not hard-coded)."""
    seen: list[str] = []
    directory = tmp_path / f"probe-{incremental}"
    add(directory, "A")
    generations.checkpoint_hook = seen.append
    try:
        assert add(directory, "B", incremental=incremental).incremental == incremental
    finally:
        generations.checkpoint_hook = None
    return seen


#: the files each kind of add writes, in order: an incremental one writes one more shard
FILES = {
    True: ["records/00001.jsonl", "graph.lbug", "names.lbug", "entities.jsonl", "graph.html"],
    False: ["records/00000.jsonl", "graph.lbug", "names.lbug", "entities.jsonl", "graph.html"],
}


class Crash(Exception):
    pass


@pytest.mark.parametrize("incremental", [True, False])
def test_a_crash_at_any_step_leaves_the_old_graph_or_the_whole_new_one(
    tmp_path: Path, incremental: bool
) -> None:
    steps = steps_of_a_write(tmp_path, incremental)
    assert steps[:5] == FILES[incremental]
    assert steps[5:] == ["manifest.json", "rename", "swap", "page link", "retire"]
    for i, step in enumerate(steps):
        directory = tmp_path / f"crash-{i}"
        add(directory, "A", "B")

        def crash(name: str, step: str = step) -> None:
            if name == step:
                raise Crash(name)

        generations.checkpoint_hook = crash
        try:
            with pytest.raises(Crash):
                add(directory, "C", incremental=incremental)
        finally:
            generations.checkpoint_hook = None
        landed = steps.index(step) >= steps.index("swap")
        expected = ["id-A", "id-B", "id-C"] if landed else ["id-A", "id-B"]
        assert ids(directory) == expected, step
        assert store.load(directory).number_of_nodes() == 2 * len(expected), step
        assert not [p for p in (directory / "generations").iterdir() if p.name.startswith(".tmp")]
        add(directory, "D")  # the next writer works and keeps everything
        assert ids(directory) == [*expected, "id-D"], step
        assert (directory / "graph.html").read_text().startswith("<html>"), step


CHILD = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {tests!r})
    from test_generations import add
    from paperkg.graph import generations
    step, incremental = sys.argv[2].split("/", 1)[-1], not sys.argv[2].startswith("full/")
    def die(name):
        if name == step:
            os._exit(9)
    generations.checkpoint_hook = die
    done = add(__import__("pathlib").Path(sys.argv[1]), *sys.argv[3:], incremental=incremental)
    print("incremental" if done.incremental else "full")
    """
).format(tests=str(Path(__file__).resolve().parent))


def child(directory: Path, step: str, *titles: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(directory), step, *titles],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("incremental", [True, False])
def test_a_writer_killed_at_any_step_leaves_no_lock_and_no_half_generation(
    tmp_path: Path, incremental: bool
) -> None:
    steps = steps_of_a_write(tmp_path, incremental)
    for i, step in enumerate(steps):
        directory = tmp_path / f"kill-{i}"
        add(directory, "A")
        killed = child(directory, ("inc/" if incremental else "full/") + step, "B")
        assert killed.returncode == 9, killed.stderr
        landed = steps.index(step) >= steps.index("swap")
        expected = ["id-A", "id-B"] if landed else ["id-A"]
        assert ids(directory) == expected, step
        add(directory, "C", lock_timeout=5)  # not locked out by the dead writer
        assert ids(directory) == [*expected, "id-C"], step
        left = [p.name for p in (directory / "generations").iterdir()]
        assert left == [generations.current(directory).name], (step, left)


@pytest.mark.parametrize("mode", ["incremental", "full"])
def test_two_writers_at_once_both_land(tmp_path: Path, mode: str) -> None:
    directory = tmp_path / "g"
    add(directory, "A")
    script = CHILD.replace("generations.checkpoint_hook = die", "pass")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(directory), f"{mode[:4]}/-", *titles],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for titles in (["B1", "B2", "B3"], ["C1", "C2"])
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.split() == [mode]
    assert ids(directory) == ["id-A", "id-B1", "id-B2", "id-B3", "id-C1", "id-C2"]


def test_a_second_writer_waits_and_is_told_who_holds_the_lock(tmp_path: Path) -> None:
    directory = tmp_path / "g"
    add(directory, "A")
    told: list[str] = []
    with generations.locked(directory):
        done = threading.Event()

        def second() -> None:
            add(directory, "B", on_wait=told.append)
            done.set()

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        assert not done.is_set()  # waiting for us
    thread.join(timeout=60)
    assert done.is_set()
    assert told and f"pid {os.getpid()}" in told[0]
    assert ids(directory) == ["id-A", "id-B"]


def test_a_writer_that_will_not_wait_fails_with_a_clear_message(tmp_path: Path) -> None:
    directory = tmp_path / "g"
    add(directory, "A")
    before = generations.current(directory)
    with generations.locked(directory), pytest.raises(StoreError) as info:
        add(directory, "B", lock_timeout=0)
    assert "being written by pid" in str(info.value) and "try again" in str(info.value)
    assert generations.current(directory) == before and ids(directory) == ["id-A"]


def test_a_reader_keeps_its_generation_until_it_is_done(tmp_path: Path) -> None:
    directory = tmp_path / "g"
    add(directory, "A")
    with generations.reading(directory) as held:
        add(directory, "B")
        assert held.path.is_dir()  # not retired under the reader
        assert json.loads(held.file("manifest.json").read_text())["papers"] == 1
        assert generations.current(directory) != held.path
    add(directory, "C")  # now it can go
    assert not held.path.exists()
    assert ids(directory) == ["id-A", "id-B", "id-C"]


def test_adding_nothing_new_keeps_the_current_generation(tmp_path: Path) -> None:
    directory = tmp_path / "g"
    add(directory, "A", "B")
    before = generations.current(directory)
    result = add(directory, "B", "A")
    assert (result.added, result.updated) == (0, 0)
    assert generations.current(directory) == before
    assert [p.name for p in (directory / "generations").iterdir()] == [before.name]


def test_a_folder_paperkg_did_not_write_is_never_written_into(tmp_path: Path) -> None:
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "notes.txt").write_text("my notes")
    with pytest.raises(StoreError, match="did not write"):
        add(directory, "A")
    assert sorted(p.name for p in directory.iterdir()) == ["notes.txt"]


def test_a_graph_of_the_old_layout_is_read_as_the_base_and_converted(tmp_path: Path) -> None:
    from paperkg.graph.build import build_graph

    directory = tmp_path / "old"
    directory.mkdir()
    old = extract(papers("A", "B"))
    (directory / "records.jsonl").write_text(
        "".join(json.dumps(store.record_to_json(r)) + "\n" for r in old), encoding="utf-8"
    )
    (directory / "graph.json").write_text(json.dumps(store.graph_to_json(build_graph(old))))
    with pytest.raises(StoreError, match="older paperkg"):
        store.load(directory)
    add(directory, "C")
    assert ids(directory) == ["id-A", "id-B", "id-C"]
    assert not (directory / "graph.json").exists() and not (directory / "records.jsonl").exists()
