"""spaCy ``Doc`` -> :class:`claimx.schema.Article`.

The only module that reads ``doc.spans`` and ``._`` attributes: the components annotate, this
turns annotations into the result model.  Offsets everywhere are character offsets into
``doc.text``, so ``text[start_char:end_char] == item.text`` holds for every item.  Every number
written is finite: a component that ever computed an infinite or NaN amount gives ``None`` here
(the output would not be JSON otherwise), and the rest of the article is kept.
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Doc, Span

from claimx.normalize.timex import period
from claimx.pipeline.extensions import DATES, LOCATIONS, MONEY, PROJECTIONS, QUOTES
from claimx.schema import (
    Article,
    DateMention,
    Entity,
    Horizon,
    Location,
    Money,
    Projection,
    Quantity,
    Quote,
    Speaker,
    Subject,
)

#: a figure with a glued scale or code that kept the sentence's period: "5m.", "3.4bn.", "20USD."
_GLUED_PERIOD = re.compile(r"\d ?[A-Za-z]{1,4}\.$")
_MONEY_FIELDS = ("value", "currency", "low", "high", "currency_inferred", "qualifier", "per", "metric")
_NUMBERS = ("value", "low", "high")


def _finite(fields: dict) -> dict:
    """``fields`` with any infinite or NaN ``value``/``low``/``high`` set to None."""
    for key in _NUMBERS:
        x = fields.get(key)
        if isinstance(x, float) and not math.isfinite(x):
            fields[key] = None
    return fields


def _ref(text: str, off: tuple[int, int] | list[int] | None, offset: int = 0) -> dict | None:
    if not off:
        return None
    s, e = off
    return {"text": text[s:e], "start_char": s + offset, "end_char": e + offset}


def _span(span: Span, offset: int = 0) -> dict:
    return {"text": span.text, "start_char": span.start_char + offset, "end_char": span.end_char + offset}


def _money(span: Span, offset: int = 0) -> Money:
    data = span._.claimx_money or {}
    fields = {k: data[k] for k in _MONEY_FIELDS if data.get(k) is not None}
    fields.setdefault("value", None)
    fields.setdefault("currency", None)
    ref = _span(span, offset)
    if _GLUED_PERIOD.search(span.text):  # the tokenizer keeps "m." whole: the period is the sentence's
        ref = {**ref, "text": ref["text"][:-1], "end_char": ref["end_char"] - 1}
    return Money(**ref, **_finite(fields))


def _quantity(text: str, figure: dict | None, offset: int = 0) -> Quantity | None:
    if not figure:
        return None
    fields = {k: figure.get(k) for k in ("value", "unit", "low", "high", "qualifier")}
    return Quantity(**_ref(text, figure["span"], offset), **_finite(fields))


def _days(value: str | None, base: str | None) -> dict:
    """``start``/``end`` (ISO dates) of the period a TIMEX3 value names, relative to ``base``."""
    span = period(value, base)
    if span is None:
        return {"start": None, "end": None}
    first, last = span
    return {"start": first.isoformat() if first else None, "end": last.isoformat() if last else None}


def _group(doc: Doc, key: str) -> list[Span]:
    return list(doc.spans[key]) if key in doc.spans else []


def doc_to_article(doc: Doc, *, id: str, source: str | None = None, date_source: str = "none",
                   encoding: str | None = None, title: str | None = None, offset: int = 0,
                   text_sha256: str | None = None) -> Article:
    """Build the result model for one annotated Doc.  ``offset``: added to every ``start_char`` and
    ``end_char``, for a Doc that is a chunk of a longer text starting there; ``text_sha256``: the
    fingerprint of the whole text (:func:`claimx.io.fingerprint`)."""
    text = doc.text
    base = doc._.claimx_date
    money_by_off = {(s.start_char, s.end_char): _money(s, offset) for s in _group(doc, MONEY)}
    timex_by_off = {(s.start_char, s.end_char): s._.claimx_timex for s in _group(doc, DATES)}

    def speaker(off, info: dict | None) -> Speaker | None:
        ref = _ref(text, off, offset)
        if ref is None:
            return None
        info = info or {}
        return Speaker(**ref, title=info.get("title"), organisation=info.get("organisation"),
                       name=info.get("name"))

    projections = []
    for span in _group(doc, PROJECTIONS):
        p = span._.claimx_projection or {}
        horizon = _ref(text, p.get("horizon"), offset)
        subject = _ref(text, p.get("subject"), offset)
        name = p.get("subject_name") or (subject["text"] if subject else None)
        value = _quantity(text, p.get("figure"), offset)
        if p.get("value"):
            value = money_by_off.get(tuple(p["value"]))
            others = [money_by_off[tuple(o)] for o in p.get("alternatives") or () if tuple(o) in money_by_off]
            if value is not None and others:
                value = value.model_copy(update={"alternatives": others})
        when = None
        if horizon:
            hv = p.get("horizon_value") or timex_by_off.get(tuple(p["horizon"]))
            when = Horizon(**horizon, value=hv, **_days(hv, base))
        projections.append(Projection(
            **_span(span, offset),
            cue=_ref(text, p.get("cue"), offset),
            speaker=speaker(p.get("speaker"), p.get("speaker_role")),
            subject=Subject(**subject, name=name, label=p.get("subject_label")) if subject and name else None,
            subject_resolved=name,
            grammatical_subject=_ref(text, p.get("grammatical_subject"), offset),
            metric=p.get("metric"),
            value=value,
            horizon=when,
            hedge=p.get("hedge", "certain"),
            negated=bool(p.get("negated")),
        ))
    quotes = []
    for span in _group(doc, QUOTES):
        q = span._.claimx_quote or {}
        quotes.append(Quote(**_span(span, offset), kind=q.get("kind", "direct"),
                            speaker=speaker(q.get("speaker"), q), cue=_ref(text, q.get("cue"), offset)))
    return Article(
        id=id,
        source=source if source is not None else id,
        date=base,
        date_source=date_source,  # type: ignore[arg-type]
        encoding=encoding,
        title=title,
        text_sha256=text_sha256,
        entities=[Entity(**_span(e, offset), label=e.label_) for e in doc.ents],
        money=list(money_by_off.values()),
        locations=[Location(**_span(s, offset), label=s.label_, **(s._.claimx_place or {}))
                   for s in _group(doc, LOCATIONS)],
        dates=[DateMention(**_span(s, offset), value=s._.claimx_timex, **_days(s._.claimx_timex, base))
               for s in _group(doc, DATES)],
        projections=projections,
        quotes=quotes,
    )


__all__ = ["doc_to_article"]
