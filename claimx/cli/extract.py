"""``claimx extract``: inputs -> records -> pipeline -> JSON / JSON Lines / tables."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import IO, Annotated

import typer

from claimx.cli import EXIT_FATAL, EXIT_PARTIAL, EXIT_USAGE, app


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _err(msg: str) -> None:
    sys.stderr.write(f"claimx: {msg}\n")
    sys.stderr.flush()


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", help="Files, folders (recursive), globs, JSONL dumps, or - for stdin.")],
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format [default: table on a terminal, else json].")] = None,
    date: Annotated[str | None, typer.Option(
        "--date", "-d", help="Article date YYYY-MM-DD that relative dates resolve against "
                             "(JSONL records' own dates take precedence).")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", envvar="CLAIMX_MODEL",
        help="spaCy pipeline to build on [default: en_core_web_sm]; 'blank' = rules only.")] = None,
    dollar: Annotated[str, typer.Option("--dollar", help="ISO 4217 code a bare $ stands for.")] = "USD",
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Write to this file instead of stdout.")] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No warnings on stderr (errors still print).")] = False,
) -> None:
    """Extract claims from news articles."""
    from claimx import io

    try:
        base_date = io.parse_date(date) if date else None
        records = io.iter_records(inputs, date=base_date)
    except io.UsageError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    dollar = dollar.upper()
    if len(dollar) != 3 or not dollar.isalpha():
        _err(f"error: --dollar takes an ISO 4217 code such as USD or AUD, not {dollar!r}")
        raise typer.Exit(EXIT_USAGE)
    if fmt is None:
        fmt = Format.table if output is None and sys.stdout.isatty() else Format.json
    many = io.expands_to_many(inputs)

    import warnings

    import claimx
    from claimx.pipeline.build import BlankModelWarning, ModelNotFound

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BlankModelWarning)
            nlp = claimx.load(model, dollar=dollar)
        for w in caught:
            _err(f"WARNING: {w.message}")
    except ModelNotFound as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    except Exception as exc:
        _err(f"fatal: could not load the pipeline: {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_FATAL) from None

    out: IO[str]
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    failed = 0
    try:
        from claimx.cli.render import Writer

        writer = Writer(out, fmt.value, many=many)
        for item in claimx.extract_many(_warn_empty(records, quiet), nlp=nlp):
            if isinstance(item, io.InputError):
                failed += 1
                _err(f"error: {item.source}: {item.error}")
                continue
            writer.write(item)
        writer.close()
    finally:
        if output:
            out.close()
    if failed:
        _err(f"{failed} input(s) failed")
        raise typer.Exit(EXIT_PARTIAL)


def _warn_empty(records, quiet: bool):
    """Pass records through, warning on stderr about empty ones (they still get an empty result)."""
    from claimx.io import Record

    for rec in records:
        if not quiet and isinstance(rec, Record) and not rec.text.strip():
            _err(f"warning: {rec.source}: empty input, empty result")
        yield rec
