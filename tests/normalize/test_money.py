"""Pure money normalisation: parse_money and the currency lexicon (own example sentences)."""

from __future__ import annotations

import dataclasses

import pytest

from claimx.normalize.money import MoneyValue, currency_of, parse_money, scan_money

B, M, K, T = 1e9, 1e6, 1e3, 1e12

# (text, expected fields) -- expected None means "not money"
CASES = [
    # symbols and codes, before or after, glued or spaced
    ("$5", {"value": 5, "currency": "USD", "currency_inferred": True}),
    ("$ 5", {"value": 5, "currency": "USD"}),
    ("US$5bn", {"value": 5 * B, "currency": "USD", "currency_inferred": False}),
    ("US $5bn", {"value": 5 * B, "currency": "USD", "currency_inferred": False}),
    ("U.S. $12 million", {"value": 12 * M, "currency": "USD", "currency_inferred": False}),
    ("$US12 million", {"value": 12 * M, "currency": "USD"}),
    ("A$3.2 billion", {"value": 3.2 * B, "currency": "AUD"}),
    ("AU$48 million", {"value": 48 * M, "currency": "AUD"}),
    ("$A48 million", {"value": 48 * M, "currency": "AUD"}),
    ("C$900 million", {"value": 900 * M, "currency": "CAD"}),
    ("CA$2 billion", {"value": 2 * B, "currency": "CAD"}),
    ("HK$3.5bn", {"value": 3.5 * B, "currency": "HKD"}),
    ("HK $ 7,800", {"value": 7800, "currency": "HKD"}),
    ("NZ$40", {"value": 40, "currency": "NZD"}),
    ("S$1.2 billion", {"value": 1.2 * B, "currency": "SGD"}),
    ("R$15 bilhões", {"value": 15 * B, "currency": "BRL"}),
    ("R$2.5 billion", {"value": 2.5 * B, "currency": "BRL"}),
    ("MX$300", {"value": 300, "currency": "MXN"}),
    ("NT$1,000", {"value": 1000, "currency": "TWD"}),
    ("€45m", {"value": 45 * M, "currency": "EUR", "currency_inferred": False}),
    ("€ 2.1 billion", {"value": 2.1 * B, "currency": "EUR"}),
    ("£600m", {"value": 600 * M, "currency": "GBP"}),
    ("GB £14.5 billion", {"value": 14.5 * B, "currency": "GBP"}),
    ("¥300 billion", {"value": 300 * B, "currency": "JPY", "currency_inferred": True}),
    ("₹500 crore", {"value": 5 * B, "currency": "INR"}),
    ("Rs 500 crore", {"value": 5 * B, "currency": "INR"}),
    ("Rs.2,500", {"value": 2500, "currency": "INR"}),
    ("Rs 12 lakh", {"value": 1.2 * M, "currency": "INR"}),
    ("₩1.2 trillion", {"value": 1.2 * T, "currency": "KRW"}),
    ("₽40 billion", {"value": 40 * B, "currency": "RUB"}),
    ("₪120", {"value": 120, "currency": "ILS"}),
    ("RM4.20", {"value": 4.2, "currency": "MYR"}),
    ("CHF 5m", {"value": 5 * M, "currency": "CHF"}),
    ("CHF5m", {"value": 5 * M, "currency": "CHF"}),
    ("USD34.6 million", {"value": 34.6 * M, "currency": "USD", "currency_inferred": False}),
    ("USD 34.6 million", {"value": 34.6 * M, "currency": "USD"}),
    ("34.6 million USD", {"value": 34.6 * M, "currency": "USD"}),
    ("GBP 27 million", {"value": 27 * M, "currency": "GBP"}),
    ("EUR 125", {"value": 125, "currency": "EUR"}),
    ("JPY 9,000", {"value": 9000, "currency": "JPY"}),
    ("SEK 40bn", {"value": 40 * B, "currency": "SEK"}),
    ("115USD", {"value": 115, "currency": "USD"}),
    ("80 EUR", {"value": 80, "currency": "EUR"}),
    ("25 €", {"value": 25, "currency": "EUR"}),
    ("1,500€", {"value": 1500, "currency": "EUR"}),
    ("40 usd", {"value": 40, "currency": "USD"}),
    ("rmb 60", {"value": 60, "currency": "CNY"}),
    ("usd$ 30", {"value": 30, "currency": "USD"}),
    ("cad$ 30", {"value": 30, "currency": "CAD"}),
    ("Mex$ 250", {"value": 250, "currency": "MXN"}),
    ("200元", {"value": 200, "currency": "CNY"}),
    ("PS3.4m", {"value": 3.4 * M, "currency": "GBP"}),
    ("Y=1,250", {"value": 1250, "currency": "JPY"}),
    ("45 MEUR", {"value": 45 * M, "currency": "EUR"}),
    ("MUSD 12", {"value": 12 * M, "currency": "USD"}),
    ("12 USD million", {"value": 12 * M, "currency": "USD"}),
    ("$18 (USD)", {"value": 18, "currency": "USD", "currency_inferred": False}),
    ("$64 US", {"value": 64, "currency": "USD", "currency_inferred": False}),
    ("$4.99 U.S. dollars", {"value": 4.99, "currency": "USD", "currency_inferred": False}),
    # names after the number
    ("5 million euros", {"value": 5 * M, "currency": "EUR"}),
    ("40 dollars", {"value": 40, "currency": "USD", "currency_inferred": True}),
    ("3.2 billion yen", {"value": 3.2 * B, "currency": "JPY"}),
    ("80 billion yuan", {"value": 80 * B, "currency": "CNY"}),
    ("2.4 million Swiss francs", {"value": 2.4 * M, "currency": "CHF"}),
    ("9 million Canadian dollars", {"value": 9 * M, "currency": "CAD"}),
    ("6 million New Zealand dollars", {"value": 6 * M, "currency": "NZD"}),
    ("60 million Hong Kong dollars", {"value": 60 * M, "currency": "HKD"}),
    ("15 million US dollars", {"value": 15 * M, "currency": "USD", "currency_inferred": False}),
    ("3.5 million Danish crowns", {"value": 3.5 * M, "currency": "DKK"}),
    ("700 million Norwegian kroner", {"value": 700 * M, "currency": "NOK"}),
    ("4 billion shekels", {"value": 4 * B, "currency": "ILS"}),
    ("50 million rupees", {"value": 50 * M, "currency": "INR"}),
    ("12 billion French francs", {"value": 12 * B, "currency": "FRF"}),
    ("3 million francs", {"value": 3 * M, "currency": None}),
    ("900 million pesos", {"value": 900 * M, "currency": None}),
    ("420 million pounds", {"value": 420 * M, "currency": "GBP"}),
    ("1.2 billion South African rand", {"value": 1.2 * B, "currency": "ZAR"}),
    ("5,000 Turkish lira", {"value": 5000, "currency": "TRY"}),
    ("SFr 300", {"value": 300, "currency": "CHF"}),
    ("SFr2.5m", {"value": 2.5 * M, "currency": "CHF"}),
    ("120 rand", {"value": 120, "currency": "ZAR"}),
    ("Rs. 500 crore", {"value": 5 * B, "currency": "INR"}),
    ("₹2 lakh crore", {"value": 2 * T, "currency": "INR"}),
    ("EUR5.2bn", {"value": 5.2 * B, "currency": "EUR"}),
    ("R$ 4,5 milhões", None),
    ("R$ 450 milhões", {"value": 450 * M, "currency": "BRL"}),
    # scales and styles
    ("$1.5mn", {"value": 1.5 * M}),
    ("$200k", {"value": 200 * K}),
    ("$200K", {"value": 200 * K}),
    ("$13.6M", {"value": 13.6 * M}),
    ("$4.2bn", {"value": 4.2 * B}),
    ("$4.2b", {"value": 4.2 * B}),
    ("$2tn", {"value": 2 * T}),
    ("$1.4 trillion", {"value": 1.4 * T}),
    ("$3 thousand", {"value": 3 * K}),
    ("$-12.5bn", {"value": -12.5 * B}),
    ("12.5 mln dlrs", {"value": 12.5 * M, "currency": "USD", "currency_inferred": False}),
    ("50 mln stg", {"value": 50 * M, "currency": "GBP"}),
    ("1.2 bln dlrs", {"value": 1.2 * B, "currency": "USD"}),
    ("75 cts", {"value": 0.75, "currency": "USD"}),
    ("19 cents", {"value": 0.19, "currency": "USD", "currency_inferred": True}),
    ("12.5 cents", {"value": 0.125}),
    ("45 pence", {"value": 0.45, "currency": "GBP"}),
    ("5 US cents", {"value": 0.05, "currency": "USD", "currency_inferred": False}),
    ("20 euro cents", {"value": 0.2, "currency": "EUR"}),
    ("up 4p to £2.15", {"value": 0.04, "currency": "GBP"}),
    ("$3.4B.", {"value": 3.4 * B, "currency": "USD"}),
    ("one penny", {"value": 0.01, "currency": "GBP"}),
    ("30 sen", {"value": 0.3, "currency": "MYR"}),
    ("two billion dollars", {"value": 2 * B, "currency": "USD"}),
    ("a billion dollars", {"value": 1 * B, "currency": "USD"}),
    ("half a billion dollars", {"value": 0.5 * B, "currency": "USD"}),
    ("a quarter million dollars", {"value": 250 * K}),
    ("twenty-five dollars", {"value": 25}),
    ("ten thousand euros", {"value": 10 * K, "currency": "EUR"}),
    ("fifteen cents", {"value": 0.15}),
    ("three dollars 50 cents", {"value": 3.5}),
    ("nine dollars and ninety-nine cents", {"value": 9.99}),
    ("a 25-cent coin", {"value": 0.25}),
    ("a $2 million-dollar grant", {"value": 2 * M}),
    # ranges
    ("$10-15 billion", {"value": None, "low": 10 * B, "high": 15 * B, "currency": "USD"}),
    ("$10 - 15 billion", {"value": None, "low": 10 * B, "high": 15 * B}),
    ("between $5 and $7 billion", {"value": None, "low": 5 * B, "high": 7 * B}),
    ("between $300 million and $400 million", {"value": None, "low": 300 * M, "high": 400 * M}),
    ("$1.2 million to $23.5 million", {"value": None, "low": 1.2 * M, "high": 23.5 * M}),
    ("$150 to $2 million", {"value": None, "low": 150, "high": 2 * M}),
    ("20-30 million euros", {"value": None, "low": 20 * M, "high": 30 * M, "currency": "EUR"}),
    ("£2m-£3m", {"value": None, "low": 2 * M, "high": 3 * M, "currency": "GBP"}),
    ("US$4 to $6 billion", {"value": None, "low": 4 * B, "high": 6 * B, "currency": "USD"}),
    ("$40 to $45 a share", {"value": None, "low": 40, "high": 45, "per": "share"}),
    ("between 10 and 15 cents", {"value": None, "low": 0.10, "high": 0.15}),
    ("from 10 to 15 cents", {"value": None, "low": 0.10, "high": 0.15}),
    ("£1.2bn-£1.5bn", {"value": None, "low": 1.2 * B, "high": 1.5 * B, "currency": "GBP"}),
    ("$5-$7bn", {"value": None, "low": 5 * B, "high": 7 * B, "currency": "USD"}),
    ("5 to 7 billion dollars", {"value": None, "low": 5 * B, "high": 7 * B, "currency": "USD"}),
    ("2 - 3 million euros", {"value": None, "low": 2 * M, "high": 3 * M, "currency": "EUR"}),
    ("between 5 and 7 million euros", {"value": None, "low": 5 * M, "high": 7 * M, "currency": "EUR"}),
    ("raise $5 billion to $7 billion", {"value": None, "low": 5 * B, "high": 7 * B}),
    # qualifiers and bounds
    ("about $3 billion", {"value": 3 * B, "qualifier": "about", "low": None, "high": None}),
    ("around €40m", {"value": 40 * M, "qualifier": "around"}),
    ("nearly $2 billion", {"value": 2 * B, "qualifier": "nearly"}),
    ("almost £1bn", {"value": 1 * B, "qualifier": "almost"}),
    ("roughly $800,000", {"value": 800 * K, "qualifier": "roughly"}),
    ("more than $5m", {"value": 5 * M, "qualifier": "more than", "low": 5 * M, "high": None}),
    ("over $100 million", {"value": 100 * M, "qualifier": "over", "low": 100 * M}),
    ("at least $2 billion", {"value": 2 * B, "qualifier": "at least", "low": 2 * B}),
    ("up to $8 million", {"value": 8 * M, "qualifier": "up to", "high": 8 * M}),
    ("less than $1,000", {"value": 1000, "qualifier": "less than", "high": 1000}),
    ("as much as $50 billion", {"value": 50 * B, "qualifier": "as much as", "high": 50 * B}),
    ("in excess of £10m", {"value": 10 * M, "qualifier": "in excess of", "low": 10 * M}),
    ("an estimated $4 billion", {"value": 4 * B, "qualifier": "an estimated"}),
    ("fewer than $3 billion", {"value": 3 * B, "qualifier": "fewer than", "high": 3 * B}),
    ("not more than €40m", {"value": 40 * M, "qualifier": "not more than", "high": 40 * M, "low": None}),
    ("no less than £2bn", {"value": 2 * B, "qualifier": "no less than", "low": 2 * B}),
    ("well over $100 million", {"value": 100 * M, "qualifier": "well over", "low": 100 * M}),
    ("just below $5", {"value": 5, "qualifier": "just below", "high": 5}),
    ("north of $10bn", {"value": 10 * B, "qualifier": "north of", "low": 10 * B}),
    ("a maximum of $250,000", {"value": 250 * K, "qualifier": "a maximum of", "high": 250 * K}),
    ("in the region of £30m", {"value": 30 * M, "qualifier": "in the region of", "low": None, "high": None}),
    ("$100bn+", {"value": 100 * B, "qualifier": "plus", "low": 100 * B}),
    ("$1 billion-plus", {"value": 1 * B, "qualifier": "plus", "low": 1 * B}),
    # vague magnitudes
    ("hundreds of billions of dollars", {"value": None, "low": 100 * B, "high": 1 * T, "currency": "USD"}),
    ("tens of millions of dollars", {"value": None, "low": 10 * M, "high": 100 * M, "currency": "USD"}),
    ("billions of dollars", {"value": None, "low": 1 * B, "high": 1 * T, "currency": "USD"}),
    ("millions of euros", {"value": None, "low": 1 * M, "high": 1 * B, "currency": "EUR"}),
    ("hundreds of millions of pounds", {"value": None, "low": 100 * M, "high": 1 * B, "currency": "GBP"}),
    ("hundreds of billions", {"value": None, "low": 100 * B, "high": 1 * T, "currency": None}),
    ("a few million dollars", {"value": None, "low": 2 * M, "high": 10 * M, "currency": "USD"}),
    ("several billion euros", {"value": None, "low": 3 * B, "high": 10 * B, "currency": "EUR"}),
    ("several hundred million pounds", {"value": None, "low": 300 * M, "high": 1 * B, "currency": "GBP"}),
    ("a few hundred dollars", {"value": None, "low": 200, "high": 1000, "currency": "USD"}),
    ("tens of billions of euros", {"value": None, "low": 10 * B, "high": 100 * B, "currency": "EUR"}),
    # rates
    ("$5 a share", {"value": 5, "per": "share"}),
    ("$80 per barrel", {"value": 80, "per": "barrel"}),
    ("$1,900 an ounce", {"value": 1900, "per": "ounce"}),
    ("$3.10 a gallon", {"value": 3.1, "per": "gallon"}),
    ("$450 per square foot", {"value": 450, "per": "square foot"}),
    ("£1,200 a month", {"value": 1200, "per": "month"}),
    ("18 cents a share", {"value": 0.18, "per": "share"}),
    ("a 40-cent-a-share dividend", {"value": 0.40, "per": "share"}),
    ("$2 billion a year ago", {"value": 2 * B, "per": None}),
    ("$25 per person", {"value": 25, "per": "person"}),
    ("$2,400/oz", {"value": 2400, "per": "oz"}),
    ("€90/MWh", {"value": 90, "currency": "EUR", "per": "MWh"}),
    # not money
    ("the billion-dollar question", None),
    ("a million-dollar smile", None),
    ("a multibillion-dollar deal", None),
    ("in 2019", None),
    ("call 555-0199", None),
    ("1,500 employees", None),
    ("5 pounds of flour", None),
    ("up 12%", None),
    ("$AAPL", None),
    ("echo $HOME", None),
    ("All 40 of them", None),
    ("TOP 10 songs", None),
    ("millions of users", None),
    ("B52 bomber", None),
    ("COVID19", None),
    ("a 1080p screen", None),
    ("shares at 118.5p", None),
    ("several million viewers", None),
    ("a few thousand people", None),
    ("24/7", None),
    ("the 1957 Rand novel", None),
    ("", None),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_parse_money(text, expected):
    got = parse_money(text)
    if expected is None:
        assert got is None
        return
    assert got is not None, text
    for key, want in expected.items():
        have = getattr(got, key)
        if isinstance(want, float | int) and not isinstance(want, bool):
            assert have == pytest.approx(want, rel=1e-9), (key, have)
        else:
            assert have == want, (key, have)


def test_dollar_setting():
    got = parse_money("$40 million", dollar="AUD")
    assert (got.currency, got.currency_inferred) == ("AUD", True)
    assert parse_money("US$40 million", dollar="AUD").currency == "USD"
    assert parse_money("40 dollars", dollar="CAD").currency == "CAD"


def test_money_value_is_frozen_and_serialisable():
    got = parse_money("about $3 billion")
    assert isinstance(got, MoneyValue)
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.value = 1.0  # type: ignore[misc]
    assert got.as_dict() == {"value": 3e9, "low": None, "high": None, "currency": "USD",
                             "currency_inferred": True, "qualifier": "about", "per": None}


@pytest.mark.parametrize(
    "token,expected",
    [("$", ("USD", True)), ("US$", ("USD", False)), ("€", ("EUR", False)), ("dlrs", ("USD", False)),
     ("stg", ("GBP", False)), ("francs", (None, False)), ("HK$", ("HKD", False)), ("USD", ("USD", False)),
     ("CHF", ("CHF", False)), ("dollars", ("USD", True)), ("the", None), ("ALL", None),
     ("euros", ("EUR", False))],
)
def test_currency_of(token, expected):
    assert currency_of(token) == expected


def test_two_figures_in_one_text():
    texts = ["$", "1.13bn", "(", "£", "600", "m", ")"]
    spaces = [False, True, False, False, False, False, False]
    found = scan_money(texts, spaces)
    assert [(m.start, m.end, m.money.value, m.money.currency) for m in found] == [
        (0, 2, 1.13e9, "USD"), (3, 6, 600e6, "GBP")]


def test_change_gives_two_figures():
    texts = ["Sales", "rose", "from", "$5", "million", "to", "$7", "million"]
    found = scan_money(texts)
    assert [m.money.value for m in found] == [5e6, 7e6]


def test_range_without_change_verb():
    texts = ["Prices", "run", "from", "$5", "million", "to", "$7", "million"]
    (m,) = scan_money(texts)
    assert (m.money.low, m.money.high) == (5e6, 7e6)
