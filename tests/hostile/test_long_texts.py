"""Hostile texts for the runner: no paragraph breaks, no whitespace at all, runs of symbols the
tokenizer is quadratic in, texts over the size limit.  Memory and time stay bounded whatever the
text looks like, and every offset still points into the whole text."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimx
from claimx import runner
from claimx.io import MAX_CHARS, InputError
from claimx.pipeline.build import build


@pytest.fixture(scope="module")
def rules():
    return build("blank")


class Spy:
    """A pipeline that records how many tokens each call into the statistical part receives."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.calls: list[int] = []

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def __call__(self, doc):
        self.calls.append(len(doc))
        return self.nlp(doc)

    def pipe(self, docs, **kwargs):
        docs = list(docs)
        self.calls.append(sum(len(d) for d in docs))
        return self.nlp.pipe(docs, **kwargs)


# -- chunks are bounded whatever the text looks like ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose to $5 billion in Ohio, Jane Doe said. " * 200,  # sentences, no paragraph break
        "sales rose to $5 billion in ohio and jane doe said so " * 200,  # no sentence end either
        "$5bn;" * 2000,  # no whitespace at all
        "a " * 5000,  # a token per two characters
    ],
    ids=["sentences", "no-sentence-ends", "no-whitespace", "dense-tokens"],
)
def test_no_call_into_the_pipeline_holds_more_than_max_tokens(rules, monkeypatch, offsets_hold, text):
    monkeypatch.setattr(runner, "MAX_TOKENS", 300)
    spy = Spy(rules)
    (article,) = claimx.extract_many([{"id": "x", "text": text}], nlp=spy)
    assert spy.calls and max(spy.calls) <= 300
    offsets_hold(article, text)


def test_a_batch_of_records_is_split_by_tokens_too(rules, monkeypatch):
    monkeypatch.setattr(runner, "MAX_TOKENS", 100)
    spy = Spy(rules)
    records = [{"id": str(i), "text": "Sales rose to $5 billion in Ohio. " * 5} for i in range(8)]
    out = list(claimx.extract_many(records, nlp=spy))
    assert [a.id for a in out] == [str(i) for i in range(8)]
    assert all(a.money[0].value == 5e9 for a in out)
    assert max(spy.calls) <= 100 and len(spy.calls) > 1


def test_chunks_without_paragraph_breaks_find_what_one_doc_finds(rules, monkeypatch, offsets_hold):
    text = "Acme will invest $5 billion in Ohio by 2030, Jane Doe said on March 3, 2024. " * 60
    whole = claimx.extract(text, nlp=rules)
    monkeypatch.setattr(runner, "MAX_TOKENS", 200)
    chunked = claimx.extract(text, nlp=rules)
    offsets_hold(chunked, text)
    assert [m.start_char for m in chunked.money] == [m.start_char for m in whole.money]
    assert len(chunked.money) == 60


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("Why? Because. Yes! No", 9, ["Why? ", "Because. ", "Yes! No"]),
        ("a\tb\tc\td", 4, ["a\tb\t", "c\td"]),
    ],
)
def test_split_text_cuts_at_question_marks_exclamations_and_tabs(text, limit, pieces):
    assert [text[s:e] for s, e in runner.split_text(text, limit)] == pieces


# -- the tokenizer sees bounded runs ----------------------------------------------------------------


@pytest.mark.parametrize("junk", ["$", "“", "(", "$“(«[", "-$"])
def test_runs_of_symbols_become_few_tokens_and_the_text_is_kept(rules, junk):
    text = "Sales hit $5bn. " + junk * (40_000 // len(junk)) + " Then $7bn."
    doc = runner.make_doc(rules, text)
    assert doc.text == text
    assert len(doc) < 1_000  # not one token per character
    assert all(len(t.text) <= runner.MAX_RUN for t in doc)


def test_random_symbol_runs_are_fast_enough_to_tokenise_and_keep_the_text(rules):
    rng = random.Random(7)
    text = "".join(rng.choice("$“”(«[€") for _ in range(20_000))
    doc = runner.make_doc(rules, text)
    assert doc.text == text and len(doc) < 1_000


def test_text_without_long_runs_is_tokenised_as_spacy_does(rules):
    text = "Sales rose to $5.2bn (€4.8bn) at https://example.com/a/b?c=d, Jane Doe said.\n\nThen more."
    assert [t.text for t in runner.make_doc(rules, text)] == [t.text for t in rules.make_doc(text)]


def test_a_long_url_is_cut_but_its_text_and_offsets_are_kept(rules, offsets_hold):
    url = "https://example.com/" + "/".join(f"section-{i}" for i in range(30))
    text = f"See {url} for the $5bn plan."
    doc = runner.make_doc(rules, text)
    assert doc.text == text
    article = claimx.extract(text, nlp=rules)
    assert [m.value for m in article.money] == [5e9]
    offsets_hold(article, text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["$", "“", "5", "bn", " ", "  ", "\n", "a", ".", "-", "€", "x" * 150,
                                 "$" * 120, "\t"]), max_size=40).map("".join))
def test_make_doc_keeps_any_text_exactly(rules, offsets_hold, text):
    assert runner.make_doc(rules, text).text == text
    article = claimx.extract(text, nlp=rules)
    offsets_hold(article, text)


# -- the size limit ---------------------------------------------------------------------------------


def test_a_text_over_max_chars_is_an_input_error_not_processed(rules):
    out = list(claimx.extract_many([{"id": "big", "text": "x " * 60}, {"id": "ok", "text": "Hi $5."}],
                                   nlp=rules, max_chars=100))
    assert isinstance(out[0], InputError) and "too long (120 characters; the limit is 100)" in out[0].error
    assert out[1].money[0].value == 5


def test_extract_raises_for_a_text_over_max_chars_and_none_lifts_the_limit(rules):
    with pytest.raises(ValueError, match="too long"):
        claimx.extract("x" * 11, nlp=rules, max_chars=10)
    assert claimx.extract("x" * 11, nlp=rules, max_chars=None).id == "text"


def test_the_default_limit_is_a_few_million_characters():
    assert 2_000_000 < MAX_CHARS <= 10_000_000


# -- real model, process-level limits ----------------------------------------------------------------


@pytest.mark.slow
def test_forty_thousand_symbols_on_the_model_take_seconds_not_minutes(run_limited):
    # before the bound, 10,000 "$" alone took 14-23 s in the tokenizer (quadratic): 40,000 minutes
    proc = run_limited("""
        import claimx
        nlp = claimx.load()
        for junk in ("$", "“", "$“(«["):
            text = "Sales hit $5bn. " + junk * (40000 // len(junk))
            (a,) = claimx.extract_many([{"id": "x", "text": text}], nlp=nlp)
            assert a.money[0].value == 5e9, a
        print("ok")
    """, cpu_seconds=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]


@pytest.mark.slow
def test_a_long_text_without_paragraph_breaks_stays_within_a_memory_limit(run_limited):
    # 200,000 characters of sentences on one line: 920 MB resident before chunks were bounded by
    # tokens and processed one at a time (all chunks went through the model as one batch); now
    # 330 MB resident, 500 MB of address space, under a limit of 800
    proc = run_limited("""
        import claimx
        nlp = claimx.load()
        text = "Acme said revenue rose to $5 billion in 2024 and would reach $7 billion by 2026. " * 2400
        (a,) = claimx.extract_many([{"id": "x", "text": text}], nlp=nlp)
        assert len(a.money) == 4800, a
        print("ok")
    """, cpu_seconds=600, memory_mb=800)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]
