"""The ``claimx`` command line.  The only package that imports typer or rich.

Exit codes (documented in the README):
  0  success
  1  fatal error (e.g. an unexpected failure)
  2  usage error: bad option or --date, unknown --model, missing input, folder without inputs
  3  partial failure: some inputs could not be read or processed (the others were written)
"""

from __future__ import annotations

import os
import sys

import typer

from claimx.__about__ import __version__

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

app = typer.Typer(
    name="claimx",
    help="Extract money figures, dates, places, projections and attributions from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """claimx: news-claim extraction."""


from claimx.cli import extract as _extract  # noqa: E402,F401  (registers the command)
from claimx.cli import schema as _schema  # noqa: E402,F401


def main() -> None:
    """Console-script entry point: run the app with one-line usage errors (exit 2), and keep a
    closed pipe (``| head``) quiet."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        sys.stderr.write("claimx: interrupted\n")
        sys.exit(130)
    except typer.TyperException as exc:  # click's usage errors, as typer vendors them
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        sys.stderr.write(f"claimx: error: {message} (see: claimx --help)\n")
        sys.exit(getattr(exc, "exit_code", EXIT_USAGE))
    except BrokenPipeError:
        # the reader went away: silence the final flush and leave quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        sys.stderr.write("claimx: interrupted\n")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
