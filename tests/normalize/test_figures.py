"""Table tests for the non-money figure normaliser (percentages, counted quantities)."""

from __future__ import annotations

import pytest

from claimx.normalize.figures import FigureValue, figure_value, unit_of

CASES = [
    # (number, unit words, qualifier words, upper, expected)
    ("20", ["%"], [], None, FigureValue(20.0, "percent")),
    ("2.5", ["per", "cent"], [], None, FigureValue(2.5, "percent")),
    ("7", ["percent"], [], None, FigureValue(7.0, "percent")),
    ("3", ["pct"], [], None, FigureValue(3.0, "percent")),
    ("2", ["percentage", "points"], [], None, FigureValue(2.0, "percentage point")),
    ("50", ["basis", "points"], [], None, FigureValue(50.0, "basis point")),
    ("25", ["bps"], [], None, FigureValue(25.0, "basis point")),
    ("10,000", ["jobs"], [], None, FigureValue(10000.0, "jobs")),
    ("three", ["plants"], [], None, FigureValue(3.0, "plants")),
    ("2 million", ["barrels"], [], None, FigureValue(2e6, "barrels")),
    ("1.5mn", ["subscribers"], [], None, FigureValue(1.5e6, "subscribers")),
    ("500", ["jobs"], ["more", "than"], None, FigureValue(500.0, "jobs", low=500.0, qualifier="more than")),
    ("5", ["%"], ["up", "to"], None, FigureValue(5.0, "percent", high=5.0, qualifier="up to")),
    ("5", ["%"], ["about"], None, FigureValue(5.0, "percent", qualifier="about")),
    ("5", ["%"], ["nearly"], None, FigureValue(5.0, "percent", high=5.0, qualifier="nearly")),
    ("4", ["%"], [], "4.5", FigureValue(None, "percent", low=4.0, high=4.5)),
    ("30", ["stores"], [], "40", FigureValue(None, "stores", low=30.0, high=40.0)),
    ("40", ["stores"], [], "30", None),  # a backwards range is not read
    ("lots", ["jobs"], [], None, None),  # no number: no guess
    ("5", [], ["the"], None, FigureValue(5.0, None)),  # not a qualifier: ignored
]


@pytest.mark.parametrize("number,unit,qualifier,upper,expected", CASES)
def test_figure_value_table(number, unit, qualifier, upper, expected):
    assert figure_value(number, unit=unit, qualifier=qualifier, upper=upper) == expected


def test_unit_of_keeps_counted_nouns_as_written_and_canonicalises_percent_words():
    assert unit_of(["Per", "Cent"]) == "percent"
    assert unit_of(["aircraft"]) == "aircraft"
    assert unit_of([]) is None
