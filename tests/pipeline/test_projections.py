import pytest

BASE = "2025-11-21"


def projections(nlp, text, date=BASE):
    import claimx

    return claimx.extract(text, date=date, nlp=nlp).projections


# (sentence, [(value text, horizon value, speaker text, hedge)])
CASES = [
    ("The company will hit $20 billion in revenue by 2030.", [("$20 billion", "2030", None, "certain")]),
    ("Acme expects sales of $5 billion next year.", [("$5 billion", "2026", "Acme", "probable")]),
    ("The firm could potentially earn $3 million by 2027.", [("$3 million", "2027", None, "possible")]),
    ("Jane Doe said the bank will earn $2 billion by 2028.", [("$2 billion", "2028", "Jane Doe", "certain")]),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", CASES)
def test_projection_value_horizon_speaker_hedge(nlp, text, expected):
    got = [(p.value.text if p.value else None, p.horizon.value if p.horizon else None,
            p.speaker.text if p.speaker else None, p.hedge) for p in projections(nlp, text)]
    assert got == expected


@pytest.mark.slow
def test_two_figures_two_horizons_in_one_sentence(nlp):
    got = projections(nlp, "Smith predicted the group will reach $1 billion by 2026 and $4 billion by 2030.")
    assert [(p.value.text, p.horizon.value) for p in got] == [("$1 billion", "2026"), ("$4 billion", "2030")]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Sales rose 5% last year to $3 billion.",
    "The company had expected a loss in 2019.",
    "Revenue was $10 million in the quarter.",
])
def test_reported_past_facts_are_not_projections(nlp, text):
    assert projections(nlp, text) == []


@pytest.mark.slow
def test_negated_projection(nlp):
    (p,) = projections(nlp, "The bank will not pay a dividend next year.")
    assert p.negated is True


@pytest.mark.slow
def test_generic_subject_resolves_to_last_organisation(nlp):
    got = projections(nlp, "Nvidia reported results. The company will open a plant in Texas next year.")
    assert got and got[-1].subject is not None and got[-1].subject_resolved == "Nvidia"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Will the company raise its dividend next year?",
    "When do you expect the plant to open?",
    "I will now turn the call over to our chief financial officer.",
    "We'll take your questions now.",
    "These statements involve risks that could cause actual results to differ materially.",
    "If I could just add one point on pricing.",
    "You may begin.",
    "We should have seen that coming.",
    "It took longer than we would have anticipated.",
    "The planned merger collapsed in May.",
    "The so-called outlook section was short, if you will.",
])
def test_non_projections(nlp, text):
    assert projections(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text,cue,hedge", [
    ("Joblessness is likely to climb during the winter.", "likely", "probable"),
    ("Prices may rise again in 2026.", "may", "possible"),
    ("In 2027, the company is positioned to double its capacity.", "2027", "certain"),
    ("We are going to open ten stores in Ohio.", "going", "certain"),
    ("The airline plans to cut 2,000 jobs.", "plans", "certain"),
    ("Analysts forecast a recession in 2026.", "forecast", "probable"),
])
def test_forward_looking_cues(nlp, text, cue, hedge):
    got = projections(nlp, text)
    assert got, f"no projection in {text!r}"
    assert (got[0].cue.text, got[0].hedge) == (cue, hedge)


@pytest.mark.slow
def test_projection_speaker_carries_role_and_resolved_pronoun(nlp):
    (p,) = projections(nlp, "Microsoft CEO Jane Doe said the bank will earn $2 billion by 2028.")
    assert (p.speaker.text, p.speaker.title, p.speaker.organisation) == ("Jane Doe", "CEO", "Microsoft")
    got = projections(nlp, "Lisa Wong spoke on Tuesday. She said the bank will earn $2 billion by 2028.")
    # the pronoun is resolved: the speaker is the mention of the person it stands for
    assert [(q.speaker.text, q.speaker.name) for q in got] == [("Lisa Wong", "Lisa Wong")]
