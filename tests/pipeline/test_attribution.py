import pytest

from claimx.pipeline.attribution import quote_pairs
from claimx.pipeline.extensions import QUOTES

QUOTE_CASES = [
    ("He said “hello there” today.", ["hello there"]),
    ("“One,” she said, “two.”", ["One,", "two."]),
    ('Plain "straight quotes" work "too".', ["straight quotes", "too"]),
    ("OpenAI’s chief isn’t quoted.", []),
    ("It was called ‘a big step’ by him.", ["a big step"]),
    ("The ‘90s’ boom", ["90s"]),
    ("«Bonjour» dit-il", ["Bonjour"]),
    ("“First paragraph.\n\n“Second paragraph,” he said.", ["First paragraph.\n\n“Second paragraph,"]),
    ("“Unclosed quote\n\nNext paragraph", []),
    ("No quotes at all.", []),
    ("Empty “” quote", []),
    # an opener that never closes leaves its closer behind: that closer opens nothing
    ("A memo says ''costs will fall,\" it said. An aide called it \"a mess\" later.",
     ["a mess"]),
    ('He said:"we will grow" and left.', ["we will grow"]),
]


@pytest.mark.parametrize("text,expected", QUOTE_CASES)
def test_quote_pairs_by_glyph(text, expected):
    assert [text[s:e] for s, e in quote_pairs(text)] == expected


def quotes(nlp, text):
    from claimx.runner import run

    (article,) = run([{"id": "t", "text": text}], nlp=nlp)
    return article.quotes


def _one(nlp, text):
    found = quotes(nlp, text)
    assert found, f"no attribution in {text!r}"
    return found[0]


@pytest.mark.slow
def test_direct_quote_speaker_after_the_quote(nlp):
    q = _one(nlp, "“We will build the plant next year,” said Jane Smith, the chief executive.")
    assert q.kind == "direct"
    assert q.text == "We will build the plant next year"  # edge punctuation trimmed
    assert q.speaker is not None and q.speaker.text == "Jane Smith"


@pytest.mark.slow
def test_direct_quote_speaker_with_title_and_organisation(nlp):
    q = _one(nlp, "Acme Corp CEO John Brown called this “a turning point for the whole industry” on Monday.")
    assert q.speaker is not None and q.speaker.text == "John Brown"
    assert q.speaker.title == "CEO"
    assert q.speaker.organisation == "Acme Corp"


@pytest.mark.slow
def test_according_to_gives_speaker_and_cue(nlp):
    q = _one(nlp, "According to Reuters, the bank will cut 5,000 jobs.")
    assert q.kind == "according_to"
    assert q.speaker is not None and q.speaker.text == "Reuters"
    assert q.cue is not None and q.cue.text == "According to"
    assert q.text == "the bank will cut 5,000 jobs"


@pytest.mark.slow
def test_indirect_speech_content_and_speaker(nlp):
    q = _one(nlp, "The minister said that the economy would recover by the end of the year.")
    assert q.kind == "indirect"
    assert q.text.startswith("that the economy would recover")
    assert q.speaker is not None and q.speaker.text == "The minister"


@pytest.mark.slow
def test_pronoun_speaker_resolves_to_last_person(nlp):
    found = quotes(nlp, "Mary Jones runs the fund. “Prices are far too high for new buyers,” she said.")
    direct = [q for q in found if q.kind == "direct"]
    assert direct and direct[0].speaker is not None
    assert direct[0].speaker.text == "she"
    assert direct[0].speaker.name == "Mary Jones"


@pytest.mark.slow
def test_scare_quotes_are_not_attributions(nlp):
    assert [q for q in quotes(nlp, "The so-called “experts” were wrong again.") if q.kind == "direct"] == []


def test_component_runs_on_blank_pipeline_with_direct_quotes_only(blank):
    from claimx.pipeline.attribution import AttributionFinder

    blank.add_pipe("sentencizer")
    doc = blank("He said “this is a long enough quote to count” yesterday.")
    doc = AttributionFinder(blank)(blank.get_pipe("sentencizer")(doc))
    assert [s.text for s in doc.spans[QUOTES]] == ["this is a long enough quote to count"]


