from claimx.pipeline.extensions import LOCATIONS
from claimx.pipeline.locations import LocationFinder


def places(doc):
    return [(s.text, s.label_, s._.claimx_place["country"], s._.claimx_place["subdivision"])
            for s in doc.spans[LOCATIONS]]


def test_gazetteer_finds_places_without_ner(blank):
    doc = LocationFinder(blank)(blank("Plants in Wisconsin and Texas serve the US market and Japan."))
    assert places(doc) == [("Wisconsin", "GPE", "US", "US-WI"), ("Texas", "GPE", "US", "US-TX"),
                           ("US", "GPE", "US", None), ("Japan", "GPE", "JP", None)]


def test_lowercase_words_are_not_places(blank):
    doc = LocationFinder(blank)(blank("let us chat about china plates"))
    assert places(doc) == []


def test_ner_places_are_normalised_and_possessive_trimmed(blank):
    doc = blank("Taiwan's Foxconn and Paris")
    doc.ents = [doc.char_span(0, 6, label="GPE"), doc.char_span(21, 26, label="GPE")]
    assert places(LocationFinder(blank)(doc)) == [("Taiwan", "GPE", "TW", None), ("Paris", "GPE", "FR", None)]


def test_places_inside_organisation_names_are_not_locations(blank):
    doc = blank("Bank of America raised rates")
    doc.ents = [doc.char_span(0, 15, label="ORG")]
    assert places(LocationFinder(blank)(doc)) == []


def test_unknown_place_is_kept_with_empty_normalisation(blank):
    doc = blank("They met in Smallville")
    doc.ents = [doc.char_span(12, 22, label="GPE")]
    (span,) = LocationFinder(blank)(doc).spans[LOCATIONS]
    assert span.text == "Smallville"
    assert span._.claimx_place["name"] is None
