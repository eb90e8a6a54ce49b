"""The batch job on a Dask cluster: shards in, one JSON Lines file out per shard, rerun = resume.

:func:`extract_to` plans the inputs into shards of about ``shard_size`` records
(:func:`claimx.io.plan_pieces`, the same records and ids as a local run), submits one task per
shard and writes ``OUTDIR/manifest.json`` as shards finish.  A task reads its shard
(:func:`claimx.io.read_pieces`), runs it through the same runner as a local batch with the
worker process's pipeline (loaded once per process, with the run's model and ``--dollar``), and
writes ``part-NNNNN.jsonl`` (the records, byte for byte the lines ``--format jsonl`` writes for
them) and, when some inputs failed, ``part-NNNNN.errors.jsonl`` (the ``--errors`` lines), each
under a temporary name first, then renamed.  A shard whose part file exists is done: a task that
finds it (a retry after its worker died past the rename) writes nothing again, and a rerun of the
same job skips it.  A dead worker costs the shard it held, which Dask runs again elsewhere.

Dask (``dask.distributed``) and fsspec are the ``claimx[cluster]`` extra; nothing here imports
them before a run starts.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimx.__about__ import __version__
from claimx.io import MAX_CHARS, InputError, UsageError
from claimx.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["INSTALL_HINT", "MANIFEST", "SHARD_SIZE", "ClusterSummary", "extract_to", "local_cluster",
           "part_name"]

#: Records per shard by default: coarse tasks (spaCy's advice), a minute or so of one worker's time.
SHARD_SIZE = 1000
#: The file in the output folder that describes the job and which shards are done.
MANIFEST = "manifest.json"
#: What to say when Dask is missing.
INSTALL_HINT = "--cluster needs Dask: pip install 'claimx[cluster]'"
#: Times Dask runs a shard again after its task raised (a worker that died is handled by Dask's
#: ``allowed-failures`` on top of this).
RETRIES = 3
#: Seconds between two rewrites of the manifest while shards finish (and once at the end).
SAVE_EVERY = 2.0


def part_name(number: int, errors: bool = False) -> str:
    """``part-00003.jsonl`` (``errors``: ``part-00003.errors.jsonl``)."""
    return f"part-{number:05d}.errors.jsonl" if errors else f"part-{number:05d}.jsonl"


def require_dask() -> None:
    """Raise ImportError with :data:`INSTALL_HINT` when Dask's distributed scheduler or fsspec is missing."""
    try:
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        raise ImportError(INSTALL_HINT) from None


@dataclass
class ClusterSummary:
    """How a cluster run went."""

    outdir: str
    shards: int = 0
    """Shards in the job."""
    skipped: int = 0
    """Shards done by an earlier run of the same job, not run again."""
    done: int = 0
    """Shards finished by this run."""
    failed_shards: list[int] = field(default_factory=list)
    """Shards whose task failed for good (after Dask's retries); a rerun tries them again."""
    written: int = 0
    """Articles written by this run."""
    failed: int = 0
    """Inputs of this run that could not be read or processed (error records)."""
    elapsed: float = 0.0
    compute: float = 0.0
    """Seconds the workers spent on this run's shards, summed."""
    worker_rss_mb: dict[str, float] = field(default_factory=dict)
    """Peak resident memory of each worker process that ran a shard (MB)."""
    interrupted: bool = False


# -- on the workers -------------------------------------------------------------------------------


#: glibc's ``mallopt`` parameters (malloc.h) and the values a worker sets when a nanny has fixed the
#: trim threshold: blocks up to 32 MB (glibc's own dynamic ceiling) come from the heap, and the heap
#: is given back above 64 MB free.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD, _TRIM_THRESHOLD = 32 * 2**20, 64 * 2**20
_malloc_tuned = False
#: A worker process holds one pipeline, which one shard at a time uses: the shards of a worker
#: started with several threads are extracted in turn (a spaCy pipeline is not made for use by
#: several threads at once).  Processes, not threads, are how a worker machine's cores are used.
_PIPELINE_LOCK = threading.Lock()


def _tune_malloc() -> None:
    """Undo the cost of the nanny's ``MALLOC_TRIM_THRESHOLD_`` in this worker process.

    Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536`` (so that freed memory goes
    back to the system).  Setting that variable also turns off glibc's dynamic mmap threshold, so
    every block over 128 kB (the parser's and NER's arrays, many per document) becomes an
    ``mmap``/``munmap`` pair and fresh pages to fault in: measured here, 15% of a worker's time in
    the kernel, against 2% for a ``--workers`` process.  A worker's memory stays bounded by the
    batch size either way (:data:`claimx.runner.BATCH_SIZE`).  Linux with glibc only; elsewhere,
    or without the variable, nothing is changed."""
    global _malloc_tuned
    if _malloc_tuned or "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return
    _malloc_tuned = True
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
        libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)


