"""Spec-derived table of forward-looking projection cases.

Each case is ``(text, expected)`` where ``expected`` is a list with one dict per projection the
spec demands, in document order.  A dict names only the fields the spec determines for that
case; :func:`check` compares just those keys.  Keys:

``value`` (money or quantity text), ``amount`` (its normalised value), ``currency``, ``unit``
(a percentage's or quantity's), ``low``, ``high``, ``qualifier``, ``horizon`` (TIMEX3
value), ``horizon_text_has``, ``speaker`` (speaker text), ``speaker_name``, ``speaker_has``,
``subject_resolved``, ``subject_label``, ``grammatical_subject``, ``speaker_title``,
``speaker_org``, ``alternatives`` (texts of a money value's conversions), ``horizon_start``,
``horizon_end``, ``metric``, ``hedge``, ``negated``, ``cue``, ``cue_has``, ``text_has``.
A key ending in ``_has`` is a substring check.  The article date is 2025-11-21 (a Friday).
"""

from __future__ import annotations

import pytest

import claimx

pytestmark = pytest.mark.slow

BASE = "2025-11-21"


def _field(p, key):
    if key in ("value", "amount", "currency", "unit", "low", "high", "qualifier"):
        if p.value is None:
            return None
        if key == "value":
            return p.value.text
        return getattr(p.value, "value" if key == "amount" else key, None)
    if key in ("horizon", "horizon_text"):
        if p.horizon is None:
            return None
        return p.horizon.value if key == "horizon" else p.horizon.text
    if key in ("speaker", "speaker_name", "speaker_title", "speaker_org"):
        if p.speaker is None:
            return None
        return {"speaker": p.speaker.text, "speaker_name": p.speaker.name, "speaker_title": p.speaker.title,
                "speaker_org": p.speaker.organisation}[key]
    if key in ("horizon_start", "horizon_end"):
        return None if p.horizon is None else getattr(p.horizon, key.split("_")[1])
    if key == "alternatives":
        return [a.text for a in p.value.alternatives] if isinstance(p.value, claimx.schema.Money) else []
    if key == "grammatical_subject":
        return p.grammatical_subject.text if p.grammatical_subject else None
    if key == "subject_label":
        return p.subject.label if p.subject else None
    if key == "cue":
        return p.cue.text if p.cue else None
    if key == "subject":
        return p.subject.text if p.subject else None
    if key == "text":
        return p.text
    return getattr(p, key)


def _summary(p) -> dict:
    return {k: _field(p, k) for k in ("text", "cue", "speaker", "subject", "subject_resolved", "metric",
                                      "value", "horizon", "hedge", "negated")}


def check(nlp, text, expected, date=BASE):
    projs = sorted(claimx.extract(text, date=date, nlp=nlp).projections, key=lambda p: p.start_char)
    got = [_summary(p) for p in projs]
    assert len(projs) == len(expected), f"expected {len(expected)} projection(s), got {got}"
    for i, (p, exp) in enumerate(zip(projs, expected, strict=True)):
        for key, want in exp.items():
            if key.endswith("_has"):
                actual = _field(p, key[: -len("_has")])
                assert actual is not None and want in actual, (
                    f"#{i} {key}: {want!r} not in {actual!r}; {got[i]}")
            else:
                actual = _field(p, key)
                assert actual == want, f"#{i} {key}: want {want!r}, got {actual!r}; {got[i]}"


def xf(text, expected, reason):
    return pytest.param(text, expected, marks=pytest.mark.xfail(reason=reason, strict=True))


# --- future modals: will, shall, 'll, going to -------------------------------------------------
MODALS = [
    ("Acme will open a new factory in Ohio next year.",
     [{"cue": "will", "hedge": "certain", "horizon": "2026", "negated": False}]),
    ("The lender shall repay the bonds by 2027.",
     [{"cue": "shall", "hedge": "certain", "horizon": "2027"}]),
    ("“We'll double our output by 2028,” said Maria Lopez.",
     [{"cue_has": "'ll", "hedge": "certain", "horizon": "2028", "speaker": "Maria Lopez"}]),
    ("Globex is going to spend $3 billion on new stores next year.",
     [{"cue_has": "going", "hedge": "certain", "value": "$3 billion", "horizon": "2026"}]),
    ("Prices are going to climb in the coming months.",
     [{"hedge": "certain", "horizon_text_has": "coming months"}]),
    ("The carrier will spend $20bn on new aircraft next year.",
     [{"value": "$20bn", "amount": 20e9, "horizon": "2026", "hedge": "certain"}]),
    ("Volkswagen will invest €5 billion in its Spanish plants by 2030.",
     [{"value": "€5 billion", "amount": 5e9, "currency": "EUR", "horizon": "2030"}]),
    ("The ministry will publish the new rules next month.",
     [{"cue": "will", "horizon": "2025-12"}]),
]


@pytest.mark.parametrize("text,expected", MODALS)
def test_future_modals_make_projections(nlp, text, expected):
    check(nlp, text, expected)


