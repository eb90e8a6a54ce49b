"""The article's own date and headline from the head of its text (invented datelines)."""

from __future__ import annotations

import pytest

from claimx.normalize.dateline import dateline_date, headline


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Acme buys Foo\n\nMarch 01, 2008\n\nAcme said on Friday it would buy Foo.", "2008-03-01"),
        ("LONDON, March 4, 2008 (Reuters) - Acme said it would buy Foo.", "2008-03-04"),
        ("NEW YORK, Feb. 29, 2008 (AP) - Acme said", "2008-02-29"),
        ("WASHINGTON (AP) March 4, 2008 — Lawmakers agreed", "2008-03-04"),
        ("WASHINGTON, D.C., March 4, 2008 — Lawmakers agreed", "2008-03-04"),
        ("SPRINGFIELD, Ill., Oct. 3, 2011 -- The governor said", "2011-10-03"),
        ("London (Reuters), 4 March 2008 - Acme said", "2008-03-04"),
        ("Lagos, 4 March 2008 (Reuters) - Acme said", "2008-03-04"),
        ("Published: Tuesday, 4 March 2008 10:14 GMT\n\nAcme said", "2008-03-04"),
        ("Updated 2008-03-04\nAcme said", "2008-03-04"),
        ("Last updated on 1st of March, 2008\n\nAcme said", "2008-03-01"),
        ("Mar 1 2008\nAcme said", "2008-03-01"),
        ("March 4, 2008 - Acme said it would buy Foo.", "2008-03-04"),
        ("Acme buys Foo\r\n\r\nSeptember 9, 2019 at 4:05 p.m. EDT\r\n\r\nAcme said", "2019-09-09"),
        ("MARCH 4, 2008\n\nAcme said", "2008-03-04"),
    ],
)
def test_date_lines_and_datelines_give_the_articles_date(text, date):
    assert dateline_date(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "LONDON, Nov 21 (Reuters) - Acme said",  # no year: it would be a guess
        "The deal closed on March 4, 2008, Acme said.",  # a date in a sentence
        "Acme said it expects $5bn by March 4, 2030 - a record.",
        "On March 4, 2008 - the day it fell - Acme lost half its value.",  # "On" is no place
        "FEBRUARY 30, 2008\n\nAcme said",  # no such day
        "montgomery county , md . - - $ 75 million of bonds",
        "Acme buys Foo\n\nAcme said on Friday.\n\nMore.\n\nStill more.\n\nMarch 4, 2008",  # not at the head
        "March 4, 1820\n\nAcme said",  # outside 1900-2099
        "Acme said the notes are due on\nMarch 12, 2029.\n    The company said",  # a wrapped sentence
        "Acme said the split is\npaid\nJune 19, 2027\n",  # a date alone, but inside a paragraph
        "",
    ],
)
def test_dates_that_are_not_the_articles_own_give_none(text):
    assert dateline_date(text) is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ad sales lift Acme profit\n\nQuarterly profit at Acme rose.", "Ad sales lift Acme profit"),
        ("# Acme buys Foo for $5bn\n\nAcme said.", "Acme buys Foo for $5bn"),
        ("“We will win,” says Jane Doe\r\n\r\nBody.", "“We will win,” says Jane Doe"),
        ("Is Acme the next Foo?\n\nBody.", "Is Acme the next Foo?"),
        ("2025 outlook: Acme sees growth ahead\n\nBody.", "2025 outlook: Acme sees growth ahead"),
    ],
)
def test_a_first_line_that_reads_as_a_headline_is_the_title(text, title):
    assert headline(text) == title


@pytest.mark.parametrize(
    "text",
    [
        "Acme said revenue rose.\n\nMore text.",  # a sentence
        "Acme buys Foo\nThe body goes on right away.",  # no blank line after it
        "Acme buys Foo\n\n",  # nothing after it
        "lower case start here\n\nBody.",
        "Acme\n\nBody.",  # one word
        "March 01, 2008\n\nBody.",  # a date line
        "LONDON, March 4, 2008 (Reuters) - Acme said\n\nBody.",
        " ".join(["word"] * 30) + "\n\nBody.",  # too long for a headline
        "Sales, profit and costs:\n\nBody.",
        "Just one line",
    ],
)
def test_other_first_lines_are_no_title(text):
    assert headline(text) is None
