"""`make bench`: claimx's speed and memory, as ratios measured in one run on this machine.

Reads the corpora from ../shared (never copied).  Prints:

1. throughput on the BBC business folder (510 articles): a bare en_core_web_sm ``nlp.pipe`` vs
   claimx end to end (reading, rules, normalisation, conversion, JSON serialisation), with 1 and
   with 2 processes, and the ratio of the two at the same process count;
2. the speed-up of 2 workers over 1, and the peak RSS of each worker process;
3. the cold wall time of ``claimx extract one.txt`` against loading the bare model in a fresh
   interpreter;
4. each claimx component's share of pipeline time (money's among them);
5. with ``--full`` (``make bench-full``): the whole Reuters-21578 dump through the CLI, wall time,
   articles/s and the memory of every process sampled over the run (it should stay flat);
6. with ``--hostile`` (``make bench-hostile``, only this): hostile inputs through the CLI, each in a
   fresh process: wall time and peak RSS for 2 MB without paragraph breaks, 2 MB without any
   whitespace, 40,000 ``$`` / ``“`` / mixed symbols, a ``.jsonl.gz`` whose line inflates to 1 GB,
   a 4 MB HTML page (targets: 2 MB under 1 GB of memory, 40,000 symbols under 10 s).

    python tests/bench.py [--shared ../shared] [--limit N] [--full] [--hostile]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

BIN = Path(sys.executable).parent


# -- memory sampling (Linux /proc) ----------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids[ppid].append(int(entry))
    return kids


def _descendants(pid: int) -> list[int]:
    kids, out, todo = _children_map(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _status(pid: int) -> dict[str, int | str]:
    info: dict[str, int | str] = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    info[key] = int(value.split()[0]) // 1024  # MB
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            info["cmd"] = fh.read().replace(b"\0", b" ").decode(errors="replace")[:120]
    except OSError:
        pass
    return info


class MemorySampler:
    """Samples RSS of a process tree every ``period`` seconds; keeps every process's peak."""

    def __init__(self, root: int, period: float = 1.0) -> None:
        self.root, self.period = root, period
        self.peak: dict[int, int] = {}
        self.cmd: dict[int, str] = {}
        self.parent: dict[int, int] = {}
        self.samples: list[tuple[float, int, int]] = []  # (t, total RSS MB, largest process MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.t0 = time.perf_counter()

    def _run(self) -> None:
        while not self._stop.is_set():
            total, largest = 0, 0
            kids = _children_map()
            for ppid, pids in kids.items():
                for pid in pids:
                    self.parent.setdefault(pid, ppid)
            for pid in _descendants(self.root):
                st = _status(pid)
                if "VmRSS" not in st:
                    continue
                rss = int(st["VmRSS"])
                total += rss
                largest = max(largest, rss)
                self.peak[pid] = max(self.peak.get(pid, 0), int(st.get("VmHWM", rss)))
                self.cmd.setdefault(pid, str(st.get("cmd", "")))
            self.samples.append((time.perf_counter() - self.t0, total, largest))
            self._stop.wait(self.period)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def workers(self) -> list[int]:
        """Peak RSS (MB) of the worker processes: those forked from the forkserver, which have the
        same command line as the server itself but a forkserver as parent."""
        fork = {pid for pid, cmd in self.cmd.items() if "forkserver" in cmd}
        return [self.peak[pid] for pid in fork if self.parent.get(pid) in fork]


# -- the measurements ------------------------------------------------------------------------------


def bare_pipe(texts: list[str], n_process: int) -> float:
    """Seconds for a bare en_core_web_sm over the texts (model already loaded)."""
    import spacy

    from claimx.pipeline.build import DEFAULT_MODELS

    name = next(n for n in DEFAULT_MODELS if _installed(n))
    nlp = spacy.load(name)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - t0


