"""Hostile figures: numbers that cannot be real amounts give ``value: null``, never an exception
that loses the article, and nothing written is ever Infinity or NaN (invalid JSON)."""

from __future__ import annotations

import json
import math

import pytest

import claimx
from claimx.normalize.money import MAX_AMOUNT, parse_money, real_amount
from claimx.normalize.numbers import parse_number, parse_number_words, parse_numeral
from claimx.pipeline.build import build

NINES = "9" * 400


@pytest.fixture(scope="module")
def rules():
    return build("blank")


def strict_json(article) -> dict:
    """The article as JSON that a strict parser accepts (no Infinity / NaN)."""
    text = json.dumps(article.model_dump(mode="json"), allow_nan=False)
    return json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the output"))


@pytest.mark.parametrize("text", [NINES, "9" * 309 + ".5", "-" + NINES, f"{NINES}bn", "1" * 5000])
def test_numerals_too_long_to_be_numbers_parse_as_none(text):
    assert parse_number(text) is None


def test_number_words_that_overflow_parse_as_none():
    assert parse_number_words(["9" * 300, "trillion"]) is None
    assert parse_numeral("9" * 300) == pytest.approx(1e300)  # long, but still a finite number


@pytest.mark.parametrize(
    "text",
    [
        "$" + "9" * 309 + " billion",
        f"Sales hit ${NINES}.",
        "$5 billion billion",
        "$5 billion billion billion",
        "€3 million thousand",
        f"between $5 and ${NINES} million",
        "$" + "1" * 30 + " trillion",
        f"${NINES}bn-$7bn",
    ],
)
def test_money_that_cannot_be_a_real_amount_keeps_its_span_with_null_values(text):
    money = parse_money(text)
    assert money is not None and money.currency is not None
    assert (money.value, money.low, money.high) == (None, None, None)


@pytest.mark.parametrize(("text", "value"), [("$5 thousand million", 5e9), ("$2 hundred thousand", 2e5),
                                             ("3,000 trillion rupiah", 3e15)])
def test_growing_scales_and_large_real_budgets_still_read(text, value):
    assert parse_money(text).value == value


def test_real_amount_bounds():
    assert real_amount(MAX_AMOUNT) == MAX_AMOUNT
    assert [real_amount(x) for x in (None, math.inf, -math.inf, math.nan, MAX_AMOUNT * 10)] == [None] * 5


@pytest.mark.parametrize(
    "text",
    [
        f"Sales hit ${NINES}. Profit rose to $5 billion in Ohio.",
        f"It costs $1 {NINES} dollars. Profit rose to $5 billion in Ohio.",
        f"Jets sold for $10 million. They went at {'9' * 21} million per jet. Profit rose to $5 billion.",
        f"Revenue: 3 dollars {NINES} cents. Profit rose to $5 billion in Ohio.",
        f"The firm will cut {NINES} jobs and lift margins {NINES}% by 2030. Profit rose to $5 billion.",
        f"In the year {NINES}, over {NINES} years, profit rose to $5 billion.",
    ],
)
def test_an_unreal_figure_never_loses_the_article(rules, text):
    article = claimx.extract(text, nlp=rules, date="2025-01-01")
    data = strict_json(article)
    assert any(m["value"] == 5e9 for m in data["money"])
    values = [x for m in data["money"] for x in (m["value"], m["low"], m["high"]) if x is not None]
    assert all(abs(x) <= MAX_AMOUNT for x in values)


@pytest.mark.slow
def test_an_unreal_figure_never_loses_the_article_on_the_model_either(nlp):
    text = (f"Acme said it will cut {NINES} jobs and spend ${NINES} by 2030, lifting margins "
            f"{NINES}% over the next {NINES} years. Profit rose to $5 billion billion in Ohio.")
    data = strict_json(claimx.extract(text, nlp=nlp, date="2025-01-01"))
    assert data["money"] and all(m["value"] is None for m in data["money"])


def test_the_json_renderer_refuses_nan_rather_than_writing_invalid_json():
    from claimx.cli.formats.text import dumps as _dumps

    article = claimx.Article(id="x", source="x")
    assert json.loads(_dumps(article))["id"] == "x"
    bad = article.model_copy(update={"money": [claimx.schema.Money(
        text="$1", start_char=0, end_char=2, value=math.nan, currency="USD")]})
    with pytest.raises(ValueError, match="JSON compliant"):
        _dumps(bad)