# --- forward verbs -----------------------------------------------------------------------------
FORWARD_VERBS = [
    ("Initech expects revenue of $4 billion in 2027.",
     [{"cue_has": "expect", "speaker": "Initech", "value": "$4 billion", "horizon": "2027",
       "hedge": "probable", "metric": "revenue"}]),
    ("Analysts project that the airline's profit will reach $900 million next year.",
     [{"speaker": "Analysts", "value": "$900 million", "horizon": "2026", "hedge": "probable"}]),
    xf("Moody's forecasts economic growth of 2.1% in 2026.",
     [{"cue_has": "forecast", "speaker": "Moody's", "horizon": "2026", "hedge": "probable"}],
       "parser reads 'forecasts' as a modifier of 'growth': projection is just 'forecasts', no"
       " speaker, no horizon"),
    ("Siemens anticipates orders worth $1.5 billion next quarter.",
     [{"cue_has": "anticipate", "speaker": "Siemens", "value": "$1.5 billion", "horizon": "2026-Q1",
       "hedge": "probable"}]),
    ("Toyota plans to invest $2 billion in a battery plant by 2028.",
     [{"cue_has": "plan", "speaker": "Toyota", "value": "$2 billion", "horizon": "2028",
       "hedge": "certain"}]),
    ("Unilever aims to cut costs by $800 million by 2027.",
     [{"cue_has": "aim", "speaker": "Unilever", "value": "$800 million", "horizon": "2027",
       "hedge": "certain"}]),
    ("Netflix targets $10 billion in advertising revenue by 2030.",
     [{"cue_has": "target", "speaker": "Netflix", "value": "$10 billion", "horizon": "2030",
       "hedge": "certain"}]),
    ("Pfizer intends to spend $5 billion on share buybacks next year.",
     [{"cue_has": "intend", "speaker": "Pfizer", "value": "$5 billion", "horizon": "2026",
       "hedge": "certain"}]),
    ("Goldman Sachs estimates that the deal will add $300 million to earnings in 2027.",
     [{"speaker": "Goldman Sachs", "value": "$300 million", "horizon": "2027", "hedge": "probable"}]),
    ("The merger will add 2,000 jobs, the union said.",  # "add" is the event here, not a speech verb
     [{"speaker": "the union", "value": "2,000 jobs"}]),
    ("Morgan Stanley predicts that copper prices will hit a record next year.",
     [{"speaker": "Morgan Stanley", "horizon": "2026"}]),
    ("Nvidia guided to revenue of $65 billion for next quarter.",
     [{"speaker": "Nvidia", "value": "$65 billion", "horizon": "2026-Q1"}]),
    ("Intel sees revenue of $12 billion next year.",
     [{"cue_has": "see", "speaker": "Intel", "value": "$12 billion", "horizon": "2026"}]),
    ("Boeing hopes to deliver 500 jets next year.",  # the rule lemmatizer's first guess is "hop"
     [{"cue_has": "hope", "speaker": "Boeing", "horizon": "2026"}]),
    # en_core_web_sm parses 'The IMF forecast' as a noun phrase, the root: the name is still the speaker
    ("The IMF forecast on Tuesday that global growth will slow next year.",
     [{"speaker": "IMF", "horizon": "2026"}]),
    ("OpenAI expects annualized revenue to top $20 billion by year-end.",
     [{"speaker": "OpenAI", "metric": "annualized revenue", "value": "$20 billion", "amount": 20e9,
       "horizon": "2025", "hedge": "probable"}]),
    ("Acme expects revenue of $3 billion this year.",
     [{"speaker": "Acme", "value": "$3 billion", "horizon": "2025", "hedge": "probable"}]),
    ("Profit is expected to rise next year.",
     [{"hedge": "probable", "horizon": "2026"}]),
    ("Analysts expect profit to rise next year, but margins are expected to shrink in 2027.",
     [{"speaker": "Analysts", "horizon": "2026", "text_has": "profit to rise"},
      {"speaker": None, "horizon": "2027", "text_has": "margins are expected"}]),
    ("Jane Doe said sales will rise next year and that margins will improve in 2027.",
     [{"speaker": "Jane Doe", "horizon": "2026"}, {"speaker": "Jane Doe", "horizon": "2027"}]),
    ("Margins are expected to shrink in 2027.", [{"speaker": None, "hedge": "probable", "horizon": "2027"}]),
]


@pytest.mark.parametrize("text,expected", FORWARD_VERBS)
def test_forward_verbs_make_projections(nlp, text, expected):
    check(nlp, text, expected)


# --- forward nouns -----------------------------------------------------------------------------
FORWARD_NOUNS = [
    ("Walmart's outlook calls for sales of $700 billion next year.",
     [{"cue_has": "outlook", "value": "$700 billion", "horizon": "2026"}]),
    ("The brewer's forecast for 2026 is revenue of $3 billion.",
     [{"cue_has": "forecast", "value": "$3 billion", "horizon": "2026"}]),
    ("Adobe's guidance for fiscal 2027 implies revenue of $25 billion.",
     [{"cue_has": "guidance", "value": "$25 billion", "horizon": "FY2027"}]),
    ("Ford's target is $5 billion in savings by 2027.",
     [{"cue_has": "target", "value": "$5 billion", "horizon": "2027"}]),
    ("In its outlook, the IEA said oil demand will peak by 2030.",
     [{"horizon": "2030"}]),
]


@pytest.mark.parametrize("text,expected", FORWARD_NOUNS)
def test_forward_nouns_make_projections(nlp, text, expected):
    check(nlp, text, expected)


# --- a future horizon alone --------------------------------------------------------------------
HORIZON_ONLY = [
    ("The new terminal opens next year.", [{"horizon": "2026"}]),
    ("Shipments begin in the coming months.", [{"horizon_text_has": "coming months"}]),
    ("The new plant opens next month.", [{"horizon": "2025-12"}]),
    ("The plant is busy next month.", []),  # a state, not an event
    ("We have a board meeting next week.", []),
    ("The merger closes in the first quarter of next year.", [{"horizon": "2026-Q1"}]),
    ("Construction of the $4 billion bridge starts in 2027.", [{"horizon": "2027"}]),
    xf("The airline's new route to Lagos launches next month.", [{"horizon": "2025-12"}],
       "no projection (parser tags 'launches' as a plural noun)"),
]


@pytest.mark.parametrize("text,expected", HORIZON_ONLY)
def test_future_horizon_alone_makes_projection(nlp, text, expected):
    check(nlp, text, expected)


# --- hedges ------------------------------------------------------------------------------------
HEDGES = [
    ("The strike could cost the carmaker $1 billion next year.",
     [{"hedge": "possible", "value": "$1 billion", "horizon": "2026"}]),
    ("The central bank may cut interest rates next month.",
     [{"hedge": "possible", "horizon": "2025-12"}]),
    ("Shell might sell its Nigerian unit next year.",
     [{"hedge": "possible", "horizon": "2026"}]),
    ("The contract will potentially bring in $400 million by 2027.",
     [{"hedge": "possible", "value": "$400 million", "horizon": "2027"}]),
    ("The deal will likely close next quarter.",
     [{"hedge": "probable", "horizon": "2026-Q1"}]),
    ("The plant will possibly reopen in 2027.",
     [{"hedge": "possible", "horizon": "2027"}]),
    ("The bridge should be finished by 2027.",
     [{"hedge": "probable", "horizon": "2027"}]),
    ("Inflation is likely to ease next year.",
     [{"hedge": "probable", "horizon": "2026"}]),
    ("Prices are probably going to rise next year.",
     [{"hedge": "probable", "horizon": "2026"}]),
    ("The lawsuit could possibly cost Bayer $2 billion in 2026.",
     [{"hedge": "possible", "value": "$2 billion", "horizon": "2026"}]),
    ("Revenue may potentially exceed $1 billion by 2028.",
     [{"hedge": "possible", "value": "$1 billion", "horizon": "2028"}]),
    ("The retailer will almost certainly close 40 stores next year.",
     [{"horizon": "2026", "negated": False}]),
]


@pytest.mark.parametrize("text,expected", HEDGES)
def test_hedge_words_set_hedge(nlp, text, expected):
    check(nlp, text, expected)


# --- negation ----------------------------------------------------------------------------------
NEGATION = [
    ("Acme won't pay a dividend next year.", [{"negated": True, "hedge": "certain", "horizon": "2026"}]),
    ("The firm will not raise prices in 2026.", [{"negated": True, "hedge": "certain", "horizon": "2026"}]),
    ("Oracle doesn't expect revenue to fall next year.",
     [{"negated": True, "hedge": "probable", "speaker": "Oracle", "horizon": "2026"}]),
    ("The chain will never reopen its flagship store.", [{"negated": True}]),
    ("Regulators are not going to approve the merger before 2027.", [{"negated": True, "hedge": "certain"}]),
    ("Heineken does not plan to cut jobs next year.",
     [{"negated": True, "speaker": "Heineken", "horizon": "2026"}]),
    ("The deal might not close until 2027.", [{"negated": True, "hedge": "possible"}]),
    ("Acme will pay a dividend of $1 billion next year.",
     [{"negated": False, "value": "$1 billion", "horizon": "2026"}]),
    ("The lender shall not charge fees after 2026.", [{"negated": True, "hedge": "certain"}]),
    ("Siemens does not anticipate any layoffs in 2026.",
     [{"negated": True, "speaker": "Siemens", "horizon": "2026"}]),
]


