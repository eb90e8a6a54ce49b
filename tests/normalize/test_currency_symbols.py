"""Every currency symbol in ``currencies.json`` works everywhere symbols matter: glued ranges, the
scanner's own tokenizer and the date rule that a number after a currency is not a year.  The
symbol classes are built from that file, so a symbol added there is covered here."""

from __future__ import annotations

import pytest

import claimx
from claimx.normalize.money import is_currency_token, lexicon, parse_money
from claimx.pipeline.build import build
from claimx.resources import load_json

SYMBOLS = sorted(k for k in load_json("currencies.json")["symbols"] if not k.startswith("_"))


@pytest.fixture(scope="module")
def rules():
    return build("blank")


def expected_code(symbol: str) -> str | None:
    return lexicon().symbol(symbol).resolve("USD")[0]


def test_the_file_has_the_symbols_the_classes_must_cover():
    assert {"$", "€", "₦", "₹", "US$", "Rs.", "RM", "zł"} <= set(SYMBOLS)


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_glued_range_with_every_symbol_is_one_range(symbol):
    money = parse_money(f"{symbol}5bn-{symbol}7bn")
    assert money is not None
    assert (money.value, money.low, money.high, money.currency) == (None, 5e9, 7e9, expected_code(symbol))


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_glued_range_with_every_symbol_in_the_pipeline(rules, symbol):
    article = claimx.extract(f"Sales were {symbol}5bn-{symbol}7bn last year.", nlp=rules, date="2025-01-01")
    assert [(m.low, m.high, m.currency) for m in article.money] == [(5e9, 7e9, expected_code(symbol))]


@pytest.mark.parametrize("space", ["", " "])
@pytest.mark.parametrize("symbol", SYMBOLS)
def test_a_year_like_number_after_every_symbol_is_money_not_a_date(rules, symbol, space):
    article = claimx.extract(f"They paid {symbol}{space}2020 for the car.", nlp=rules, date="2025-01-01")
    assert not [d.text for d in article.dates if "2020" in d.text]
    assert [m.value for m in article.money] == [2020.0]


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_every_symbol_is_a_currency_token(symbol):
    assert is_currency_token(symbol)


@pytest.mark.parametrize("word", ["the", "in", "No", "A", "S", "ALL", "TOP", "2020"])
def test_words_and_blocked_codes_are_not_currency_tokens(word):
    assert not is_currency_token(word)


def test_the_year_rule_still_reads_years_after_ordinary_words(rules):
    article = claimx.extract("Sales will rise in 2020 and in May.", nlp=rules, date="2019-01-01")
    assert "2020" in [d.text for d in article.dates]
