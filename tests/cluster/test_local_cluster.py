"""A real distributed.LocalCluster (2 worker processes, loopback only): the same records as a
local run, a worker killed mid-run, an interrupted run resumed, a bad record inside a shard."""

from __future__ import annotations

import json
import os
import random
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx import cluster, io
from claimx.cli import app

distributed = pytest.importorskip("distributed", reason="the cluster tests need claimx[cluster]")

COMPANIES = ["Kestrel Air", "Borealis Bank", "Acme Corp", "Orchard Foods", "Halvard Steel", "Mistral Rail"]
PLACES = ["Ohio", "Oslo", "Lyon", "Perth", "Osaka", "Quebec"]


def invented(n: int, *, bad: set[int] = frozenset()) -> str:
    """``n`` JSON Lines records of invented news sentences; lines in ``bad`` are broken records."""
    rng = random.Random(12)
    rows = []
    for i in range(n):
        if i in bad:
            rows.append(json.dumps({"id": f"n{i}", "body": "no text field"}) if i % 2 else "{not json")
            continue
        who, where = rng.choice(COMPANIES), rng.choice(PLACES)
        amount, year = rng.randint(2, 900), rng.randint(2026, 2031)
        text = (f"{who} will invest ${amount} million in a plant in {where} by {year}, "
                f"chief executive Dana Moreau said on Tuesday. Sales rose {rng.randint(1, 40)}% last year.")
        rows.append(json.dumps({"id": f"n{i}", "text": text, "date": "2025-11-21"}))
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def client():
    with cluster.local_cluster(2) as lc, distributed.Client(lc) as c:
        yield c


def local_jsonl(path: Path, model: str) -> str:
    result = CliRunner().invoke(app, ["extract", str(path), "-f", "jsonl", "--workers", "1", "--model", model,
                                      "-q"])
    assert result.exit_code in (0, 3), result.stderr
    return result.stdout


def parts(out: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("part-*[0-9].jsonl")))


