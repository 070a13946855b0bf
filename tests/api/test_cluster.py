"""``build``/``add --dask``: extraction on a real dask.distributed LocalCluster (worker
processes, the real pipeline in each) gives byte for byte what one process gives, and a
dead worker, a lost or empty scheduler, a worker with another model, or dask missing is
one clear error that changes nothing."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import sys
from pathlib import Path

import ladybug
import pytest
from click.testing import CliRunner
from paperkg.api import build, cluster
from paperkg.api.fingerprint import fingerprint
from paperkg.cli.main import cli
from paperkg.extract.errors import ExtractionError
from paperkg.graph.shards import shard_paths

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "trending-agents.txt"
FRESH = ROOT / "tests" / "fixtures" / "extract" / "fresh_ood_a.jsonl"
EXPORTS = ("graphml", "gexf", "json", "cypher", "neo4j-admin")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of two single-threaded worker processes; its scheduler's address."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local.scheduler_address


def run(*args: str) -> str:
    """``paperkg ARGS`` in this process; its stderr (it must succeed)."""
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.stderr


def fail(*args: str):
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code != 0 and "Traceback" not in res.output, res.output
    return res


def store_rows(generation: Path) -> dict[str, list[str]]:
    """Every node and relationship of the graph store and every row of the name index,
    as sorted JSON (the engine's internal ids and its scan order are its own)."""
    queries = {
        "graph.lbug": ("MATCH (n) RETURN n", "MATCH (a)-[r]->(b) RETURN a.id, b.id, r"),
        "names.lbug": ("MATCH (n) RETURN n",),
    }
    out = {}
    for name, texts in queries.items():
        db = ladybug.Database(str(generation / name), read_only=True)
        conn = ladybug.Connection(db)
        rows = [row for text in texts for row in conn.execute(text).get_all()]
        conn.close()
        db.close()
        out[name] = sorted(json.dumps([_public(v) for v in row], default=str) for row in rows)
    return out


def _public(value: object) -> object:
    """A node or relationship without the engine's internal ids."""
    if isinstance(value, dict):
        return {k: v for k, v in sorted(value.items()) if k not in ("_ID", "_SRC", "_DST")}
    return value


def everything(directory: Path, exports: tuple[str, ...] = EXPORTS) -> dict[str, object]:
    """What a user can get out of a graph directory: its record shards, page, store
    contents and exports, as bytes (the store's files hold a random database id)."""
    current = directory / "current"
    out: dict[str, object] = {
        "records": [p.read_bytes() for p in shard_paths(current)],
        "page": (directory / "graph.html").read_bytes(),
        "store": store_rows(current),
    }
    for fmt in exports:
        target = directory.parent / f"exports-of-{directory.name}" / f"graph.{fmt}"
        run("export", "--graph", str(directory), "--format", fmt, "-o", str(target))
        files = sorted(target.iterdir()) if target.is_dir() else [target]
        out[fmt] = {f.name: f.read_bytes() for f in files}
    return out


@pytest.fixture(scope="module")
def one_process(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one") / "graph"
    run("build", str(SAMPLE), "-o", str(out), "--format", "json")
    return out


def test_build_on_a_local_cluster_equals_one_process(one_process, tmp_path):
    out = tmp_path / "graph"
    err = run("build", str(SAMPLE), "-o", str(out), "--dask", "local", "--format", "json")
    assert "Error" not in err and "distributed" not in err  # its logs stay quiet
    mine, theirs = everything(out), everything(one_process)
    assert len(mine["store"]["graph.lbug"]) > 1000  # papers, entities and links: not empty
    assert mine.keys() == theirs.keys()
    for what in mine:
        assert mine[what] == theirs[what], what


def long_paper(path: Path) -> Path:
    """A paper whose abstract is past the extractor's cap: the worker warns about it."""
    sentence = "We evaluate LongBench-X on GSM8K with GPT-4o and report accuracy. "
    row = {"title": "A very long abstract", "abstract": sentence * 1600}
    shutil.copy(FRESH, path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(row) + "\n")
    return path


def test_add_on_a_cluster_equals_add_in_one_process(scheduler, one_process, tmp_path):
    new = long_paper(tmp_path / "new.jsonl")
    for name, extra in (("mine", ["--dask", scheduler]), ("theirs", [])):
        shutil.copytree(one_process, tmp_path / name, symlinks=True)
        err = run("add", str(new), "--into", str(tmp_path / name), "--format", "json", *extra)
        assert err.count("Warning: ") == 1 and "A very long abstract" in err
    mine, theirs = (everything(tmp_path / name, ("json",)) for name in ("mine", "theirs"))
    assert mine["records"][0].count(b"\n") == 231 + 51
    for what in mine:
        assert mine[what] == theirs[what], what


def test_a_worker_with_another_model_is_refused_before_anything_is_extracted(scheduler, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(ROOT / "extract" / "data" / "ner", model)
    fingerprint(str(model.resolve()))  # what this machine saw; the workers see it changed
    with (model / "names.tsv").open("a", encoding="utf-8") as handle:
        handle.write("Changed\tMETHOD\n")
    res = fail("build", str(SAMPLE), "-o", str(tmp_path / "g"), "--ner-model", str(model),
               "--dask", scheduler)  # fmt: skip
    assert res.exit_code == 2
    assert "would extract differently from this machine (model " in res.stderr
    assert "install the same paperkg, spaCy and model on every worker" in res.stderr
    assert res.stderr.count("\n") == 1
    assert not (tmp_path / "g" / "current").exists()


def test_a_worker_without_the_model_directory_is_named(scheduler, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(ROOT / "extract" / "data" / "ner", model)
    fingerprint(str(model.resolve()))  # this machine has it; the workers will not
    shutil.rmtree(model)
    expected = r"no model directory .*model; every worker needs"
    with pytest.raises(ExtractionError, match=expected), cluster.connect(scheduler, model):
        pass


def kill_workers_after_first_part(client):
    """An ``on_extract`` that SIGKILLs every worker process once the first partition is
    back, as the kernel's OOM killer would."""

    @contextlib.contextmanager
    def on_extract(total: int):
        pids = client.run(os.getpid)

        def advance(n: int) -> None:
            for pid in pids.values():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

        yield advance

    return on_extract


def test_dead_workers_are_one_error_and_the_graph_is_not_changed(tmp_path):
    import dask

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as local,
        distributed.Client(local) as client,
    ):
        out = tmp_path / "g"
        with pytest.raises(ExtractionError, match=r"a dask worker died while extracting papers"):
            build([SAMPLE], out, dask=local.scheduler_address,
                  on_extract=kill_workers_after_first_part(client))  # fmt: skip
    assert not (out / "current").exists()
    assert not list((out / "generations").iterdir())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_one_error_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    res = fail("build", str(SAMPLE), "-o", str(tmp_path / "g"), "--dask", address)
    assert res.exit_code == 2
    assert res.stderr.startswith(f"Error: cannot reach the dask scheduler at {address}")
    assert res.stderr.count("\n") == 1 and not (tmp_path / "g").exists()


def test_a_scheduler_without_workers_is_one_error(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "WORKER_TIMEOUT", 1.0)
    with distributed.LocalCluster(n_workers=0, dashboard_address=":0") as local:
        res = fail("build", str(SAMPLE), "-o", str(tmp_path / "g"),
                   "--dask", local.scheduler_address)  # fmt: skip
    assert "has no workers (waited 1 s); start them with `dask worker" in res.stderr
    assert not (tmp_path / "g").exists()


def test_without_dask_the_option_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import` sees without it
    res = fail("build", str(SAMPLE), "-o", str(tmp_path / "g"), "--dask", "local")
    assert res.exit_code == 2
    assert res.stderr == (
        "Error: --dask needs dask.distributed, which is not installed: "
        "pip install 'paperkg[dask]'\n"
    )
    assert not (tmp_path / "g").exists()


def test_jobs_and_dask_exclude_each_other(tmp_path):
    res = fail("build", str(SAMPLE), "-o", str(tmp_path / "g"), "--jobs", "2", "--dask", "local")
    assert res.exit_code == 2 and "--jobs and --dask exclude each other" in res.stderr