@pytest.mark.parametrize("text,expected", NEGATION)
def test_negation_sets_negated(nlp, text, expected):
    check(nlp, text, expected)


# --- reported past facts, settled past expectations: no projection ---------------------------
PAST = [
    ("Sales rose 5% last year.", []),
    ("Acme reported revenue of $3 billion in the third quarter.", []),
    ("The company earned $2 billion in 2024.", []),
    ("Shares fell 4% on Thursday.", []),
    ("The bank cut interest rates in September.", []),
    ("Revenue grew to $1.2 billion from $900 million a year earlier.", []),
    ("Acme hit its sales target of $1 billion in 2024.", []),
    ("The guidance issued in January proved too conservative.", []),
    ("Last year's forecast turned out to be too optimistic.", []),
    ("The plan was approved by shareholders last year.", []),
    ("She saw sales rise sharply last year.", []),
    ("The deal would have cost Acme $2 billion.", []),
]

SETTLED = [
    ("Acme had expected revenue of $2 billion last year.", []),
    ("Analysts had forecast a loss for 2024.", []),
    ("The company had planned to open the plant in 2023, but the project was cancelled.", []),
    ("Economists had expected the economy to grow 2% in 2024.", []),
    ("Earlier this year, the carmaker had hoped to finish the deal by June.", []),
    ("In 2022, Intel projected that it would reach $100 billion in revenue by 2024.", []),
    ("The firm said in 2021 that it would double its sales by 2023.", []),
]


@pytest.mark.parametrize("text,expected", PAST)
def test_reported_past_facts_are_not_projections(nlp, text, expected):
    check(nlp, text, expected)


@pytest.mark.parametrize("text,expected", SETTLED)
def test_settled_past_expectations_are_not_projections(nlp, text, expected):
    check(nlp, text, expected)


# A past report of an expectation whose horizon is still ahead is not settled.
UNSETTLED = [
    ("In March, Intel projected that it would reach $100 billion in revenue by 2030.",
     [{"value": "$100 billion", "horizon": "2030"}]),
    ("Satya Nadella told analysts that Microsoft would double its data-centre footprint by 2027.",
     [{"speaker": "Satya Nadella", "horizon": "2027", "cue": "would", "hedge": "certain"}]),
]


@pytest.mark.parametrize("text,expected", UNSETTLED)
def test_past_report_of_open_expectation_is_projection(nlp, text, expected):
    check(nlp, text, expected)


# --- boilerplate, questions, earnings-call management talk, present descriptions ---------------
NON_PROJECTIONS = [
    # safe harbour boilerplate
    "These forward-looking statements involve risks and uncertainties that could cause actual results "
    "to differ materially.",
    "Actual results may differ materially from those expressed or implied in such statements.",
    "The company undertakes no obligation to update any forward-looking statement.",
    "Factors that could cause actual results to differ materially include competition and regulation.",
    "This press release contains forward-looking statements within the meaning of the Private Securities "
    "Litigation Reform Act of 1995.",
    "Forward-looking statements speak only as of the date on which they are made.",
    # questions
    "Will the Fed cut rates next month?",
    "Will Apple ever make a car?",
    "Is the company going to raise prices next year?",
    "Shall we begin?",
    "Do you expect margins to improve next year?",
    # earnings-call management talk
    "I will now turn the call over to our chief financial officer.",
    "We will now take questions from analysts.",
    "Operator, we'll take the first question.",
    "I'll hand it back to Tim for closing remarks.",
    "With that, I will turn it back to the operator.",
    # descriptions of the present
    "Acme makes industrial robots in three countries.",
    "The company employs 12,000 people.",
    "The chief executive is a former banker.",
    "Shares trade at 20 times earnings.",
    "The plant produces 500 cars a day.",
    "Will Smith attended the premiere in London.",
    "The city's planning department approved the tower last week.",
    # comparisons with a past expectation, present possibility, conditions, purpose, talk about talk
    "Quarterly sales were better than expected.",
    "The second half was stronger than the first, as expected.",
    "That accounts for the weaker than usual and expected operating margin this period.",
    "They may have several offices in each state.",
    "A trainee who may not know every product still answers most calls.",
    "Should the market turn, we have other sources of funding.",
    "I should also point out that we have tiered our customers.",
    "If you want the breakdown, I could get back to you on that.",
    "We asked the regulator for guidance so that we may eventually sell the product.",
    "Let's walk through our 2019 outlook on this chart.",
    "Next, I'd like to brief you on our 2012 guidance.",
    "Let me move on to the guidance for the second quarter.",
    "A guiding principle has been a strong investment-grade rating.",
    "I'll give you one example.",
]

# ... and their look-alikes that do project
LOOK_ALIKES = [
    ("Sales may be higher next year.", [{"hedge": "possible", "horizon": "2026"}]),
    ("The deal could be worth $5 billion.", [{"hedge": "possible", "value": "$5 billion"}]),
    ("The company may have to cut 500 jobs.", [{"hedge": "possible"}]),
    ("We may add 500 jobs in Ohio.", [{"hedge": "possible"}]),
    ("Should prices fall, the company will cut output.", [{"hedge": "certain"}]),
    ("Our 2026 outlook calls for revenue of $30 billion.", [{"value": "$30 billion"}]),
    ("We should see growth of 5% next year.", [{"hedge": "probable", "value": "5%"}]),  # not advice
    ("We should deliver 50 jets in 2027.", [{"value": "50 jets", "horizon": "2027"}]),
    ("The deal should close in June.", [{"hedge": "probable", "horizon": "2026-06"}]),
]


@pytest.mark.parametrize("text", NON_PROJECTIONS)
def test_boilerplate_questions_call_talk_and_present_are_not_projections(nlp, text):
    check(nlp, text, [])


@pytest.mark.parametrize("text,expected", LOOK_ALIKES)
def test_look_alikes_of_non_projections_still_project(nlp, text, expected):
    check(nlp, text, expected)


