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
import json
import os
import sys
from typing import IO, Any

from claimx.cli.formats.base import OutputError, Renderer, Target, output_suffix
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

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.files: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}

    def open(self) -> None:
        out = self.target.output
        wanted = (self.target.category,) if self.target.category else tables()
        if out is None:
            self._add(wanted[0], sys.stdout)
            return
        if output_suffix(out) == ".csv":
            self._add(wanted[0], open(out, "w", encoding="utf-8-sig", newline=""))  # noqa: SIM115
            return
        if os.path.exists(out) and not os.path.isdir(out):
            raise OutputError(f"-o {out} is a file: --format csv writes a folder of CSV files "
                              "(or name a .csv file and add --category)")
        os.makedirs(out, exist_ok=True)
        for table in wanted:
            self._add(table, open(os.path.join(out, f"{table}.csv"), "w", encoding="utf-8-sig",  # noqa: SIM115
                                  newline=""))

    def _add(self, table: str, fh: IO[str]) -> None:
        self.files[table] = fh
        self.writers[table] = csv.writer(fh)
        self.writers[table].writerow([c.name for c in columns(table)])

    def write(self, article: Article, text: str) -> None:
        dump = article.model_dump(mode="json")
        for table, writer in self.writers.items():
            names = [c.name for c in columns(table)]
            rows = [article_row(article, dump)] if table == ARTICLES else item_rows(article, table, dump)
            writer.writerows([write_cell(row[n]) for n in names] for row in rows)
            self.files[table].flush()
        self.n += 1

    def close(self, *, complete: bool = True) -> None:
        files, self.files, self.writers = self.files, {}, {}
        for fh in files.values():
            fh.flush()
            if fh is not sys.stdout:
                fh.close()
