"""The span layout: nested and overlapping spans become properly nested marks over the exact text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimx.cli.formats.spans import Mark, Span, flatten, layout


def shape(pieces):
    """A layout as nested tuples: ("key", first?, [children]) and text strings."""
    return [p if isinstance(p, str) else (p.span.key, p.first, shape(p.children)) for p in pieces]


def fragments(pieces, out=None, parent=None):
    """span key -> [(fragment text, enclosing span)] in document order."""
    out = {} if out is None else out
    for p in pieces:
        if isinstance(p, Mark):
            out.setdefault(p.span.key, []).append((flatten(p.children), parent, p.first))
            fragments(p.children, out, p.span)
    return out


def test_a_money_figure_inside_a_projection_inside_a_quote_nests():
    text = 'She said "sales will reach $5m by 2030" today.'
    quote = Span(9, 39, "quote", rank=0)
    projection = Span(10, 38, "projection", rank=1)
    money = Span(27, 30, "money", rank=2)
    assert shape(layout(text, [money, quote, projection])) == [
        "She said ",
        ("quote", True, ['"', ("projection", True,
                               ["sales will reach ", ("money", True, ["$5m"]), " by 2030"]), '"']),
        " today."]


def test_spans_that_cross_are_cut_into_fragments_of_which_the_first_is_marked():
    text = "alpha beta gamma"
    pieces = layout(text, [Span(0, 10, "A"), Span(6, 16, "B")])
    assert shape(pieces) == [("A", True, ["alpha ", ("B", True, ["beta"])]), ("B", False, [" gamma"])]
    assert flatten(pieces) == text


def test_identical_offsets_nest_by_rank_then_input_order():
    pieces = layout("Ohio", [Span(0, 4, "entity", rank=3), Span(0, 4, "place", rank=2),
                             Span(0, 4, "other", rank=2)])
    assert shape(pieces) == [("place", True, [("other", True, [("entity", True, ["Ohio"])])])]


def test_empty_and_out_of_range_spans_are_dropped_and_ends_clipped():
    assert shape(layout("abc", [Span(1, 1, "empty"), Span(5, 9, "past"), Span(-2, 1, "neg"),
                                Span(2, 99, "long")])) == ["ab", ("long", True, ["c"])]
    assert layout("", [Span(0, 1, "x")]) == []
    assert layout("plain", []) == ["plain"]


@st.composite
def texts_and_spans(draw):
    text = draw(st.text(alphabet="ab <&>\"'\n€", min_size=1, max_size=40))
    n = len(text)
    spans = []
    for i in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        spans.append(Span(start, end, i, rank=draw(st.integers(0, 3))))
    return text, spans


@given(texts_and_spans())
def test_every_span_is_laid_out_over_exactly_its_own_text(case):
    text, spans = case
    pieces = layout(text, spans)
    assert flatten(pieces) == text
    found = fragments(pieces)
    assert sorted(found) == sorted(s.key for s in spans)
    for s in spans:
        frags = found[s.key]
        assert "".join(f for f, _parent, _first in frags) == text[s.start:s.end]
        assert [first for _f, _p, first in frags] == [True] + [False] * (len(frags) - 1)
        for _f, parent, _first in frags:  # a fragment lies inside the span around it
            assert parent is None or (parent.start <= s.end and s.start <= parent.end)
