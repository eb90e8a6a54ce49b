"""What every output format is: a :class:`Renderer` that is opened, written article by article and
closed, whatever happened in between (``close()`` always leaves a valid document)."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from dataclasses import dataclass
from typing import ClassVar

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
    ``done()`` gives the records already in the output when resuming; then ``open()``,
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

    @classmethod
    def writes(cls, target: Target) -> list[str]:
        """The files this format writes for ``target`` (one of each kind for a folder): none of
        them may be an input of the run."""
        return [target.output] if target.output is not None else []

    def done(self) -> dict[str, str | None]:
        """The complete records already in the output (``--resume``): id -> the fingerprint of
        the text it was extracted from (``text_sha256``; None for a record written before schema
        2.1, which has none)."""
        return {}

    def open(self) -> None:
        """Create or open the output; raise :class:`OutputError` (or OSError) when it cannot be written."""

    def write(self, article: Article, text: str) -> None:
        raise NotImplementedError

    def close(self, *, complete: bool = True) -> None:
        """Finish the output (a valid document whatever happened) and release it; safe to call
        after a failed ``open()`` or an interrupted run.  ``complete=False``: the run never
        started (the pipeline could not load), release the output without finishing it."""


class WriteError(Exception):
    """The output stopped taking records (a full disk, a closed stdout): the run stops, and every
    record written before is whole."""

    def __init__(self, where: str, reason: str, *, safe: int | None = None) -> None:
        super().__init__(f"cannot write {where}: {reason}")
        self.where, self.reason, self.safe = where, reason, safe


class Sink:
    """Where a stream of records goes, each one written whole or not at all.  ``write(text,
    tail)`` adds a record; ``tail`` is what must follow the last record for the document to be
    valid (``"\\n]\\n"`` for a JSON array), kept at the end after every record where the output
    allows it, else written by ``close()``.  ``records``: how many are written, whole."""

    name = "the output"

    def __init__(self) -> None:
        self.records = 0
        self.tail = ""

    def write(self, text: str, tail: str = "") -> None:
        raise NotImplementedError

    def hold(self) -> None:
        """What comes now (an empty run's CSV header, ``[]``) is written but replaces nothing
        already there unless ``close(replace=True)``; only a file has anything to replace."""

    def close(self, *, keep: bool = True, replace: bool = True) -> None:
        """Finish (the tail) and release; ``keep=False``: the run never started, leave things as
        they were; ``replace=False``: the run wrote no article, an output already there stays."""


class StdoutSink(Sink):
    name = "stdout"

    def write(self, text: str, tail: str = "") -> None:
        self._put(text)
        self.records += 1
        self.tail = tail

    def close(self, *, keep: bool = True, replace: bool = True) -> None:
        tail, self.tail = self.tail, ""
        if tail and keep:
            self._put(tail)

    @staticmethod
    def _put(text: str) -> None:
        """Write and flush; a reader gone is BrokenPipeError, any other failure a WriteError."""
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            _silence_stdout()
            raise WriteError("stdout", _reason(exc)) from None


class FileSink(Sink):
    """A file written one whole record at a time.

    A new file is written under a temporary name beside it (``NAME.tmp<pid>``, a name claimx never
    reads as input) that replaces ``path`` once the first record is in, whole: until then a file
    already there is left as it was (a run that stops before its first record, or whose pipeline
    cannot load, changes nothing), and from then on ``path`` holds every complete record however
    the run ends, a kill included.  ``append``: continue the file itself (``--resume``).  A path
    that is not a regular file (``/dev/stdout``, a FIFO) is written straight through.

    A record that cannot be written whole (a full disk) is cut off again, the file's tail put back,
    and :class:`WriteError` raised: the file ends after the last complete record."""

    def __init__(self, path: str, *, append: bool = False) -> None:
        super().__init__()
        self.path, self.name = path, path
        self.temp: str | None = None
        self.held = False
        try:
            special = not stat.S_ISREG(os.stat(path).st_mode)
        except FileNotFoundError:
            special = False
        self.seekable = not special
        self.target = path if special else os.path.realpath(path)  # a symlink is written through
        if special or append:
            self.fd = os.open(self.target, os.O_WRONLY | os.O_CREAT, 0o666)
            self.end = os.lseek(self.fd, 0, os.SEEK_END) if self.seekable else 0
        else:
            try:
                self.temp = f"{self.target}.tmp{os.getpid()}"
                self.fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            except PermissionError:  # a file we may write in a folder we may not: write it in place
                self.temp = None
                self.fd = os.open(self.target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            except OSError as exc:  # no such folder, ...: say so of the output, not of its temporary name
                raise OSError(exc.errno, exc.strerror, path) from None
            self.end = 0

    def mark(self) -> tuple[int, str, int]:
        """Where the file stands now (see :meth:`rollback`)."""
        return self.end, self.tail, self.records

    def rollback(self, mark: tuple[int, str, int]) -> None:
        """Cut the file back to ``mark``, its tail as it was then (in place: no new space needed)."""
        end, tail, records = mark
        if self.seekable:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, end)
                if tail:
                    _pwrite_all(self.fd, tail.encode("utf-8"), end - len(tail.encode("utf-8")))
        self.end, self.tail, self.records = end, tail, records

    def write(self, text: str, tail: str = "") -> None:
        data, old_tail = (text + tail).encode("utf-8"), self.tail.encode("utf-8")
        mark = self.mark()
        try:
            if self.seekable:
                start = self.end - len(old_tail)
                _pwrite_all(self.fd, data, start)
                self.end = start + len(data)
            else:
                _write_all(self.fd, text.encode("utf-8"))
        except BrokenPipeError:  # -o /dev/stdout, and the reader went away
            raise
        except OSError as exc:
            self.rollback(mark)
            raise WriteError(self.path, _reason(exc)) from None
        self.tail = tail
        self.records += 1
        if not self.held:
            self._publish()

    def hold(self) -> None:
        self.held = True  # write on under the temporary name

    def _publish(self) -> None:
        """The temporary file takes the output's name (once)."""
        if self.temp is not None:
            os.replace(self.temp, self.target)
            self.temp = None

    def close(self, *, keep: bool = True, replace: bool = True) -> None:
        """Finish the file.  ``keep=False``: drop what this run wrote (its temporary file).
        ``replace=False`` (the run wrote no article: all its inputs failed, or it was stopped
        before the first): an output already there stays as it was; none there: this one is kept."""
        if self.fd < 0:
            return
        if keep and not replace and self.temp is not None and os.path.exists(self.target):
            keep = False
        try:
            if keep and not self.seekable and self.tail:
                _write_all(self.fd, self.tail.encode("utf-8"))
            if keep:
                self._publish()
        except OSError as exc:
            raise WriteError(self.path, _reason(exc)) from None
        finally:
            os.close(self.fd)
            self.fd = -1
            if self.temp is not None:  # keep=False, or the rename failed
                with contextlib.suppress(OSError):
                    os.remove(self.temp)
                self.temp = None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _pwrite_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        n = os.pwrite(fd, view, offset)
        view, offset = view[n:], offset + n


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _silence_stdout() -> None:
    """After stdout failed (a full disk behind it), send what is left to /dev/null: the
    interpreter's last flush must not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def open_sink(path: str | None, *, append: bool = False) -> Sink:
    """stdout (``path`` None) or a :class:`FileSink`."""
    return StdoutSink() if path is None else FileSink(path, append=append)


class StreamRenderer(Renderer):
    """A format written as one stream of records: stdout, or the ``-o`` file (see
    :class:`FileSink`; appended to when resuming)."""

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.sink: Sink | None = None

    def open(self) -> None:
        self.sink = open_sink(self.target.output, append=self.target.resume)

    def emit(self, text: str, tail: str = "") -> None:
        """One article's text, whole or not at all (:class:`WriteError` says how many are safe)."""
        assert self.sink is not None
        try:
            self.sink.write(text, tail)
        except WriteError as exc:
            if isinstance(self.sink, FileSink):
                exc.safe = self.n
            raise

    def finish(self) -> None:
        """Whatever ends the document (a single JSON object held back until now)."""

    def close(self, *, complete: bool = True) -> None:
        if self.sink is None:
            return
        sink, failed = self.sink, None
        try:
            if complete:
                self.finish()
        except WriteError as exc:
            failed = exc
        finally:
            self.sink = None
            sink.close(keep=complete, replace=self.n > 0)
        if failed is not None:
            raise failed


def cannot_write(exc: OSError) -> OutputError:
    """The one-line reason an output cannot be written."""
    where = exc.filename if exc.filename is not None else "the output"
    return OutputError(f"cannot write {where}: {exc.strerror or exc}")


def output_suffix(path: str | None) -> str:
    """``claims.DB`` -> ``.db``; empty for stdout or a name without one."""
    return os.path.splitext(path)[1].lower() if path else ""
