"""Golden test: the seed article (samples/openai-foxconn.txt, dated 2025-11-21) comes out right."""

import pytest

pytestmark = pytest.mark.slow


def at(text, needle, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def covering(items, span):
    return [x for x in items if x.start_char < span[1] and span[0] < x.end_char]


def test_every_item_text_matches_its_offsets(seed, seed_text):
    for key in ("entities", "money", "locations", "dates", "projections", "quotes"):
        for item in getattr(seed, key):
            assert seed_text[item.start_char:item.end_char] == item.text


def test_money_figures(seed, seed_text):
    got = [(m.text, m.value, m.low, m.high) for m in seed.money]
    assert got == [
        ("$20 billion", 2e10, None, None),
        ("hundreds of billions", None, 1e11, 1e12),
        ("$1.4 trillion", 1.4e12, None, None),
        ("$1.4 trillion", 1.4e12, None, None),
        ("hundreds of billions", None, 1e11, 1e12),
    ]
    assert [m.currency for m in seed.money if m.value] == ["USD"] * 3
    assert covering(seed.money, at(seed_text, "billion-dollar question")) == []


@pytest.mark.parametrize("name,nth,country,subdivision", [
    ("Taiwan", 0, "TW", None), ("United States", 0, "US", None), ("Wisconsin", 0, "US", "US-WI"),
    ("Ohio", 0, "US", "US-OH"), ("Texas", 0, "US", "US-TX"), ("Virginia", 0, "US", "US-VA"),
    ("Indiana", 0, "US", "US-IN"), ("America", 0, "US", None), ("Wisconsin", 1, "US", "US-WI"),
    ("US ", 0, "US", None), ("US ", 1, "US", None), ("US ", 2, "US", None), ("US ", 3, "US", None),
    ("US manufacturing", 0, "US", None),
])
def test_locations(seed, seed_text, name, nth, country, subdivision):
    span = at(seed_text, name.split()[0] if name.startswith("US") else name, nth)
    (loc,) = covering(seed.locations, span)
    assert (loc.country, loc.subdivision) == (country, subdivision)


@pytest.mark.parametrize("name,label", [
    ("CNBC", "ORG"), ("OpenAI", "ORG"), ("Foxconn", "ORG"), ("Microsoft", "ORG"), ("Nvidia", "ORG"),
    ("Google", "ORG"), ("Amazon", "ORG"), ("Sam Altman", "PERSON"),
])
def test_entities(seed, seed_text, name, label):
    hits = covering(seed.entities, at(seed_text, name))
    assert [e.label for e in hits] == [label]


def test_projections(seed, seed_text):
    valued = [p for p in seed.projections if p.value is not None]
    got = [(p.value.text, p.horizon.value if p.horizon else None, p.speaker.text if p.speaker else None)
           for p in valued]
    assert got[:2] == [("$20 billion", "2025", "Sam Altman"), ("hundreds of billions", "2030", "Sam Altman")]
    assert ("hundreds of billions", "2030") in [(v, h) for v, h, _ in got[2:]]
    first = valued[0]
    assert first.subject_resolved == "OpenAI"
    assert first.metric == "annualized revenue"


def test_quotes(seed, seed_text):
    content = "a step toward ensuring the core technologies of the AI era are built here"
    direct = [q for q in seed.quotes if q.text == content]
    assert len(direct) == 1 and direct[0].speaker is not None
    assert direct[0].speaker.text == "Sam Altman"
    assert (direct[0].speaker.title, direct[0].speaker.organisation) == ("CEO", "OpenAI")
    according = [q for q in seed.quotes if q.kind == "according_to"]
    assert according and according[0].speaker.text == "CNBC" and according[0].cue.text == "According to"


def test_no_span_group_holds_two_spans_with_the_same_offsets(nlp, seed_text):
    # spaCy keys Span._ values by (start_char, end_char): twins would share their values
    doc = nlp.make_doc(seed_text)
    doc._.claimx_date = "2025-11-21"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    for key, group in doc.spans.items():
        offs = [(s.start_char, s.end_char) for s in group]
        assert len(offs) == len(set(offs)), key