# --- speakers: reported speech, according to, quotes ------------------------------------------
SPEAKERS = [
    # the tagger reads the surname as an adverb, or "plans" as a noun: the name is still the speaker
    ("As a result, Mulally plans to revive the Taurus.",
     [{"speaker": "Mulally", "subject_resolved": "Mulally"}]),
    ("As a result, Mulally plans on reviving the Taurus.",
     [{"speaker": "Mulally", "subject_resolved": "Mulally"}]),
    ("Kestrel Air issued a statement saying the plant will close in 2027.",  # who issued it
     [{"speaker": "Kestrel Air", "horizon": "2027"}]),
    ("Sam Altman said the company will build data centres worth $1.4 trillion over the next eight years.",
     [{"speaker": "Sam Altman", "value": "$1.4 trillion", "amount": 1.4e12, "hedge": "certain"}]),
    ("Sam Altman said OpenAI will spend $1 billion on chips over the next eight years.",
     [{"speaker": "Sam Altman", "value": "$1 billion", "horizon_text_has": "next eight years",
       "horizon": "P8Y"}]),
    ("Acme said on Wednesday that it will open the plant in 2027.",
     [{"speaker": "Acme", "horizon": "2027"}]),
    ("Jane Smith, the chief financial officer, said Acme will raise prices next year.",
     [{"speaker": "Jane Smith", "horizon": "2026", "hedge": "certain"}]),
    ("The company will cut 2,000 jobs by March, chief executive Tom Brown said.",
     [{"speaker": "Tom Brown", "horizon": "2026-03"}]),
    ("Nike said on Thursday it will cut 1,000 jobs next year.",
     [{"speaker": "Nike", "horizon": "2026"}]),
    ("Acme will cut jobs next year, a spokesperson said.",
     [{"speaker_has": "spokesperson", "horizon": "2026"}]),
    ("According to Maria Garcia, the bank will open 50 branches next year.",
     [{"speaker": "Maria Garcia", "horizon": "2026", "hedge": "certain"}]),
    ("The airline will return to profit in 2026, according to John Park.",
     [{"speaker": "John Park", "horizon": "2026"}]),
    ("According to David Chen, revenue could reach $2 billion by 2028.",
     [{"speaker": "David Chen", "hedge": "possible", "value": "$2 billion", "horizon": "2028"}]),
    ("“We will open three new plants by 2028,” said Jane Doe.",
     [{"speaker": "Jane Doe", "horizon": "2028", "hedge": "certain"}]),
    ("“We expect margins to improve next year,” Jane Doe, the chief executive, told reporters.",
     [{"speaker": "Jane Doe", "horizon": "2026", "hedge": "probable"}]),
    ("“Revenue could reach $1 billion in 2027,” said Omar Haddad.",
     [{"speaker": "Omar Haddad", "hedge": "possible", "value": "$1 billion", "horizon": "2027"}]),
    ("“We're going to hire 500 engineers next year,” Priya Nair said.",
     [{"speaker": "Priya Nair", "horizon": "2026", "hedge": "certain"}]),
    ("Lisa Wong spoke to investors on Tuesday. “We will hire 500 engineers next year,” she said.",
     [{"speaker_name": "Lisa Wong", "horizon": "2026"}]),
    ("Tim Cook told analysts that Apple expects revenue of $140 billion next quarter.",
     [{"speaker": "Tim Cook", "value": "$140 billion", "horizon": "2026-Q1"}]),
]


@pytest.mark.parametrize("text,expected", SPEAKERS)
def test_speaker_is_reporting_subject_or_attribution(nlp, text, expected):
    check(nlp, text, expected)


# --- subject resolution ------------------------------------------------------------------------
SUBJECTS = [
    # the model tags no ORG for Nestlé or Pfizer here: the nearest unlabelled proper name stands in
    ("Nestlé reported higher sales on Tuesday. The company expects revenue of $100 billion next year.",
     [{"subject_resolved": "Nestlé", "value": "$100 billion", "horizon": "2026"}]),
    ("Maria Lopez spoke on Tuesday. The company will cut 300 jobs in 2026.",  # a person is no company
     [{"subject_resolved": None}]),
    ("Siemens posted a profit in the third quarter. The group will cut 5,000 jobs by 2027.",
     [{"subject_resolved": "Siemens", "horizon": "2027"}]),
    ("Ford sold 10,000 trucks in October. The automaker plans to spend $2 billion next year.",
     [{"subject_resolved": "Ford", "value": "$2 billion", "horizon": "2026"}]),
    ("Shares of Pfizer rose on Monday. The drugmaker will launch two vaccines in 2026.",
     [{"subject_resolved": "Pfizer", "horizon": "2026"}]),
    ("Airbus delivered 60 jets in October. The company will deliver 820 aircraft next year.",
     [{"subject_resolved": "Airbus", "horizon": "2026"}]),
    xf("Barclays reported a loss on Wednesday. The bank will pay $1 billion in dividends next year.",
     [{"subject_resolved": "Barclays", "value": "$1 billion", "horizon": "2026"}],
       "'The bank' not resolved to Barclays (no ORG entity for Barclays from the model)"),
]


@pytest.mark.parametrize("text,expected", SUBJECTS)
def test_generic_subject_resolves_to_named_company(nlp, text, expected):
    check(nlp, text, expected)


# --- several projections in one sentence -------------------------------------------------------
MULTI = [
    ("The company expects to reach $20 billion in annualized revenue by year-end and hundreds of "
     "billions by 2030.",
     [{"value": "$20 billion", "horizon": "2025"}, {"horizon": "2030"}]),
    ("Acme will spend $1 billion next year and $3 billion by 2028.",
     [{"value": "$1 billion", "horizon": "2026"}, {"value": "$3 billion", "horizon": "2028"}]),
    ("The utility plans to add 2 gigawatts of capacity by 2027 and another 5 gigawatts by 2032.",
     [{"horizon": "2027", "value": "2 gigawatts"}, {"horizon": "2032", "value": "5 gigawatts"}]),
    ("Output will rise 3% in 2026 and 5% in 2027.",
     [{"horizon": "2026", "amount": 3.0, "unit": "percent"}, {"horizon": "2027", "amount": 5.0}]),
    ("The chain will hire 500 workers at 3 new stores next year.",  # one date: one statement
     [{"horizon": "2026", "value": "500 workers"}]),
    ("Revenue will reach $5 billion in 2026 and $8 billion in 2027, the company said.",
     [{"value": "$5 billion", "horizon": "2026"}, {"value": "$8 billion", "horizon": "2027"}]),
    ("Microsoft will invest $10 billion in Portugal next year, while Google plans to spend $5 billion "
     "in Belgium by 2028.",
     [{"value": "$10 billion", "horizon": "2026", "hedge": "certain"},
      {"value": "$5 billion", "horizon": "2028", "speaker": "Google", "hedge": "certain"}]),
    ("Lyft expects bookings of $4 billion next quarter and $18 billion in fiscal 2027.",
     [{"value": "$4 billion", "horizon": "2026-Q1"}, {"value": "$18 billion", "horizon": "FY2027"}]),
]


@pytest.mark.parametrize("text,expected", MULTI)
def test_several_projections_in_one_sentence_each_with_own_value_and_horizon(nlp, text, expected):
    check(nlp, text, expected)


