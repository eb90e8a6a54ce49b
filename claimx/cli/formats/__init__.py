"""The output formats, one :class:`~claimx.cli.formats.base.Renderer` class each, behind one table.

A new format is one class and one row in :data:`RENDERERS`; ``--format`` offers the table's keys.
Modules here import their heavy libraries (rich, jinja2, sqlite-utils) only when a renderer opens.
"""

from __future__ import annotations

import sys

from claimx.cli.formats.base import OutputError, Renderer, Target, output_suffix
from claimx.cli.formats.database import SqliteRenderer
from claimx.cli.formats.page import HtmlRenderer
from claimx.cli.formats.spreadsheet import CsvRenderer
from claimx.cli.formats.text import JsonlRenderer, JsonRenderer, TableRenderer

__all__ = ["RENDERERS", "OutputError", "Renderer", "Target", "choose"]

RENDERERS: dict[str, type[Renderer]] = {
    "table": TableRenderer,
    "json": JsonRenderer,
    "jsonl": JsonlRenderer,
    "html": HtmlRenderer,
    "csv": CsvRenderer,
    "sqlite": SqliteRenderer,
}


def choose(fmt: str | None, target: Target) -> type[Renderer]:
    """The renderer for ``--format`` (None: chosen from the ``-o`` name, else ``jsonl`` when
    resuming, else ``table`` on a terminal and ``json`` otherwise), checked against the target."""
    suffix = output_suffix(target.output)
    by_suffix = next((cls for cls in RENDERERS.values() if suffix and suffix in cls.suffixes), None)
    if fmt is None:
        if by_suffix is not None:
            cls = by_suffix
        elif target.resume:
            cls = JsonlRenderer
        else:
            cls = TableRenderer if target.output is None and sys.stdout.isatty() else JsonRenderer
    else:
        cls = RENDERERS[fmt]
        if by_suffix is not None and by_suffix is not cls and by_suffix.binding_suffix:
            raise OutputError(f"-o {target.output} names a {by_suffix.name} output: use --format "
                              f"{by_suffix.name}, or another name")
    if target.resume:
        if target.output is None:
            raise OutputError("--resume needs -o FILE: the output to continue")
        if not cls.resumable:
            able = " or ".join(name for name, c in RENDERERS.items() if c.resumable)
            raise OutputError(f"--resume works with --format {able} only")
    if target.category is not None and not cls.takes_category:
        able = " or ".join(name for name, c in RENDERERS.items() if c.takes_category)
        raise OutputError(f"--category works with --format {able} only")
    cls.check(target)
    return cls
