"""The text formats: rich tables for people, JSON (one object or a streamed array), JSON Lines.

JSON never goes through rich (rich wraps at the terminal width); JSON Lines are flushed line by
line so a partial run leaves complete lines only.
"""

from __future__ import annotations

import json
import os

from claimx.cli.formats.base import StreamRenderer
from claimx.schema import Article


def dumps(article: Article, indent: int | None = None) -> str:
    return json.dumps(article.model_dump(mode="json"), ensure_ascii=False, indent=indent,
                      allow_nan=False)


class TableRenderer(StreamRenderer):
    """One rich table per category (the default on a terminal)."""

    name = "table"

    def open(self) -> None:
        super().open()
        from rich.console import Console

        self.console = Console(file=self.out)

    def write(self, article: Article, text: str) -> None:
        from claimx.cli.render import render_tables

        render_tables(article, self.console)
        self.n += 1


class JsonRenderer(StreamRenderer):
    """One object for a single input, else an array streamed record by record (``[]`` when empty).
    A single input that turns out to hold several records (stdin JSON Lines) becomes an array."""

    name = "json"

    def open(self) -> None:
        super().open()
        self.many = self.target.many
        self._held: Article | None = None

    def write(self, article: Article, text: str) -> None:
        assert self.out is not None
        if not self.many and self.n == 0:
            self._held = article  # one object, unless a second record follows
        else:
            if self._held is not None:
                self.many = True
                self.out.write("[\n" + dumps(self._held, indent=2))
                self._held = None
            self.out.write(("[\n" if self.n == 0 else ",\n") + dumps(article, indent=2))
        self.n += 1

    def finish(self) -> None:
        assert self.out is not None
        if self._held is not None:
            self.out.write(dumps(self._held, indent=2) + "\n")
            self._held = None
        elif self.many:
            self.out.write("[]\n" if self.n == 0 else "\n]\n")
        elif self.n == 0:
            self.out.write("[]\n")


class JsonlRenderer(StreamRenderer):
    """One object per line, flushed line by line; ``--resume`` continues a file."""

    name = "jsonl"
    resumable = True

    def write(self, article: Article, text: str) -> None:
        assert self.out is not None
        self.out.write(dumps(article) + "\n")
        self.out.flush()
        self.n += 1

    def done_ids(self) -> set[str]:
        """Ids of the complete records in the output file; a torn last line is cut off."""
        path = self.target.output
        ids: set[str] = set()
        if path is None or not os.path.exists(path):
            return ids
        good = 0
        with open(path, "rb+") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # a torn line from a killed run
                try:
                    rec = json.loads(raw)
                except ValueError:
                    break
                if isinstance(rec, dict) and "id" in rec:
                    ids.add(str(rec["id"]))
                good += len(raw)
            fh.truncate(good)
        return ids
