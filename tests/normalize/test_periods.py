"""The period a TIMEX3 value names, and the comparisons projections make with the article date."""

import datetime as dt

import pytest

from claimx.normalize.timex import in_earlier_year, is_over, period, starts_after

BASE = "2025-11-21"
D = dt.date


@pytest.mark.parametrize("value,expected", [
    ("2025", (D(2025, 1, 1), D(2025, 12, 31))),
    ("2025-02", (D(2025, 2, 1), D(2025, 2, 28))),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2025-11-21", (D(2025, 11, 21), D(2025, 11, 21))),
    ("2025-11-21TMO", (D(2025, 11, 21), D(2025, 11, 21))),
    ("2025-Q1", (D(2025, 1, 1), D(2025, 3, 31))),
    ("2025-Q4", (D(2025, 10, 1), D(2025, 12, 31))),
    ("2025-H2", (D(2025, 7, 1), D(2025, 12, 31))),
    ("2025-W47", (D(2025, 11, 17), D(2025, 11, 23))),
    ("2025-W47-WE", (D(2025, 11, 22), D(2025, 11, 23))),
    ("2025-SP", (D(2025, 3, 1), D(2025, 5, 31))),
    ("2025-SU", (D(2025, 6, 1), D(2025, 8, 31))),
    ("2025-FA", (D(2025, 9, 1), D(2025, 11, 30))),
    ("2025-WI", (D(2025, 12, 1), D(2026, 2, 28))),
    ("202", (D(2020, 1, 1), D(2029, 12, 31))),
    ("199", (D(1990, 1, 1), D(1999, 12, 31))),
    ("20", (D(2000, 1, 1), D(2099, 12, 31))),
    # a fiscal year is named by the year it ends in: every fiscal calendar fits inside
    ("FY2026", (D(2025, 2, 1), D(2026, 12, 31))),
    ("FY2026-Q3", (D(2025, 2, 1), D(2026, 12, 31))),
    # relative to the article date
    ("PRESENT_REF", (D(2025, 11, 21), D(2025, 11, 21))),
    ("FUTURE_REF", (D(2025, 11, 22), None)),
    ("PAST_REF", (None, D(2025, 11, 20))),
    ("P8Y", (D(2025, 11, 21), D(2033, 11, 21))),
    ("P6M", (D(2025, 11, 21), D(2026, 5, 21))),
    ("P90D", (D(2025, 11, 21), D(2026, 2, 19))),
    ("P2W", (D(2025, 11, 21), D(2025, 12, 5))),
    ("P1DE", (D(2025, 11, 21), D(2035, 11, 21))),
    ("PXY", (D(2025, 11, 21), None)),
    # nothing knowable
    ("XXXX-10", None), ("2025-13", None), ("2025-Q5", None), ("", None), (None, None), ("soon", None),
])
def test_period_gives_first_and_last_day(value, expected):
    assert period(value, BASE) == expected


def test_relative_values_need_the_article_date():
    assert period("P2Y") is None
    assert period("FUTURE_REF") is None
    assert period("2026") == (D(2026, 1, 1), D(2026, 12, 31))


def test_period_takes_the_article_date_as_date_or_iso_string():
    assert period("P1Y", D(2024, 2, 29)) == (D(2024, 2, 29), D(2025, 2, 28))


@pytest.mark.parametrize("value,expected", [
    ("2030", True), ("2025", False), ("2024", False), ("2025-12", True), ("2025-11", False),
    ("2026-Q1", True), ("2025-Q4", False), ("2025-H2", False), ("FUTURE_REF", True), ("PAST_REF", False),
    ("PRESENT_REF", False), (None, False), ("2025-11-22", True), ("2025-11-20", False), ("P2Y", False),
    ("2025-W48", True), ("2026-SU", True), ("FY2027", True), ("FY2026", False),
])
def test_starts_after_compares_with_the_article_date(value, expected):
    assert starts_after(value, BASE) is expected


@pytest.mark.parametrize("value,expected", [
    ("2024", True), ("2025", False), ("2025-10", True), ("2025-11", False), ("2025-11-20", True),
    ("2025-11-21", False), ("2025-W46", True), ("2025-W47", False), ("2025-Q3", True), ("2025-Q4", False),
    ("2025-H1", True), ("2025-H2", False), ("201", True), ("202", False), ("PAST_REF", True),
    ("PRESENT_REF", False), ("FUTURE_REF", False), ("2030", False), (None, False), ("2025-SU", True),
    ("2025-FA", False), ("P3M", False), ("FY2025", False), ("FY2024", True),
])
def test_is_over_says_whether_a_period_ended_before_the_article_date(value, expected):
    assert is_over(value, BASE) is expected


@pytest.mark.parametrize("value,expected", [
    ("2024", True), ("2024-Q4", True), ("2025-Q1", False), ("2030", False), ("PAST_REF", True),
    ("201", True), ("202", False), ("FUTURE_REF", False), (None, False),
])
def test_in_earlier_year_reads_only_the_year(value, expected):
    assert in_earlier_year(value, BASE) is expected


def test_comparisons_without_article_date_are_false():
    assert starts_after("2030", None) is False
    assert is_over("2019", None) is False
    assert in_earlier_year("2019", None) is False