@pytest.mark.parametrize("text,expected", [
    ("He said ''in fits and starts, they are learning'' yesterday.",
     ["in fits and starts, they are learning"]),
    ("She called it ``a disaster for the region'' on Monday.", ["a disaster for the region"]),
])
def test_quote_pairs_newswire_double_apostrophes(text, expected):
    assert [text[s:e] for s, e in quote_pairs(text)] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text,content,speaker", [
    ("The senator wants to raise the minimum wage to $15.", "to raise the minimum wage to $15",
     "The senator"),
    ("Mr. Trump has called for lower taxes on small businesses.", "lower taxes on small businesses",
     "Mr. Trump"),
    ("The union opposes the merger of the two airlines.", "the merger of the two airlines", "The union"),
    ("The study showed that prices rose faster in cities.", "that prices rose faster in cities", "The study"),
    ("The minister cited rising fuel and labour costs.", "rising fuel and labour costs", "The minister"),
])
def test_stance_attributions(nlp, text, content, speaker):
    found = [q for q in quotes(nlp, text) if q.kind == "indirect"]
    assert [(q.text, q.speaker.text if q.speaker else None) for q in found] == [(content, speaker)]


def test_many_unclosed_quote_marks_pair_nothing():
    # an unclosed “ used to rescan to the end of the paragraph: quadratic on long transcripts
    assert quote_pairs("He said “this is fine. " * 5000) == []


@pytest.mark.slow
def test_according_to_after_a_direct_quote_names_its_speaker(nlp):
    found = quotes(nlp, "“Profits will rise sharply next year,” according to Smith.")
    assert [(q.text, q.kind, q.speaker.text, q.cue.text) for q in found] == [
        ("Profits will rise sharply next year", "direct", "Smith", "according to")]


