"""Pure number parsing: numerals, written numbers, scale words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimx.normalize.numbers import parse_number, parse_number_words, parse_numeral, scale_of, split_numeral

CASES = [
    ("1.4", 1.4),
    ("1,400", 1400.0),
    ("12.5", 12.5),
    ("1,234,567.89", 1234567.89),
    ("12,34,567.89", 1234567.89),
    (".5", 0.5),
    ("-50.8", -50.8),
    ("1.5mn", 1.5e6),
    ("5bn", 5e9),
    ("2.5mln", 2.5e6),
    ("50K", 5e4),
    ("13.6M", 1.36e7),
    ("1tn", 1e12),
    ("5B", 5e9),
    ("two", 2.0),
    ("seventeen", 17.0),
    ("twenty-five", 25.0),
    ("forty five", 45.0),
    ("one hundred and twenty", 120.0),
    ("three hundred", 300.0),
    ("a billion", 1e9),
    ("an estimated", None),
    ("half a", 0.5),
    ("half a billion", 5e8),
    ("450 milhões", 4.5e8),
    ("2 bilhões", 2e9),
    ("half million", 5e5),
    ("a quarter million", 2.5e5),
    ("three quarters billion", 7.5e8),
    ("two and a half million", 2.5e6),
    ("two billion", 2e9),
    ("1.5 million", 1.5e6),
    ("5 crore", 5e7),
    ("35 lakh", 3.5e6),
    ("a thousand million", 1e9),
    ("1 million 500 thousand", 1.5e6),
    ("a", None),
    ("million", None),
    ("", None),
    ("1,2", None),
    ("1,23,4", None),
    ("5kg", None),
    ("twenty twenty", None),
    ("abc", None),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_parse_number(text, expected):
    got = parse_number(text)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


@pytest.mark.parametrize(
    "word,expected",
    [("bn", 1e9), ("Million", 1e6), ("mln", 1e6), ("crore", 1e7), ("lakh", 1e5), ("k", 1e3), ("tn", 1e12),
     ("trillion", 1e12), ("b", 1e9), ("m", 1e6), ("mn", 1e6), ("thousand", 1e3), ("billion", 1e9),
     ("kg", None)],
)
def test_scale_of(word, expected):
    assert scale_of(word) == expected


def test_split_numeral():
    assert split_numeral("1.5mn") == (1.5, 1e6)
    assert split_numeral("12,500") == (12500.0, 1.0)
    assert split_numeral("5kg") is None
    assert parse_numeral("5bn") is None


def test_words_with_separate_hyphen():
    assert parse_number_words(["forty", "-", "five"]) == 45.0


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(n):
    assert parse_number(f"{n:,}") == float(n)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2)))
def test_decimals_round_trip(x):
    assert parse_number(f"{x:.2f}") == pytest.approx(x)
