"""The runner: order, failure isolation, long texts in chunks, worker processes; offsets always hold."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimx
from claimx import runner
from claimx.io import InputError
from claimx.pipeline.build import build


@pytest.fixture(scope="module")
def rules():
    """The rules-only claimx pipeline (no statistical model): fast."""
    return build("blank")


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("", 5, [""]),
        ("short", 10, ["short"]),
        ("aaa\n\nbbb\n\nccc", 9, ["aaa\n\n", "bbb\n\nccc"]),
        ("one line\nsecond line", 12, ["one line\n", "second line"]),
        ("First. Second. Third.", 15, ["First. Second. ", "Third."]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ],
)
def test_split_text_cuts_at_paragraphs_then_lines_then_sentences(text, limit, pieces):
    cuts = runner.split_text(text, limit)
    assert [text[s:e] for s, e in cuts] == pieces
    assert all(e - s <= limit for s, e in cuts)


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_split_text_covers_the_text_exactly(text, limit):
    cuts = runner.split_text(text, limit)
    assert "".join(text[s:e] for s, e in cuts) == text
    assert all(0 < e - s <= limit for s, e in cuts) or text == ""


def test_results_come_in_input_order_with_errors_in_place(rules):
    items = [{"id": "a", "text": "Sales hit $5bn."}, {"id": "b"}, InputError("c", "c", "unreadable"),
             {"id": "d", "text": "Profit fell to €3m in March 2024."}]
    out = list(runner.run(items, nlp=rules, batch_size=2))
    assert [x.id for x in out] == ["a", "b", "c", "d"]
    assert [type(x).__name__ for x in out] == ["Article", "InputError", "InputError", "Article"]


def test_a_failing_record_does_not_stop_the_batch(rules, monkeypatch):
    real = runner._convert

    def convert(doc, rec):
        if rec.id == "bad":
            raise RuntimeError("boom")
        return real(doc, rec)

    monkeypatch.setattr(runner, "_convert", convert)
    out = list(runner.run([{"id": i, "text": "Sales hit $5bn."} for i in ("x", "bad", "y")], nlp=rules))
    assert [type(x).__name__ for x in out] == ["Article", "InputError", "Article"]
    assert "boom" in out[1].error


def test_long_text_is_processed_in_chunks_with_whole_text_offsets(rules, monkeypatch, offsets_hold):
    para = ("“We will invest $5 billion in Ohio by 2030,” said Jane Doe on March 3, 2024. "
            "Revenue rose to €20 million in Germany.")
    text = "\n\n".join(f"{i}. {para}" for i in range(40))
    whole = claimx.extract(text, nlp=rules)
    monkeypatch.setattr(runner, "CHUNK_CHARS", 700)
    chunked = claimx.extract(text, nlp=rules)
    offsets_hold(chunked, text)
    assert len(chunked.money) == len(whole.money) == 80
    assert [m.start_char for m in chunked.money] == [m.start_char for m in whole.money]
    assert [q.start_char for q in chunked.quotes] == [q.start_char for q in whole.quotes]
    assert len(chunked.quotes) == 40 and chunked.quotes[-1].start_char > 700 * 5


def test_text_over_max_length_is_chunked_not_failed(rules, monkeypatch, offsets_hold):
    monkeypatch.setattr(rules, "max_length", 300)
    text = "\n".join(["Sales hit $5bn in Ohio."] * 60)
    article = claimx.extract(text, nlp=rules)
    assert len(article.money) == 60
    offsets_hold(article, text)


def test_workers_with_nlp_is_an_error(rules):
    with pytest.raises(ValueError, match="model"):
        runner.run([], nlp=rules, workers=2)


def test_small_stream_with_workers_runs_in_process():
    out = list(claimx.extract_many([{"id": "a", "text": "Sales hit $5bn."}], workers=4, model="blank"))
    assert [a.money[0].value for a in out] == [5e9]


@pytest.mark.slow
def test_worker_processes_give_the_same_results_in_the_same_order():
    texts = [f"Item {i}: Acme will invest ${i} million in Ohio next year, CEO Jane Doe said."
             for i in range(70)]
    recs = [{"id": str(i), "text": t, "date": "2025-11-21"} for i, t in enumerate(texts)]
    one = [a.model_dump() for a in claimx.extract_many(recs, model="blank", batch_size=8)]
    two = [a.model_dump() for a in claimx.extract_many(recs, model="blank", batch_size=8, workers=2)]
    assert two == one
    assert [a["id"] for a in two] == [str(i) for i in range(70)]


@pytest.mark.slow
def test_worker_processes_take_jsonl_records(tmp_path):
    import json

    from claimx.io import iter_records

    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": str(i), "text": f"Sales hit ${i}bn.", "title": "T"}) + "\n"
                            for i in range(70)), encoding="utf-8")
    out = list(claimx.extract_many(iter_records([str(dump)]), model="blank", batch_size=8, workers=2))
    assert [a.money[0].value for a in out] == [i * 1e9 for i in range(70)]
    assert {a.title for a in out} == {"T"}


# -- the property: any text, no exception, offsets that hold -----------------------------------------

_TEXT = st.text(st.characters(codec="utf-8"), max_size=300) | st.lists(
    st.sampled_from(["$5bn", "€3m", "£", "1.5", "billion", "by 2030", "“", "”", "\"", "said", "will",
                     "Ohio", "the", "March 3, 2024", "\n\n", "\n", " ", ".", "US$", "yesterday", "Jane Doe",
                     "according to", "’s", "\u200b", "\u2028", "é", "🙂", "\r\n", "\t", "-", "%",
                     "would", "expects", "20", "jobs", "over the next two years", "between", "and", "to",
                     "per cent", "Tuesday", "may now"]),
    max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_any_text_extracts_without_error_and_offsets_hold(rules, offsets_hold, text):
    article = claimx.extract(text, nlp=rules, date="2025-11-21")
    offsets_hold(article, text)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_any_text_on_the_statistical_model_too(nlp, offsets_hold, text):
    article = claimx.extract(text, nlp=nlp, date="2025-11-21")
    offsets_hold(article, text)


def test_a_record_that_is_no_dict_is_an_input_error_and_the_batch_goes_on(rules):
    out = list(claimx.extract_many(["not a record", {"id": "b", "text": "Sales hit $5bn."}], nlp=rules))
    assert isinstance(out[0], InputError) and "not a str" in out[0].error
    assert isinstance(out[1], claimx.Article) and out[1].id == "b"


def test_the_api_checks_the_dollar_code_and_takes_date_objects(rules):
    import datetime as dt

    with pytest.raises(ValueError, match="ISO 4217"):
        claimx.load("blank", dollar="XYZ")
    with pytest.raises(ValueError, match="ISO 4217"):
        list(claimx.extract_many([{"id": "a", "text": "x"}], model="blank", dollar="dollars"))
    article = claimx.extract("Sales will rise next year.", date=dt.date(2025, 1, 2), nlp=rules)
    assert article.date == "2025-01-02"