def _pipeline(model: str, dollar: str):
    """This process's pipeline (built once, then cached by :func:`claimx.load`)."""
    import claimx
    from claimx.pipeline.build import BlankModelWarning

    with _PIPELINE_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", BlankModelWarning)  # the client has warned already
        nlp = claimx.load(model, dollar=dollar)
        _tune_malloc()
    return nlp


def _warm(model: str, dollar: str) -> int:
    """Load the pipeline in a worker before its first shard; its pid."""
    _pipeline(model, dollar)
    return os.getpid()


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _count_lines(fs: Any, path: str) -> list[str]:
    if not fs.exists(path):
        return []
    with fs.open(path, "r", encoding="utf-8") as fh:
        return [line for line in fh if line.endswith("\n")]


def _run_shard(number: int, piece: dict[str, Any], outdir: str, options: dict[str, Any]) -> dict[str, Any]:
    """One shard: read it, extract, write its part file (and errors) under temporary names, rename."""
    import fsspec

    from claimx import io
    from claimx.runner import run
    from claimx.schema import to_json

    fs, root = fsspec.core.url_to_fs(outdir)
    part, errors = f"{root}/{part_name(number)}", f"{root}/{part_name(number, errors=True)}"
    result: dict[str, Any] = {"shard": number, "pid": os.getpid(), "warnings": [], "errors": []}
    if fs.exists(part):  # done already: a retry of a task whose worker died after the rename
        result.update(written=len(_count_lines(fs, part)), again=True, seconds=0.0,
                      errors=[json.loads(line) for line in _count_lines(fs, errors)], rss_mb=_peak_rss_mb())
        result["failed"] = len(result["errors"])
        return result
    nlp = _pipeline(options["model"], options["dollar"])
    notes: list[list[str]] = result["warnings"]

    def warn(path: str, message: str) -> None:
        notes.append([path, message])

    def checked(records):
        for rec in records:
            if isinstance(rec, io.Record) and not rec.text.strip():
                warn(rec.source, "empty input, empty result")
            yield rec

    records = io.read_pieces(piece, date=options["date"], warn=warn, max_chars=options["max_chars"],
                             here=options["cwd"])
    token = uuid.uuid4().hex[:12]
    temp = f"{root}/.{part_name(number)}.{token}.tmp"
    temp_errors = f"{root}/.{part_name(number, errors=True)}.{token}.tmp"
    failed: list[InputError] = []
    written = 0
    try:
        with _PIPELINE_LOCK, fs.open(temp, "w", encoding="utf-8") as out:
            started = time.perf_counter()
            for item in run(checked(records), nlp=nlp, max_chars=options["max_chars"]):
                if isinstance(item, InputError):
                    failed.append(item)
                else:
                    out.write(to_json(item) + "\n")
                    written += 1
        if failed:
            with fs.open(temp_errors, "w", encoding="utf-8") as out:
                out.writelines(io.error_json(item) + "\n" for item in failed)
            fs.mv(temp_errors, errors)
        elif fs.exists(errors):
            fs.rm(errors)  # left by an attempt on other inputs: none failed this time
        fs.mv(temp, part)
    finally:
        for name in (temp, temp_errors):
            with contextlib.suppress(OSError):
                if fs.exists(name):
                    fs.rm(name)
    result.update(written=written, failed=len(failed), again=False, seconds=time.perf_counter() - started,
                  errors=[{"id": e.id, "source": e.source, "error": e.error} for e in failed],
                  rss_mb=_peak_rss_mb())
    return result


# -- on the client --------------------------------------------------------------------------------


def local_cluster(workers: int):
    """A :class:`distributed.LocalCluster` of ``workers`` single-threaded worker processes on the
    loopback interface, its HTTP server (the dashboard, when Bokeh is installed) on a free port;
    the workers' own log lines below errors stay off stderr (a Ctrl-C cancels tasks, noisily).

    Two of Dask's defaults cost a CPU-bound worker on a machine with no spare core: the
    statistical profiler (a thread walking every thread's stack every 10 ms: ~10% of the
    workers' time on 2 cores) is off, and the nanny does not set ``MALLOC_TRIM_THRESHOLD_``
    (see :func:`_tune_malloc`), in the workers nor in this process's environment."""
    import copy
    import logging

    import dask
    from distributed import LocalCluster

    environ = {key: value for key, value in dask.config.get("distributed.nanny.pre-spawn-environ").items()
               if key != "MALLOC_TRIM_THRESHOLD_"}
    # the workers' configuration, whole: a nanny keeps it for the workers it restarts (a worker
    # killed mid-run), so it must not share dicts that a dask.config.set context gives back
    config = copy.deepcopy(dask.config.config)
    dask.config.set({"distributed.worker.profile.enabled": False}, config=config)
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR, config=config)


