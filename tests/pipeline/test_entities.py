from claimx.pipeline.entities import EntityFixer


def _doc(nlp, words_ents):
    """Build a doc from (text, label|None) chunks: each labelled chunk becomes one entity."""
    text, spans = "", []
    for chunk, label in words_ents:
        if text:
            text += " "
        start = len(text)
        text += chunk
        if label:
            spans.append((start, len(text), label))
    doc = nlp(text)
    doc.ents = [doc.char_span(s, e, label=lab) for s, e, lab in spans]
    return doc


def labels(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_unknown_gpe_after_possessive_becomes_org(blank):
    doc = _doc(blank, [("Taiwan", "GPE"), ("'s", None), ("Foxconn", "GPE"), ("makes servers", None)])
    assert labels(EntityFixer(blank)(doc)) == [("Taiwan", "GPE"), ("Foxconn", "ORG")]


def test_known_place_keeps_gpe(blank):
    doc = _doc(blank, [("factories in", None), ("Wisconsin", "GPE"), ("and", None), ("Ohio", "GPE")])
    assert labels(EntityFixer(blank)(doc)) == [("Wisconsin", "GPE"), ("Ohio", "GPE")]


def test_unknown_gpe_after_locative_preposition_stays_a_place(blank):
    doc = _doc(blank, [("a plant in", None), ("Smallville", "GPE")])
    assert labels(EntityFixer(blank)(doc)) == [("Smallville", "GPE")]


def test_name_before_title_and_person_is_an_org(blank):
    doc = _doc(blank, [("Acme", "PERSON"), ("CEO", None), ("Jane Doe", "PERSON"), ("said so", None)])
    assert labels(EntityFixer(blank)(doc)) == [("Acme", "ORG"), ("Jane Doe", "PERSON")]


def test_non_names_are_dropped(blank):
    doc = _doc(blank, [("the", None), ("AI", "GPE"), ("era of", None), ("Zorblax", "ORG")])
    assert labels(EntityFixer(blank)(doc)) == [("Zorblax", "ORG")]


def test_surname_of_a_named_person_is_a_person(blank):
    doc = _doc(blank, [("Jane Doe", "PERSON"), ("spoke .", None), ("Doe", "ORG"), ("left .", None)])
    assert labels(EntityFixer(blank)(doc)) == [("Jane Doe", "PERSON"), ("Doe", "PERSON")]


def test_one_label_per_name_by_majority(blank):
    doc = _doc(blank, [("Zorblax", "ORG"), ("rose .", None), ("Zorblax", "ORG"), ("fell .", None),
                       ("Zorblax", "PERSON"), ("said .", None)])
    assert [lab for _, lab in labels(EntityFixer(blank)(doc))] == ["ORG", "ORG", "ORG"]


def test_doc_without_entities_is_untouched(blank):
    doc = blank("Nothing here.")
    assert EntityFixer(blank)(doc).ents == ()


def test_capitalised_words_before_a_corporate_suffix_the_model_missed_are_an_org(blank):
    doc = blank("Kestrel Avionics Co said the Co of Ames and Vexco-Orbix Inc. agreed with the Group.")
    assert labels(EntityFixer(blank)(doc)) == [("Kestrel Avionics Co", "ORG"), ("Vexco-Orbix Inc.", "ORG")]


def test_country_name_tagged_org_is_a_gpe(blank):
    doc = _doc(blank, [("the U.S.", "ORG"), ("and", None), ("Britain", "PERSON"), ("agreed", None)])
    assert labels(EntityFixer(blank)(doc)) == [("the U.S.", "GPE"), ("Britain", "GPE")]


def test_product_shaped_names_are_products(blank):
    doc = _doc(blank, [("Apple", "ORG"), ("sold the", None), ("iPhone", "ORG"), ("4 and", None),
                       ("iTunes", "ORG"), ("songs", None)])
    assert labels(EntityFixer(blank)(doc)) == [("Apple", "ORG"), ("iPhone", "PRODUCT"), ("iTunes", "PRODUCT")]


def test_product_names_the_model_missed_are_added_with_their_version(blank):
    doc = _doc(blank, [("Acme", "ORG"), ("ships iOS 5 and the eReader X next week", None)])
    assert labels(EntityFixer(blank)(doc)) == [("Acme", "ORG"), ("iOS 5", "PRODUCT"),
                                              ("eReader X", "PRODUCT")]


def test_ordinary_lowercase_words_are_not_products(blank):
    doc = _doc(blank, [("Acme", "ORG"), ("ships ebooks and emails daily", None)])
    assert labels(EntityFixer(blank)(doc)) == [("Acme", "ORG")]


def test_companies_and_lowercase_acronyms_are_not_products(blank):
    doc = _doc(blank, [("eBay Inc.", "ORG"), ("and", None), ("xAI", "ORG"), ("use", None), ("mRNA", "ORG"),
                       ("tools", None)])
    assert labels(EntityFixer(blank)(doc)) == [("eBay Inc.", "ORG"), ("xAI", "ORG"), ("mRNA", "ORG")]


def test_a_bracket_the_model_cut_through_is_not_part_of_the_name(blank):
    doc = _doc(blank, [("the Cocoa Trade Council (CTC", "ORG"), (") met", None),
                       ("(Vexco Systems Inc", "ORG"), (") and", None), ("Orbix (UK) Ltd>", "ORG"),
                       ("agreed.", None)])
    assert labels(EntityFixer(blank)(doc)) == [
        ("the Cocoa Trade Council", "ORG"), ("Vexco Systems Inc", "ORG"), ("Orbix (UK) Ltd", "ORG")]
