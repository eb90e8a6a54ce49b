"""Rule data for the components (cached): re-exported from :mod:`claimx.resources`."""

from __future__ import annotations

from functools import cache

from claimx.resources import load_json, word_list

__all__ = ["json_resource", "word_list"]


@cache
def json_resource(name: str) -> dict:
    """A shipped JSON lexicon, parsed once per process."""
    return load_json(name)