def _installed(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def claimx_run(paths: list[str], workers: int) -> tuple[float, MemorySampler]:
    """Seconds for claimx end to end over the files: reading, pipeline, conversion, JSON lines."""
    import claimx
    from claimx.io import iter_records

    nlp = claimx.load() if workers == 1 else None
    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    with MemorySampler(os.getpid(), period=0.5) as mem:
        t0 = time.perf_counter()
        for art in claimx.extract_many(iter_records(paths), nlp=nlp, workers=workers):
            sink.write(json.dumps(art.model_dump(mode="json"), ensure_ascii=False) + "\n")
        elapsed = time.perf_counter() - t0
    sink.close()
    return elapsed, mem


def cold_runs(one: Path, repeat: int = 3) -> tuple[float, float]:
    """Median wall seconds: ``claimx extract one.txt`` vs importing spaCy, loading the model and
    running it over the same text (so the difference is claimx's own cost: its imports, its
    components' start-up, its rules and the output)."""
    from claimx.pipeline.build import DEFAULT_MODELS

    name = next(n for n in DEFAULT_MODELS if _installed(n))
    cli, bare = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([str(BIN / "claimx"), "extract", str(one), "--format", "json"], check=True,
                       stdout=subprocess.DEVNULL)
        cli.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        code = f"import spacy; spacy.load({name!r})(open({str(one)!r}, encoding='utf-8').read())"
        subprocess.run([sys.executable, "-c", code], check=True)
        bare.append(time.perf_counter() - t0)
    return statistics.median(cli), statistics.median(bare)


def component_share(texts: list[str]) -> dict[str, float]:
    import claimx

    nlp = claimx.load()
    per: dict[str, float] = defaultdict(float)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            per[name] += time.perf_counter() - t
    return per


def reuters_full(dump: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "reuters.jsonl"
        t0 = time.perf_counter()
        cmd = [str(BIN / "claimx"), "extract", str(dump), "--format", "jsonl", "-o", str(out), "-q"]
        proc = subprocess.Popen(cmd)
        with MemorySampler(proc.pid, period=2.0) as mem:
            proc.wait()
        wall = time.perf_counter() - t0
        n = sum(1 for _ in out.open(encoding="utf-8"))
    print(f"\nReuters-21578 full run: {n} articles in {wall:.0f} s = {n / wall:.1f} articles/s "
          f"(exit code {proc.returncode}, default workers)")
    peaks = sorted(mem.peak.items(), key=lambda kv: -kv[1])
    for pid, mb in peaks[:5]:
        print(f"  peak RSS {mb:5d} MB  pid {pid}  {mem.cmd.get(pid, '')[:70]}")
    k = max(1, len(mem.samples) // 10)
    print("  total RSS of the process tree over the run (t s: MB): "
          + ", ".join(f"{t:.0f}: {total}" for t, total, _ in mem.samples[::k]))


def _hostile_inputs(folder: Path) -> list[tuple[str, Path]]:
    """Invented hostile inputs, written to ``folder``."""
    sentence = "Acme said revenue rose to $5 billion in 2024 and would reach $7 billion by 2026. "
    rng = random.Random(0)
    made = {
        "2 MB, sentences, no paragraph break.txt": sentence * (2_000_000 // len(sentence)),
        "2 MB, no whitespace at all.txt": "$5bn;" * 400_000,
        "40,000 '$'.txt": "$" * 40_000,
        "40,000 '“'.txt": "“" * 40_000,
        "40,000 mixed symbols.txt": "".join(rng.choice("$“”(«[€") for _ in range(40_000)),
        "4 MB HTML page.html": "<html><body><article>" + "".join(
            f"<p>Acme unit {i} said revenue rose to ${i} million and would reach ${i + 2} million.</p>\n"
            for i in range(45_000)) + "</article></body></html>",
    }
    out = []
    for name, text in made.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        out.append((name.rsplit(".", 1)[0], path))
    bomb = folder / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=6) as fh:
        fh.write(json.dumps({"id": "a", "text": sentence}).encode() + b"\n")
        fh.write(b'{"id": "bomb", "text": "')
        for _ in range(1024):
            fh.write(b"0" * (1 << 20))
        fh.write(b'"}\n' + json.dumps({"id": "b", "text": sentence}).encode() + b"\n")
    out.append((".jsonl.gz with a 1 GB line", bomb))
    return out


def hostile() -> None:
    print("hostile inputs, `claimx extract FILE -f jsonl -w 1 -q` in a fresh process each "
          "(wall time includes ~2 s of start-up and model load):")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in _hostile_inputs(Path(tmp)):
            cmd = [str(BIN / "claimx"), "extract", str(path), "-f", "jsonl", "-w", "1", "-q"]
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            with MemorySampler(proc.pid, period=0.2) as mem:
                out, err = proc.communicate()
            wall = time.perf_counter() - t0
            peak = max(mem.peak.values(), default=0)
            records = out.count(b"\n")
            print(f"  {name:42s} {wall:7.1f} s  peak RSS {peak:5d} MB  exit {proc.returncode}  "
                  f"{records} record(s), {err.count(b'error:')} error line(s)")


# -- the cluster (claimx[cluster]) -----------------------------------------------------------------


def _cli(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(BIN / "claimx"), "extract", *args, "-q"], check=False)
    return time.perf_counter() - t0


def cluster_vs_workers(texts: list[str], rounds: int, at_least: int = 2000, shard: int = 250) -> None:
    """``--cluster local:2`` against ``--workers 2`` on the BBC texts repeated to ``at_least``
    records (one JSON Lines dump), end to end through the CLI, alternating, best of ``rounds``
    (shards of 250: 9 shards, so both workers are busy until the last one);
    then the scheduler's overhead per shard: 40 one-record shards on the rules-only pipeline,
    (wall time x workers - the workers' compute) / shards."""
    if not _installed("distributed"):
        print("\ncluster: skipped (pip install 'claimx[cluster]')")
        return
    copies = -(-at_least // len(texts))
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "bbc-repeated.jsonl"
        with dump.open("w", encoding="utf-8") as fh:
            for k in range(copies):
                for i, text in enumerate(texts):
                    fh.write(json.dumps({"id": f"{k}-{i}", "text": text}, ensure_ascii=False) + "\n")
        n = copies * len(texts)
        local, dask = [], []
        for r in range(rounds):
            local.append(_cli([str(dump), "-f", "jsonl", "-o", f"{tmp}/local{r}.jsonl", "--workers", "2"]))
            dask.append(_cli([str(dump), "--cluster", "local:2", "-o", f"{tmp}/dask{r}", "--shard-size",
                              str(shard)]))
        t_local, t_dask = min(local), min(dask)
        print(f"\ncluster: {n} records ({copies} x BBC), --workers 2 {t_local:.1f}s "
              f"({n / t_local:.1f} art/s) | "
              f"--cluster local:2 (shards of {shard}) {t_dask:.1f}s ({n / t_dask:.1f} art/s) | ratio "
              f"{t_local / t_dask:.2f} (target >= 0.90; best of {rounds} alternating runs, including "
              "start-up)")
        from distributed import Client

        from claimx import cluster

        small = Path(tmp) / "small.jsonl"
        rows = (json.dumps({"id": f"s{i}", "text": "Acme rose 5%."}) + "\n" for i in range(40))
        small.write_text("".join(rows), encoding="utf-8")
        with cluster.local_cluster(2) as lc, Client(lc) as client:
            cluster.extract_to([str(small)], f"{tmp}/warm", client=client, shard_size=1, model="blank")
            s = cluster.extract_to([str(small)], f"{tmp}/overhead", client=client, shard_size=1,
                                   model="blank")
        print(f"scheduler overhead per shard: {(s.elapsed * 2 - s.compute) / s.shards * 1000:.0f} ms "
              f"({s.shards} one-record shards on 2 workers, submit to manifest written)")


def reuters_cluster(dump: Path) -> None:
    """Reuters-21578 through ``--cluster local:2`` (in this process, to read the workers' peak RSS)."""
    if not _installed("distributed"):
        return
    from distributed import Client

    from claimx import cluster

    with tempfile.TemporaryDirectory() as tmp, cluster.local_cluster(2) as lc, Client(lc) as client:
        s = cluster.extract_to([str(dump)], f"{tmp}/out", client=client)
    n = s.written + s.failed
    print(f"\nReuters-21578 --cluster local:2: {n} articles in {s.elapsed:.0f} s = "
          f"{n / s.elapsed:.1f} articles/s "
          f"({s.shards} shards); peak RSS per worker: "
          + ", ".join(f"{mb:.0f} MB" for mb in s.worker_rss_mb.values()) + " (target <= 400)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--limit", type=int, default=0, help="articles to use (0 = all)")
    ap.add_argument("--full", action="store_true", help="also run the whole Reuters-21578 dump")
    ap.add_argument("--rounds", type=int, default=3, help="alternating bare/claimx runs per process count")
    ap.add_argument("--only-full", action="store_true", help="only the Reuters run")
    ap.add_argument("--only-cluster", action="store_true", help="only the --cluster vs --workers figures")
    ap.add_argument("--hostile", action="store_true", help="only the hostile inputs")
    args = ap.parse_args()
    if args.hostile:
        hostile()
        return
    shared = Path(args.shared)
    if args.only_full:
        reuters_full(shared / "corpus" / "reuters21578.jsonl.gz")
        reuters_cluster(shared / "corpus" / "reuters21578.jsonl.gz")
        return
    if args.only_cluster:
        texts = [p.read_text(encoding="utf-8", errors="replace")
                 for p in sorted((shared / "corpus" / "bbc-business").glob("*.txt"))]
        cluster_vs_workers(texts, args.rounds)
        return
    folder = shared / "corpus" / "bbc-business"
    paths = sorted(folder.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)
    print(f"machine: {os.cpu_count()} CPUs; corpus: {len(texts)} BBC business articles, {words} words")

    files = [str(p) for p in paths]
    res = {}
    for n in (1, 2):
        # this machine's speed drifts by 10-20% from minute to minute: alternate the two runs and
        # compare the best of each, so that neither side is measured in a slow spell alone
        bares, cxs, mems = [], [], []
        for _ in range(args.rounds):
            bares.append(bare_pipe(texts, n))
            t_cx, mem = claimx_run(files, n)
            cxs.append(t_cx)
            mems.append(mem)
        t_bare, t_cx = min(bares), min(cxs)
        res[n] = (t_bare, t_cx, mems)
        runs = " ".join(f"{b:.1f}/{c:.1f}" for b, c in zip(bares, cxs, strict=True))
        print(f"{n} process(es): bare en_core_web_sm nlp.pipe {t_bare:6.2f}s "
              f"({len(texts) / t_bare:5.1f} art/s) | "
              f"claimx {t_cx:6.2f}s ({len(texts) / t_cx:5.1f} art/s) | ratio claimx/bare throughput "
              f"{t_bare / t_cx:.2f} (target >= 0.90; best of {args.rounds} alternating runs, "
              f"bare/claimx s: {runs})")
    speedup = res[1][1] / res[2][1]
    print(f"claimx --workers 2 vs 1: {speedup:.2f}x throughput (target >= 1.5)")
    peaks = [max(mb) for mb in zip(*(m.workers() for m in res[2][2]), strict=False)]
    shown = ", ".join(f"{mb} MB" for mb in peaks) or "n/a"
    print(f"peak RSS per worker (workers=2): {shown} (target <= 400); "
          f"bench process itself (holds the workers=1 pipeline and the bare model): "
          f"{max(m.peak.get(os.getpid(), 0) for m in res[2][2])} MB")

    cli, bare = cold_runs(paths[1] if len(paths) > 1 else paths[0])
    print(f"cold `claimx extract one.txt`: {cli:.2f}s; bare `import spacy; spacy.load(...)(text)`: "
          f"{bare:.2f}s; claimx's own cost {cli - bare:+.2f}s")

    per = component_share(texts[:200])
    total = sum(per.values())
    print(f"component share of pipeline time ({min(200, len(texts))} articles, one at a time; "
          "claimx disables the rule lemmatizer and asks it for cue words only):")
    for name, secs in sorted(per.items(), key=lambda kv: -kv[1]):
        print(f"  {name:22s} {secs:7.2f}s  {100 * secs / total:5.1f}%")
    cluster_vs_workers(texts, max(2, args.rounds - 1))
    if args.full:
        reuters_full(shared / "corpus" / "reuters21578.jsonl.gz")
        reuters_cluster(shared / "corpus" / "reuters21578.jsonl.gz")


if __name__ == "__main__":
    main()