# (text, [(content, speaker text)] of the direct quotes) — invented sentences
SPEAKER_CASES = [
    # a quote with no reporting verb of its own continues the last attributed quote of its paragraph
    ("“We are ready to build,” Jane Doe said. “The permits arrived last week and the crews start on Monday.”",
     [("We are ready to build", "Jane Doe"),
      ("The permits arrived last week and the crews start on Monday", "Jane Doe")]),
    # ... or of the paragraph before, when the quote opens its paragraph (a long quotation)
    ("“The first phase is finished ahead of schedule,” said Tom Reed.\n\n"
     "“The second phase will be harder because the ground is softer.”",
     [("The first phase is finished ahead of schedule", "Tom Reed"),
      ("The second phase will be harder because the ground is softer", "Tom Reed")]),
    # ... but not across a paragraph that does not open with it
    ("“The first phase is finished ahead of schedule,” said Tom Reed.\n\n"
     "Observers see the plan as “a total waste of time and money for everyone.”",
     [("The first phase is finished ahead of schedule", "Tom Reed"),
      ("a total waste of time and money for everyone", None)]),
    # the reporting verb in the sentence after a quote that ends its own sentence
    ("“Why would anyone sign such a one-sided deal?” Maria Lopez asked. She left early.",
     [("Why would anyone sign such a one-sided deal", "Maria Lopez")]),
    # a quote signed with a dash, or introduced by a name and a colon
    ("“The new rules will hurt small farms the most.” ― Peter Hall",
     [("The new rules will hurt small farms the most", "Peter Hall")]),
    ("“Prices keep going up every single week.” — Ana Ruiz, Denver\n“Rent is the worst of it.” — Li Wei",
     [("Prices keep going up every single week", "Ana Ruiz"), ("Rent is the worst of it", "Li Wei")]),
    ("Peter Hall: “The new rules will hurt small farms the most.”",
     [("The new rules will hurt small farms the most", "Peter Hall")]),
    # a show's or a book's title in quotes is no quotation
    ("She spoke on MSNBC’s “Morning Joe” about the plan.", []),
    ("He is the author of “The Quiet Art of Saving” and other books.", []),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", SPEAKER_CASES)
def test_direct_quote_speakers(nlp, text, expected):
    found = [q for q in quotes(nlp, text) if q.kind == "direct"]
    assert [(q.text, q.speaker.text if q.speaker else None) for q in found] == expected


@pytest.mark.slow
def test_relative_pronoun_speaker_names_its_antecedent(nlp):
    q = _one(nlp, "The plan was opposed by Anna Berg, who said “the numbers simply do not add up at all.”")
    assert q.speaker is not None and q.speaker.text == "who"  # the mention itself, as annotated
    assert q.speaker.name == "Anna Berg"


@pytest.mark.slow
@pytest.mark.parametrize("text,content,speaker", [
    # the reporting clause in the middle of the reported one: the content is the side with its head
    ("Back in Texas, Ms. Ortiz said, she chose to open a second bakery.",
     "she chose to open a second bakery", "Ms. Ortiz"),
    ("The mill was a giant in the region, Ms. Lee said, until it closed in 2001.",
     "The mill was a giant in the region", "Ms. Lee"),
])
def test_parenthetical_reporting_clause(nlp, text, content, speaker):
    found = [q for q in quotes(nlp, text) if q.kind == "indirect"]
    assert [(q.text, q.speaker.text if q.speaker else None) for q in found] == [(content, speaker)]


@pytest.mark.slow
def test_reporting_clause_of_a_direct_quote_is_not_content(nlp):
    # "he added" hangs off "said": the "... X said" clause must not become an indirect quote
    found = quotes(nlp, "“We will appeal the ruling,” the lawyer said, he added.")
    assert [q.text for q in found if q.kind == "indirect"] == []


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Stocks ended the day up, with Globex showing a rise of 3.2%.",  # "show" a figure is no finding
    "The firm found a buyer for its stake.",
    "Judge rejects airline merger\n\nA federal judge on Monday blocked the deal between the two carriers.",
])
def test_no_attribution_from_display_verbs_or_across_a_headline(nlp, text):
    assert [q.text for q in quotes(nlp, text) if q.kind == "indirect"] == []


@pytest.mark.slow
@pytest.mark.parametrize("text,speaker,title,organisation,name", [
    ("“Nobody is above the export rules,” said Jane Roe, assistant US attorney general.",
     "Jane Roe", "assistant US attorney general", None, "Jane Roe"),
    ("“Housing demand is cooling,” said Tom Baker, chief economist at Deutsche Bank.",
     "Tom Baker", "chief economist", "Deutsche Bank", "Tom Baker"),
])
def test_appositive_after_the_name_gives_title_and_organisation(nlp, text, speaker, title, organisation,
                                                                 name):
    q = _one(nlp, text)
    assert (q.speaker.text, q.speaker.title, q.speaker.organisation, q.speaker.name) == (
        speaker, title, organisation, name)


@pytest.mark.slow
def test_a_possessor_is_neither_the_speaker_name_nor_what_a_pronoun_stands_for(nlp):
    text = ("President Lopez's chief aide said the levy was needed. "
            "“The new fee covers only imported cars and trucks,” he said.")
    found = quotes(nlp, text)
    assert found[0].speaker.text == "President Lopez's chief aide" and found[0].speaker.name is None
    assert found[-1].speaker.text == "he" and found[-1].speaker.name is None


@pytest.mark.slow
def test_it_as_speaker_names_the_last_organisation_that_was_a_subject(nlp):
    text = ("Microsoft admitted that a manager had hidden losses from auditors. "
            "“We deeply regret the errors in our published accounts,” it said.")
    found = quotes(nlp, text)
    assert found[-1].speaker.text == "it" and found[-1].speaker.name == "Microsoft"
    assert found[0].speaker.text == "Microsoft" and found[0].speaker.name == "Microsoft"
