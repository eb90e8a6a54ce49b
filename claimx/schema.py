"""The result model: what claimx returns for one article (pydantic v2, frozen).

This is the product's public JSON interface.  Every item carries ``text``, ``start_char`` and
``end_char`` with ``text == article_text[start_char:end_char]`` (Python code-point offsets, end
exclusive).  Numbers are JSON numbers, never strings.  Bump :data:`SCHEMA_VERSION` when a field
changes meaning or disappears (major) or is added (minor).

2.0: a projection's ``subject`` is the entity the claim is about (a mention of it, with its
``name`` and ``label``), no longer the clause's grammatical subject, which moved to
``grammatical_subject``; dates and horizons carry ``start``/``end``; a projected money figure may
carry ``alternatives`` (its conversion: "¥1.5tn ($10bn)").
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2.0"

Hedge = Literal["certain", "probable", "possible"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SpanRef(_Frozen):
    """A stretch of the article text."""

    text: str
    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)


class Entity(SpanRef):
    """A named entity with its OntoNotes label (PERSON, ORG, GPE, LOC, FAC, NORP, PRODUCT, ...)."""

    label: str


class Money(SpanRef):
    """A money figure.  A range has ``value: null`` and numeric ``low``/``high``."""

    value: float | None = Field(description="amount in major units (19 cents = 0.19); null for a range")
    currency: str | None = Field(description="ISO 4217 code, null when it cannot be determined")
    low: float | None = None
    high: float | None = None
    currency_inferred: bool = Field(False, description="currency assumed from a bare symbol such as $")
    qualifier: str | None = Field(None, description='"about", "more than", "up to", ...')
    per: str | None = Field(None, description='rate unit: "share" for "$5 a share"')
    metric: str | None = Field(None, description='what the amount is: "annualized revenue"')
    alternatives: list[Money] = Field([], description='the same amount stated again, in a projection\'s '
                                      'value: its conversion ("¥1.5tn ($10bn)" -> the $10bn)')


class Quantity(SpanRef):
    """A figure that is not money: a percentage or a counted quantity ("20%", "10,000 jobs").
    A range has ``value: null`` and numeric ``low``/``high``."""

    value: float | None
    unit: str | None = Field(description='"percent", "percentage point", "basis point", or the counted '
                                         'noun as written: "jobs"')
    low: float | None = None
    high: float | None = None
    qualifier: str | None = Field(None, description='"about", "more than", "up to", ...')


class Location(SpanRef):
    """A place mention, normalised to a country and, where possible, a subdivision."""

    label: str = Field(description="GPE, LOC or FAC")
    name: str | None = Field(None, description="canonical name: 'United States', 'Wisconsin'")
    kind: Literal["country", "subdivision", "city", "region"] | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code")
    country_name: str | None = None
    subdivision: str | None = Field(None, description="ISO 3166-2 code, e.g. US-WI")


class _Dated(SpanRef):
    start: str | None = Field(None, description="first day (YYYY-MM-DD) of the period the value names, "
                                                "null when open or unknown ('2026-Q1' -> 2026-01-01)")
    end: str | None = Field(None, description="last day (YYYY-MM-DD) of that period, null when open or "
                                              "unknown ('2026-Q1' -> 2026-03-31; 'P2Y' -> two years "
                                              "after the article date)")


class DateMention(_Dated):
    """A date expression with its TIMEX3 value relative to the article date (null if unresolved)."""

    value: str | None


class Horizon(_Dated):
    """When a projection is due: the date expression and its TIMEX3 value, or for a stretch of
    time ahead with no date ("over the next eight years") a TIMEX3 duration ("P8Y"; "PXM" when
    the count is not stated)."""

    value: str | None


class Speaker(SpanRef):
    """Who says it: a named mention (with role and organisation when the text gives them)."""

    title: str | None = None
    organisation: str | None = None
    name: str | None = Field(None, description="the named person (or, for 'it', organisation) meant: a "
                                               "pronoun resolved when unambiguous")


class Subject(SpanRef):
    """The entity a projection is about: a mention of it in the article (in the statement when it
    names it, else where the article names it: "the company" -> the last "Kestrel" before it)."""

    name: str = Field(description="the entity's name, to group claims by: 'Kestrel Air'")
    label: str | None = Field(None, description="ORG, PERSON, GPE, PRODUCT, ... when the entity is named")


class Projection(SpanRef):
    """A forward-looking statement: who projects what, for whom, by when, how hedged.

    ``text``/offsets are the clause that carries the projection."""

    cue: SpanRef | None = Field(None, description="the word that makes it forward-looking: will, expect, ...")
    speaker: Speaker | None = None
    subject: Subject | None = Field(None, description="the entity the projection is about, resolved")
    subject_resolved: str | None = Field(None, description="the subject's name (same as subject.name)")
    grammatical_subject: SpanRef | None = Field(None, description="the statement's grammatical subject "
                                                "as written: 'the new aircraft', 'it', 'sales'")
    metric: str | None = None
    value: Money | Quantity | None = Field(None, description="the figure projected: money (with a "
                                         "currency) or a percentage / quantity (with a unit)")
    horizon: Horizon | None = None
    hedge: Hedge = "certain"
    negated: bool = False


class Quote(SpanRef):
    """An attribution: the quoted or attributed content, its speaker and its cue.

    ``kind`` is "direct" (quotation marks), "indirect" ("X said that ...") or "according_to"."""

    kind: Literal["direct", "indirect", "according_to"]
    speaker: Speaker | None = None
    cue: SpanRef | None = None


class Article(_Frozen):
    """Everything claimx found in one input record."""

    schema_version: str = SCHEMA_VERSION
    id: str
    source: str
    date: str | None = Field(None, description="base date (YYYY-MM-DD) relative dates resolve against")
    date_source: Literal["given", "input", "text", "none"] = "none"
    encoding: str | None = Field(None, description="how the file was decoded: utf-8, utf-8-sig, utf-16, "
                                                  "cp1252, latin-1; null for JSON Lines records")
    title: str | None = Field(None, description="the article title: a JSON Lines record's own \"title\", "
                                               "or an HTML page's metadata")
    entities: list[Entity] = []
    money: list[Money] = []
    locations: list[Location] = []
    dates: list[DateMention] = []
    projections: list[Projection] = []
    quotes: list[Quote] = []


def json_schema() -> dict:
    """JSON Schema of one output record."""
    return Article.model_json_schema()
