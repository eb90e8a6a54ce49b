"""Text bound for a terminal: nothing an input holds (article text, ids, file names) is ever obeyed
by rich or by the terminal.

Everything the CLI shows a person goes through :func:`printable` (control characters written as
escapes) and reaches rich as :class:`rich.text.Text` or with ``markup=False``, never as markup.
A closed stdout (``>&-``) is :data:`CLOSED`: writing to it is a one-line usage error.
"""

from __future__ import annotations

import io
import re

#: C0 controls but tab and newline, DEL, C1 controls (0x9b is a CSI on some terminals), and the
#: bidirectional embeddings, overrides and isolates that reorder what a terminal shows
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def printable(text: object, *, one_line: bool = False) -> str:
    """``text`` with its control characters written as escapes (ESC -> ``\\x1b``, a right-to-left
    override -> ``\\u202e``): shown, never obeyed.  Tabs and newlines stay, unless ``one_line``
    (a message line on stderr), which escapes them too."""
    return (_CONTROL_OR_NEWLINE if one_line else _CONTROL).sub(_escape, str(text))


class ClosedStream(OSError):
    """stdout was closed when claimx started (``>&-``), and something had to be written to it."""


class _Closed(io.TextIOBase):
    """Stands in for a stdout that was closed before claimx started: writing raises
    :class:`ClosedStream`."""

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, s: str) -> int:
        raise ClosedStream("stdout is closed: nothing can be written to it (use -o FILE to write a file)")


#: sys.stdout when it was closed at start-up (see :func:`claimx.cli.main`)
CLOSED = _Closed()


def stdout_closed() -> bool:
    import sys

    return sys.stdout is None or sys.stdout is CLOSED
