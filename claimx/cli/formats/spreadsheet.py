"""``--format csv``: one CSV file per category, for spreadsheets.

``-o DIR`` writes ``articles.csv`` and one file per category (``money.csv``, ``projections.csv``,
...) with the columns of :mod:`claimx.cli.formats.flat`; ``-o FILE.csv`` or stdout writes the one
category named by ``--category``.  Files are UTF-8 with a byte-order mark (so a spreadsheet opened
by double-click shows non-ASCII text intact); stdout has none.  An empty cell is null; booleans are
``true``/``false``; a text cell that a spreadsheet would run as a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading ``'``, which
:func:`read_cell` takes off again.
"""

from __future__ import annotations

import csv
import io
import json
import os
from typing import Any

from claimx.cli.formats.base import (
    FileSink,
    OutputError,
    Renderer,
    Sink,
    Target,
    WriteError,
    open_sink,
    output_suffix,
)
from claimx.cli.formats.flat import Column, article_columns, article_row, categories, item_columns, item_rows
from claimx.schema import Article

ARTICLES = "articles"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def tables() -> tuple[str, ...]:
    """What ``--category`` may name: ``articles`` and every category."""
    return (ARTICLES, *categories())


def columns(table: str) -> tuple[Column, ...]:
    return article_columns() if table == ARTICLES else item_columns(table)


def write_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA):
        return "'" + text
    return text


def read_cell(cell: str, kind: type) -> Any:
    """A CSV cell back to its JSON value, given the column's type (the inverse of ``write_cell``)."""
    if cell == "":
        return None
    if kind is bool:
        return cell == "true"
    if kind is int:
        return int(cell)
    if kind is float:
        return float(cell)
    if kind in (list, dict):
        return json.loads(cell)  # a nested list written as JSON text
    if cell.startswith("'") and cell[1:].startswith(_FORMULA):
        return cell[1:]
    return cell


class CsvRenderer(Renderer):
    name = "csv"
    suffixes = (".csv",)
    takes_category = True

    @classmethod
    def check(cls, target: Target) -> None:
        one_file = target.output is None or output_suffix(target.output) == ".csv"
        if target.category is not None and target.category not in tables():
            raise OutputError(f"--category takes one of {', '.join(tables())}, not {target.category!r}")
        if one_file and target.category is None:
            where = "stdout" if target.output is None else target.output
            raise OutputError(f"--format csv to {where} writes one category: add --category NAME "
                              f"({', '.join(tables())}), or -o DIR for all of them")

    @classmethod
    def writes(cls, target: Target) -> list[str]:
        out = target.output
        if out is None or output_suffix(out) == ".csv":
            return super().writes(target)
        return [os.path.join(out, f"{table}.csv") for table in tables()]

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.sinks: dict[str, Sink] = {}
        self.headed = False

    def open(self) -> None:
        out = self.target.output
        wanted = (self.target.category,) if self.target.category else tables()
        if out is None or output_suffix(out) == ".csv":
            self.sinks[wanted[0]] = open_sink(out)
            return
        if os.path.exists(out) and not os.path.isdir(out):
            raise OutputError(f"-o {out} is a file: --format csv writes a folder of CSV files "
                              "(or name a .csv file and add --category)")
        os.makedirs(out, exist_ok=True)
        for table in wanted:
            self.sinks[table] = open_sink(os.path.join(out, f"{table}.csv"))

    @staticmethod
    def _lines(rows: list[list[str]]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue()

    def _texts(self, article: Article | None) -> dict[str, str]:
        """What each file gets: its header first (a byte-order mark before it in a file), then
        the article's rows."""
        dump = article.model_dump(mode="json") if article is not None else None
        texts = {}
        for table, sink in self.sinks.items():
            names = [c.name for c in columns(table)]
            rows = [] if self.headed else [names]
            if article is not None:
                found = [article_row(article, dump)] if table == ARTICLES else item_rows(article, table, dump)
                rows.extend([write_cell(row[n]) for n in names] for row in found)
            bom = "\ufeff" if not self.headed and isinstance(sink, FileSink) else ""
            texts[table] = bom + self._lines(rows)
        return texts

    def _write(self, article: Article | None) -> None:
        """One article's rows in every file, or in none (a full disk cuts them all back)."""
        texts = self._texts(article)
        marks = {table: sink.mark() for table, sink in self.sinks.items() if isinstance(sink, FileSink)}
        try:
            for table, text in texts.items():
                self.sinks[table].write(text)
        except WriteError as exc:
            for table, mark in marks.items():
                sink = self.sinks[table]
                assert isinstance(sink, FileSink)
                sink.rollback(mark)
            if marks:
                exc.safe = self.n
            raise
        self.headed = True

    def write(self, article: Article, text: str) -> None:
        self._write(article)
        self.n += 1

    def close(self, *, complete: bool = True) -> None:
        sinks, failed = self.sinks, None
        try:
            if complete and sinks and not self.headed:
                for sink in sinks.values():  # an empty run still gets its headers, in new files only
                    sink.hold()
                self._write(None)
        except WriteError as exc:
            failed = exc
        finally:
            self.sinks = {}
            for sink in sinks.values():
                try:
                    sink.close(keep=complete, replace=self.n > 0)
                except WriteError as exc:
                    failed = failed or exc
        if failed is not None:
            raise failed
