"""What every output format is: a :class:`Renderer` that is opened, written article by article and
closed, whatever happened in between (``close()`` always leaves a valid document)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import IO, ClassVar

from claimx.schema import Article


class OutputError(Exception):
    """The output cannot be written (or does not fit the format): a usage error, before any work."""


@dataclass(frozen=True)
class Target:
    """Where and how a run writes."""

    output: str | None
    """The ``-o`` argument: a file, a folder or a database; None for stdout."""
    many: bool
    """The inputs may expand to several records (folder, glob, JSON Lines, several paths)."""
    resume: bool = False
    """Continue an earlier run into ``output``: keep what it holds, skip its ids."""
    category: str | None = None
    """The one category a single-table format writes (``--category``)."""


class Renderer:
    """One output format.  ``check()`` (a class method) vets the target before anything is opened;
    ``done_ids()`` gives the ids already in the output when resuming; then ``open()``,
    ``write(article, text)`` for each article (``text`` is the article text its offsets point
    into) and ``close()``.  Adding a format is one subclass and one row in ``RENDERERS``."""

    name: ClassVar[str]
    #: ``-o`` names ending so pick this format when ``--format`` is not given
    suffixes: ClassVar[tuple[str, ...]] = ()
    #: whether an ``-o`` name with one of ``suffixes`` can only be this format (a database)
    binding_suffix: ClassVar[bool] = False
    #: whether ``--resume`` can continue an output of this format
    resumable: ClassVar[bool] = False
    #: whether ``--category`` (one category only) applies
    takes_category: ClassVar[bool] = False

    def __init__(self, target: Target) -> None:
        self.target = target
        self.n = 0  # articles written

    @classmethod
    def check(cls, target: Target) -> None:
        """Raise :class:`OutputError` when this format cannot write ``target``."""

    def done_ids(self) -> set[str]:
        """Ids of the complete records already in the output (``--resume``)."""
        return set()

    def open(self) -> None:
        """Create or open the output; raise :class:`OutputError` (or OSError) when it cannot be written."""

    def write(self, article: Article, text: str) -> None:
        raise NotImplementedError

    def close(self, *, complete: bool = True) -> None:
        """Finish the output (a valid document whatever happened) and release it; safe to call
        after a failed ``open()`` or an interrupted run.  ``complete=False``: the run never
        started (the pipeline could not load), release the output without finishing it."""


class StreamRenderer(Renderer):
    """A format written as one text stream: stdout, or the ``-o`` file (appended to when resuming)."""

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.out: IO[str] | None = None

    def open(self) -> None:
        if self.target.output is None:
            self.out = sys.stdout
        else:
            self.out = open(self.target.output, "a" if self.target.resume else "w",  # noqa: SIM115
                            encoding="utf-8", newline="")

    def finish(self) -> None:
        """Whatever ends the document (``]`` for a JSON array)."""

    def close(self, *, complete: bool = True) -> None:
        if self.out is None:
            return
        try:
            if complete:
                self.finish()
            self.out.flush()
        finally:
            if self.out is not sys.stdout:
                self.out.close()
            self.out = None


def cannot_write(exc: OSError) -> OutputError:
    """The one-line reason an output cannot be written."""
    where = exc.filename if exc.filename is not None else "the output"
    return OutputError(f"cannot write {where}: {exc.strerror or exc}")


def output_suffix(path: str | None) -> str:
    """``claims.DB`` -> ``.db``; empty for stdout or a name without one."""
    return os.path.splitext(path)[1].lower() if path else ""
