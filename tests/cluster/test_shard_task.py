"""The shard task and the manifest on their own, without a cluster: a worker's threads take turns
with its one pipeline, and a long job does not rewrite its manifest after every shard."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

pytest.importorskip("fsspec", reason="the cluster tests need claimx[cluster]")

import claimx.runner
from claimx import cluster, io


def _dump(path, n: int) -> list[dict]:
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Acme will pay ${i} million by 2030."}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return io.plan_pieces([str(path)], 5)


def _options() -> dict:
    return {"model": "blank", "dollar": "USD", "date": None, "max_chars": io.MAX_CHARS, "cwd": os.getcwd()}


def test_threads_of_one_worker_extract_their_shards_in_turn(tmp_path, monkeypatch):
    pieces = _dump(tmp_path / "d.jsonl", 20)
    inside, most = 0, 0
    lock = threading.Lock()
    real = claimx.runner.run

    def counting(records, **kwargs):
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        try:
            time.sleep(0.05)  # long enough for the other threads to try to come in
            yield from real(records, **kwargs)
        finally:
            with lock:
                inside -= 1

    monkeypatch.setattr(claimx.runner, "run", counting)
    out = tmp_path / "out"
    out.mkdir()
    threads = [threading.Thread(target=cluster._run_shard, args=(n, p, str(out), _options()))
               for n, p in enumerate(pieces)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(pieces) == 4 and most == 1
    lines = [line for n in range(4) for line in (out / cluster.part_name(n)).read_text().splitlines()]
    assert [json.loads(line)["id"] for line in lines] == [f"r{i}" for i in range(20)]


def test_the_manifest_is_rewritten_at_most_every_few_seconds_while_shards_finish(tmp_path, monkeypatch):
    import fsspec

    fs, root = fsspec.core.url_to_fs(str(tmp_path))
    pieces = _dump(tmp_path / "d.jsonl", 20)
    manifest = cluster._Manifest(fs, root, {"inputs": ["d.jsonl"]}, pieces)
    writes: list[float] = []
    clock = [100.0]
    monkeypatch.setattr(cluster.time, "monotonic", lambda: clock[0])
    real_mv = fs.mv
    monkeypatch.setattr(fs, "mv", lambda a, b, **kw: (writes.append(clock[0]), real_mv(a, b, **kw)))
    manifest.save_soon()  # the first one is written at once
    for _ in range(10):
        clock[0] += 0.5
        manifest.save_soon()
    assert writes == [100.0, 102.0, 104.0]
    manifest.save()  # the end of a run: written whatever the time
    assert len(writes) == 4
    assert json.loads((tmp_path / cluster.MANIFEST).read_text())["inputs"] == ["d.jsonl"]
