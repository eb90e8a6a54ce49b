"""``claimx extract ... --cluster SPEC -o OUTDIR``: the batch job on Dask (:mod:`claimx.cluster`).

This module only checks the options, starts or joins the cluster, reports on stderr and picks
the exit code; the work is :func:`claimx.cluster.extract_to`.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import typer

from claimx.cli import EXIT_FATAL, EXIT_PARTIAL
from claimx.cli.extract import EXIT_INTERRUPTED, _err, _usage, checked_dollar

_LOCAL = re.compile(r"local(?::([0-9]+))?")
_REMOTE = re.compile(r"(tcp|tls)://[^\s/:]+(:[0-9]+)?/?")


def parse_cluster(spec: str) -> tuple[str, int | str]:
    """``("local", workers)`` or ``("remote", address)``; ValueError with the reason otherwise."""
    if (match := _LOCAL.fullmatch(spec)) is not None:
        if match.group(1) is None:
            from claimx.runner import default_workers

            return "local", default_workers()
        workers = int(match.group(1))
        if workers < 1:
            raise ValueError(f"--cluster {spec}: a local cluster needs at least 1 worker (local:N, N >= 1)")
        return "local", workers
    if _REMOTE.fullmatch(spec):
        return "remote", spec
    raise ValueError(f"--cluster takes local, local:N or a scheduler address tcp://HOST:PORT "
                     f"(tls://HOST:PORT), not {spec!r}")


def check(*, spec: str, output: str | None, fmt: str | None, resume: bool, errors: str | None,
          fail_fast: bool, category: str | None, workers: int, dollar: str) -> tuple[str, int | str]:
    """Options a cluster run cannot take, one clear line each (a usage error); the parsed spec."""
    try:
        kind = parse_cluster(spec)
    except ValueError as exc:
        raise _usage(str(exc)) from None
    refused = [
        (output is None, "--cluster needs -o OUTDIR: the folder (or fsspec URL) the part files go to"),
        (fmt is not None and fmt != "jsonl", "--cluster writes JSON Lines part files: --format jsonl only"),
        (resume, "--cluster resumes by itself: rerun the same command, without --resume"),
        (errors is not None, "--cluster writes each shard's errors to OUTDIR/part-NNNNN.errors.jsonl: "
                             "leave out --errors"),
        (fail_fast, "--fail-fast does not apply to --cluster (shards run at once): leave it out"),
        (category is not None, "--category does not apply to --cluster: leave it out"),
        (workers != 0, "--workers does not apply to --cluster: use --cluster local:N for N processes"),
    ]
    for bad, message in refused:
        if bad:
            raise _usage(message)
    checked_dollar(dollar)
    try:
        from claimx.cluster import require_dask

        require_dask()
    except ImportError as exc:
        raise _usage(str(exc)) from None
    return kind


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m {seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def run(kind: tuple[str, int | str], inputs: list[str], output: str, *, shard_size: int, model: str | None,
        dollar: str, date: str | None, max_chars: int, quiet: bool) -> None:
    """Start (``local:N``) or join (``tcp://``) the cluster, run the job, report, exit."""
    import time
    import warnings

    from claimx import cluster, io
    from claimx.pipeline.build import BlankModelWarning, ModelNotFound, resolve_model

    def warn(path: str, message: str) -> None:
        if not quiet:
            _err(f"warning: {path}: {message}")

    def error(item: io.InputError) -> None:
        where = item.source if item.id == item.source else f"{item.source} (id {item.id})"
        _err(f"error: {where}: {item.error}")

    started = time.perf_counter()

    def progress(summary: cluster.ClusterSummary, left: int) -> None:
        if quiet:
            return
        n = summary.written + summary.failed
        elapsed = time.perf_counter() - started
        rate = n / elapsed if elapsed > 0 else 0.0
        eta = f", ETA {_duration(left / rate)}" if rate > 0 and left else ""
        done = summary.done + len(summary.failed_shards)
        _err(f"shards {done + summary.skipped}/{summary.shards} done: {n:,} articles, "
             f"{rate:.1f} articles/s{eta}")

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BlankModelWarning)
            model = resolve_model(model)
        for w in caught:
            if not quiet:
                _err(f"warning: {w.message}")
    except ModelNotFound as exc:
        raise _usage(str(exc)) from None
    own: Any = None
    client: Any = None
    summary = None
    try:
        def connect() -> Any:
            nonlocal own, client
            from distributed import Client

            try:
                if kind[0] == "local":
                    own = cluster.local_cluster(int(kind[1]))
                    client = Client(own)
                else:
                    client = Client(str(kind[1]), timeout="10s")
            except OSError as exc:
                _err(f"fatal: cannot reach the Dask scheduler at {kind[1]}: {exc}")
                raise typer.Exit(EXIT_FATAL) from None
            link = client.dashboard_link if own is None or cluster.has_dashboard() else None
            if link and not quiet:
                _err(f"dashboard: {link}")
            return client

        summary = cluster.extract_to(inputs, output, client=connect, shard_size=shard_size, model=model,
                                     dollar=dollar, date=date, max_chars=max_chars, warn=warn, error=error,
                                     progress=progress)
    except io.UsageError as exc:
        raise _usage(str(exc)) from None
    except KeyboardInterrupt:
        _err(f"interrupted: the shards done are in {output}; rerun the same command to do the rest")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        with contextlib.suppress(Exception):
            if client is not None:
                client.close()
            if own is not None:
                own.close()
    n = summary.written + summary.failed
    rate = f", {n / summary.elapsed:.1f} articles/s" if summary.elapsed > 0 and n else ""
    line = (f"{n} input(s) in {summary.elapsed:.1f} s{rate}: {summary.written} written, "
            f"{summary.failed} failed; {summary.done} of {summary.shards} shard(s) run")
    if summary.skipped:
        line += f", {summary.skipped} done before (skipped)"
    if summary.failed_shards:
        line += f", {len(summary.failed_shards)} failed (rerun the same command to run them again)"
    if not quiet:
        _err(line)
    if summary.failed_shards:
        if quiet:
            _err(line)
        raise typer.Exit(EXIT_FATAL)
    if summary.failed:
        raise typer.Exit(EXIT_PARTIAL)
