"""HTML pages to their main text, title and date (trafilatura, with lxml underneath).

:func:`page_text` keeps what trafilatura takes for the article (navigation, footers and comments
dropped) and guards the cases where that goes wrong without a word:

* a page with no main text falls back to all of its visible text, and visible means what a
  browser shows: ``<script>``, ``<style>``, ``<noscript>`` and ``<template>`` contents never
  become article text (a page of nothing but JavaScript gives an empty text);
* lxml's parser stops at 256 levels of nesting and drops the rest of the page; a deeper page is
  parsed again with the limit raised to 2,048, and a page deeper than that keeps all of its
  visible text (read past the markup) with a note saying so;
* when the text kept is less than a quarter of the page's visible text (and the page has more
  than 500 characters of it), a note says how much was dropped.

Notes are one sentence each, for the caller to show as warnings.  Time grows with the size of
the page (about 2 s a megabyte), so the caller bounds the size before calling (:mod:`claimx.io`).
No spaCy import here.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["PageText", "page_text"]

_INVISIBLE = ("script", "style", "noscript", "template")
_INVISIBLE_RE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_BLOCK_RE = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|td|th|section|article|header|footer|blockquote|pre|"
                       r"ul|ol|table|title)\b[^>]*>", re.I)
_TAG_RE = re.compile(r"<[^>]*>")
_DEPTH_ERROR = "Excessive depth"
_MIN_VISIBLE = 500
_MIN_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class PageText:
    """What :func:`page_text` found in a page."""

    text: str
    title: str | None
    date: str | None
    """``YYYY-MM-DD`` from the page's metadata, or None."""
    notes: tuple[str, ...] = ()
    """Warnings about the extraction, one sentence each."""


@cache
def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    for key in ("min_extracted_size", "min_file_size"):  # short pages are news too
        config.set("DEFAULT", key, "1")
    return config


def _parse(html: str, *, huge: bool) -> tuple[Any, bool]:
    """An lxml tree of the page (None if it has none) and whether nesting went past the limit."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=huge, collect_ids=False, default_doctype=False,
                                  remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except ValueError:  # a str with an encoding declaration
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except lxml.etree.ParserError:
        tree = None
    too_deep = any(_DEPTH_ERROR in entry.message for entry in parser.error_log)
    return tree, too_deep


def _visible(tree: Any) -> str:
    """The text a browser would show of ``tree`` (its invisible elements removed, in place)."""
    for element in list(tree.iter(*_INVISIBLE)):
        element.drop_tree()
    return tree.text_content()


def _visible_markup(html: str) -> str:
    """Visible text read past the markup, without a parser: for pages no parser can hold."""
    text = _BLOCK_RE.sub("\n", _INVISIBLE_RE.sub(" ", html))
    text = html_lib.unescape(_TAG_RE.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _size(text: str) -> int:
    return len("".join(text.split()))


def page_text(html: str) -> PageText:
    """The main text of an HTML page, its title and date (see the module docstring)."""
    import trafilatura

    from claimx.io import record_date

    tree, too_deep = _parse(html, huge=False)
    notes: list[str] = []
    source: Any = html
    if too_deep:
        tree, too_deep = _parse(html, huge=True)
        source = tree
    if too_deep or tree is None:
        visible = _visible_markup(html) if too_deep else ""
        if too_deep:
            notes.append("nested more than 2,048 elements deep: kept all its visible text, "
                         "boilerplate included")
        return PageText(visible, None, None, tuple(notes))
    # our own tree is only for the visible text: dropped before trafilatura builds its own
    visible = _visible(copy.deepcopy(tree) if source is tree else tree)
    del tree
    doc = trafilatura.bare_extraction(
        source, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
        config=_trafilatura_config(),
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():  # no main text found: all of the visible text (or nothing)
        text = visible if visible.strip() else ""
    shown, kept = _size(visible), _size(text)
    if shown > _MIN_VISIBLE and kept < _MIN_SHARE * shown:
        notes.append(f"the main text kept is {kept:,} of the page's {shown:,} visible characters "
                     f"({kept / shown:.0%}); the rest was taken for navigation or boilerplate")
    title = (getattr(doc, "title", None) or None) if doc is not None else None
    date = record_date(getattr(doc, "date", None)) if doc is not None else None
    return PageText(text, title, date, tuple(notes))
