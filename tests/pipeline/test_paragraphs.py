"""claimx_paragraphs: a paragraph break ends a sentence, a hard-wrapped line does not."""

import pytest

TEXT = ("Acme to cut 500 jobs\n\nMarch 3, 2025\n\nAcme said it will cut jobs.\nThe firm, which\n"
        "makes widgets, will close plants. \n  Shares fell.")


def _sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_blank_lines_and_line_breaks_after_a_full_stop_start_sentences(blank):
    from claimx.pipeline.paragraphs import ParagraphBreaks

    doc = ParagraphBreaks()(blank.make_doc(TEXT))
    starts = [t.text for t in doc if t.is_sent_start and not t.is_space]
    assert starts == ["Acme", "March", "Acme", "The", "Shares"]


@pytest.mark.slow
def test_headline_and_dateline_are_not_parsed_into_the_first_sentence(nlp):
    assert _sentences(nlp, TEXT) == ["Acme to cut 500 jobs", "March 3, 2025", "Acme said it will cut jobs.",
                                     "The firm, which\nmakes widgets, will close plants.", "Shares fell."]