def has_dashboard() -> bool:
    """Whether the dashboard can be served (it needs Bokeh)."""
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def _model_version(model: str) -> str:
    """``name version`` of the pipeline a worker will build (``blank``: the claimx version)."""
    if model == "blank":
        return f"blank {__version__}"
    import spacy.util

    if os.path.isdir(model):
        meta = spacy.util.get_model_meta(model)
        return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}"
    return f"{model} {spacy.util.get_package_version(model) or ''}".strip()


def _input_path(arg: str) -> str:
    """A ``file://`` URL as its local path; other URLs (read through fsspec) and paths as given."""
    return arg[len("file://"):] if arg.startswith("file://") else arg


class _Manifest:
    """``OUTDIR/manifest.json``: the job (inputs, options, versions, shard boundaries) and each
    shard's status, rewritten whole (a temporary name, then renamed) as shards finish, at most
    every :data:`SAVE_EVERY` seconds, and at the end."""

    def __init__(self, fs: Any, root: str, job: dict[str, Any], pieces: list[dict[str, Any]]) -> None:
        self.fs, self.path = fs, f"{root}/{MANIFEST}"
        self.job = job
        self.saved = -float("inf")
        self.shards = [{"shard": n, "file": part_name(n), "records": p["records"], "units": p["units"],
                        "status": "pending"} for n, p in enumerate(pieces)]

    def load(self) -> None:
        """Take the status of an earlier run of the same job; a usage error for another job."""
        if not self.fs.exists(self.path):
            return
        try:
            with self.fs.open(self.path, "r", encoding="utf-8") as fh:
                old = json.load(fh)
        except (OSError, ValueError) as exc:
            raise UsageError(f"{self.path} cannot be read ({exc}): delete the folder, or write "
                             "elsewhere") from None
        same = {key: old.get(key) for key in self.job}
        if same != json.loads(json.dumps(self.job)):
            what = next(key for key in self.job if same[key] != json.loads(json.dumps(self.job[key])))
            raise UsageError(f"{self.path} is another job's (its {what} differ): rerun that job's command to "
                             "finish it, or write to another folder")
        boundaries = [[s["records"], s["units"]] for s in self.shards]
        if [[s.get("records"), s.get("units")] for s in old.get("shards", [])] != \
                json.loads(json.dumps(boundaries)):
            raise UsageError(f"{self.path} is another job's (the inputs changed since: other shards): write "
                             "to another folder, or delete it to start again")
        for shard, before in zip(self.shards, old["shards"], strict=True):
            for key in ("status", "written", "failed", "error"):
                if key in before:
                    shard[key] = before[key]

    def todo(self) -> list[int]:
        """Shards to run: not done, or done but their part file is gone."""
        root = self.path.rsplit("/", 1)[0]
        return [s["shard"] for s in self.shards
                if s["status"] != "done" or not self.fs.exists(f"{root}/{s['file']}")]

    def save_soon(self) -> None:
        """:meth:`save`, unless the last save was less than :data:`SAVE_EVERY` seconds ago: a job of
        thousands of shards does not rewrite its manifest thousands of times.  A shard finished
        but not yet marked done costs nothing on a rerun: its task finds the part file."""
        if time.monotonic() - self.saved >= SAVE_EVERY:
            self.save()

    def save(self) -> None:
        self.saved = time.monotonic()
        temp = f"{self.path}.{uuid.uuid4().hex[:12]}.tmp"
        with self.fs.open(temp, "w", encoding="utf-8") as fh:
            json.dump({**self.job, "shards": self.shards}, fh, ensure_ascii=True, indent=1)
            fh.write("\n")
        self.fs.mv(temp, self.path)


Progress = Callable[[ClusterSummary, int], None]


