"""The one table of claimx's spaCy extension attributes.

Every ``Doc._`` / ``Span._`` attribute claimx reads or writes is declared here and registered
idempotently by :func:`register`; components call it in their ``__init__``.  Values are plain
JSON-able data (dicts, strings, numbers, tuples of character offsets), never Span objects, so
they survive ``Doc.to_bytes`` and ``nlp.pipe(n_process=...)``.

Span groups written by the components (``doc.spans[KEY]``):

=====================  ===========================  =========================================
span group             written by                   per-span value (``span._.<attr>``)
=====================  ===========================  =========================================
``claimx_money``       ``claimx_money``             ``claimx_money``: dict, see money.py
``claimx_dates``       ``claimx_dates``             ``claimx_timex``: TIMEX3 string or None
``claimx_locations``   ``claimx_locations``         ``claimx_place``: dict, see locations.py
``claimx_projections`` ``claimx_projections``       ``claimx_projection``: dict
``claimx_quotes``      ``claimx_attributions``      ``claimx_quote``: dict
=====================  ===========================  =========================================
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

MONEY = "claimx_money"
DATES = "claimx_dates"
LOCATIONS = "claimx_locations"
PROJECTIONS = "claimx_projections"
QUOTES = "claimx_quotes"

# (object, attribute, default, doc string)
EXTENSIONS: list[tuple[type, str, object, str]] = [
    (Doc, "claimx_date", None, "ISO date (YYYY-MM-DD) the article's relative dates resolve against"),
    (Span, "claimx_money", None, "normalised money figure: value/low/high/currency/qualifier/..."),
    (Span, "claimx_timex", None, "TIMEX3 value of a date mention, or None when it cannot be resolved"),
    (Span, "claimx_place", None, "normalised place: name/country/subdivision/kind"),
    (Span, "claimx_projection", None, "projection structure (offsets of cue/speaker/value/horizon...)"),
    (Span, "claimx_quote", None, "attribution structure (kind, offsets of speaker/cue, title, org)"),
]


def register() -> None:
    """Register every claimx extension once; never overwrite one that someone else owns."""
    for obj, name, default, _doc in EXTENSIONS:
        if not obj.has_extension(name):
            obj.set_extension(name, default=default)