# --- TIMEX3 horizons relative to the article date ----------------------------------------------
HORIZONS = [
    ("Acme will double its sales by 2030.", "2030"),
    ("Acme will double its sales next year.", "2026"),
    ("Acme will double its sales next quarter.", "2026-Q1"),
    ("Acme will double its sales by year-end.", "2025"),
    ("Acme will double its sales in the second half of next year.", "2026-H2"),
    ("Acme will double its sales in fiscal 2027.", "FY2027"),
    ("Acme will double its sales next month.", "2025-12"),
    ("Acme will double its sales in 2028.", "2028"),
    ("Acme will double its sales by the end of next year.", "2026"),
    ("Acme will double its sales in the first quarter of next year.", "2026-Q1"),
    ("Acme will announce the results tomorrow.", "2025-11-22"),
    ("Acme will announce the results on Monday.", "2025-11-24"),
    ("Acme will announce the results in December.", "2025-12"),
    ("Acme will announce the results next week.", "2025-W48"),
    ("Acme will double its sales in the first half of 2027.", "2027-H1"),
]


@pytest.mark.parametrize("text,timex", HORIZONS)
def test_horizon_timex_relative_to_article_date(nlp, text, timex):
    check(nlp, text, [{"horizon": timex}])


OTHER_DATE = [
    ("Acme will open a plant next quarter.", "2024-06-01", "2024-Q3"),
    ("Acme will open a plant next year.", "2024-06-01", "2025"),
    ("Acme will open a plant by year-end.", "2024-06-01", "2024"),
    ("Acme will open a plant in the second half of next year.", "2023-02-10", "2024-H2"),
]


@pytest.mark.parametrize("text,date,timex", OTHER_DATE)
def test_horizon_follows_a_different_article_date(nlp, text, date, timex):
    check(nlp, text, [{"horizon": timex}], date=date)


# --- earnings-call style -----------------------------------------------------------------------
EARNINGS_CALL = [
    ("For next quarter, we expect revenue of $8.5 billion.",
     [{"speaker": "we", "value": "$8.5 billion", "horizon": "2026-Q1", "hedge": "probable"}]),
    ("We anticipate capital expenditures of approximately $40 billion in fiscal 2027.",
     [{"speaker": "We", "amount": 40e9, "horizon": "FY2027", "hedge": "probable"}]),
    ("We continue to expect full-year revenue of $12 billion.",
     [{"speaker": "We", "value": "$12 billion", "hedge": "probable"}]),
    ("Our guidance for fiscal 2026 assumes revenue of $30 billion.",
     [{"value": "$30 billion", "horizon": "FY2026"}]),
    ("We will launch the new platform in the second half of next year.",
     [{"horizon": "2026-H2", "hedge": "certain"}]),
    ("We're going to keep investing in data centres through next year.",
     [{"hedge": "certain", "horizon": "2026"}]),
    ("We don't expect any material change in pricing next quarter.",
     [{"negated": True, "horizon": "2026-Q1"}]),
    ("We may see some pressure on margins next quarter.",
     [{"hedge": "possible", "horizon": "2026-Q1"}]),
]


@pytest.mark.parametrize("text,expected", EARNINGS_CALL)
def test_earnings_call_style_projections(nlp, text, expected):
    check(nlp, text, expected)


# --- business-news style -----------------------------------------------------------------------
BUSINESS_NEWS = [
    ("Acme's shares rose on expectations that the company will raise its dividend next year.",
     [{"horizon": "2026"}]),
    ("Tesla expects to start production of the Semi in the second half of next year, "
     "chief executive Elon Musk said on Wednesday.",
     [{"speaker": "Elon Musk", "horizon": "2026-H2", "hedge": "probable"}]),
    ("The European Commission forecasts that the bloc's economy will grow 1.4% next year.",
     [{"speaker_has": "European Commission", "horizon": "2026", "hedge": "probable"}]),
    ("Foxconn plans to build a $1 billion plant in Wisconsin by 2027, the company said in a statement.",
     [{"value": "$1 billion", "horizon": "2027", "hedge": "certain"}]),
    ("Amazon is likely to announce more job cuts in the coming months, people familiar with the matter said.",
     [{"hedge": "probable", "horizon_text_has": "coming months"}]),
]


@pytest.mark.parametrize("text,expected", BUSINESS_NEWS)
def test_business_news_style_projections(nlp, text, expected):
    check(nlp, text, expected)


# --- reported speech: "said it would" is the "will" of the report --------------------------------
REPORTED_WOULD = [
    ("Microsoft said on Wednesday it would cut 10,000 jobs by the end of March.",
     [{"cue": "would", "speaker": "Microsoft", "horizon": "2026-03", "hedge": "certain",
       "value": "10,000 jobs", "amount": 10000.0, "unit": "jobs"}]),
    ("Volkswagen announced that it would close three plants in Germany.",
     [{"cue": "would", "speaker": "Volkswagen", "unit": "plants", "amount": 3.0}]),
    ("The minister said the tax would not rise.", [{"cue": "would", "negated": True}]),
    ("Analysts said the merger would probably be approved next year.",
     [{"cue": "would", "hedge": "probable", "horizon": "2026"}]),
    ("The company said it would invest $5 billion in new factories.",
     [{"cue": "would", "value": "$5 billion", "speaker": "The company"}]),
    ("I would say the market is quite strong.", []),
    ("He said the deal would have collapsed without the loan.", []),
    ("She said that she would like to thank everyone.", []),
    ("He said he would rather not comment.", []),
    ("If prices fell, he would cut output.", []),
]


@pytest.mark.parametrize("text,expected", REPORTED_WOULD)
def test_reported_would_is_a_projection_of_the_reporter(nlp, text, expected):
    check(nlp, text, expected)


# --- percentages and counted quantities as values ----------------------------------------------
FIGURES = [
    ("Tesla said sales would rise 20% next year.",
     [{"value": "20%", "amount": 20.0, "unit": "percent", "metric": "sales", "horizon": "2026"}]),
    ("Apple's revenue will grow 5 percent next year, the company said.",
     [{"value": "5 percent", "amount": 5.0, "unit": "percent", "metric": "revenue"}]),
    ("The bank expects inflation to fall to about 2.5 per cent in 2026.",
     [{"value": "about 2.5 per cent", "amount": 2.5, "unit": "percent", "qualifier": "about",
       "metric": "inflation", "horizon": "2026"}]),
    ("Unemployment is likely to rise to between 4% and 4.5% next year.",
     [{"value": "between 4% and 4.5%", "amount": None, "low": 4.0, "high": 4.5, "unit": "percent"}]),
    ("We expect gross margins to expand by 50 to 100 basis points next year.",
     [{"low": 50.0, "high": 100.0, "unit": "basis point", "metric": "gross margins"}]),
    ("The company expects to hire 500 workers by 2027.",
     [{"value": "500 workers", "amount": 500.0, "unit": "workers", "horizon": "2027"}]),
    ("Airbus will deliver more than 800 aircraft next year.",
     [{"value": "more than 800 aircraft", "amount": 800.0, "low": 800.0, "qualifier": "more than",
       "unit": "aircraft"}]),
    ("The utility plans to add 2 gigawatts of capacity by 2027.",
     [{"value": "2 gigawatts", "unit": "gigawatts", "horizon": "2027"}]),
    ("The chain will open 30 to 40 stores in 2026.",
     [{"value": "30 to 40 stores", "low": 30.0, "high": 40.0, "unit": "stores"}]),
    ("The retailer will spend $2 billion to open 300 stores.",
     [{"value": "$2 billion", "currency": "USD"}]),  # money wins over a count in the same clause
    ("I'm not guiding to 60.", [{"value": None}]),  # a bare number has no unit: no figure
    ("Acme will open a plant in 2027.", [{"value": None, "horizon": "2027"}]),  # a year is a date
]


