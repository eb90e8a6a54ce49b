"""Loading rule data shipped in ``claimx/resources`` (one place, cached)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-entry-per-line resource file, '#' comments and blank lines skipped."""
    text = resources.files("claimx.resources").joinpath(name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def json_resource(name: str) -> dict:
    """A JSON resource file (keys starting with '_' are comments)."""
    data = json.loads(resources.files("claimx.resources").joinpath(name).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}
