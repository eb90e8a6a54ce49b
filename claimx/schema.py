"""The result model: what claimx returns for one article (pydantic v2, frozen).

This is the product's public JSON interface.  Every item carries ``text``, ``start_char`` and
``end_char`` with ``text == article_text[start_char:end_char]`` (Python code-point offsets, end
exclusive).  Numbers are JSON numbers, never strings.  Bump :data:`SCHEMA_VERSION` when a field
changes meaning or disappears (major) or is added (minor).

2.0: a projection's ``subject`` is the entity the claim is about (a mention of it, with its
``name`` and ``label``), no longer the clause's grammatical subject, which moved to
``grammatical_subject``; dates and horizons carry ``start``/``end``; a projected money figure may
carry ``alternatives`` (its conversion: "¥1.5tn ($10bn)").

2.1: an article carries ``text_sha256``, the fingerprint of its text, which ``--resume`` compares
before it skips a record already in the output.

Every field has a description, which ``claimx schema`` prints with the JSON Schema.  TIMEX3 values
(a date's or horizon's ``value``) keep the granularity of the text: "2025" (a year), "2025-11" (a
month), "2025-11-21" (a day), "2026-Q1" (a quarter), "2025-H2" (a half), "2026-SP" (a season: SP,
SU, FA, WI), "2025-W47" (an ISO week; "2025-W47-WE" its weekend), "2025-11-20TEV" (a part of a
day: MO, AF, EV, NI), "202" (a decade: the 2020s), "20" (a century), "FY2026" (a fiscal year;
"FY2026-Q3" its quarter), "P3Y" / "P6M" / "P2W" / "P10D" (a duration; "PXY" when the count is not
stated), "PRESENT_REF" ("now", "currently"), "PAST_REF" ("recently"), "FUTURE_REF" ("soon", "in
the future").
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2.1"

Hedge = Literal["certain", "probable", "possible"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SpanRef(_Frozen):
    """A stretch of the article text."""

    text: str = Field(description="the words as they stand in the article: text[start_char:end_char]")
    start_char: int = Field(ge=0, description="offset of the first character in the article text "
                                              "(Python code points, from 0)")
    end_char: int = Field(ge=0, description="offset just past the last character (end exclusive)")


class Entity(SpanRef):
    """A named entity with its OntoNotes label (PERSON, ORG, GPE, LOC, FAC, NORP, PRODUCT, ...)."""

    label: str = Field(description="OntoNotes entity type: PERSON, ORG, GPE, LOC, FAC, NORP, PRODUCT, "
                                   "EVENT, LAW, DATE, MONEY, PERCENT, CARDINAL, ...")


class Money(SpanRef):
    """A money figure.  A range has ``value: null`` and numeric ``low``/``high``."""

    value: float | None = Field(description="amount in major units (19 cents = 0.19); null for a range "
                                            "and for a figure that cannot be a real amount")
    currency: str | None = Field(description="ISO 4217 code, null when it cannot be determined")
    low: float | None = Field(None, description="a range's lower bound ('$5-7bn' -> 5e9; 'hundreds of "
                                                "billions' -> 1e11), else null")
    high: float | None = Field(None, description="a range's upper bound, else null")
    currency_inferred: bool = Field(False, description="currency assumed from a bare symbol such as $")
    qualifier: str | None = Field(None, description='"about", "more than", "up to", ...')
    per: str | None = Field(None, description='rate unit: "share" for "$5 a share"')
    metric: str | None = Field(None, description='what the amount is: "annualized revenue"')
    alternatives: list[Money] = Field([], description='the same amount stated again, in a projection\'s '
                                      'value: its conversion ("¥1.5tn ($10bn)" -> the $10bn)')


class Quantity(SpanRef):
    """A figure that is not money: a percentage or a counted quantity ("20%", "10,000 jobs").
    A range has ``value: null`` and numeric ``low``/``high``."""

    value: float | None = Field(description="the number (20 for '20%', 10000 for '10,000 jobs'); null "
                                            "for a range")
    unit: str | None = Field(description='"percent", "percentage point", "basis point", or the counted '
                                         'noun as written: "jobs"')
    low: float | None = Field(None, description="a range's lower bound, else null")
    high: float | None = Field(None, description="a range's upper bound, else null")
    qualifier: str | None = Field(None, description='"about", "more than", "up to", ...')


class Location(SpanRef):
    """A place mention, normalised to a country and, where possible, a subdivision."""

    label: str = Field(description="GPE, LOC or FAC")
    name: str | None = Field(None, description="canonical name: 'United States', 'Wisconsin'")
    kind: Literal["country", "subdivision", "city", "region"] | None = Field(
        None, description="what the place is: a country, a subdivision (state, province), a city, or a "
                          "region (several countries: 'Europe'); null when not normalised")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code")
    country_name: str | None = Field(None, description="the country's name: 'United States'")
    subdivision: str | None = Field(None, description="ISO 3166-2 code, e.g. US-WI")


class _Dated(SpanRef):
    start: str | None = Field(None, description="first day (YYYY-MM-DD) of the period the value names, "
                                                "null when open or unknown ('2026-Q1' -> 2026-01-01)")
    end: str | None = Field(None, description="last day (YYYY-MM-DD) of that period, null when open or "
                                              "unknown ('2026-Q1' -> 2026-03-31; 'P2Y' -> two years "
                                              "after the article date)")


class DateMention(_Dated):
    """A date expression with its TIMEX3 value relative to the article date (null if unresolved)."""

    value: str | None = Field(description="TIMEX3 value, as precise as the text: '2025', '2025-11-21', "
                                          "'2026-Q1', '2026-SP', '202' (the 2020s), 'FY2026', 'P3Y', "
                                          "'PRESENT_REF', ... (see the schema module); null when it "
                                          "cannot be resolved (a relative date without an article date)")


class Horizon(_Dated):
    """When a projection is due: the date expression and its TIMEX3 value, or for a stretch of
    time ahead with no date ("over the next eight years") a TIMEX3 duration ("P8Y"; "PXM" when
    the count is not stated)."""

    value: str | None = Field(description="TIMEX3 value of the deadline ('2030', '2026-Q1', 'FY2026') or "
                                          "duration ahead ('P8Y', 'PXM'), 'FUTURE_REF' for 'one day'; "
                                          "null when unresolved")


class Speaker(SpanRef):
    """Who says it: a named mention (with role and organisation when the text gives them)."""

    title: str | None = Field(None, description="the speaker's role as the text gives it: 'chief executive'")
    organisation: str | None = Field(None, description="the organisation the speaker speaks for, as named")
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
    speaker: Speaker | None = Field(None, description="who makes the projection, when the text says")
    subject: Subject | None = Field(None, description="the entity the projection is about, resolved (not "
                                                      "always the grammatical subject: 'the plan' of GM "
                                                      "is about GM)")
    subject_resolved: str | None = Field(None, description="the subject's name (same as subject.name)")
    grammatical_subject: SpanRef | None = Field(None, description="the statement's grammatical subject "
                                                "as written: 'the new aircraft', 'it', 'sales'")
    metric: str | None = Field(None, description="what the figure measures: 'revenue', 'inflation', "
                                                 "'jobs'")
    value: Money | Quantity | None = Field(None, description="the figure projected: money (with a "
                                         "currency) or a percentage / quantity (with a unit)")
    horizon: Horizon | None = Field(None, description="by when: the deadline or stretch of time ahead")
    hedge: Hedge = Field("certain", description="how sure the speaker sounds: 'certain' (will, plans "
                                                "to, would in reported speech), 'probable' (expects, "
                                                "should, is likely to), 'possible' (may, could, might)")
    negated: bool = Field(False, description="the projection is denied: 'will not', 'does not expect'")


class Quote(SpanRef):
    """An attribution: the quoted or attributed content, its speaker and its cue.

    ``kind`` is "direct" (quotation marks), "indirect" ("X said that ...") or "according_to"."""

    kind: Literal["direct", "indirect", "according_to"] = Field(
        description="'direct': the words in quotation marks; 'indirect': reported speech ('X said that "
                    "...'); 'according_to': attributed with 'according to X'")
    speaker: Speaker | None = Field(None, description="who said it, when the text says")
    cue: SpanRef | None = Field(None, description="the word that attributes it: said, told, according to")


class Article(_Frozen):
    """Everything claimx found in one input record."""

    schema_version: str = Field(SCHEMA_VERSION, description="the version of this schema the record "
                                                            "follows (major.minor)")
    id: str = Field(description="unique in a run and stable across runs: a JSON Lines record's own id, "
                                "else the file's path relative to the folder (or pattern, or file) "
                                "given, '<path>:<line>' for a JSON Lines line without one, '-' for stdin")
    source: str = Field(description="where the text came from: the path as given, '<path>:<line>' for "
                                    "a JSON Lines record, '-' for stdin")
    date: str | None = Field(None, description="base date (YYYY-MM-DD) relative dates resolve against")
    date_source: Literal["given", "input", "text", "none"] = Field(
        "none", description="where the date came from: 'given' (--date), 'input' (the JSON Lines "
                            "record's date or the HTML page's metadata), 'text' (a dateline at the "
                            "head of the text), 'none' (no date: relative dates stay unresolved)")
    encoding: str | None = Field(None, description="how the file was decoded: utf-8, utf-8-sig, utf-16, "
                                                  "cp1252, latin-1; null for JSON Lines records")
    title: str | None = Field(None, description="the article title: a JSON Lines record's own \"title\", "
                                               "an HTML page's metadata, or a plain-text input's "
                                               "headline line")
    text_sha256: str | None = Field(None, description="SHA-256 of the article text (UTF-8, hex): the "
                                                      "same text gives the same fingerprint; --resume "
                                                      "compares it (schema 2.1)")
    entities: list[Entity] = Field([], description="named entities, in text order")
    money: list[Money] = Field([], description="money figures, in text order")
    locations: list[Location] = Field([], description="place mentions, normalised")
    dates: list[DateMention] = Field([], description="date expressions with their TIMEX3 values")
    projections: list[Projection] = Field([], description="forward-looking statements, in text order")
    quotes: list[Quote] = Field([], description="quotes and attributions")


def json_schema() -> dict:
    """JSON Schema of one output record."""
    return Article.model_json_schema()


def to_json(article: Article, indent: int | None = None) -> str:
    """An article as JSON text: the one serialisation of every JSON output (``--format json`` and
    ``jsonl``, a cluster run's part files), so they are byte-identical by construction."""
    return json.dumps(article.model_dump(mode="json"), ensure_ascii=False, indent=indent, allow_nan=False)
