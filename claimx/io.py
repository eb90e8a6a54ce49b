"""Inputs to text records: paths, folders, globs, ``-`` (stdin) and JSON Lines dumps.

Everything the ``claimx extract ARGS...`` command accepts becomes a stream of :class:`Record`
(one article: id, text, base date) or :class:`InputError` (one input that could not be read, with a
one-sentence reason).  Bad arguments raise :class:`UsageError` before anything is yielded, so a
usage error never leaves half an output.

The text of a record is exactly the decoded input (a byte-order mark removed, newlines untouched),
so character offsets computed downstream point into the text the user gave.

HTML pages (``.html``/``.htm``) are reduced to their main text with trafilatura (boilerplate,
navigation and comments dropped); the record's text is that extracted text, so offsets point into
it, and the page's title and date come from its metadata when present.

This module has no spaCy import and reads one file at a time: folders are walked lazily and JSON
Lines files (plain or gzip-compressed) are streamed line by line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from types import MappingProxyType
from typing import Any, BinaryIO, Literal, Protocol

__all__ = [
    "MAX_CHARS",
    "TEXT_SUFFIXES",
    "InputError",
    "Record",
    "UsageError",
    "count_records",
    "decode_bytes",
    "expands_to_many",
    "html_to_text",
    "iter_records",
    "parse_date",
    "too_long",
]

DateSource = Literal["given", "input", "none"]

#: File name endings picked up when walking a folder (compared case-insensitively).
#: ``.html``/``.htm`` are reduced to their main text (:func:`html_to_text`).
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
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class Record:
    """One article to extract from."""

    id: str
    """Input id: the JSONL ``"id"`` (``str()``-ed); else the path as given; ``"-"`` for stdin;
    ``"<path>:<line>"`` for a JSONL line without an id."""
    text: str
    """The text exactly as decoded (BOM removed, newlines untouched)."""
    source: str
    """Where the text came from: the path as given, ``"<path>:<line>"`` for JSONL, ``"-"`` for stdin."""
    date: str | None
    """Base date for relative dates (``"yesterday"``), ISO ``YYYY-MM-DD``, or ``None``."""
    date_source: DateSource
    """``"given"`` (the ``date`` argument, i.e. ``--date``), ``"input"`` (the JSONL record's own
    ``"date"``) or ``"none"``."""
    encoding: str | None = None
    """Encoding the file was decoded with (see :func:`decode_bytes`); ``None`` for JSONL records."""
    title: str | None = None
    """The article title when the input gives one: a JSONL ``"title"``, an HTML page's metadata."""
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
    """Called with ``(path, message)`` for an input skipped on purpose (hidden, a symlink loop)."""

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


def too_long(length: int | None, max_chars: int) -> str:
    """The error message for an input longer than ``max_chars`` (``length`` None: not read to its end)."""
    size = f"{length:,} characters" if length is not None else f"more than {max_chars:,} characters"
    return f"input too long ({size}; the limit is {max_chars:,}), skipped"


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


def iter_records(
    args: Sequence[str], *, date: str | None = None, stdin: BinaryIO | None = None, warn: Warn | None = None
) -> Iterator[Record | InputError]:
    """Turn command-line arguments into a stream of records, in argument order.

    Each argument is a file, a folder (walked recursively in sorted order, text-like files only,
    hidden names skipped), a glob pattern (``articles/*.txt``, ``**/*.txt``; regular files only), a
    JSON Lines file (``.jsonl``, ``.ndjson``, ``.jsonl.gz``) or ``-`` for ``stdin`` (default
    ``sys.stdin.buffer``; treated as JSON Lines when its first non-blank line is a JSON object with
    a ``"text"`` key).

    Date precedence: for plain files and stdin text, ``date`` (the ``--date`` option) is the base
    date (``date_source="given"``).  For JSON Lines, a record's own valid ``"date"`` wins
    (``"input"``; an ISO datetime counts by its date part); otherwise ``date`` applies; an invalid
    record date is treated as absent rather than failing the record.  With neither, ``date`` is
    ``None`` and ``date_source`` is ``"none"``.

    All arguments and ``date`` are checked when this is called, before anything is read:
    a missing path, a folder or glob with no matching files, ``-`` given twice or a bad ``date``
    raise :class:`UsageError`.  Problems with single inputs (unreadable, binary, a bad JSONL line)
    are yielded as :class:`InputError` and the stream goes on.  Inputs skipped on purpose while
    walking a folder (hidden names, a folder reached again through a symlink loop) are reported to
    ``warn(path, message)`` when it is given.

    HTML files: the page's own date (its metadata) wins over ``date``, like a JSONL record's.
    """
    base = _Base(parse_date(date), "given") if date is not None else _Base(None, "none")
    if sum(arg == _STDIN for arg in args) > 1:
        raise UsageError("'-' (stdin) can be given only once")
    plan = [_plan(arg, warn or _ignore) for arg in args]
    return _generate(plan, base, stdin)


