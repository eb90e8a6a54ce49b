"""``claimx extract``: inputs -> records -> pipeline -> JSON / JSON Lines / tables.

Batch behaviour: results stream out in input order; a failed input is an error line on stderr
(and a JSON line in ``--errors FILE``) and the run goes on; ``-o FILE`` only ever holds complete
records, so an interrupted run can be continued with ``--resume``.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Annotated

import typer

from claimx.cli import EXIT_FATAL, EXIT_PARTIAL, EXIT_USAGE, app

if TYPE_CHECKING:
    from claimx.io import InputError

EXIT_INTERRUPTED = 130


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _err(msg: str) -> None:
    sys.stderr.write(f"claimx: {msg}\n")
    sys.stderr.flush()


def _usage(msg: str) -> typer.Exit:
    _err(f"error: {msg}")
    return typer.Exit(EXIT_USAGE)


class _Reporter:
    """stderr while a run is going: warnings, error lines, the progress bar (on a terminal only)."""

    def __init__(self, *, quiet: bool, progress: bool, errors: IO[str] | None) -> None:
        self.quiet, self.errors = quiet, errors
        self.progress = None
        self.task = None
        if progress:
            from claimx.cli.render import make_progress

            self.progress = make_progress()

    def start(self, total: int | None) -> None:
        if self.progress is not None:
            self.progress.start()
            self.task = self.progress.add_task("extracting", total=total)

    def advance(self) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()

    def _line(self, msg: str) -> None:
        if self.progress is not None and self.progress.live.is_started:
            self.progress.console.print(f"claimx: {msg}", markup=False, highlight=False, soft_wrap=True)
        else:
            _err(msg)

    def warn(self, path: str, message: str) -> None:
        if not self.quiet:
            self._line(f"warning: {path}: {message}")

    def error(self, item: InputError) -> None:
        where = item.source if item.id == item.source else f"{item.source} (id {item.id})"
        self._line(f"error: {where}: {item.error}")
        if self.errors is not None:
            self.errors.write(json.dumps({"id": item.id, "source": item.source, "error": item.error},
                                         ensure_ascii=False) + "\n")
            self.errors.flush()


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", help="Files, folders (recursive), globs, JSONL dumps, or - for stdin.")],
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format [default: table on a terminal, else json].")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", "-d", help="Article date YYYY-MM-DD that relative dates resolve against "
                             "(JSONL records' and HTML pages' own dates take precedence).")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", envvar="CLAIMX_MODEL",
        help="spaCy pipeline to build on [default: en_core_web_sm]; 'blank' = rules only.")] = None,
    dollar: Annotated[str, typer.Option("--dollar", help="ISO 4217 code a bare $ stands for.")] = "USD",
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Write to this file instead of stdout (complete records only).")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=0, help="Worker processes, one pipeline each (0: one per CPU for a batch, "
                                       "1 for a single file or stdin).")] = 0,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Skip the ids already in the -o file and append the rest (jsonl only).")] = False,
    errors: Annotated[str | None, typer.Option(
        "--errors", help="Also write one JSON line {id, source, error} per failed input here.")] = None,
    fail_fast: Annotated[bool, typer.Option(
        "--fail-fast", help="Stop at the first input that fails (exit code 1).")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No warnings, progress bar or summary on stderr (errors still print).",
    )] = False,
) -> None:
    """Extract claims from news articles."""
    from claimx import io

    dollar = dollar.upper()
    if len(dollar) != 3 or not dollar.isalpha():
        raise _usage(f"--dollar takes an ISO 4217 code such as USD or AUD, not {dollar!r}")
    if resume:
        if output is None:
            raise _usage("--resume needs -o FILE: the output to continue")
        if fmt not in (None, Format.jsonl):
            raise _usage("--resume works with --format jsonl only")
        fmt = Format.jsonl
    if fmt is None:
        fmt = Format.table if output is None and sys.stdout.isatty() else Format.json
    show_progress = not quiet and sys.stderr.isatty()
    reporter = _Reporter(quiet=quiet, progress=show_progress, errors=None)
    try:
        base_date = io.parse_date(date) if date else None
        records = io.iter_records(inputs, date=base_date, warn=reporter.warn)
    except io.UsageError as exc:
        raise _usage(str(exc)) from None
    many = io.expands_to_many(inputs)
    if workers == 0:
        from claimx.runner import default_workers

        workers = default_workers() if many else 1

    done: set[str] = set()
    if resume and output is not None:
        done = _ids_done(output)
    try:
        out: IO[str] = open(output, "a" if resume else "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        err_file = open(errors, "a" if resume else "w", encoding="utf-8") if errors else None  # noqa: SIM115
    except OSError as exc:
        raise _usage(f"cannot write {exc.filename}: {exc.strerror}") from None

    import warnings

    import claimx
    from claimx.pipeline.build import BlankModelWarning, ModelNotFound, resolve_model

    nlp = None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BlankModelWarning)
            model = resolve_model(model)
            if workers == 1:
                nlp = claimx.load(model, dollar=dollar)
        for w in caught:
            if not quiet:
                _err(f"warning: {w.message}")
    except ModelNotFound as exc:
        raise _usage(str(exc)) from None
    except Exception as exc:
        _err(f"fatal: could not load the pipeline: {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_FATAL) from None

    from claimx.cli.render import Writer

    reporter.errors = err_file
    writer = Writer(out, fmt.value, many=many)
    counts = {"written": 0, "failed": 0, "skipped": 0}
    stopped: str | None = None
    started = time.perf_counter()
    results = claimx.extract_many(_filter(records, done, counts, reporter), nlp=nlp, workers=workers,
                                  model=model, dollar=dollar)
    reporter.start(io.count_records(inputs) if show_progress else None)
    try:
        with contextlib.closing(results):  # stops the worker processes however the loop ends
            for item in results:
                reporter.advance()
                if isinstance(item, io.InputError):
                    counts["failed"] += 1
                    reporter.error(item)
                    if fail_fast:
                        stopped = "fail-fast"
                        break
                    continue
                writer.write(item)
                counts["written"] += 1
    except KeyboardInterrupt:
        stopped = "interrupted"
    except BrokenPipeError:
        # the reader went away (``| head``): nothing more to say, and nothing wrong
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        stopped = "closed"
    except Exception as exc:
        reporter.stop()
        _err(f"fatal: {type(exc).__name__}: {exc}")
        stopped = "fatal"
    finally:
        reporter.stop()
        with contextlib.suppress(BrokenPipeError):
            writer.close()  # a valid document whatever happened: "]" closes a JSON array
        if output:
            out.close()
        if err_file is not None:
            err_file.close()
    elapsed = time.perf_counter() - started
    if stopped == "closed":
        raise typer.Exit(0)
    if not quiet and (many or counts["failed"] or stopped or resume):
        _err(_summary(counts, elapsed, output, stopped))
    if stopped == "interrupted":
        raise typer.Exit(EXIT_INTERRUPTED)
    if stopped in ("fail-fast", "fatal"):
        raise typer.Exit(EXIT_FATAL)
    if counts["failed"]:
        raise typer.Exit(EXIT_PARTIAL)


def _summary(counts: dict[str, int], elapsed: float, output: str | None, stopped: str | None) -> str:
    n = counts["written"] + counts["failed"]
    rate = f", {n / elapsed:.1f} articles/s" if elapsed > 0 and n else ""
    line = f"{n} input(s) in {elapsed:.1f} s{rate}: {counts['written']} written, {counts['failed']} failed"
    if counts["skipped"]:
        line += f", {counts['skipped']} skipped (already in {output})"
    if stopped == "interrupted":
        line += "; interrupted" + (f", {output} ends at the last complete record" if output else "")
    elif stopped == "fail-fast":
        line += "; stopped at the first failure (--fail-fast)"
    elif stopped == "fatal":
        line += "; stopped by a fatal error"
    return line


def _filter(records, done: set[str], counts: dict[str, int], reporter: _Reporter):
    """Records to process: warn about empty ones (they still get an empty result), skip the ids
    already written when resuming."""
    from claimx.io import Record

    for rec in records:
        if isinstance(rec, Record):
            if rec.id in done:
                counts["skipped"] += 1
                reporter.advance()
                continue
            if not rec.text.strip():
                reporter.warn(rec.source, "empty input, empty result")
        yield rec


def _ids_done(path: str) -> set[str]:
    """Ids of the complete records in a JSON Lines output; a torn last line is cut off."""
    import os

    ids: set[str] = set()
    if not os.path.exists(path):
        return ids
    good = 0
    with open(path, "rb+") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # a torn line from a killed run
            try:
                rec = json.loads(raw)
            except ValueError:
                break
            if isinstance(rec, dict) and "id" in rec:
                ids.add(str(rec["id"]))
            good += len(raw)
        fh.truncate(good)
    return ids
