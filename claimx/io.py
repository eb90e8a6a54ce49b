"""Inputs to text records: paths, folders, globs, ``-`` (stdin) and JSON Lines dumps.

Everything the ``claimx extract ARGS...`` command accepts becomes a stream of :class:`Record`
(one article: id, text, base date) or :class:`InputError` (one input that could not be read, with a
one-sentence reason).  Bad arguments raise :class:`UsageError` before anything is yielded, so a
usage error never leaves half an output.

The text of a record is exactly the decoded input (a byte-order mark removed, newlines untouched),
so character offsets computed downstream point into the text the user gave.

HTML pages (``.html``/``.htm``) are reduced to their main text (:mod:`claimx.webpage`:
boilerplate, navigation and comments dropped, never script or style text); the record's text is
that extracted text, so offsets point into it, and the page's title and date come from its
metadata when present.

Hostile inputs are bounded:

* Only regular files are read.  In a folder, a FIFO, a device, a socket or a symlink to one of
  them (``/dev/zero``) is skipped with a warning; named on the command line it is an
  :class:`InputError` at once (files are opened non-blocking and checked after opening, so
  nothing waits on a FIFO).  ``-`` reads a stream.
* Nothing longer than ``max_chars`` characters (default :data:`MAX_CHARS`) is read as one input: a
  longer file, stdin text, HTML page (its markup counts) or JSON Lines record's ``"text"`` is an
  :class:`InputError`, and it is never read much beyond the limit (4 bytes a character).  JSON
  Lines are read line by line with a length limit (6 bytes a character of the text limit, plus
  1 MiB): an over-long line (a ``.jsonl.gz`` that inflates to gigabytes of one line) is an
  :class:`InputError` for that line, read past in 1 MiB pieces, never held whole.

Ids are unique in a run.  A record's id is its JSONL ``"id"`` (as a string: ``7`` and ``"7"`` are
the same id; any other JSON value is its JSON text), else ``"<path>:<line>"``; a file's is the
path as given; stdin's is ``"-"``.  Paths in ids, sources and messages are valid Unicode: a
file name's bytes that are not UTF-8 are written ``\\xNN`` (:func:`printable_path`).  When
an id was already given to an earlier record of the run (two dumps that both number their records
from 1), the later record takes its location ``"<path>:<line>"`` as id instead, and the file gets
one warning; a record whose location is taken too (an id equal to an earlier path) is an
:class:`InputError`.  A file reached twice (named twice, or inside a folder also given) is read once,
with a warning.  The ids stay the same from run to run for the same inputs in the same order, which
is what ``--resume`` relies on.  Every record also carries ``source``, its location.

The base date of a record, by precedence: its own (a JSONL ``"date"``, an HTML page's metadata),
``"input"``; else the ``date`` argument (``--date``), ``"given"``; else a date line or dateline at
the head of its text ("March 01, 2008", "LONDON, March 4, 2008 (Reuters) -": see
:mod:`claimx.normalize.dateline`), ``"text"``; else none.  A plain-text input whose first line is
a headline has it as ``title``.

Inputs of a cluster run (:func:`plan_pieces`, :func:`read_pieces`) may also be fsspec URLs
(``s3://bucket/corpus/``, ``memory://x.jsonl``, ``simplecache::s3://...``; :func:`is_url`): a
folder is walked, a pattern globbed and a file opened through fsspec, then read by the same code
as a local file (decoding, limits, records, errors); ids are relative to the argument's root as
for a local folder, ``source`` is the file's URL.  :func:`iter_records` (a local run) refuses them.

This module has no spaCy import and reads one file at a time: folders are walked lazily and JSON
Lines files (plain or gzip-compressed) are streamed line by line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import fnmatch
import glob
import gzip
import hashlib
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from io import BufferedIOBase, BufferedReader
from itertools import chain
from types import MappingProxyType
from typing import Any, BinaryIO, Literal, Protocol

from claimx.normalize.dateline import dateline_date, headline
from claimx.webpage import PageText, page_text

__all__ = [
    "MAX_CHARS",
    "TEXT_SUFFIXES",
    "InputError",
    "Record",
    "UsageError",
    "count_records",
    "decode_bytes",
    "error_json",
    "expands_to_many",
    "fingerprint",
    "html_to_text",
    "is_url",
    "iter_records",
    "overlaps",
    "parse_date",
    "plan_pieces",
    "printable_path",
    "read_pieces",
    "too_long",
]

DateSource = Literal["given", "input", "text", "none"]

#: File name endings picked up when walking a folder (compared case-insensitively).
#: ``.html``/``.htm`` are reduced to their main text (:func:`claimx.webpage.page_text`).
TEXT_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".text",
    ".md",
    ".jsonl",
    ".ndjson",
    ".jsonl.gz",
    ".html",
    ".htm",
)
#: The longest text read as one input, in characters (about 1,500 pages).  A longer input is an
#: :class:`InputError`, never an out-of-memory: it is not read beyond the limit.
MAX_CHARS = 5_000_000
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
_HTML_SUFFIXES = (".html", ".htm")
_STDIN = "-"
_GLOB_MAGIC = re.compile(r"[*?[]")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*(://|::)")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Record:
    """One article to extract from."""

    id: str
    """Input id, unique in a run: the JSONL ``"id"`` (``str()``-ed); else the path as given; ``"-"``
    for stdin; ``"<path>:<line>"`` for a JSONL line without an id, or whose id an earlier record of
    the run has."""
    text: str
    """The text exactly as decoded (BOM removed, newlines untouched)."""
    source: str
    """Where the text came from: the path (or URL) as given, ``"<path>:<line>"`` for JSONL, ``"-"`` for
    stdin."""
    date: str | None
    """Base date for relative dates (``"yesterday"``), ISO ``YYYY-MM-DD``, or ``None``."""
    date_source: DateSource
    """``"input"`` (the JSONL record's own ``"date"``, an HTML page's metadata), ``"given"`` (the
    ``date`` argument, i.e. ``--date``), ``"text"`` (a date line or dateline at the head of the
    text) or ``"none"``."""
    encoding: str | None = None
    """Encoding the file was decoded with (see :func:`decode_bytes`); ``None`` for JSONL records."""
    title: str | None = None
    """The article title when the input gives one: a JSONL ``"title"``, an HTML page's metadata,
    a plain-text input's first line when it is a headline."""
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Other JSONL fields (e.g. ``"title"``), read-only; empty for plain files."""


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be turned into a record; the rest of the batch goes on."""

    id: str
    """The record id if one is known, else the same as ``source``."""
    source: str
    """The path as given, ``"<path>:<line>"`` for a JSONL line, ``"-"`` for stdin."""
    error: str
    """One human sentence, e.g. ``"binary file (NUL bytes), skipped"``."""