@pytest.mark.parametrize("text,expected", FIGURES)
def test_percentages_and_quantities_are_projection_values(nlp, text, expected):
    check(nlp, text, expected)


# --- a date already over times the report, not the projection -----------------------------------
REPORT_DATES = [
    ("Shell said last week it would sell its stake in 2026.", [{"horizon": "2026"}]),
    ("Shell said last week it would sell its stake.", [{"horizon": None}]),
    ("In October, Ford said it will build a plant in Texas.", [{"horizon": None}]),
    ("Ford will build the plant this year.", [{"horizon": "2025"}]),  # still running: a horizon
    ("Despite recent turbulence the economy will recover.", [{"horizon": None}]),  # the past never
    ("The deal will secure the future of the plant.", [{"horizon": None}]),  # its prospects, not a time
]


@pytest.mark.parametrize("text,expected", REPORT_DATES)
def test_dates_already_over_are_not_horizons(nlp, text, expected):
    check(nlp, text, expected)


# --- asked, described or unable: not asserted about the future ----------------------------------
NOT_ASSERTED = [
    ("We don't know whether prices will rise.", []),
    ("Investors asked if the company will pay a dividend.", []),
    ("Readers can judge for themselves whether the chain will expand.", []),
    ("The request could not be granted under this year's rules.", []),
    ("Slides are posted online for any reader who might want a copy.", []),
    ("If demand holds, the company will hire 200 people.", [{"amount": 200.0}]),  # a conditional claim
    ("Sales could not recover until 2027, the minister warned.", [{"horizon": "2027"}]),
    ("Projects that could generate $5 billion are on hold.", [{"value": "$5 billion"}]),
]


@pytest.mark.parametrize("text,expected", NOT_ASSERTED)
def test_questions_descriptions_and_inabilities_are_not_projections(nlp, text, expected):
    check(nlp, text, expected)


# --- a stretch of time ahead bounds a statement that names no date (TIMEX3 durations) ------------
DURATIONS = [
    ("The firm will hire 500 staff within two years.", [{"horizon_text_has": "two years", "horizon": "P2Y"}]),
    ("Prices will rise in the next few months.", [{"horizon": "PXM"}]),  # no count: X, never a guess
    ("The company will double sales over the next three quarters.", [{"horizon": "P9M"}]),
    ("The plant will open in a year.", [{"horizon": "P1Y"}]),
    ("The plant will open in years.", [{"horizon": None}]),
    ("The plant will open next year, not in the next two years.", [{"horizon": "2026"}]),  # a date wins
]


@pytest.mark.parametrize("text,expected", DURATIONS)
def test_durations_ahead_are_horizons_when_no_date_is_given(nlp, text, expected):
    check(nlp, text, expected)


# --- present states, negative likelihood, targets as noun modifiers ------------------------------
MORE_CASES = [
    ("Its clerks may now also handle passport renewals.", []),  # "may now": a present state
    ("The bank may now raise rates next year.", [{"hedge": "possible", "horizon": "2026"}]),
    ("The cartel is unlikely to raise its output quotas next year.",
     [{"cue": "unlikely", "negated": True, "hedge": "probable", "horizon": "2026"}]),
    ("Core prices sit inside the central bank's 1-3% target band.",
     [{"cue": "target", "low": 1.0, "high": 3.0, "unit": "percent", "text_has": "target band"}]),
]


@pytest.mark.parametrize("text,expected", MORE_CASES)
def test_present_states_unlikely_and_target_phrases(nlp, text, expected):
    check(nlp, text, expected)


NOT_PROJECTED_PHRASES = [
    ("The takeover has long been expected by traders.", []),  # nothing left to project
    ("Its future headquarters is a listed building.", []),  # a bare "future" noun phrase states nothing
    ("The firm bought land for a future plant that will cost $2 billion.", [{"value": "$2 billion"}]),
    ("Revenue is expected at $5 billion.", [{"value": "$5 billion"}]),
]


@pytest.mark.parametrize("text,expected", NOT_PROJECTED_PHRASES)
def test_bare_future_phrases_and_fulfilled_expectations_are_not_projections(nlp, text, expected):
    check(nlp, text, expected)


# --- issue 9: detection -------------------------------------------------------------------------
# headlines, "is to", "is due to", "is set to", "is scheduled to", plans/intends/aims to, announced
# schedules, conditional commitments, future events in relative clauses
DETECTION = [
    ("Siemens to cut 2,000 jobs\n\nSiemens said on Monday it would cut 2,000 jobs by 2027.",
     [{"text": "Siemens to cut 2,000 jobs", "value": "2,000 jobs", "speaker": None, "horizon": "2027",
       "subject_resolved": "Siemens"},
      {"cue": "would", "speaker": "Siemens", "horizon": "2027", "hedge": "certain"}]),
    ("Ford recalling 40,000 cars by March\n\nThe carmaker said the recall would cost $200 million.",
     [{"text_has": "recalling 40,000 cars", "horizon": "2026-03", "speaker": None},
      {"value": "$200 million", "speaker": "Ford", "subject_resolved": "Ford"}]),
    ("Barclays is to open 30 branches next year.",
     [{"value": "30 branches", "horizon": "2026", "hedge": "certain"}]),
    ("The new terminal is due to open in May.", [{"cue": "due", "horizon": "2026-05", "hedge": "certain"}]),
    ("Deliveries of the jet are set to begin in 2027.", [{"cue": "set", "horizon": "2027"}]),
    ("The merger is scheduled to close in the first quarter.", [{"horizon": "2026-Q1", "hedge": "certain"}]),
    ("Pfizer intends to build a vaccine plant in Ohio.", [{"speaker": "Pfizer", "hedge": "certain"}]),
    ("Deliveries begin in 2027.", [{"horizon": "2027"}]),  # an announced schedule
    ("The slump will continue for the time being.", [{"cue": "will"}]),
    ("The plan is likely to give creditors shares worth about 5.7% of their debts.",
     [{"cue": "likely", "hedge": "probable", "value": "about 5.7%"}]),
    ('A spokesman said the plant is still "likely" to close.', [{"cue": "likely", "hedge": "probable"}]),
    ("Deliveries to the launch customer are not due until October - two years late.",
     [{"cue": "due", "horizon": "2026-10"}]),
    ("If regulators approve the deal by June, Siemens will pay $4 billion for the unit.",
     [{"text_has": "If regulators approve the deal", "value": "$4 billion", "subject_resolved": "Siemens"}]),
    ("The plant, which will open in 2027, will employ 800 people.",
     [{"text_has": "The plant, which will open in 2027, will employ", "value": "800 people", "horizon": None},
      {"text": "which will open in 2027", "horizon": "2027"}]),
    ("Boeing has agreed to buy 60 engines in a deal worth $7 billion.",
     [{"cue": "agreed", "value": "$7 billion", "hedge": "certain"}]),
    ("The White House is considering a rescue plan for the carmakers.",
     [{"cue": "considering", "hedge": "possible"}]),
    ("Lyft is in talks to buy a rival.", [{"cue": "talks", "hedge": "possible"}]),
    ("Dimension Data has no plans to move its call centres.", [{"cue": "plans", "negated": True}]),
    ("Kestrel showed its new jet, to be delivered in mid-2027, on Monday.",  # an infinitival relative
     [{"text_has": "to be delivered in mid-2027", "horizon": "2027", "hedge": "certain"}]),
]


