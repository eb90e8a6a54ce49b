"""An article's own date and headline from the head of its text: pure functions, no spaCy.

News copy often opens with what the metadata would say: a headline line, a date line
("March 01, 2008", "Published: Tuesday, 4 March 2008 10:14 GMT") or a dateline opening the first
paragraph ("LONDON, March 4, 2008 (Reuters) - ...", "WASHINGTON (AP) March 4, 2008 — ...").

Both readers are conservative, since a wrong base date shifts every relative date of the article:

* :func:`dateline_date` looks only at lines that open a paragraph (the first line, or one after
  a blank line) among the first 600 characters, four of them at most, and accepts a line that is
  nothing but a date (with an optional "Published"/"Updated" label, weekday and time; no final
  period), a date followed by a dash at the start of a line, or a place, an optional agency in
  parentheses and a date followed by a dash.  The date must name its year: a
  dateline without one ("LONDON, Nov 21 (Reuters) -") gives None, since the year would be a guess.
* :func:`headline` takes the first line when a blank line follows it, it is short (at most 200
  characters and 25 words, at least two words), starts with a capital, a digit or a quotation
  mark, and does not end like a sentence or a clause (".", ",", ";", ":").
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["dateline_date", "headline"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = "(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = r"(?i:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?)"
# "March 1, 2008", "Mar. 01 2008", "1 March 2008", "1st of March, 2008", "2008-03-01"
_DATE = (rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
         rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH})\.?,?\s+(?P<year2>(?:19|20)\d\d)"
         r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))")
_TIME = (r"(?:\s*(?:[-|,@]|at)?\s*[012]?\d[:.][0-5]\d(?:\s*[AaPp]\.?[Mm]\.?)?"
         r"(?:\s*\(?[A-Z]{2,4}\)?|\s*[+-]\d\d:?\d\d)?)?")
_LABEL = r"(?i:(?:(?:First\s+)?(?:Published|Updated|Posted|Last\s+updated)(?:\s+on)?\s*:?\s*)?)"
_DASH = r"\s*(?:-{1,2}|–|—)\s"
_AGENCY = r"\([A-Z][A-Za-z&.-]*(?:\s+[A-Z][A-Za-z&.-]*){0,3}\)"
_STATE = r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"  # "SPRINGFIELD, Ill.", "WASHINGTON, D.C."
_CAPS_PLACE = rf"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){{0,3}}{_STATE}"
_TITLE_PLACE = rf"[A-Z][a-z.'’-]+(?:\s+[A-Z][a-z.'’-]+){{0,3}}{_STATE}"
_ON_DAY = rf"(?:{_WEEKDAY},?\s+)?{_DATE}"

_DATE_LINE = re.compile(rf"{_LABEL}{_ON_DAY}{_TIME}")
_DATE_DASH = re.compile(rf"{_ON_DAY}{_DASH}")
# a place in capitals ("LONDON, March 4, 2008 (Reuters) -"), or in title case with an agency
_DATELINES = tuple(re.compile(p) for p in (
    rf"{_CAPS_PLACE}(?:,?\s+{_AGENCY})?,?\s+{_ON_DAY}(?:\s+{_AGENCY})?{_DASH}",
    rf"{_TITLE_PLACE},?\s+{_AGENCY},?\s+{_ON_DAY}{_DASH}",
    rf"{_TITLE_PLACE},?\s+{_ON_DAY}\s+{_AGENCY}{_DASH}",
))
_HEAD_LINES = 4
_HEAD_CHARS = 600

_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 25
_BLANK_AFTER = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*(?:\n|$)")


def _iso(m: re.Match[str]) -> str | None:
    if m.group("iso"):
        try:
            return dt.date.fromisoformat(m.group("iso")).isoformat()
        except ValueError:
            return None
    if m.group("month"):
        month, day, year = m.group("month"), m.group("day"), m.group("year")
    else:
        month, day, year = m.group("month2"), m.group("day2"), m.group("year2")
    try:
        return dt.date(int(year), _MONTHS[month.lower()], int(day)).isoformat()
    except ValueError:  # "February 30, 2008"
        return None


def _head_lines(text: str) -> list[str]:
    """The lines that open a paragraph (the first line, or one after a blank line) among the first
    non-blank lines: a date alone on a line inside hard-wrapped text ("... is due on\nMarch 12,
    1987.") is no date line."""
    lines = [line.strip() for line in text[:_HEAD_CHARS].splitlines()]
    opening = [line for i, line in enumerate(lines) if line and (i == 0 or not lines[i - 1])]
    return opening[:_HEAD_LINES]


def dateline_date(text: str) -> str | None:
    """The article's own date (``YYYY-MM-DD``) from a date line or dateline at its head, or None.

    >>> dateline_date("Acme buys Foo\\n\\nMarch 01, 2008\\n\\nAcme said on Friday ...")
    '2008-03-01'
    >>> dateline_date("LONDON, March 4, 2008 (Reuters) - Acme said ...")
    '2008-03-04'
    >>> dateline_date("LONDON, Nov 21 (Reuters) - Acme said ...") is None  # no year
    True
    """
    for line in _head_lines(text):
        for m in (_DATE_LINE.fullmatch(line), *(p.match(line + " ") for p in (_DATE_DASH, *_DATELINES))):
            if m is not None:
                return _iso(m)
    return None


def headline(text: str) -> str | None:
    """The first line of ``text`` when it reads as a headline (see the module docstring), else None.
    A Markdown heading's ``#`` marks are not part of it."""
    end = text.find("\n")
    if end < 0 or _BLANK_AFTER.match(text, end) is None or not text[end:].strip():
        return None
    line = text[:end].strip()
    if line.startswith("#"):
        line = line.lstrip("#").strip()
    words = line.split()
    if not 2 <= len(words) <= _HEADLINE_MAX_WORDS or len(line) > _HEADLINE_MAX_CHARS:
        return None
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘«"):
        return None
    if line[-1] in ".,;:" or _DATE_LINE.fullmatch(line) or dateline_date(line) is not None:
        return None
    return line
