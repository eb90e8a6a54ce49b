"""Figures that are not money: percentages and counted quantities ("20%", "10,000 jobs").

Pure functions, no spaCy: the projections component finds the words (a number, its unit noun and
any qualifier in front of it) and this module turns them into a value.  A number that cannot be
read gives None, never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimx.normalize.money import qualifier_of
from claimx.normalize.numbers import parse_number

__all__ = ["FigureValue", "figure_value", "unit_of"]

# unit words (lower case, joined by spaces) -> canonical unit
_UNITS = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "pct": "percent",
    "percentage point": "percentage point",
    "percentage points": "percentage point",
    "point": "point",
    "points": "point",
    "basis point": "basis point",
    "basis points": "basis point",
    "bp": "basis point",
    "bps": "basis point",
}


@dataclass(frozen=True)
class FigureValue:
    """A normalised figure: ``value`` (null for a range, with ``low``/``high``), its ``unit``
    ("percent", "percentage point", or the counted noun as written: "jobs") and ``qualifier``."""

    value: float | None
    unit: str | None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None


def unit_of(words: Sequence[str]) -> str | None:
    """The canonical unit for the words after a number: ``["per", "cent"]`` -> "percent",
    ``["jobs"]`` -> "jobs"; None for no words."""
    text = " ".join(w.lower() for w in words).strip()
    if not text:
        return None
    return _UNITS.get(text, text)


def figure_value(number: str, *, unit: Sequence[str] = (), qualifier: Sequence[str] = (),
                 upper: str | None = None) -> FigureValue | None:
    """Normalise a figure.

    ``number``: the number as written ("1.5", "10,000", "two million"); ``unit``: the words after
    it; ``qualifier``: the words before it ("more", "than"); ``upper``: the second number of a
    range ("5% to 7%" -> number "5", upper "7").

    >>> figure_value("20", unit=["%"])
    FigureValue(value=20.0, unit='percent', low=None, high=None, qualifier=None)
    >>> figure_value("500", unit=["jobs"], qualifier=["more", "than"]).low
    500.0
    """
    value = parse_number(number)
    if value is None:
        return None
    name = unit_of(unit)
    if upper is not None:
        top = parse_number(upper)
        if top is None or top < value:
            return None
        return FigureValue(value=None, unit=name, low=value, high=top)
    qual = qualifier_of(tuple(w.lower() for w in qualifier)) if qualifier else None
    if qual is None:
        return FigureValue(value=value, unit=name)
    text, bound = qual
    return FigureValue(value=value, unit=name, qualifier=text,
                       low=value if bound == "low" else None, high=value if bound == "high" else None)
