"""The text formats: rich tables for people, JSON (one object or a streamed array), JSON Lines.

JSON never goes through rich (rich wraps at the terminal width); JSON Lines are flushed line by
line so a partial run leaves complete lines only.
"""

from __future__ import annotations

import json
import os

from claimx.cli.formats.base import OutputError, StreamRenderer
from claimx.schema import Article
from claimx.schema import to_json as dumps


class TableRenderer(StreamRenderer):
    """One rich table per category (the default on a terminal).  Each article is rendered whole
    into a string, then written as one record: nothing from the input is read as rich markup or
    reaches the terminal as a control sequence (:func:`claimx.cli.render.render_tables`)."""

    name = "table"

    def write(self, article: Article, text: str) -> None:
        import io
        import shutil
        import sys

        from rich.console import Console

        from claimx.cli.render import render_tables

        tty = self.target.output is None and sys.stdout.isatty()
        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=tty, width=shutil.get_terminal_size().columns if tty
                          else None)
        render_tables(article, console)
        self.emit(buffer.getvalue())
        self.n += 1


class JsonRenderer(StreamRenderer):
    """One object for a single input, else an array streamed record by record (``[]`` when empty).
    A single input that turns out to hold several records (stdin JSON Lines) becomes an array,
    and a file always ends in a valid document: its closing ``]`` follows every record."""

    name = "json"
    suffixes = (".json",)
    _CLOSE = "\n]\n"

    def open(self) -> None:
        super().open()
        self.many = self.target.many
        self._held: Article | None = None

    def write(self, article: Article, text: str) -> None:
        if not self.many and self.n == 0:
            self._held = article  # one object, unless a second record follows
        else:
            if self._held is not None:
                self.many = True
                self.emit("[\n" + dumps(self._held, indent=2), self._CLOSE)
                self._held = None
            self.emit(("[\n" if self.n == 0 else ",\n") + dumps(article, indent=2), self._CLOSE)
        self.n += 1

    def finish(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            self.n -= 1  # not written yet
            self.emit(dumps(held, indent=2) + "\n")
            self.n += 1
        elif self.n == 0:
            assert self.sink is not None
            self.sink.hold()  # an empty array replaces no earlier file (see StreamRenderer.close)
            self.emit("[]\n")


class JsonlRenderer(StreamRenderer):
    """One object per line, each line whole; ``--resume`` continues a file."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    resumable = True

    def write(self, article: Article, text: str) -> None:
        self.emit(dumps(article) + "\n")
        self.n += 1

    def done(self) -> dict[str, str | None]:
        """The complete records in the output file (id -> text fingerprint); a torn last line
        from a killed run is cut off."""
        path = self.target.output
        ids: dict[str, str | None] = {}
        if path is None or not os.path.exists(path):
            return ids
        good = 0
        with open(path, "rb+") as fh:
            for number, raw in enumerate(fh, 1):
                if not raw.endswith(b"\n"):
                    break  # a torn line from a killed run: cut off, its record is done again
                try:
                    rec = json.loads(raw)
                except ValueError:
                    rec = None
                if not (isinstance(rec, dict) and "id" in rec and "schema_version" in rec):
                    raise OutputError(f"--resume: line {number} of {path} is not a claimx record: only a "
                                      "claimx --format jsonl output can be resumed (nothing was changed)")
                sha = rec.get("text_sha256")
                ids[str(rec["id"])] = sha if isinstance(sha, str) else None
                good += len(raw)
            fh.truncate(good)
        return ids
