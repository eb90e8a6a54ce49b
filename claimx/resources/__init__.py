"""Rule data shipped inside the claimx wheel (lexicons, gazetteer extras) and the one way to read
it: :func:`load_json`, :func:`word_list`, :func:`read_bytes`.  Sources: ``SOURCES.md``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def read_bytes(name: str) -> bytes:
    """The raw bytes of a shipped resource file."""
    return resources.files(__name__).joinpath(name).read_bytes()


def load_json(name: str) -> Any:
    """A shipped JSON file, freshly parsed (callers cache what they build from it); top-level
    keys starting with "_" are comments and dropped."""
    data = json.loads(read_bytes(name).decode("utf-8"))
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if not k.startswith("_")}
    return data


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-entry-per-line file; '#' comments and blank lines skipped."""
    text = read_bytes(name).decode("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