@pytest.mark.slow
def test_600_records_in_shards_are_byte_identical_to_a_local_run(client, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(invented(600, bad={250, 251}), encoding="utf-8")
    from claimx.pipeline.build import resolve_model

    model = resolve_model(None)
    errors: list[io.InputError] = []
    summary = cluster.extract_to([str(dump)], str(tmp_path / "out"), client=client, shard_size=150,
                                 model=model, error=errors.append)
    assert summary.shards == 4 and summary.done == 4 and not summary.failed_shards
    assert summary.written == 598 and summary.failed == 2
    assert parts(tmp_path / "out") == local_jsonl(dump, model)
    # the bad records are error records of their shard, which is done
    shard = json.loads((tmp_path / "out" / "manifest.json").read_text())["shards"][1]
    assert shard["status"] == "done" and shard["failed"] == 2
    lines = (tmp_path / "out" / "part-00001.errors.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [f"{dump}:251", "n251"]
    assert {e.id for e in errors} == {f"{dump}:251", "n251"}


@pytest.mark.slow
def test_a_worker_killed_mid_run_costs_only_its_shard_and_every_shard_is_written_once(client, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(invented(600), encoding="utf-8")
    from claimx.pipeline.build import resolve_model

    model = resolve_model(None)
    pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one(summary, left):
        if not killed:
            killed.append(pids[0])
            os.kill(pids[0], signal.SIGKILL)

    out = tmp_path / "out"
    summary = cluster.extract_to([str(dump)], str(out), client=client, shard_size=50, model=model,
                                 progress=kill_one)
    assert killed
    assert summary.shards == 12 and not summary.failed_shards
    names = sorted(p.name for p in out.iterdir())
    assert names == ["manifest.json", *(cluster.part_name(n) for n in range(12))]  # no temporary left
    text = parts(out)
    assert [json.loads(line)["id"] for line in text.splitlines()] == [f"n{i}" for i in range(600)]
    assert text == local_jsonl(dump, model)


def test_a_rerun_after_an_interrupted_run_does_only_the_missing_shards(client, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(invented(400), encoding="utf-8")
    out = tmp_path / "out"

    def stop(summary, left):
        if summary.done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cluster.extract_to([str(dump)], str(out), client=client, shard_size=25, model="blank", progress=stop)
    manifest = json.loads((out / "manifest.json").read_text())
    done = [s["shard"] for s in manifest["shards"] if s["status"] == "done"]
    assert 2 <= len(done) < 16
    before = {n: (out / cluster.part_name(n)).stat().st_mtime_ns for n in done}
    summary = cluster.extract_to([str(dump)], str(out), client=client, shard_size=25, model="blank")
    assert summary.skipped == len(done) and summary.done == 16 - len(done)
    assert {n: (out / cluster.part_name(n)).stat().st_mtime_ns for n in done} == before
    assert parts(out) == local_jsonl(dump, "blank")
    assert all(s["status"] == "done" for s in json.loads((out / "manifest.json").read_text())["shards"])
    again = cluster.extract_to([str(dump)], str(out), client=client, shard_size=25, model="blank")
    assert again.skipped == 16 and again.done == 0


def test_a_rerun_with_other_options_or_inputs_is_refused(client, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(invented(30), encoding="utf-8")
    out = str(tmp_path / "out")
    cluster.extract_to([str(dump)], out, client=client, shard_size=10, model="blank")
    with pytest.raises(io.UsageError, match="another job"):
        cluster.extract_to([str(dump)], out, client=client, shard_size=10, model="blank", dollar="AUD")
    with open(dump, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "late", "text": "Acme rose."}) + "\n")
    with pytest.raises(io.UsageError, match="inputs changed"):
        cluster.extract_to([str(dump)], out, client=client, shard_size=10, model="blank")


def test_the_cli_runs_on_a_local_cluster_and_resumes(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(invented(40, bad={3}), encoding="utf-8")
    out = tmp_path / "out"
    args = ["extract", str(dump), "--cluster", "local:1", "-o", str(out), "--shard-size", "15",
            "--model", "blank"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3, result.stderr  # one input failed, as a local batch
    assert result.stdout == ""
    assert "39 written, 1 failed; 3 of 3 shard(s) run" in result.stderr
    assert parts(out) == local_jsonl(dump, "blank")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "0 of 3 shard(s) run, 3 done before (skipped)" in result.stderr


def test_local_cluster_workers_run_without_the_profiler_or_the_nannys_trim_threshold(client):
    # a lambda: cloudpickle sends it by value (this test module cannot be imported on a worker)
    settings = client.run(lambda: (__import__("os").environ.get("MALLOC_TRIM_THRESHOLD_"),
                                   __import__("dask").config.get("distributed.worker.profile.enabled")))
    assert len(settings) == 2
    assert set(settings.values()) == {(None, False)}
    assert "MALLOC_TRIM_THRESHOLD_" not in os.environ  # the nanny did not set it here either


def test_a_worker_started_with_a_trim_threshold_raises_mallocs_thresholds_once(monkeypatch):
    calls: list[tuple[int, int]] = []

    class Libc:
        def mallopt(self, param: int, value: int) -> int:
            calls.append((param, value))
            return 1

    import ctypes

    monkeypatch.setattr(ctypes, "CDLL", lambda name: Libc())
    monkeypatch.setattr(cluster, "_malloc_tuned", False)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    monkeypatch.setattr(cluster.sys, "platform", "linux")
    cluster._tune_malloc()
    cluster._tune_malloc()
    assert calls == [(cluster._M_MMAP_THRESHOLD, 32 * 2**20), (cluster._M_TRIM_THRESHOLD, 64 * 2**20)]


def test_a_worker_without_a_trim_threshold_leaves_malloc_alone(monkeypatch):
    import ctypes

    monkeypatch.setattr(ctypes, "CDLL", lambda name: pytest.fail("mallopt called"))
    monkeypatch.setattr(cluster, "_malloc_tuned", False)
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    cluster._tune_malloc()