class Warn(Protocol):
    """Called with ``(path, message)`` for an input skipped on purpose (hidden, a symlink loop, not
    a regular file, read already), a record id changed, or an HTML page that lost text."""

    def __call__(self, path: str, message: str, /) -> None: ...


def _ignore(path: str, message: str, /) -> None:
    return None


class UsageError(Exception):
    """Bad arguments: a path that does not exist, a folder or glob with no matching files, a bad date."""


def parse_date(value: str) -> str:
    """Validate a strict ``YYYY-MM-DD`` calendar date and return it as an ISO string.

    Raises :class:`UsageError` for anything else, including impossible dates such as ``2025-02-30``.
    """
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise UsageError(f"invalid date {value!r}: no such day in the calendar") from None
    raise UsageError(f"invalid date {value!r}: expected YYYY-MM-DD, e.g. 2025-03-14")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file contents, returning ``(text, encoding name)``.

    Order: a byte-order mark (UTF-8 -> ``"utf-8-sig"``, UTF-16 LE/BE -> ``"utf-16"``; the BOM is not
    part of the text), then strict ``"utf-8"``, then ``"cp1252"``, then ``"latin-1"`` (never fails).
    Newlines are left exactly as they are.

    Raises ``ValueError`` if the data looks binary (NUL bytes outside UTF-16 text).
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        try:
            return _no_nul(data.decode("utf-8")), "utf-8-sig"
        except UnicodeDecodeError:
            pass  # a stray BOM on a legacy file: try the 8-bit encodings on the rest
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _no_nul(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            pass  # not really UTF-16; the NUL check below decides
    if b"\0" in data:
        raise ValueError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def fingerprint(text: str) -> str:
    """The SHA-256 of ``text`` in UTF-8, in hex: an article's ``text_sha256``, which ``--resume``
    compares before it skips a record (lone surrogates, which no input decodes to, are hashed as
    they are stored)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def too_long(length: int | None, max_chars: int) -> str:
    """The error message for an input longer than ``max_chars`` (``length`` None: not read to its end)."""
    size = f"{length:,} characters" if length is not None else f"more than {max_chars:,} characters"
    return f"input too long ({size}; the limit is {max_chars:,}), skipped"


def printable_path(path: str) -> str:
    """``path`` as valid Unicode: bytes of a file name that are not UTF-8 (kept by Python as lone
    surrogates) become ``\\xNN`` escapes, so ids, sources and messages can always be written.
    The same name always gives the same text."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no file name decodes to
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def error_json(item: InputError) -> str:
    """An input error as one JSON object (no newline): the line ``--errors FILE`` and a cluster
    run's ``part-NNNNN.errors.jsonl`` hold for it."""
    return json.dumps({"id": item.id, "source": item.source, "error": item.error}, ensure_ascii=False)


def _no_nul(text: str) -> str:
    if "\0" in text:
        raise ValueError("binary file (NUL bytes)")
    return text


def expands_to_many(args: Sequence[str]) -> bool:
    """Whether ``args`` may expand to several records.

    True for more than one argument, a folder, a glob pattern or a JSON Lines file.  A single file
    or ``-`` gives False (stdin that turns out to be JSON Lines is only known once it is read).
    """
    if len(args) != 1:
        return len(args) > 1
    arg = args[0]
    if arg == _STDIN:
        return False
    if os.path.isdir(arg):
        return True
    if _is_jsonl(arg):
        return True
    return not os.path.exists(arg) and bool(_GLOB_MAGIC.search(arg))


def overlaps(args: Sequence[str], path: str) -> str | None:
    """Why writing ``path`` would touch an input of ``args`` (None when it would not): it is one of
    the files named or matched by a pattern, or it lies in a folder argument where the walk would
    read it (a text suffix, no hidden name on the way)."""
    real = os.path.realpath(path)
    exists = os.path.exists(path)
    for arg in args:
        if arg == _STDIN:
            continue
        name = printable_path(arg)
        if os.path.isdir(arg):
            rel = os.path.relpath(real, os.path.realpath(arg))
            parts = rel.split(os.sep)
            if parts[0] != os.pardir and rel != os.curdir and _is_text_like(real) \
                    and not any(part.startswith(".") for part in parts):
                return f"is inside the input folder {name!r}, where it would be read as an input"
        elif os.path.exists(arg):
            if exists and os.path.samefile(arg, path):
                return f"is the input {name!r}"
        elif _GLOB_MAGIC.search(arg) and _matches(arg, path, exists):
            return f"matches the input pattern {name!r}"
    return None


def _matches(pattern: str, path: str, exists: bool) -> bool:
    if fnmatch.fnmatch(os.path.normpath(path), os.path.normpath(pattern)):
        return True
    return exists and any(os.path.samefile(match, path) for match in glob.iglob(pattern, recursive=True))


def iter_records(
    args: Sequence[str], *, date: str | None = None, stdin: BinaryIO | None = None, warn: Warn | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Record | InputError]:
    """Turn command-line arguments into a stream of records, in argument order.

    Each argument is a file, a folder (walked recursively in sorted order, text-like files only,
    hidden names skipped), a glob pattern (``articles/*.txt``, ``**/*.txt``; regular files only), a
    JSON Lines file (``.jsonl``, ``.ndjson``, ``.jsonl.gz``) or ``-`` for ``stdin`` (default
    ``sys.stdin.buffer``; treated as JSON Lines when its first non-blank line is a JSON object with
    a ``"text"`` key).

    Date precedence: a JSONL record's own valid ``"date"`` or an HTML page's metadata date
    (``"input"``; an ISO datetime counts by its date part; an invalid record date is treated as
    absent rather than failing the record); else ``date`` (the ``--date`` option, ``"given"``);
    else a date line or dateline at the head of the text (``"text"``); else ``date`` is ``None``
    and ``date_source`` is ``"none"``.

    ``max_chars``: the longest input read (see the module docstring); ids are unique in the run.

    All arguments and ``date`` are checked when this is called, before anything is read:
    a missing path, a folder or glob with no matching files, ``-`` given twice or a bad ``date``
    raise :class:`UsageError`.  Problems with single inputs (unreadable, binary, a bad JSONL line)
    are yielded as :class:`InputError` and the stream goes on.  Inputs skipped on purpose while
    walking a folder (hidden names, a folder reached again through a symlink loop, anything but a
    regular file) are reported to ``warn(path, message)`` when it is given, and so are a file read
    twice, record ids changed to keep them unique and HTML pages whose extraction lost text.
    """
    base = _Base(parse_date(date), "given") if date is not None else _Base(None, "none")
    if max_chars < 1:
        raise UsageError(f"the size limit must be at least 1 character, not {max_chars}")
    if sum(arg == _STDIN for arg in args) > 1:
        raise UsageError("'-' (stdin) can be given only once")
    if _STDIN in args and stdin is None and sys.stdin is None:
        raise UsageError("stdin is closed: there is nothing to read from '-'")
    for arg in args:
        if is_url(arg):
            raise UsageError(f"input {printable_path(arg)!r} is a URL: remote inputs need --cluster "
                             "(--cluster local -o OUTDIR reads them on this machine)")
    warn = warn or _ignore
    plan = [_expand(arg, warn) for arg in args]
    return _Reader(base, max_chars, warn, stdin).generate(plan)


def count_records(args: Sequence[str]) -> int | None:
    """How many records (and input errors) :func:`iter_records` will yield, for a progress bar's
    ETA: files are counted, JSON Lines files' non-blank lines too (read in blocks: memory stays
    small whatever the lines).  None when it cannot be known cheaply (stdin, more than 1 GiB of
    JSON Lines to read) or when the arguments are bad."""
    total = scanned = 0
    try:
        for arg in args:
            if arg == _STDIN:
                return None
            for item in _plan(arg, _ignore):
                if isinstance(item, InputError) or not _is_jsonl(item):
                    total += 1
                    continue
                try:
                    raw_handle, _ = _open_input(item)
                except (OSError, _NotRegular):
                    total += 1  # an error line
                    continue
                with raw_handle, _inflated(item, raw_handle) as handle:
                    lines = _count_lines(handle, _COUNT_BUDGET - scanned)
                if lines is None:
                    return None
                total += lines[0]
                scanned += lines[1]
    except (OSError, EOFError, zlib.error, UsageError):
        return None
    return total


_COUNT_BUDGET = 1 << 30  # count_records gives up (None) after reading this many bytes


def _count_lines(handle: BinaryIO, budget: int) -> tuple[int, int] | None:
    """(non-blank lines, bytes read) of a stream read in 1 MiB blocks; None past ``budget`` bytes."""
    count = read = 0
    pending = False  # the line the last block ended in has a non-blank byte
    while block := handle.read(1 << 20):
        read += len(block)
        if read > budget:
            return None
        *done, last = block.split(b"\n")
        for piece in done:
            count += pending or bool(piece.strip())
            pending = False
        pending = pending or bool(last.strip())
    return count + pending, read


# -- planning: validate every argument before anything is read ----------------------------------


@dataclass(frozen=True, slots=True)
class _Base:
    date: str | None
    source: DateSource


def is_url(arg: str) -> bool:
    """Whether an input is a URL read through fsspec (``s3://bucket/corpus/``, ``memory://x.jsonl``,
    ``simplecache::s3://...``): a protocol before ``://`` or ``::``, except a plain ``file://``
    (a local path)."""
    return _URL.match(arg) is not None and not arg.startswith("file://")


def _expand(arg: str, warn: Warn) -> tuple[str | None, Iterable[str | InputError]]:
    """``(root, paths)`` of one argument (:func:`_root`, :func:`_plan`); UsageError if none."""
    if is_url(arg):
        return _plan_url(arg, warn)
    return _root(arg), _plan(arg, warn)


def _plan(arg: str, warn: Warn) -> Iterable[str | InputError]:
    """The paths one argument stands for (``"-"`` for stdin), lazily; raise UsageError if none."""
    if arg == _STDIN:
        return [arg]
    if is_url(arg):
        return _plan_url(arg, warn)[1]
    if os.path.isdir(arg):
        walk = _prime(_walk_folder(arg, warn))
        if walk is None:
            raise UsageError(f"no text files in folder {arg!r} (looked for {', '.join(TEXT_SUFFIXES)})")
        return walk
    if os.path.exists(arg) or os.path.islink(arg):
        return [arg]
    if _GLOB_MAGIC.search(arg):
        matches = sorted(p for p in glob.iglob(arg, recursive=True) if os.path.isfile(p))
        if not matches:
            raise UsageError(f"no files match {arg!r}")
        return matches
    raise UsageError(f"no such file or folder: {arg!r}")


def _root(arg: str) -> str | None:
    """What the ids of an argument's files are relative to: a folder itself, a file's folder, a
    pattern's leading folders without wildcards (``corpus/*/x.txt`` -> ``corpus``); None for stdin."""
    if arg == _STDIN:
        return None
    if os.path.isdir(arg):
        return arg
    if os.path.exists(arg) or os.path.islink(arg) or not _GLOB_MAGIC.search(arg):
        return os.path.dirname(arg) or os.curdir
    fixed: list[str] = []
    for part in arg.split(os.sep)[:-1]:
        if _GLOB_MAGIC.search(part):
            break
        fixed.append(part)
    return os.sep.join(fixed) or (os.sep if arg.startswith(os.sep) else os.curdir)


# -- URLs: the same expansion through fsspec (a cluster's shared storage)


def _url_fs(arg: str) -> tuple[Any, str]:
    """``(filesystem, path)`` of a URL; UsageError when fsspec or the protocol's package is missing."""
    try:
        import fsspec
    except ImportError:
        raise UsageError(f"input {arg!r}: reading URLs needs fsspec: pip install 'claimx[cluster]'") from None
    try:
        return fsspec.core.url_to_fs(arg)
    except ImportError as exc:  # fsspec names the package: "Install s3fs to access S3"
        raise UsageError(f"input {arg!r} needs a filesystem that is not installed: {exc}") from None
    except (ValueError, OSError) as exc:
        raise UsageError(f"input {arg!r}: {_reason(exc)}") from None


def _plan_url(arg: str, warn: Warn) -> tuple[str, Iterable[str | InputError]]:
    """:func:`_expand` for a URL: a folder walked as :func:`_walk_folder` walks one, a pattern's
    matches (``fs.glob``; files only, sorted, hidden names matched by a wildcard left out as
    :func:`glob.glob` leaves them), a file.  Files are named by URLs spelled as ``arg`` is."""
    fs, path = _url_fs(arg)
    try:
        if fs.isdir(path):
            root = arg.rstrip("/")
            walk = _prime(_walk_url(fs, path.rstrip("/"), root, warn))
            if walk is None:
                raise UsageError(f"no text files in folder {arg!r} (looked for {', '.join(TEXT_SUFFIXES)})")
            return root, walk
        if fs.exists(path):
            return _url_parent(arg), [arg]
        if _GLOB_MAGIC.search(arg):
            root = _url_parent(arg)
            while _GLOB_MAGIC.search(root):
                root = _url_parent(root)
            top = _url_fs(root)[1].rstrip("/")
            hidden_ok = any(part.startswith(".") for part in arg[len(root):].split("/"))
            matches = []
            for name, info in sorted(fs.glob(path, detail=True).items()):
                relative = _below(name, top)
                if info.get("type") == "file" and relative is not None and \
                        (hidden_ok or not any(part.startswith(".") for part in relative.split("/"))):
                    matches.append(f"{root}{'' if root.endswith('/') else '/'}{relative}")
            if not matches:
                raise UsageError(f"no files match {arg!r}")
            return root, matches
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read input {arg!r} ({_reason(exc)})") from None
    raise UsageError(f"no such file or folder: {arg!r}")


def _url_parent(url: str) -> str:
    """``s3://bucket/a/b.txt`` -> ``s3://bucket/a``; ``s3://bucket`` -> ``s3://``."""
    head, sep, rest = url.rpartition("://")
    rest = rest.rstrip("/")
    return head + sep + (rest.rsplit("/", 1)[0] if "/" in rest else "")


def _url_below(url: str, root: str) -> str | None:
    """The part of ``url`` below the URL ``root`` (``a/b.txt``), None when it is not inside."""
    prefix = root if root.endswith("://") else root.rstrip("/") + "/"
    return (url[len(prefix):] or None) if url.startswith(prefix) else None


def _below(name: str, top: str) -> str | None:
    """``name`` relative to the folder ``top`` (filesystem paths), None when it is not inside."""
    name = name.rstrip("/")
    if top in ("", "/"):
        return name.lstrip("/") or None
    return name[len(top) + 1:] if name.startswith(top + "/") else None


def _walk_url(fs: Any, top: str, root: str, warn: Warn) -> Iterator[str | InputError]:
    """:func:`_walk_folder` through fsspec: the text-like files under the folder ``top`` (``root``:
    its URL), depth first, entries sorted by name, hidden names skipped (warned), anything but
    files and folders skipped (warned)."""
    stack: list[Iterator[tuple[str, str, dict[str, Any]]]] = []
    visited: set[str] = set()

    def enter(folder: str, url: str) -> InputError | None:
        if folder in visited:
            return None
        visited.add(folder)
        try:
            entries = fs.ls(folder, detail=True)
        except OSError as exc:
            return InputError(url, url, f"cannot read folder ({_reason(exc)}), skipped")
        listing = []
        for info in entries:
            name = _below(info["name"], folder)
            if name and "/" not in name:
                listing.append((name, f"{url}/{name}", info))
        stack.append(iter(sorted(listing, key=lambda entry: entry[0])))
        return None

    if (problem := enter(top, root)) is not None:
        yield problem
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        name, url, info = entry
        if name.startswith("."):
            warn(url, "hidden, skipped")
        elif info.get("type") == "directory":
            if (problem := enter(info["name"].rstrip("/"), url)) is not None:
                yield problem
        elif _is_text_like(name):
            if info.get("type") == "file":
                yield url
            else:
                warn(url, f"{info.get('type')}, not a regular file: skipped")


def _open_url(url: str) -> tuple[BinaryIO, int | None]:
    """A URL opened for reading through fsspec (its size when known), read with ``readline(limit)``."""
    import fsspec

    try:
        opened = fsspec.open(url, "rb")
        handle = opened.open()
    except (ImportError, ValueError) as exc:  # a worker without the filesystem's package
        raise OSError(str(exc)) from exc
    size = getattr(handle, "size", None)
    if not isinstance(size, int):
        try:
            size = opened.fs.size(opened.path)
        except (OSError, NotImplementedError):
            size = None
    if not isinstance(handle, BufferedIOBase):  # fsspec's buffered files have readline() only
        handle = BufferedReader(handle)
    return handle, size


@dataclass(frozen=True, slots=True)
class _Names:
    """The ids a file's records may take, best first: relative to the argument's root (the same
    from any working directory), that with the root folder's name before it, the path as given."""

    path: str
    root: str

    def ids(self, suffix: str = "") -> list[str]:
        if is_url(self.path):
            relative = printable_path(_url_below(self.path, self.root) or self.path)
            named = self.root.rpartition("://")[2].rstrip("/").rsplit("/", 1)[-1]
            options = [relative, f"{printable_path(named)}/{relative}" if named else relative,
                       printable_path(self.path)]
            return list(dict.fromkeys(option + suffix for option in options))
        relative = printable_path(os.path.relpath(self.path, self.root))
        named = os.path.basename(os.path.abspath(self.root))
        options = [relative, printable_path(os.path.join(named, relative)) if named else relative,
                   printable_path(self.path)]
        return list(dict.fromkeys(option + suffix for option in options))


def _prime(items: Iterator[str | InputError]) -> Iterator[str | InputError] | None:
    """Advance to the first path; None if there is none (errors before it are kept)."""
    seen: list[str | InputError] = []
    for item in items:
        seen.append(item)
        if isinstance(item, str):
            return chain(seen, items)
    return None


def _walk_folder(root: str, warn: Warn = _ignore) -> Iterator[str | InputError]:
    """Text-like files under ``root``, depth first, entries sorted by name.

    Hidden names and anything but regular files (FIFOs, devices, sockets, symlinks to them) are
    skipped; directories are entered once by real path, so symlink loops end.  All are reported to
    ``warn``.
    """
    visited: set[str] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []

    def enter(folder: str) -> InputError | None:
        real = os.path.realpath(folder)
        if real in visited:
            warn(printable_path(folder), "folder already visited (a symlink loop?), skipped")
            return None
        visited.add(real)
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:
            name = printable_path(folder)
            return InputError(name, name, f"cannot read folder ({_reason(exc)}), skipped")
        stack.append(iter(listing))
        return None

    if (problem := enter(root)) is not None:
        yield problem
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.name.startswith("."):
            warn(printable_path(entry.path), "hidden, skipped")
        elif entry.is_dir():
            if (problem := enter(entry.path)) is not None:
                yield problem
        elif _is_text_like(entry.name):
            try:
                kind = _regular_kind(entry.path)
            except OSError:
                kind = None  # a broken symlink: reported when it is read
            if kind is None:
                yield entry.path
            else:
                warn(printable_path(entry.path), f"{kind}, not a regular file: skipped")


def _is_text_like(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES)


def _is_jsonl(path: str) -> bool:
    return path.lower().endswith(_JSONL_SUFFIXES)


def _is_html(path: str) -> bool:
    return path.lower().endswith(_HTML_SUFFIXES)


def _reason(exc: BaseException) -> str:
    """The short cause of an error, e.g. ``"permission denied"``."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


# -- reading -------------------------------------------------------------------------------------

_SKIP_PIECE = 1 << 20  # an over-long JSON Lines line is read past in pieces of this many bytes


class _NotRegular(Exception):
    """A path that is not a regular file (a FIFO, a device, a socket, a folder)."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _regular_kind(path: str) -> str | None:
    """None when ``path`` (followed through symlinks) is a regular file, else what it is; OSError
    for a path that cannot be looked at (a broken symlink)."""
    mode = os.stat(path).st_mode
    return None if stat.S_ISREG(mode) else _kind(mode)


def _open_regular(path: str) -> BinaryIO:
    """Open a regular file for reading, never blocking: a FIFO or a device raises _NotRegular
    (checked on the open descriptor too, so a path swapped after the check cannot hang us)."""
    kind = _regular_kind(path)
    if kind is not None:
        raise _NotRegular(kind)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _NotRegular(_kind(mode))
    return os.fdopen(fd, "rb")


def _open_input(path: str) -> tuple[BinaryIO, int | None]:
    """A file to read and its size (None: unknown): a URL through fsspec (:func:`_open_url`), a
    local path as a regular file only (:func:`_open_regular`).  OSError or _NotRegular when it
    cannot be."""
    if is_url(path):
        return _open_url(path)
    handle = _open_regular(path)
    return handle, os.fstat(handle.fileno()).st_size


def _inflated(path: str, handle: BinaryIO) -> BinaryIO:
    """``handle`` itself, or read through gzip for a ``.gz`` path (closing it leaves ``handle`` open)."""
    return gzip.GzipFile(fileobj=handle, mode="rb") if path.lower().endswith(".gz") else handle


def _not_regular(path: str, kind: str) -> InputError:
    return InputError(path, path, f"{kind}, not a regular file: skipped (use - to read a stream from stdin)")


def _id_options(item: Record, names: list[str]) -> list[str]:
    """The ids a record may take, best first: its own (a JSON Lines record's), then ``names``."""
    return list(dict.fromkeys([item.id, *names] if item.id != item.source else names))


def _id_taken(item: Record, options: list[str]) -> InputError:
    return InputError(item.id, item.source, f"id {options[0]!r} is already used by an earlier input of "
                                            "this run, skipped")


def _max_bytes(max_chars: int) -> int:
    """The most bytes a text of ``max_chars`` characters can take (4 a character, and a BOM)."""
    return 4 * max_chars + 4


def _max_line(max_chars: int) -> int:
    """The longest JSON Lines line read, in bytes: a text of ``max_chars`` characters written
    with backslash-u escapes (6 bytes a character), and room for the other fields."""
    return 6 * max_chars + (1 << 20)


def _lines(handle: BinaryIO, limit: int, *, start: int = 0) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` of a binary stream (numbered after ``start``), never holding more
    than ``limit`` bytes of one line: a longer line is read past in pieces and given as None."""
    number = start
    while raw := handle.readline(limit + 1):
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(_SKIP_PIECE)
        yield number, None


@dataclass
class _Reader:
    """Reads the planned inputs: the settings of one :func:`iter_records` call and what it has
    seen so far (ids given, files read)."""

    base: _Base
    max_chars: int
    warn: Warn
    stdin: BinaryIO | None
    ids: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    renamed: set[str] = field(default_factory=set)
    undated: set[str] = field(default_factory=set)  # dumps already warned of a record date ignored
    here: str | None = None
    """The folder relative paths are opened from (a cluster worker's; None: the working directory)."""

    def real(self, path: str) -> str:
        """Where to open ``path``: names, ids and messages keep the path as given."""
        return os.path.join(self.here, path) if self.here is not None and not is_url(path) else path

    def generate(self, plan: list[tuple[str | None, Iterable[str | InputError]]]
                 ) -> Iterator[Record | InputError]:
        for root, items in plan:
            for item in items:
                if isinstance(item, InputError):
                    yield item
                elif item == _STDIN:
                    yield from self.stdin_records(self.stdin if self.stdin is not None else sys.stdin.buffer)
                elif self.again(item):
                    continue
                elif _is_jsonl(item):
                    yield from self.jsonl_file(item, _Names(item, root or os.curdir))
                else:
                    names = _Names(item, root or os.curdir)
                    yield self.unique(self.text_file(item), printable_path(item), names.ids())

    def again(self, path: str) -> bool:
        """Whether ``path`` is a file already read in this run (warned about, then skipped)."""
        real = path if is_url(path) else os.path.realpath(path)
        if real in self.files:
            self.warn(printable_path(path), "already read in this run (the same file as an earlier input), "
                                            "skipped")
            return True
        self.files.add(real)
        return False

    def unique(self, item: Record | InputError, path: str, names: list[str]) -> Record | InputError:
        """Ids are unique in a run.  A record takes the first of its ids that no earlier record of
        the run has: its own (a JSON Lines record's), else ``names`` (its location relative to the
        argument's root, the same with the root's name before it, the path as given); when that is
        not the first, one warning per file; when every one is taken, an error."""
        if not isinstance(item, Record):
            return item
        options = _id_options(item, names)
        for rank, option in enumerate(options):
            if option in self.ids:
                continue
            self.ids.add(option)
            if rank and path not in self.renamed:
                self.renamed.add(path)
                self.warn(path, f"record ids repeat ids of earlier records of this run (first: "
                                f"{options[0]!r} at {item.source}, now {option!r}): such records take "
                                "their location as id")
            return item if option == item.id else replace(item, id=option)
        return _id_taken(item, options)

    # -- plain text and HTML files

    def text_file(self, path: str) -> Record | InputError:
        name, limit = printable_path(path), _max_bytes(self.max_chars)
        try:
            handle, size = _open_input(self.real(path))
            with handle:
                if size is not None and size > limit:
                    return InputError(name, name, too_long(None, self.max_chars))
                data = handle.read(limit + 1)
        except _NotRegular as exc:
            return _not_regular(name, str(exc))
        except OSError as exc:
            return InputError(name, name, f"cannot read file ({_reason(exc)}), skipped")
        if len(data) > limit:  # grew while being read
            return InputError(name, name, too_long(None, self.max_chars))
        if _is_html(path):
            return self.html_record(data, name)
        return self.text_record(data, name)

    def decoded(self, data: bytes, name: str) -> tuple[str, str] | InputError:
        """``(text, encoding)`` of a file's bytes, or the error: binary, or over the size limit."""
        try:
            text, encoding = decode_bytes(data)
        except ValueError as exc:
            return InputError(name, name, f"{exc}, skipped")
        if len(text) > self.max_chars:
            return InputError(name, name, too_long(len(text), self.max_chars))
        return text, encoding

    def text_record(self, data: bytes, name: str) -> Record | InputError:
        decoded = self.decoded(data, name)
        if isinstance(decoded, InputError):
            return decoded
        text, encoding = decoded
        date, source = self.date_of(text, None, self.base)
        return Record(id=name, text=text, source=name, date=date, date_source=source, encoding=encoding,
                      title=headline(text))

    def html_record(self, data: bytes, name: str) -> Record | InputError:
        decoded = self.decoded(data, name)
        if isinstance(decoded, InputError):
            return decoded
        html, encoding = decoded
        try:
            page = page_text(html) if html.strip() else PageText("", None, None)
        except Exception as exc:  # a page the HTML parser chokes on fails alone
            return InputError(name, name, f"cannot extract text from HTML ({type(exc).__name__}: {exc}), "
                                           "skipped")
        for note in page.notes:
            self.warn(name, note)
        date, source = self.date_of(page.text, page.date, self.base)
        return Record(id=name, text=page.text, source=name, date=date, date_source=source, encoding=encoding,
                      title=page.title)

    @staticmethod
    def date_of(text: str, own: str | None, base: _Base) -> tuple[str | None, DateSource]:
        """The base date by precedence: the input's own (a JSONL record's, an HTML page's
        metadata), else ``--date``, else a date line or dateline at the head of the text."""
        if own is not None:
            return own, "input"
        if base.date is not None:
            return base.date, base.source
        found = dateline_date(text)
        return (found, "text") if found is not None else (None, "none")

    # -- stdin

    def stdin_records(self, stream: BinaryIO) -> Iterator[Record | InputError]:
        """Plain text, or JSON Lines streamed line by line when the first non-blank line is a
        record; read up to the size limits either way."""
        limit, line_limit = _max_bytes(self.max_chars), _max_line(self.max_chars)
        head = b""  # what was read looking for the first non-blank line
        try:
            number = 0
            while len(head) <= limit and (raw := stream.readline(line_limit + 1)):
                number += 1
                head += raw
                if not raw.strip():
                    continue
                if len(raw) <= line_limit and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
                        and _record_line(raw):
                    lines = chain([(number, raw)], _lines(stream, line_limit, start=number))
                    for num, line in lines:
                        if (item := self.jsonl_item(line, _STDIN, num)) is not None:
                            yield item
                    return
                break
            if len(head) <= limit:
                head += stream.read(limit + 1 - len(head))
        except OSError as exc:
            yield InputError(_STDIN, _STDIN, f"cannot read stdin ({_reason(exc)}), skipped")
            return
        if len(head) > limit:
            yield InputError(_STDIN, _STDIN, too_long(None, self.max_chars))
            return
        yield from self.stdin_text(head)

    def stdin_text(self, data: bytes) -> Iterator[Record | InputError]:
        try:
            text, encoding = decode_bytes(data)
        except ValueError as exc:
            yield InputError(_STDIN, _STDIN, f"{exc}, skipped")
            return
        lines = text.split("\n")  # not splitlines(): U+2028 may sit unescaped inside JSON strings
        first = next((line for line in lines if line.strip()), None)
        if first is not None and _looks_like_jsonl(first):  # JSON Lines in UTF-16
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield self.unique(self.jsonl_record(line, _STDIN, number), _STDIN, [f"{_STDIN}:{number}"])
            return
        if len(text) > self.max_chars:
            yield InputError(_STDIN, _STDIN, too_long(len(text), self.max_chars))
            return
        date, source = self.date_of(text, None, self.base)
        yield self.unique(Record(id=_STDIN, text=text, source=_STDIN, date=date, date_source=source,
                                 encoding=encoding, title=headline(text)), _STDIN, [_STDIN])

    # -- JSON Lines

    def jsonl_file(self, path: str, names: _Names) -> Iterator[Record | InputError]:
        return self.jsonl_lines(path, names, 0, 0, None)

    def jsonl_lines(self, path: str, names: _Names, offset: int, line: int, lines: int | None
                    ) -> Iterator[Record | InputError]:
        """``lines`` lines (None: all) of a JSON Lines file from byte ``offset``, numbered after
        ``line``."""
        name = printable_path(path)
        try:
            raw_handle, _ = _open_input(self.real(path))
        except _NotRegular as exc:
            yield _not_regular(name, str(exc))
            return
        except OSError as exc:
            yield InputError(name, name, f"cannot read file ({_reason(exc)}), skipped")
            return
        number = line
        with raw_handle, _inflated(path, raw_handle) as handle:
            try:
                if offset:
                    handle.seek(offset)
                if lines is not None and lines <= 0:
                    return
                for number, raw in _lines(handle, _max_line(self.max_chars), start=line):
                    if (item := self.jsonl_item(raw, name, number, names)) is not None:
                        yield item
                    if lines is not None and number >= line + lines:
                        break
            except (OSError, EOFError, zlib.error) as exc:
                yield InputError(
                    name, name, f"unreadable data after line {number} ({_reason(exc)}), rest of file skipped"
                )

    def jsonl_item(self, raw: bytes | None, path: str, number: int, names: _Names | None = None
                   ) -> Record | InputError | None:
        """One line of a JSON Lines input (``raw`` None: a line over the length limit); None for a
        blank line."""
        location = f"{path}:{number}"
        if raw is None:
            limit = _max_line(self.max_chars)
            return InputError(location, location, f"line longer than {limit:,} bytes (texts are limited to "
                                                  f"{self.max_chars:,} characters), skipped")
        if not raw.strip():
            return None
        try:
            line, _ = decode_bytes(raw)
        except ValueError:
            return InputError(location, location, "binary data (NUL bytes) in line, skipped")
        where = names.ids(f":{number}") if names is not None else [f"{path}:{number}"]
        return self.unique(self.jsonl_record(line, path, number), path, where)

    def jsonl_record(self, line: str, path: str, number: int) -> Record | InputError:
        location = f"{path}:{number}"
        try:
            value = json.loads(line)
        except ValueError as exc:
            message = getattr(exc, "msg", str(exc))
            return InputError(location, location, f"not valid JSON ({message}), skipped")
        if not isinstance(value, dict):
            return InputError(location, location, f"not a JSON object (got {type(value).__name__}), skipped")
        raw_id = value.get("id")
        if raw_id is None or raw_id == "":
            record_id = location
        elif isinstance(raw_id, str):
            record_id = raw_id
        else:  # 7 is "7"; an object, list or boolean id is its JSON text, not a Python repr
            record_id = json.dumps(raw_id, ensure_ascii=False, sort_keys=True)
        text = value.get("text")
        if not isinstance(text, str):
            problem = 'has no "text" field' if text is None else 'has a "text" field that is not a string'
            return InputError(record_id, location, f"JSON record {problem}, skipped")
        if _has_surrogates(text):
            return InputError(record_id, location, 'JSON record\'s "text" holds lone surrogate escapes '
                                                   "(not valid Unicode), skipped")
        if len(text) > self.max_chars:
            return InputError(record_id, location, too_long(len(text), self.max_chars))
        own = record_date(value.get("date"))
        if own is None and value.get("date") not in (None, "") and path not in self.undated:
            self.undated.add(path)
            self.warn(path, f'record dates that are not YYYY-MM-DD dates are ignored (first: '
                            f'{json.dumps(value.get("date"), ensure_ascii=False)[:40]} at {location})')
        date, source = self.date_of(text, own, self.base)
        meta = {key: item for key, item in value.items() if key not in ("id", "text", "date")}
        title = value.get("title")
        return Record(id=record_id, text=text, source=location, date=date, date_source=source, encoding=None,
                      title=title if isinstance(title, str) else None, meta=MappingProxyType(meta))


def _record_line(raw: bytes) -> bool:
    """Whether a raw line is a JSON object with a ``"text"`` key (a JSON Lines record)."""
    try:
        line, _ = decode_bytes(raw)
    except ValueError:
        return False
    return _looks_like_jsonl(line)


def _looks_like_jsonl(line: str) -> bool:
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and "text" in value


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def record_date(value: object) -> str | None:
    """A JSONL record's own date: ``YYYY-MM-DD`` or an ISO datetime (its date part); else None."""
    if not isinstance(value, str):
        return None
    head = value[:10]
    if len(value) > 10:
        if value[10] not in "T ":
            return None
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    try:
        return parse_date(head)
    except UsageError:
        return None


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """The main text of an HTML page, with its title and date (``YYYY-MM-DD``) when its metadata
    has them: ``(text, title, date)`` (:func:`claimx.webpage.page_text` without its notes)."""
    page = page_text(html)
    return page.text, page.title, page.date


# -- shards: the records of a run, cut into pieces read apart (claimx.cluster) ---------------------
#
# A piece is a JSON-able list of units, each one of: an input error known when planning
# ``{"error": [id, source, message]}``; a text or HTML file ``{"file": path, "root": root, "id":
# id}`` (``id`` None: every id it may take is used by an earlier input); a run of lines of a JSON
# Lines file ``{"jsonl": path, "root": root, "offset": o, "line": n, "lines": k, "ids": {...}}``
# (``k`` lines from byte ``o`` of the decompressed stream, the first numbered ``n + 1``; ``ids``:
# source -> id for the records whose id is not their first choice, None when refused).  The ids
# of the whole run are settled when planning, so a piece read alone gives the very records, with
# the very ids, that :func:`iter_records` gives for that stretch of the run.


def plan_pieces(args: Sequence[str], shard_size: int, *, date: str | None = None, warn: Warn | None = None,
                max_chars: int = MAX_CHARS) -> list[dict[str, Any]]:
    """The inputs of ``args`` cut into pieces of about ``shard_size`` records each, in input order:
    ``[{"records": n, "units": [...]}, ...]`` (see above), to be read with :func:`read_pieces`.

    The same expansion, order, skipping rules, warnings and ids as :func:`iter_records` (its
    usage errors too); stdin cannot be planned (a usage error).  Text files are not opened; JSON
    Lines files are read through once, line by line, to settle record ids and line offsets."""
    if shard_size < 1:
        raise UsageError(f"the shard size must be at least 1 record, not {shard_size}")
    if date is not None:
        parse_date(date)
    if max_chars < 1:
        raise UsageError(f"the size limit must be at least 1 character, not {max_chars}")
    if _STDIN in args:
        raise UsageError("a cluster run cannot read stdin ('-'): give files, folders or JSON Lines dumps")
    warn = warn or _ignore
    plan = [_expand(arg, warn) for arg in args]
    reader = _Planner(_Base(None, "none"), max_chars, warn, None)
    cutter = _Cutter(shard_size)
    for root, items in plan:
        root = root or os.curdir
        for item in items:
            if isinstance(item, InputError):
                cutter.add({"error": [item.id, item.source, item.error]})
            elif reader.again(item):
                continue
            elif _is_jsonl(item):
                _plan_jsonl(reader, item, root, cutter)
            else:
                name = printable_path(item)
                stub = Record(id=name, text="", source=name, date=None, date_source="none")
                got = reader.unique(stub, name, _Names(item, root).ids())
                cutter.add({"file": item, "root": root, "id": got.id if isinstance(got, Record) else None})
    return cutter.pieces()


def read_pieces(piece: dict[str, Any], *, date: str | None = None, warn: Warn | None = None,
                max_chars: int = MAX_CHARS, here: str | None = None) -> Iterator[Record | InputError]:
    """The records and input errors of one piece of :func:`plan_pieces` (planned with the same
    ``max_chars``), in order: what :func:`iter_records` yields for that stretch of the run.
    ``here``: the folder relative input paths are opened from (the planning process's working
    directory, on another machine; default: this one's)."""
    base = _Base(parse_date(date), "given") if date is not None else _Base(None, "none")
    warn = warn or _ignore
    for unit in piece["units"]:
        if "error" in unit:
            yield InputError(*unit["error"])
            continue
        path, root = unit.get("file") or unit["jsonl"], unit["root"]
        name, names = printable_path(path), _Names(path, root)
        if "file" in unit:
            reader = _Planned(base, max_chars, warn, None, here=here, assigned={name: unit["id"]})
            yield reader.unique(reader.text_file(path), name, names.ids())
        else:
            reader = _Planned(base, max_chars, warn, None, here=here, assigned=unit["ids"])
            yield from reader.jsonl_lines(path, names, unit["offset"], unit["line"], unit["lines"])


class _Cutter:
    """Units into pieces of ``size`` records."""

    def __init__(self, size: int) -> None:
        self.size, self.count = size, 0
        self.done: list[dict[str, Any]] = [{"records": 0, "units": []}]

    def room(self) -> int:
        return self.size - self.count

    def add(self, unit: dict[str, Any], records: int = 1) -> None:
        self.done[-1]["units"].append(unit)
        self.done[-1]["records"] += records
        self.count += records
        if self.count >= self.size:
            self.done.append({"records": 0, "units": []})
            self.count = 0

    def pieces(self) -> list[dict[str, Any]]:
        return [piece for piece in self.done if piece["units"]]


def _plan_jsonl(reader: _Planner, path: str, root: str, cutter: _Cutter) -> None:
    """A JSON Lines file as units of lines, cut where a piece is full; ids settled run-wide."""
    name, names = printable_path(path), _Names(path, root)
    try:
        raw_handle, _ = _open_input(path)
    except _NotRegular as exc:
        error = _not_regular(name, str(exc))
        cutter.add({"error": [error.id, error.source, error.error]})
        return
    except OSError as exc:
        cutter.add({"error": [name, name, f"cannot read file ({_reason(exc)}), skipped"]})
        return
    unit: dict[str, Any] = {"jsonl": path, "root": root, "offset": 0, "line": 0, "lines": 0, "ids": {}}
    records = number = end = 0  # records in the unit; the last line read; where it ends
    with raw_handle, _inflated(path, raw_handle) as handle:
        try:
            for number, raw in _lines(handle, _max_line(reader.max_chars)):
                if raw is None or raw.strip():
                    if records == cutter.room():
                        unit["lines"] = number - 1 - unit["line"]
                        cutter.add(unit, records)
                        unit = {"jsonl": path, "root": root, "offset": end, "line": number - 1, "lines": 0,
                                "ids": {}}
                        records = 0
                    reader.last = None
                    item = reader.jsonl_item(raw, name, number, names)
                    records += 1
                    if reader.last is not None:  # a record that took an id: note it unless its first choice
                        first, given = reader.last
                        if given != first:
                            unit["ids"][item.source] = given
                end = handle.tell()
        except (OSError, EOFError, zlib.error) as exc:
            error = [name, name,
                     f"unreadable data after line {number} ({_reason(exc)}), rest of file skipped"]
        else:
            error = None
    if records:
        unit["lines"] = number - unit["line"]
        cutter.add(unit, records)
    if error is not None:
        cutter.add({"error": error})


@dataclass
class _Planned(_Reader):
    """A reader of one piece: ids as settled when planning (``assigned``: source -> id, None when
    refused; else a record's first choice), and nothing remembered across inputs."""

    assigned: dict[str, str | None] = field(default_factory=dict)

    def unique(self, item: Record | InputError, path: str, names: list[str]) -> Record | InputError:
        if not isinstance(item, Record):
            return item
        options = _id_options(item, names)
        given = self.assigned.get(item.source, options[0])
        if given is None:
            return _id_taken(item, options)
        return item if given == item.id else replace(item, id=given)


@dataclass
class _Planner(_Reader):
    """The reader :func:`plan_pieces` settles ids with: ``last`` is ``(first choice, id given or
    None)`` of the last record that asked for an id."""

    last: tuple[str, str | None] | None = None

    def unique(self, item: Record | InputError, path: str, names: list[str]) -> Record | InputError:
        got = super().unique(item, path, names)
        if isinstance(item, Record):
            self.last = (_id_options(item, names)[0], got.id if isinstance(got, Record) else None)
        return got
