"""The ``claimx`` command line.  The only package that imports typer or rich.

Exit codes (documented in the README):
  0  success
  1  fatal error (an unexpected failure, --fail-fast, an output that stopped taking records)
  2  usage error: bad option or --date, unknown --model, missing input, folder without inputs, an
     output that is one of the inputs, a closed stdout
  3  partial failure: some inputs could not be read or processed (the others were written)
  130  interrupted (Ctrl-C)
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
    """Console-script entry point: run the app with one-line usage errors (exit 2), keep a closed
    pipe (``| head``) quiet, and turn a stdout or stderr closed before the start (``>&-``) into a
    one-line error or silence instead of a traceback."""
    from claimx.cli.terminal import CLOSED, ClosedStream, printable

    if sys.stderr is None:  # 2>&-: nowhere to say anything
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    if sys.stdout is None:  # >&-: an error if anything must go there
        sys.stdout = CLOSED
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        sys.stderr.write("claimx: interrupted\n")
        sys.exit(130)
    except typer.TyperException as exc:  # click's usage errors, as typer vendors them
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        if not message.strip():  # plain `claimx`: the help was the answer
            sys.exit(getattr(exc, "exit_code", EXIT_USAGE))
        sys.stderr.write(f"claimx: error: {printable(message, one_line=True)} (see: claimx --help)\n")
        sys.exit(getattr(exc, "exit_code", EXIT_USAGE))
    except BrokenPipeError:
        # the reader went away: silence the final flush and leave quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except ClosedStream as exc:
        sys.stderr.write(f"claimx: error: {exc}\n")
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.stderr.write("claimx: interrupted\n")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