@pytest.mark.parametrize("text,expected", DETECTION)
def test_headlines_schedules_intentions_conditions_and_relative_clauses_project(nlp, text, expected):
    check(nlp, text, expected)


# not projections: past figures and settled expectations, rhetorical futures, talk about the text
# itself, generic truths
NOT_CLAIMS = [
    ("Boeing had expected to sell 50 jets last year.", []),
    ("The launch was expected to happen in 2024.", []),
    ("The group set a target previously set at $500 million.", []),
    ("Airbus had hoped to have its jet ready for 2012.", []),
    ("Sales rose as previously hoped.", []),
    ("If the sale had gone through last year, the jets would have been delivered by 2011.", []),
    ("This will go down in history as a great day for the company.", []),
    ("Either way, it's going to be fascinating to watch.", []),
    ("I will miss him immensely.", []),
    ("The years ahead are going to be very exciting times for us.", []),
    ("In this article we will look at how airlines price tickets.", []),
    ("Prices will always rise when supply falls.", []),
    ("These days, buyers will have to pay almost £11,500 for a new Mini.", []),  # a present period
    ("Nowadays a ticket will cost you $40.", []),
    ("It is not yet clear how many people will want to do this.", []),
    ("Part of the failure was due to disagreements over costs.", []),
    ("He tried to sell the unit in 2019.", []),
    ("Boeing said Airbus tried to overturn the orders.", []),  # a reported attempt is still made
    ("Electrolux did not say which plants would close.", []),  # an embedded question
    ("Claims that cheap imports are to blame are wrong, the union says.", []),  # "be to": an idiom
    ("Maybe we should sleep on it, the minister said.", []),  # advice, not a forecast
    ("We want to know what happened, the airline said.", []),  # a wish to know, not a plan
    ("I want to thank our staff.", []),
    ("Shoppers should try again tomorrow, the retailer said.", []),
]


@pytest.mark.parametrize("text,expected", NOT_CLAIMS)
def test_settled_rhetorical_textual_and_generic_futures_are_not_projections(nlp, text, expected):
    check(nlp, text, expected)


# --- issue 9: one item per claim -----------------------------------------------------------------
ONE_PER_CLAIM = [
    ("Tokyo Electric will invest ¥1.5tn ($10bn) in new lines by 2030.",  # a figure and its conversion
     [{"value": "¥1.5tn", "alternatives": ["$10bn"], "horizon": "2030"}]),
    ("Shell will invest $2bn, or about £1.6bn, in the field by 2027.",
     [{"value": "$2bn", "alternatives": ["about £1.6bn"], "horizon": "2027"}]),
    ("A bid at that price would value the brewer at A$3.1bn ($2.4bn; £1.25bn).",  # two conversions
     [{"value": "A$3.1bn", "alternatives": ["$2.4bn", "£1.25bn"]}]),
    ("Intel expects sales of $10-12 billion next year.",  # a range
     [{"low": 10e9, "high": 12e9, "horizon": "2026"}]),
    ("Ford will cut 3,000 jobs and close 14 plants by 2027.",  # separately checkable: two
     [{"value": "3,000 jobs", "horizon": "2027"}, {"value": "14 plants", "horizon": "2027"}]),
    ("Canadian operations would fold if they do not receive $2 billion in aid, the chief executive said.",
     [{"value": None}]),  # a figure in the condition is not what is projected
    ("The SGD1.75-billion terminal will open its doors in January.", [{"value": None, "horizon": "2026-01"}]),
]


@pytest.mark.parametrize("text,expected", ONE_PER_CLAIM)
def test_one_projection_per_claim_with_conversions_ranges_and_conditions(nlp, text, expected):
    check(nlp, text, expected)


# --- issue 9: the right figure and horizon ---------------------------------------------------------
FIGURES_AND_HORIZONS = [
    ("Siemens expects to grow its workforce to 60,000 next year.", [{"amount": 60000.0, "horizon": "2026"}]),
    ("Boeing will appoint three directors and the government will appoint six.",
     [{"value": "three directors"}, {"amount": 6.0}]),
    ("Sales were $3bn last year and Apple expects $4bn this year.",  # last year's actual is no projection
     [{"value": "$4bn", "horizon": "2025", "speaker": "Apple"}]),
    ("Apple will double its dividend in fiscal 2026.",
     [{"horizon": "FY2026", "horizon_start": "2025-02-01", "horizon_end": "2026-12-31"}]),
    ("Nike expects revenue of $4bn by the end of the decade.",
     [{"horizon": "202", "horizon_start": "2020-01-01", "horizon_end": "2029-12-31"}]),
    ("Nike expects revenue of $4bn over the next three years.",
     [{"horizon": "P3Y", "horizon_start": "2025-11-21", "horizon_end": "2028-11-21"}]),
    ("Russia's exchanges will reopen on Tuesday morning.",  # a day at the finest
     [{"horizon": "2025-11-25"}]),
    ("The bankruptcy should take a couple of months.", [{"horizon": "P2M"}]),
    ("Going forward, the industry will be smaller.", [{"horizon": "FUTURE_REF"}]),
    ("Japan may be entering its deepest recession in a decade.", [{"horizon": None}]),  # looking back
    ("Margins will recover in the long run, the bank said.", [{"horizon": "FUTURE_REF"}]),
    ("According to Lee future Vesta cars will be electric.", [{"horizon": "FUTURE_REF"}]),
    ("The chain will keep closing stores for the remainder of the year.", [{"horizon": "2025"}]),
    ("We recognize in the short term we will lose some sales.", [{"horizon": "FUTURE_REF"}]),
    ("He said on Monday the bank will cut jobs.", [{"horizon": None}]),  # the saying's own day
    ("Acme will repay its notes due 2030 on March 30.", [{"horizon": "2026-03-30"}]),  # a maturity
    ("The reforms should cut licensing requirements by 65 to\n70 pct.", [{"low": 65.0, "high": 70.0}]),
    ("The shock is likely to ease over the coming weeks.", [{"horizon": "PXW"}]),  # some weeks, not one
    ("The talks are expected to last for\nseveral days.", [{"horizon": "PXD"}]),
    ("The country will import 250,000 bags of cement by the end of the\nmonth, the minister said.",
     [{"value": "250,000 bags", "horizon": "2025-11"}]),  # a hard-wrapped line
    ("It will be 20% more efficient than the aircraft in service today.", [{"horizon": None}]),
    # a horizon stated for the same claim elsewhere in the article (headline and body)
    ("Ford Motor Company cutting 30,000 jobs by 2028\n\nFord will cut 30,000 jobs and 14 plants, it said.",
     [{"horizon": "2028"}, {"value": "30,000 jobs", "horizon": "2028"},
      {"value": "14 plants", "horizon": "2028"}]),
]


