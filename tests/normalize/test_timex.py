"""TIMEX3 normalisation of date mentions (claimx.normalize.timex)."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from claimx.normalize.timex import tense_of, to_timex

FRI = dt.date(2025, 11, 21)  # a Friday in Q4 / H2
TUE = dt.date(2024, 3, 5)  # a Tuesday in Q1 / H1 of a leap year
SUN = dt.date(2023, 1, 1)  # a Sunday, first day of the year

CASES = [
    # years and year phrases
    ("by 2030", FRI, "2030"),
    ("2030", FRI, "2030"),
    ("in 1998", FRI, "1998"),
    ("since 2004", None, "2004"),
    ("early 2009", FRI, "2009"),
    ("late 2026", FRI, "2026"),
    ("mid-2027", FRI, "2027"),
    ("as early as 2028", FRI, "2028"),
    ("next year", FRI, "2026"),
    ("last year", FRI, "2024"),
    ("this year", FRI, "2025"),
    ("the previous year", FRI, "2024"),
    ("the coming year", FRI, "2026"),
    ("later this year", FRI, "2025"),
    ("earlier this year", TUE, "2024"),
    ("late last year", FRI, "2024"),
    ("next year", None, None),
    # year-end and boundaries
    ("year-end", FRI, "2025"),
    ("by year-end", FRI, "2025"),
    ("year end", FRI, "2025"),
    ("the end of the year", FRI, "2025"),
    ("by the end of this year", FRI, "2025"),
    ("the end of next year", FRI, "2026"),
    ("the start of 2026", FRI, "2026"),
    ("the beginning of the month", FRI, "2025-11"),
    ("the end of March", FRI, "2025-03"),
    ("month-end", TUE, "2024-03"),
    ("year-end", None, None),
    # fiscal years
    ("fiscal 2026", FRI, "FY2026"),
    ("fiscal year 2024", None, "FY2024"),
    ("FY26", FRI, "FY2026"),
    ("FY2026", None, "FY2026"),
    ("FY 2027", FRI, "FY2027"),
    ("this fiscal year", FRI, "FY2025"),
    ("next fiscal year", FRI, "FY2026"),
    # quarters
    ("Q3", FRI, "2025-Q3"),
    ("Q1 2026", FRI, "2026-Q1"),
    ("Q2 of 2024", None, "2024-Q2"),
    ("3Q25", None, "2025-Q3"),
    ("the third quarter", FRI, "2025-Q3"),
    ("the fourth quarter", FRI, "2025-Q4"),
    ("the fourth quarter", TUE, "2023-Q4"),
    ("the second quarter", TUE, "2024-Q2"),
    ("the first quarter of 2026", FRI, "2026-Q1"),
    ("the third quarter of this year", FRI, "2025-Q3"),
    ("the first quarter of next year", FRI, "2026-Q1"),
    ("the third quarter of fiscal 2026", FRI, "FY2026-Q3"),
    ("next quarter", FRI, "2026-Q1"),
    ("last quarter", FRI, "2025-Q3"),
    ("this quarter", TUE, "2024-Q1"),
    ("last quarter", SUN, "2022-Q4"),
    ("the third quarter", None, None),
    # halves
    ("the second half", FRI, "2025-H2"),
    ("second half", TUE, "2024-H2"),
    ("the second half of next year", FRI, "2026-H2"),
    ("the first half of 2026", FRI, "2026-H1"),
    ("H2 2026", None, "2026-H2"),
    ("H1", TUE, "2024-H1"),
    ("the second-half", FRI, "2025-H2"),
    ("the back half of the year", FRI, "2025-H2"),
    ("the latter half of 2024", None, "2024-H2"),
    ("the front half", TUE, "2024-H1"),
    ("the second half of the year", TUE, "2024-H2"),
    # quarters named by their last month, fiscal quarters, "of the year"
    ("the December quarter", TUE, "2023-Q4"),
    ("the September quarter", FRI, "2025-Q3"),
    ("the June quarter of 2026", None, "2026-Q2"),
    ("the January quarter", FRI, None),
    ("the fiscal second quarter", FRI, "FY2025-Q2"),
    ("fiscal Q3", FRI, "FY2025-Q3"),
    ("the first quarter of the year", FRI, "2025-Q1"),
    ("the year", FRI, None),
    # months
    ("March 2024", FRI, "2024-03"),
    ("March 2024", None, "2024-03"),
    ("in January 2005", None, "2005-01"),
    ("October", FRI, "2025-10"),
    ("last month", FRI, "2025-10"),
    ("next month", FRI, "2025-12"),
    ("this month", SUN, "2023-01"),
    ("last month", SUN, "2022-12"),
    ("early June", TUE, "2024-06"),
    ("last March", FRI, "2025-03"),
    ("last March", TUE, "2023-03"),
    ("next March", FRI, "2026-03"),
    ("Sept. 2019", None, "2019-09"),
    ("May 2008", None, "2008-05"),
    ("may", FRI, None),
    ("October", None, None),
    # calendar days
    ("March 3", FRI, "2025-03-03"),
    ("March 3, 2024", None, "2024-03-03"),
    ("March 3rd, 2024", FRI, "2024-03-03"),
    ("3 March 2024", None, "2024-03-03"),
    ("11 December", FRI, "2025-12-11"),
    ("the 4th of July", FRI, "2025-07-04"),
    ("Dec. 5", FRI, "2025-12-05"),
    ("Monday, March 3, 2025", None, "2025-03-03"),
    ("September 01, 2007", None, "2007-09-01"),
    ("2025-11-21", None, "2025-11-21"),
    ("11/21/2025", None, "2025-11-21"),
    ("February 30, 2025", None, None),
    ("February 29", TUE, "2024-02-29"),
    # day words
    ("today", FRI, "2025-11-21"),
    ("earlier today", FRI, "2025-11-21"),
    ("yesterday", FRI, "2025-11-20"),
    ("tomorrow", FRI, "2025-11-22"),
    ("yesterday", SUN, "2022-12-31"),
    ("the day before yesterday", FRI, "2025-11-19"),
    ("tonight", FRI, "2025-11-21TNI"),
    ("this morning", FRI, "2025-11-21TMO"),
    ("yesterday afternoon", FRI, "2025-11-20TAF"),
    ("last night", FRI, "2025-11-20TNI"),
    ("16:00 UTC today", FRI, "2025-11-21"),
    ("today", None, None),
    ("for a second consecutive day", FRI, "2025-11-21"),
    # weekdays: the nearest past one, the same day counts
    ("Thursday", FRI, "2025-11-20"),
    ("on Thursday", FRI, "2025-11-20"),
    ("Friday", FRI, "2025-11-21"),
    ("Saturday", FRI, "2025-11-15"),
    ("Monday", FRI, "2025-11-17"),
    ("last Friday", FRI, "2025-11-14"),
    ("next Monday", FRI, "2025-11-24"),
    ("next Friday", FRI, "2025-11-28"),
    ("Monday morning", FRI, "2025-11-17TMO"),
    ("Sunday", SUN, "2023-01-01"),
    ("Saturday", SUN, "2022-12-31"),
    ("Thursday", None, None),
    # weeks
    ("last week", FRI, "2025-W46"),
    ("this week", FRI, "2025-W47"),
    ("next week", FRI, "2025-W48"),
    ("this weekend", FRI, "2025-W47-WE"),
    ("the weekend", FRI, "2025-W46-WE"),
    ("over the weekend", TUE, "2024-W09-WE"),
    ("the weekend", SUN, "2022-W52-WE"),
    ("this past weekend", FRI, "2025-W46-WE"),
    ("weekend", FRI, None),
    ("this past quarter", FRI, "2025-Q3"),
    # ago / from now
    ("a week ago", FRI, "2025-11-14"),
    ("three days ago", FRI, "2025-11-18"),
    ("two months ago", FRI, "2025-09"),
    ("two years ago", FRI, "2023"),
    ("a year ago", None, None),
    ("two weeks from now", FRI, "2025-12-05"),
    ("a decade ago", FRI, "2015"),
    ("two decades ago", TUE, "2004"),
    ("a decade ago", None, None),
    # decades and centuries
    ("the 1990s", FRI, "199"),
    ("the 1990s", None, "199"),
    ("the 2010s", FRI, "201"),
    ("the '90s", FRI, "199"),
    ("70s", FRI, "197"),
    ("the 80s", None, "198"),
    ("the past decade", dt.date(2011, 1, 17), "200"),
    ("this decade", FRI, "202"),
    ("the end of the decade", FRI, "202"),
    ("the turn of the century", FRI, "20"),
    ("the mid-1990s", None, "199"),
    ("late-1980s", None, "198"),
    ("the 21st century", None, "20"),
    # seasons
    ("spring 2026", None, "2026-SP"),
    ("this summer", FRI, "2025-SU"),
    ("next winter", FRI, "2026-WI"),
    # TimeML reference values
    ("now", FRI, "PRESENT_REF"),
    ("now", None, "PRESENT_REF"),
    ("currently", FRI, "PRESENT_REF"),
    ("the time being", FRI, "PRESENT_REF"),
    ("at present", FRI, "PRESENT_REF"),
    ("recently", FRI, "PAST_REF"),
    ("more recently", FRI, "PAST_REF"),
    ("in the past", FRI, "PAST_REF"),
    ("in recent years", FRI, "PAST_REF"),
    ("in the future", FRI, "FUTURE_REF"),
    ("soon", FRI, "FUTURE_REF"),
    ("very soon", FRI, "FUTURE_REF"),
    ("the near term", FRI, "FUTURE_REF"),
    ("over the long term", FRI, "FUTURE_REF"),
    ("in the coming years", FRI, "FUTURE_REF"),
    # not dates (durations, sets, ages, numbers, junk): None, never a made-up value
    ("every year", FRI, None),
    ("annualized", FRI, None),
    ("annual", FRI, None),
    ("three years", FRI, None),
    ("for three years", FRI, None),
    ("the next six months", FRI, None),
    ("52 years old", FRI, None),
    ("the age of 56", FRI, None),
    ("2030 units", FRI, None),
    ("$20", FRI, None),
    ("to", FRI, None),
    ("", FRI, None),
    ("later", FRI, None),
]


@pytest.mark.parametrize(("text", "base", "expected"), CASES)
def test_to_timex(text, base, expected):
    assert to_timex(text, base) == expected


@pytest.mark.parametrize(
    ("text", "base", "context", "expected"),
    [
        ("Wednesday", dt.date(2006, 3, 28), "is set to begin on", "2006-03-29"),
        ("Wednesday", dt.date(2006, 3, 28), "said on", "2006-03-22"),
        ("Thursday", FRI, "will vote on", "2025-11-27"),
        ("Friday", FRI, "will report on", "2025-11-21"),
        ("November", dt.date(2009, 3, 13), "have since", "2008-11"),
        ("October", dt.date(2009, 6, 5), "should be completed in", "2009-10"),
        ("January", FRI, "will open in", "2026-01"),
        ("December 11", dt.date(2010, 1, 25), "made its maiden flight on", "2009-12-11"),
        ("June 1", dt.date(2009, 5, 28), "has a", "2009-06-01"),
        ("the fourth quarter", dt.date(2007, 3, 13), "rose in", "2006-Q4"),
    ],
)
def test_context_decides_direction(text, base, context, expected):
    assert to_timex(text, base, context=context) == expected


@pytest.mark.parametrize(
    ("text", "base", "context", "tense", "expected"),
    [
        # the governing verb's grammatical tense, used when the context words carry no cue
        ("the second half", TUE, "improved in", "past", "2023-H2"),
        ("H2", TUE, None, "past", "2023-H2"),
        ("the second half", TUE, "will improve in", "past", "2024-H2"),  # a cue word wins
        ("the second half", TUE, None, None, "2024-H2"),
        ("November", TUE, "unveiled in", "past", "2023-11"),
        ("November", TUE, "unveiled in", None, "2024-11"),
        ("the December quarter", FRI, "beat", "past", "2025-Q4"),
        ("the weekend", FRI, "will resume over", None, "2025-W47-WE"),
        ("the weekend", FRI, None, "past", "2025-W46-WE"),
        ("this past weekend", FRI, "will", None, "2025-W46-WE"),
    ],
)
def test_tense_argument(text, base, context, tense, expected):
    assert to_timex(text, base, context=context, tense=tense) == expected


@pytest.mark.parametrize(
    ("context", "tense"),
    [("will be available on", "future"), ("is set to begin", "future"), ("said on", "past"),
     ("has", "neutral"), (None, "neutral"), ("fell sharply in", "past")],
)
def test_tense_of(context, tense):
    assert tense_of(context) == tense


def test_dateparser_fallback_keeps_stated_granularity():
    assert to_timex("the 3rd of March, 2024", FRI) == "2024-03-03"
    assert to_timex("march the 3rd", FRI) == "2025-03-03"


def test_fallback_can_be_switched_off():
    assert to_timex("march the 3rd", FRI, fallback=False) is None


def test_no_warnings_escape():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert to_timex("the first of March 2024 sometime", FRI) in (None, "2024-03-01", "2024-03")
