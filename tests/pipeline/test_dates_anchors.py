"""The date Matcher runs only in windows around anchor tokens: it must find exactly what a run over
the whole Doc finds."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.pipeline.dates import DateFinder, trim_space

_nlp = spacy.blank("en")
_finder = DateFinder(_nlp)

_WORDS = ["the", "of", "in", "on", "by", "end", "year", "-", ",", "March", "march", "May", "may", "3", "31st",
          "2024", "2030", "'24", "1990s", "Q3", "fiscal", "FY2025", "first", "quarter", "last", "next",
          "week",
          "ago", "two", "days", "early", "mid", "late", "same", "month", "a", "consecutive", "trading",
          "session", "near", "term", "long", "Monday", "morning", "today", "currently", "10/3/2024", "turn",
          "century", "21st", "at", "present", "time", "being", "Revenue", "rose", "$", "5", "%", "\n",
          "weekend", "moment", "following", "day", "before", "December", "back", "half", "mid-1990s",
          "decade", "this", "past", "financial"]


def both(text: str) -> tuple[list, list]:
    doc = _nlp.make_doc(text)
    full = sorted(t for _, s, e in _finder.matcher(doc) if (t := trim_space(doc, s, e))[0] < t[1])
    return full, sorted(_finder._matches(doc))


def test_windowed_matches_equal_whole_doc_matches_on_news_text():
    text = ("On March 3, 2024, the company said revenue for the first quarter of fiscal 2025 would rise "
            "by year-end, two days ago, in the near term, the same month a year ago, in the 1990s, in Q3 "
            "FY25, since May, and for the third consecutive trading day; recently, at present; the next "
            "day, over the weekend, this past quarter, in the December quarter, fiscal Q2, the back half of "
            "the year, the mid-1990s, a decade ago, for the moment. " * 5)
    full, windowed = both(text)
    assert full and windowed == full


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=80))
def test_windowed_matches_equal_whole_doc_matches(words):
    full, windowed = both(" ".join(words))
    assert windowed == full
