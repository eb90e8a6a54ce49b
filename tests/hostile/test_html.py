"""Hostile HTML pages: script and style only, nesting deeper than the parser's limits, pages whose
extraction drops most of the text, pages too big to extract in bounded time."""

from __future__ import annotations

import pytest

from claimx.io import InputError, Record, iter_records
from claimx.webpage import page_text

SCRIPT_ONLY = ("<html><head><script>var secret = 'tracking code'; function f() { return 1; }</script>"
               "<style>body { color: red; }</style></head><body><script>alert('hello')</script>"
               "<noscript><style>.x { display: none; }</style></noscript></body></html>")


def nested(depth: int) -> str:
    return ("<html><body>" + "<div>" * depth + "<p>Acme will invest $5 billion in Ohio, Jane Doe said.</p>"
            + "</div>" * depth + "<p>The plan starts next year.</p></body></html>")


def test_a_page_of_only_script_and_style_gives_no_text():
    page = page_text(SCRIPT_ONLY)
    assert page.text == ""
    for code in ("secret", "color", "alert", "display"):
        assert code not in page.text


def test_scripts_never_reach_the_fallback_text():
    html = ("<html><body><div>Acme will invest $5 billion.<script>var x = 'tracking';</script></div>"
            "<style>.a{}</style></body></html>")
    assert "tracking" not in page_text(html).text


def test_nesting_past_256_levels_is_parsed_again_and_kept():
    page = page_text(nested(300))
    assert "$5 billion" in page.text and "next year" in page.text
    assert page.notes == ()


def test_nesting_past_2048_levels_keeps_the_visible_text_and_says_so():
    page = page_text(nested(3000))
    assert "Acme will invest $5 billion in Ohio" in page.text and "next year" in page.text
    assert len(page.notes) == 1 and "2,048" in page.notes[0]


def test_extraction_that_drops_most_of_the_visible_text_says_so():
    menu = "".join(f"<a href='/s{i}'>Section number {i} of the site</a> " for i in range(200))
    html = (f"<html><body><nav>{menu}</nav><article><p>Acme will invest $5 billion in Ohio, Jane Doe "
            "said.</p></article></body></html>")
    page = page_text(html)
    assert "$5 billion" in page.text and "Section number" not in page.text
    assert len(page.notes) == 1 and "visible characters" in page.notes[0]


def test_an_ordinary_page_has_no_notes():
    body = "".join(f"<p>Paragraph {i}: Acme will invest ${i} billion in Ohio, Jane Doe said.</p>"
                   for i in range(20))
    html = (f"<html><head><title>Acme</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{body}</article></body></html>")
    page = page_text(html)
    assert "Paragraph 19" in page.text and page.notes == ()


def test_notes_reach_the_warnings_and_the_record_is_kept(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(nested(3000), encoding="utf-8")
    warnings: list = []
    (record,) = iter_records([str(path)], warn=lambda p, m: warnings.append((p, m)))
    assert isinstance(record, Record) and "$5 billion" in record.text
    assert warnings and warnings[0][0] == str(path)


def test_a_page_over_the_size_limit_is_an_error_not_a_long_wait(tmp_path):
    path = tmp_path / "big.html"
    path.write_text("<html><body>" + "<p>Acme will invest $5 billion.</p>" * 1000 + "</body></html>",
                    encoding="utf-8")
    (item,) = iter_records([str(path)], max_chars=10_000)
    assert isinstance(item, InputError) and "too long" in item.error


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<", "<!-- only a comment -->", "\x0c<p>"])
def test_degenerate_pages_give_text_not_exceptions(html):
    assert isinstance(page_text(html).text, str)