def count_records(args: Sequence[str]) -> int | None:
    """How many records (and input errors) :func:`iter_records` will yield, for a progress bar's
    ETA: files are counted, JSON Lines files' non-blank lines too.  None when it cannot be known
    cheaply (stdin) or when the arguments are bad."""
    total = 0
    try:
        for arg in args:
            if arg == _STDIN:
                return None
            for item in _plan(arg, _ignore):
                if isinstance(item, InputError) or not _is_jsonl(item):
                    total += 1
                    continue
                opener = gzip.open if item.lower().endswith(".gz") else open
                with opener(item, "rb") as handle:
                    total += sum(1 for raw in handle if raw.strip())
    except (OSError, EOFError, zlib.error, UsageError):
        return None
    return total


# -- planning: validate every argument before anything is read ----------------------------------


@dataclass(frozen=True, slots=True)
class _Base:
    date: str | None
    source: DateSource


def _plan(arg: str, warn: Warn) -> Iterable[str | InputError]:
    """The paths one argument stands for (``"-"`` for stdin), lazily; raise UsageError if none."""
    if arg == _STDIN:
        return [arg]
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

    Hidden names are skipped; directories are entered once by real path, so symlink loops end.
    Both are reported to ``warn``.
    """
    visited: set[str] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []

    def enter(folder: str) -> InputError | None:
        real = os.path.realpath(folder)
        if real in visited:
            warn(folder, "folder already visited (a symlink loop?), skipped")
            return None
        visited.add(real)
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:
            return InputError(folder, folder, f"cannot read folder ({_reason(exc)}), skipped")
        stack.append(iter(listing))
        return None

    if (problem := enter(root)) is not None:
        yield problem
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.name.startswith("."):
            warn(entry.path, "hidden, skipped")
        elif entry.is_dir():
            if (problem := enter(entry.path)) is not None:
                yield problem
        elif _is_text_like(entry.name) and (entry.is_file() or entry.is_symlink()):
            yield entry.path  # a broken symlink is reported when it is read


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


def _generate(
    plan: list[Iterable[str | InputError]], base: _Base, stdin: BinaryIO | None
) -> Iterator[Record | InputError]:
    for items in plan:
        for item in items:
            if isinstance(item, InputError):
                yield item
            elif item == _STDIN:
                yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, base)
            elif _is_jsonl(item):
                yield from _read_jsonl_file(item, base)
            else:
                yield _read_text_file(item, base)


def _read_text_file(path: str, base: _Base) -> Record | InputError:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return InputError(path, path, f"cannot read file ({_reason(exc)}), skipped")
    if _is_html(path):
        return _html_record(data, path, base)
    return _text_record(data, path, base)


def _text_record(data: bytes, name: str, base: _Base) -> Record | InputError:
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        return InputError(name, name, f"{exc}, skipped")
    return Record(id=name, text=text, source=name, date=base.date, date_source=base.source, encoding=encoding)


@cache
def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    for key in ("min_extracted_size", "min_file_size"):  # short pages are news too
        config.set("DEFAULT", key, "1")
    return config


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """The main text of an HTML page, with its title and date (``YYYY-MM-DD``) when its metadata
    has them: ``(text, title, date)``.  Boilerplate (navigation, footers, comments) is dropped;
    a page trafilatura finds no main text in gives all of its visible text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
        config=_trafilatura_config(),
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        text = trafilatura.html2txt(html) or ""
    if not text.strip():
        import lxml.html

        try:
            text = lxml.html.fromstring(html).text_content()
        except (ValueError, lxml.etree.ParserError):
            text = ""
    title = (getattr(doc, "title", None) or None) if doc is not None else None
    date = record_date(getattr(doc, "date", None)) if doc is not None else None
    return text, title, date


