"""``claimx extract``: inputs -> records -> pipeline -> a renderer (see :mod:`claimx.cli.formats`).

The command runs in steps, one function each: check the options, plan the inputs, open the
outputs, load the pipeline, run the loop, report.  Batch behaviour: results stream out in input
order; a failed input is an error line on stderr (and a JSON line in ``--errors FILE``) and the run
goes on; ``-o`` only ever holds complete records, so an interrupted run can be continued with
``--resume``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from claimx.cli import EXIT_FATAL, EXIT_PARTIAL, EXIT_USAGE, app
from claimx.cli.formats import RENDERERS, OutputError, Renderer, Target, choose
from claimx.cli.formats.spreadsheet import tables as csv_tables

if TYPE_CHECKING:
    from spacy.language import Language

    from claimx.io import InputError

EXIT_INTERRUPTED = 130

#: ``--format`` choices: the keys of the renderer table
Format = StrEnum("Format", {name: name for name in RENDERERS})


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
        "--format", "-f", help="Output format (default: chosen by the -o name, else table on a "
                               "terminal, else json).")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", "-d", help="Article date YYYY-MM-DD that relative dates resolve against "
                             "(JSONL records' and HTML pages' own dates take precedence).")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", envvar="CLAIMX_MODEL",
        help="spaCy pipeline to build on (default: en_core_web_sm); 'blank' = rules only.")] = None,
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
) -> None:
    """Extract claims from news articles."""
    opts = _check_options(inputs, fmt, output, resume, dollar, quiet, category)
    reporter = _Reporter(quiet=quiet, progress=opts.progress, errors=None)
    records = _plan_inputs(inputs, date, reporter)
    if workers == 0:
        from claimx.runner import default_workers

        workers = default_workers() if opts.target.many else 1
    renderer, done = _open_outputs(opts, errors, reporter)
    try:
        nlp, model = _load_pipeline(model, opts.dollar, workers, quiet)
    except typer.Exit:
        _close_outputs(renderer, reporter, complete=False)
        raise
    run = _Run(renderer, reporter, fail_fast=fail_fast)
    run.loop(_filter(records, done, run.counts, reporter), nlp=nlp, workers=workers, model=model,
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
                   quiet: bool, category: str | None) -> _Options:
    """Usage errors that need no input read: the --dollar code, the format for this -o, --resume."""
    from claimx import io

    dollar = dollar.upper()
    if len(dollar) != 3 or not dollar.isalpha():
        raise _usage(f"--dollar takes an ISO 4217 code such as USD or AUD, not {dollar!r}")
    target = Target(output=output, many=io.expands_to_many(inputs), resume=resume, category=category)
    try:
        cls = choose(fmt.value if fmt is not None else None, target)
    except OutputError as exc:
        raise _usage(str(exc)) from None
    return _Options(dollar=dollar, renderer=cls, target=target,
                    progress=not quiet and sys.stderr.isatty())


# -- 2. inputs -------------------------------------------------------------------------------------


def _plan_inputs(inputs: list[str], date: str | None, reporter: _Reporter):
    """The stream of records; every argument and --date checked now (usage errors), nothing read yet."""
    from claimx import io

    try:
        base_date = io.parse_date(date) if date else None
        return io.iter_records(inputs, date=base_date, warn=reporter.warn)
    except io.UsageError as exc:
        raise _usage(str(exc)) from None


def _total(inputs: list[str], progress: bool) -> int | None:
    """How many records the progress bar counts to (None: unknown, or no bar)."""
    from claimx import io

    return io.count_records(inputs) if progress else None


# -- 3. outputs ------------------------------------------------------------------------------------


def _open_outputs(opts: _Options, errors: str | None, reporter: _Reporter) -> tuple[Renderer, set[str]]:
    """The renderer, open, with the ids it already holds (``--resume``); the --errors file."""
    from claimx.cli.formats.base import cannot_write

    renderer = opts.renderer(opts.target)
    try:
        done = renderer.done_ids() if opts.target.resume else set()
        renderer.open()
        if errors:
            reporter.errors = open(errors, "a" if opts.target.resume else "w", encoding="utf-8")  # noqa: SIM115
    except OutputError as exc:
        renderer.close(complete=False)
        raise _usage(str(exc)) from None
    except OSError as exc:
        renderer.close(complete=False)
        raise _usage(str(cannot_write(exc))) from None
    return renderer, done


def _close_outputs(renderer: Renderer, reporter: _Reporter, *, complete: bool = True) -> None:
    try:
        with contextlib.suppress(BrokenPipeError):
            renderer.close(complete=complete)  # a valid document whatever happened
    finally:
        if reporter.errors is not None:
            reporter.errors.close()
            reporter.errors = None


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
    counts: dict[str, int] = field(default_factory=lambda: {"written": 0, "failed": 0, "skipped": 0})
    stopped: str | None = None
    elapsed: float = 0.0

    def loop(self, records: Iterable[Any], *, nlp: Language | None, workers: int, model: str,
             dollar: str, total: int | None) -> None:
        import claimx
        from claimx import io

        texts: deque[str | None] = deque()  # the text of each record in flight, in input order
        started = time.perf_counter()
        results = claimx.extract_many(_remember(records, texts), nlp=nlp, workers=workers, model=model,
                                      dollar=dollar)
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
            # the reader went away (``| head``): nothing more to say, and nothing wrong
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            self.stopped = "closed"
        except Exception as exc:
            self.reporter.stop()
            _err(f"fatal: {type(exc).__name__}: {exc}")
            self.stopped = "fatal"
        finally:
            self.reporter.stop()
            _close_outputs(self.renderer, self.reporter)
        self.elapsed = time.perf_counter() - started


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
    if not quiet and (opts.target.many or counts["failed"] or stopped or resume):
        _err(_summary(counts, run.elapsed, output, stopped))
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