@pytest.mark.parametrize("text,expected", FIGURES_AND_HORIZONS)
def test_the_figure_and_horizon_of_the_claim_itself(nlp, text, expected):
    check(nlp, text, expected)


# --- issue 9: the entity the claim is about --------------------------------------------------------
ABOUT = [
    ("Ford sold 2m cars last year. The carmaker will open a plant in Texas in 2027.",
     [{"subject_resolved": "Ford", "subject_label": "ORG", "grammatical_subject": "The carmaker"}]),
    ("Toyota posted a loss. It will cut 500 jobs next year.", [{"subject_resolved": "Toyota"}]),
    ("Ford and Toyota posted losses. They will merge their truck units next year.",
     [{"subject_resolved": "Ford"}]),
    ("Umbro announced that its shirt deal with Chelsea had ended. Its shares rose 2% in London. "
     "Chief executive Peter Hale said the firm plans to grow sales abroad.",  # the organisation followed
     [{"subject_resolved": "Umbro", "speaker": "Peter Hale"}]),
    ("Medical Imaging Centers of\nAmerica Inc said it will open three clinics next year.",  # wrapped
     [{"subject_resolved": "Medical Imaging Centers of America Inc",
       "speaker_name": "Medical Imaging Centers of America Inc"}]),
    ("Airbus's delivery schedule will slip to 2027.", [{"subject_resolved": "Airbus"}]),
    ("Airbus unveiled the A350 jet in Paris. The new aircraft will enter service in 2027.",
     [{"subject_resolved": "A350"}]),
    ("The Boeing 787 Dreamliner made its first flight. Sales will top 500 units by 2030.",
     [{"subject_resolved": "Boeing 787 Dreamliner"}]),  # the article's topic
    ("Apple unveiled a phone on Monday. Apple has plans to open stores in India next year.",
     [{"subject_resolved": "Apple", "hedge": "certain"}]),
    ("Japan's exports fell. The downtrend in the economy will continue next year.",
     [{"subject_resolved": "Japan"}]),
    ("Lena Park, the chief executive of Ford, spoke on Monday. She expects sales to fall next year.",
     [{"speaker": "Lena Park", "speaker_title": "chief executive", "speaker_org": "Ford",
       "subject_resolved": "Ford"}]),
    ("Boeing's Launch Systems unit will bid for the contract next year.", [{"subject_resolved": "Boeing"}]),
    ("GM said it had submitted a plan which would close five plants.", [{"subject_resolved": "GM"}]),
    # an article about a country that names a bank once: the tax is about the country, and "the US
    # dollar" names a currency, not the United States
    ("Cuba bans the US dollar\n\nCuba will tax the US dollar. Cuba says the tax is needed, and Cuba's "
     "leaders agree. Cuba's tourists pay in euros in Cuba, says Lena Park of Barclays Capital. "
     "Cuba's economy is weak. The tax will hit families hardest.",
     [{"subject_resolved": "Cuba"}, {"subject_resolved": "Cuba"}]),
]


@pytest.mark.parametrize("text,expected", ABOUT)
def test_subject_is_the_entity_the_claim_is_about(nlp, text, expected):
    check(nlp, text, expected)


# --- issue 9: speakers -----------------------------------------------------------------------------
WHO = [
    ("Siemens intends to buy 40 turbines by 2028.", [{"speaker": "Siemens", "hedge": "certain"}]),
    ("The utility expects demand to rise 5% next year.", [{"speaker": "The utility", "value": "5%"}]),
    # the model tags "figures" as the clause's subject: the reporting verb still names the speaker
    ("Finance chief Dana Ruiz figures revenue will be closer to $2bn in three years.",
     [{"speaker": "Dana Ruiz", "speaker_title": "Finance chief", "value": "$2bn", "horizon": "P3Y"}]),
    ("Dana Ruiz, the finance chief of Siemens, spoke in May. Ms Ruiz said profit would double by 2027.",
     [{"speaker_name": "Dana Ruiz", "speaker_title": "finance chief", "speaker_org": "Siemens"}]),
    ("Dana Ruiz is the finance chief of Siemens. The company's finance chief expects profit to double "
     "by 2027.",
     [{"speaker": "Dana Ruiz", "speaker_org": "Siemens"}]),
    ("Tom Hale spoke on Tuesday. He said output would rise 10% next year.",
     [{"speaker": "Tom Hale", "speaker_name": "Tom Hale"}]),  # a pronoun is never the speaker's name
    ("Tom Hale, who runs the plant, said output would rise 10% next year.", [{"speaker": "Tom Hale"}]),
    ("“We will hire 300 people next year,” said Tom Hale.",
     [{"speaker": "Tom Hale", "grammatical_subject": "We"}]),
    ("Toyota reported results. It said it would cut 500 jobs.",
     [{"speaker": "Toyota", "speaker_name": "Toyota"}]),
    ("A statement by spokesman Tom Hale said the firm will appeal the ruling next month.",
     [{"speaker": "Tom Hale", "horizon": "2025-12"}]),
    ("According to Tom Hale, the injection will secure the plant for the long term.",
     [{"speaker": "Tom Hale"}]),
    ("This switch, he said, would happen next year.", [{"speaker": "he", "horizon": "2026"}]),
    ("Toyota said it would cut 500 jobs. Two plants would also close.",
     [{"speaker": "Toyota"}, {"speaker": "Toyota"}]),  # a "would" going on with the report
    ("No one is predicting bank failures next year.", [{"speaker": None, "negated": False}]),
]


@pytest.mark.parametrize("text,expected", WHO)
def test_speaker_is_who_projects_it_with_pronouns_titles_and_surnames_resolved(nlp, text, expected):
    check(nlp, text, expected)