def _html_record(data: bytes, name: str, base: _Base) -> Record | InputError:
    try:
        html, encoding = decode_bytes(data)
    except ValueError as exc:
        return InputError(name, name, f"{exc}, skipped")
    try:
        text, title, own_date = html_to_text(html) if html.strip() else ("", None, None)
    except Exception as exc:  # a page the HTML parser chokes on fails alone
        return InputError(name, name, f"cannot extract text from HTML ({type(exc).__name__}: {exc}), skipped")
    own = own_date is not None
    return Record(id=name, text=text, source=name, date=own_date if own else base.date,
                  date_source="input" if own else base.source, encoding=encoding, title=title)


def _read_stdin(stream: BinaryIO, base: _Base) -> Iterator[Record | InputError]:
    try:
        data = stream.read()
    except OSError as exc:
        yield InputError(_STDIN, _STDIN, f"cannot read stdin ({_reason(exc)}), skipped")
        return
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        yield InputError(_STDIN, _STDIN, f"{exc}, skipped")
        return
    lines = text.split("\n")  # not splitlines(): U+2028 may sit unescaped inside JSON strings
    first = next((line for line in lines if line.strip()), None)
    if first is not None and _looks_like_jsonl(first):
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield _jsonl_record(line, _STDIN, number, base)
    else:
        yield Record(
            id=_STDIN, text=text, source=_STDIN, date=base.date, date_source=base.source, encoding=encoding
        )


def _looks_like_jsonl(line: str) -> bool:
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and "text" in value


def _read_jsonl_file(path: str, base: _Base) -> Iterator[Record | InputError]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        handle = opener(path, "rb")
    except OSError as exc:
        yield InputError(path, path, f"cannot read file ({_reason(exc)}), skipped")
        return
    number = 0
    with handle:
        try:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield _jsonl_line(raw, path, number, base)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(
                path, path, f"unreadable data after line {number} ({_reason(exc)}), rest of file skipped"
            )


def _jsonl_line(raw: bytes, path: str, number: int, base: _Base) -> Record | InputError:
    try:
        line, _ = decode_bytes(raw)
    except ValueError:
        location = f"{path}:{number}"
        return InputError(location, location, "binary data (NUL bytes) in line, skipped")
    return _jsonl_record(line, path, number, base)


def _jsonl_record(line: str, path: str, number: int, base: _Base) -> Record | InputError:
    location = f"{path}:{number}"
    try:
        value = json.loads(line)
    except ValueError as exc:
        message = getattr(exc, "msg", str(exc))
        return InputError(location, location, f"not valid JSON ({message}), skipped")
    if not isinstance(value, dict):
        return InputError(location, location, f"not a JSON object (got {type(value).__name__}), skipped")
    raw_id = value.get("id")
    record_id = str(raw_id) if raw_id is not None and raw_id != "" else location
    text = value.get("text")
    if not isinstance(text, str):
        problem = 'has no "text" field' if text is None else 'has a "text" field that is not a string'
        return InputError(record_id, location, f"JSON record {problem}, skipped")
    if _has_surrogates(text):
        return InputError(record_id, location, 'JSON record\'s "text" holds lone surrogate escapes '
                                               "(not valid Unicode), skipped")
    own_date = record_date(value.get("date"))
    meta = {key: item for key, item in value.items() if key not in ("id", "text", "date")}
    title = value.get("title")
    return Record(
        id=record_id,
        text=text,
        source=location,
        date=own_date if own_date is not None else base.date,
        date_source="input" if own_date is not None else base.source,
        encoding=None,
        title=title if isinstance(title, str) else None,
        meta=MappingProxyType(meta),
    )


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
