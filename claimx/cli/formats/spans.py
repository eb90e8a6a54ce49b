"""Lay highlighted spans out over a text, once, from their offsets: a pure function, no HTML.

Spans may nest (a money figure inside a projection inside a quote) and may overlap without nesting
(a quote that ends inside a projection).  :func:`layout` turns them into a properly nested tree of
:class:`Mark` and text pieces: a span that crosses the end of an enclosing one is cut into
fragments (``Mark.first`` is true on the first), so every piece of markup opens and closes in
order, and concatenating the text pieces gives the text back exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: Any
    """What the caller needs back for this span (its category and item)."""
    rank: int = 0
    """Breaks ties between spans with the same offsets: the lower rank goes outside."""


@dataclass
class Mark:
    span: Span
    first: bool
    """Whether this is the span's first fragment (where a link to the span should land)."""
    children: list[Mark | str] = field(default_factory=list)


def layout(text: str, spans: Sequence[Span]) -> list[Mark | str]:
    """``text`` cut into text pieces and :class:`Mark` trees, one mark (or more fragments) per span.

    Empty spans and spans outside ``text`` are dropped; offsets are clipped to the text.  Between
    two boundaries the spans that cover the stretch nest outermost first: earlier start, then
    later end, then lower rank, then input order."""
    n = len(text)
    order = {id(s): i for i, s in enumerate(spans)}
    live = [s for s in spans if 0 <= s.start < s.end and s.start < n]
    if not live:
        return [text] if text else []

    def nesting(s: Span) -> tuple[int, int, int, int]:
        return (s.start, -min(s.end, n), s.rank, order[id(s)])

    bounds = sorted({0, n, *(s.start for s in live), *(min(s.end, n) for s in live)})
    starts: dict[int, list[Span]] = {}
    for s in live:
        starts.setdefault(s.start, []).append(s)
    root: list[Mark | str] = []
    stack: list[Mark] = []  # open marks, outermost first
    active: list[Span] = []
    seen: set[int] = set()
    for left, right in pairwise(bounds):
        active = sorted([s for s in active if min(s.end, n) > left] + starts.get(left, []), key=nesting)
        common = 0
        while common < len(stack) and common < len(active) and stack[common].span is active[common]:
            common += 1
        del stack[common:]
        for s in active[common:]:
            mark = Mark(s, first=id(s) not in seen)
            seen.add(id(s))
            (stack[-1].children if stack else root).append(mark)
            stack.append(mark)
        (stack[-1].children if stack else root).append(text[left:right])
    return root


def flatten(pieces: Sequence[Mark | str]) -> str:
    """The text back from a layout (what a browser shows)."""
    return "".join(p if isinstance(p, str) else flatten(p.children) for p in pieces)