def extract_to(inputs: Sequence[str], outdir: str, *, client: Client | Callable[[], Client] | None = None,
               shard_size: int = SHARD_SIZE, model: str | None = None, dollar: str = "USD",
               date: str | None = None, max_chars: int = MAX_CHARS, retries: int = RETRIES,
               warn: Callable[[str, str], None] | None = None,
               error: Callable[[InputError], None] | None = None,
               progress: Progress | None = None) -> ClusterSummary:
    """Extract from ``inputs`` (files, folders, globs, JSON Lines dumps: paths or fsspec URLs such as
    ``s3://bucket/corpus/``) into ``outdir`` (a folder path or fsspec URL) on a Dask cluster:
    ``part-NNNNN.jsonl`` per shard, ``manifest.json``.

    ``client``: a :class:`distributed.Client`, or a function that returns one, called once the
    arguments are checked and only when there is work (default: a :func:`local_cluster` with one
    worker per CPU, closed at the end).  Calling it again with the same arguments resumes: shards done are
    skipped.  Another job's ``outdir``, a bad argument or ``--date`` raise
    :class:`claimx.io.UsageError`.  ``warn(path, message)``, ``error(input_error)`` and
    ``progress(summary, records_left)`` are called on this process as shards finish.
    Ctrl-C cancels the shards in flight (the manifest stays true) and raises KeyboardInterrupt."""
    require_dask()
    import fsspec
    from distributed import as_completed

    from claimx import io
    from claimx.pipeline.build import resolve_model

    started = time.perf_counter()
    paths = [_input_path(arg) for arg in inputs]
    if date is not None:
        date = io.parse_date(date)
    fs, root = fsspec.core.url_to_fs(outdir)
    if fs.exists(root) and not fs.isdir(root):
        raise UsageError(f"-o {outdir} is a file: a cluster run writes a folder of part files")
    from fsspec.implementations.local import LocalFileSystem

    if isinstance(fs, LocalFileSystem):
        why = io.overlaps([p for p in paths if not io.is_url(p)], os.path.join(root, part_name(0)))
        if why is not None:
            raise UsageError(f"-o {outdir} writes {part_name(0)} there, which {why}: write it elsewhere")
    pieces = io.plan_pieces(paths, shard_size, warn=warn, max_chars=max_chars)
    model = resolve_model(model)
    options = {"model": model, "dollar": dollar.upper(), "date": date, "max_chars": max_chars,
               "cwd": os.getcwd()}
    job = {"claimx": __version__, "schema_version": SCHEMA_VERSION, "model_version": _model_version(model),
           "inputs": list(inputs), "shard_size": shard_size, "options": options}
    fs.makedirs(root, exist_ok=True)
    manifest = _Manifest(fs, root, job, pieces)
    manifest.load()
    todo = manifest.todo()
    summary = ClusterSummary(outdir=outdir, shards=len(pieces), skipped=len(pieces) - len(todo))
    manifest.save()
    own = None
    if callable(client) and not hasattr(client, "submit"):
        client = client() if todo else None
    if client is None and todo:
        from distributed import Client

        from claimx.runner import default_workers

        own = local_cluster(default_workers())
        client = Client(own)
    try:
        if todo:
            _submit_all(client, manifest, todo, pieces, outdir, options, retries, summary,
                        warn=warn, error=error, progress=progress, as_completed=as_completed)
            for temp in fs.glob(f"{root}/.part-*.tmp"):  # left by workers that died while writing
                with contextlib.suppress(OSError):
                    fs.rm(temp)
    finally:
        summary.elapsed = time.perf_counter() - started
        if own is not None:
            with contextlib.suppress(Exception):
                client.close()
                own.close()
    return summary


def _submit_all(client: Client, manifest: _Manifest, todo: list[int], pieces: list[dict[str, Any]],
                outdir: str, options: dict[str, Any], retries: int, summary: ClusterSummary, *, warn, error,
                progress, as_completed) -> None:
    with contextlib.suppress(Exception):  # load the pipeline in every worker at once, before the first shard
        client.run(_warm, options["model"], options["dollar"])
    token = uuid.uuid4().hex[:8]
    futures = {client.submit(_run_shard, n, pieces[n], outdir, options, key=f"claimx-shard-{n:05d}-{token}",
                             retries=retries, pure=False): n for n in todo}
    left = sum(pieces[n]["records"] for n in todo)
    try:
        for future in as_completed(futures):
            n = futures[future]
            shard = manifest.shards[n]
            left -= pieces[n]["records"]
            try:
                result = future.result()
            except Exception as exc:
                shard.update(status="failed", error=f"{type(exc).__name__}: {exc}")
                shard.pop("written", None)
                summary.failed_shards.append(n)
            else:
                shard.update(status="done", written=result["written"], failed=result["failed"])
                shard.pop("error", None)
                summary.done += 1
                summary.written += result["written"]
                summary.failed += result["failed"]
                summary.compute += result["seconds"]
                worker = str(result["pid"])
                summary.worker_rss_mb[worker] = max(summary.worker_rss_mb.get(worker, 0.0), result["rss_mb"])
                for path, message in result["warnings"]:
                    if warn is not None:
                        warn(path, message)
                for item in result["errors"]:
                    if error is not None:
                        error(InputError(item["id"], item["source"], item["error"]))
            manifest.save_soon()
            if progress is not None:
                progress(summary, left)
        manifest.save()
    except BaseException:
        summary.interrupted = True
        for future in futures:
            future.cancel()
        with contextlib.suppress(Exception):
            manifest.save()
        raise
