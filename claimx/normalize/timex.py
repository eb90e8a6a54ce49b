"""TIMEX3 values for English date mentions, resolved against the article date.

Pure functions, no spaCy: :func:`to_timex` turns the text of one date mention ("by year-end",
"the third quarter", "FY26", "on Thursday", "the 1990s", "recently") into a TIMEX3 ``value``
string ("2025", "2025-Q3", "2026", "2025-11-20", "199", "PAST_REF") or ``None``.

Granularity follows the text, never finer: a year stays a year ("2030"), a month stays a month
("2024-03"), a quarter a quarter ("2026-Q1"), a half a half ("2025-H2"), a week an ISO week
("2025-W47"), a decade a decade ("199").  Relative expressions need the article date ``base``;
without it they give ``None`` while absolute ones ("March 2024", "fiscal 2026") still resolve.

Most expressions are handled by the rules below; `dateparser` is only a fallback for the rare
mention the rules do not understand, called with English only and ``RELATIVE_BASE`` = the
article date, and its answer is cut back to the granularity the text actually states.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from functools import lru_cache
from typing import Any, Literal

from claimx.resources import load_json

__all__ = ["LEXICON", "in_earlier_year", "is_over", "period", "starts_after", "tense_of", "to_timex"]

Tense = Literal["past", "future", "neutral"]


def _load_lexicon() -> dict[str, Any]:
    """Read ``claimx/resources/timex.json`` (month/weekday names, reference words, cue lists)."""
    return load_json("timex.json")


LEXICON: dict[str, Any] = _load_lexicon()

_MONTHS: dict[str, int] = LEXICON["months"]
_WEEKDAYS: dict[str, int] = LEXICON["weekdays"]
_SEASONS: dict[str, str] = LEXICON["seasons"]
_PARTS: dict[str, str] = LEXICON["parts_of_day"]
_NUMBERS: dict[str, int] = LEXICON["numbers"]
_ORDINALS: dict[str, int] = LEXICON["ordinals"]
_DAY_WORDS: dict[str, int] = LEXICON["day_words"]
_REFS: dict[str, str] = LEXICON["refs"]
_MODIFIERS: frozenset[str] = frozenset(LEXICON["modifiers"])
_BOUNDARIES: frozenset[str] = frozenset(LEXICON["boundaries"])


def _alt(words: Any) -> str:
    """Regex alternation of lexicon words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH_RE = _alt(_MONTHS)
_WEEKDAY_RE = _alt(_WEEKDAYS)
_NUM_RE = _alt(_NUMBERS) + r"|\d{1,3}"
_HALF_WORDS = {"back": "second", "latter": "second", "front": "first"}
_ORD_RE = r"first|second|third|fourth|final|last|1st|2nd|3rd|4th|back|latter|front"
_YEAR_RE = r"(?:19|20)\d\d"
# "the year" alone is too vague to be a date; "the third quarter of the year" means this year
_BARE_YEAR = frozenset({"the year", "the fiscal year", "the financial year", "the calendar year"})
_FUTURE_RE = re.compile(r"(?<![\w'])(?:" + _alt(LEXICON["future_cues"]) + r")(?![\w'])")
_PAST_RE = re.compile(r"(?<![\w'])(?:" + _alt(LEXICON["past_cues"]) + r")(?![\w'])")

_CLOCK_RE = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?=\s|$)|\b\d{1,2}:\d\d\b"
    r"|\b(?:noon|midday|midnight)\b|\b(?:utc|gmt|bst|cet|cest|est|edt|cst|cdt|pst|pdt|et|pt)\b"
)
_DAY_OF_MONTH = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"



# --------------------------------------------------------------------------------------------
# formatting and arithmetic


def _fmt_day(d: dt.date) -> str:
    return d.isoformat()


def _fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shift_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def _fmt_week(d: dt.date, suffix: str = "") -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}{suffix}"


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def tense_of(context: str | None) -> Tense:
    """Tense suggested by the words governing a mention: ``"future"``, ``"past"`` or ``"neutral"``.

    ``context`` is free text around the mention (its verb group, the preposition before it);
    future cues ("will", "is set to", "expected", "by") win over past cues ("was", "said", "since").
    """
    if not context:
        return "neutral"
    low = _clean(context)
    if _FUTURE_RE.search(low):
        return "future"
    if _PAST_RE.search(low):
        return "past"
    return "neutral"


def _pick_year(base: dt.date, month: int, day: int | None, tense: Tense) -> int:
    """Year for a month (and day) given without one: the article's year, unless the tense says
    the mention lies on the other side of the article date ("since November" in March)."""
    def offset(year: int) -> int:
        if day is None:
            return (year - base.year) * 12 + month - base.month
        return ((_valid_day(year, month, min(day, 28)) or base) - base).days

    year = base.year
    if tense == "past" and offset(year) > 0:
        year -= 1
    elif tense == "future" and offset(year) < 0:
        year += 1
    return year


# --------------------------------------------------------------------------------------------
# text clean-up


def _clean(text: str) -> str:
    """Lower-case, straighten quotes and dashes, collapse white space, drop edge punctuation."""
    t = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"\s*-\s*", "-", t)
    t = re.sub(r"\s+,", ",", t)
    return t.strip(" \t\n.,;:!?\"()[]")


def _strip_modifiers(t: str) -> str:
    """Drop leading prepositions and vague modifiers ("by", "in", "early", "mid-", "later")."""
    while True:
        t = t.strip(" ,")
        m = re.match(r"^(mid|early|late|end)-(?=\w)", t)
        if m:
            t = t[m.end() :]
            continue
        head, _, rest = t.partition(" ")
        if rest and head in _MODIFIERS:
            t = rest
            continue
        return t


# --------------------------------------------------------------------------------------------
# the rules; each returns a value, None (understood but unresolvable) or _NO (not understood)

_NO: Any = object()


def _rule_year_like(t: str, base: dt.date | None) -> Any:
    m = re.fullmatch(r"(?:the )?(?:(?:fiscal|financial|calendar|model|school|tax) )?(?:year )?"
                     r"(?P<y>" + _YEAR_RE + r")(?: (?:fiscal )?year)?", t)
    if m:
        return m.group("y")
    m = re.fullmatch(r"(?:the )?(?:fy|fiscal|financial year|fiscal year|cy)(?: |-)?'?(?P<y>\d\d|" + _YEAR_RE
                     + r")(?: fiscal year| financial year)?", t)
    if m:
        y = m.group("y")
        return y if len(y) == 4 else f"20{y}"
    # decades: the 1990s, the '90s, 70s, the 2010s
    m = re.fullmatch(r"(?:the )?(?:early |late |mid-?)?(?P<d>(?:19|20)\d0|'?\d0)'?s", t)
    if m:
        d = m.group("d").lstrip("'")
        if len(d) == 2:
            n = int(d)
            century = 20 if n < 20 or (n == 20 and base is not None and base.year >= 2020) else 19
            d = f"{century}{d}"
        return d[:3]
    m = re.fullmatch(r"(?:the )?(?P<n>\d\d)(?:st|nd|rd|th) century", t)
    if m:
        return f"{int(m.group('n')) - 1:02d}"
    m = re.fullmatch(r"(?P<y>" + _YEAR_RE + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)", t)
    if m:
        d = _valid_day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return _fmt_day(d) if d else None
    m = re.fullmatch(r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>" + _YEAR_RE + r")", t)
    if m:
        d = _valid_day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return _fmt_day(d) if d else None
    return _NO


def _year_of(t: str, base: dt.date | None) -> Any:
    """A year phrase ("2026", "fiscal 2026", "this year", "next year", "FY26") -> int, None or _NO."""
    if not t:
        return _NO
    v = _rule_year_like(t, base)
    if isinstance(v, str) and len(v) == 4:
        return int(v)
    if t in _BARE_YEAR:
        t = "this year"  # "the third quarter of the year", "the summer of the year"
    m = re.fullmatch(r"(?:the )?(?P<w>this|next|last|past|previous|current|coming|following|prior)"
                     r" (?:fiscal |financial |calendar )?year", t)
    if m:
        if base is None:
            return None
        return base.year + {"next": 1, "coming": 1, "following": 1, "this": 0, "current": 0}.get(
            m.group("w"), -1)
    return _NO


def _rule_quarter_half(t: str, base: dt.date | None, tense: Tense) -> Any:
    # Q3, Q3 2025, Q3 of 2025, 3Q25, Q3 FY26, the third quarter (of this year), H2, the second half
    m = (re.fullmatch(r"(?:the )?(?:(?:fiscal|calendar) )?(?P<kind>q|h)(?P<n>[1-4])"
                      r"(?:[ ,]+(?:of )?(?P<y>.+))?", t)
         or re.fullmatch(r"(?P<n>[1-4])(?P<kind>q|h)(?:[ ,]*(?P<y>.+))?", t)
         or re.fullmatch(r"(?:the )?(?:(?:fiscal|financial|calendar) )?(?P<n>" + _ORD_RE + r")(?:-| )"
                         r"(?:(?:fiscal|financial|calendar) )?"
                         r"(?P<kind>quarter|half)(?:[ ,]+(?:of )?(?P<y>.+))?", t)
         or re.fullmatch(r"(?P<y>.+?)(?:'s)? (?P<n>" + _ORD_RE + r")(?:-| )(?P<kind>quarter|half)", t))
    if not m:
        return _NO
    kind = "Q" if m.group("kind") in ("q", "quarter") else "H"
    n_text = m.group("n")
    if n_text in _HALF_WORDS:
        if kind != "H":
            return _NO
        n_text = _HALF_WORDS[n_text]
    n = int(n_text) if n_text.isdigit() else _ORDINALS[n_text]
    top = 4 if kind == "Q" else 2
    if n == -1:
        n = top
    if n > top:
        return None
    y_text = m.group("y")
    if y_text:
        y_text = y_text.strip()
        if re.fullmatch(r"\d\d", y_text):
            return f"20{y_text}-{kind}{n}"
        year = _year_of(y_text, base)
        if year is _NO:
            return _NO
        return None if year is None else f"{year:04d}-{kind}{n}"
    if base is None:
        return None
    size = 3 if kind == "Q" else 6
    current = (base.month - 1) // size + 1
    year = base.year
    if n > current and tense != "future" and (tense == "past" or (kind == "Q" and n - current >= 2)):
        year -= 1
    elif n < current and tense == "future":
        year += 1  # "will close in the first quarter", said in November: next year's
    return f"{year:04d}-{kind}{n}"


def _rule_month_quarter(t: str, base: dt.date | None, tense: Tense) -> Any:
    # "the December quarter", "the June quarter of 2025": the calendar quarter ending that month
    m = re.fullmatch(r"(?:the )?(?P<mon>" + _MONTH_RE + r")\.? quarter(?:[ ,]+(?:of )?(?P<y>.+))?", t)
    if not m:
        return _NO
    month = _MONTHS[m.group("mon")]
    if month % 3:
        return None  # a fiscal quarter ending off the calendar quarters ("the January quarter")
    ordinal = ("first", "second", "third", "fourth")[month // 3 - 1]
    rest = f" of {m.group('y')}" if m.group("y") else ""
    return _rule_quarter_half(f"the {ordinal} quarter{rest}", base, tense)


def _rule_relative_unit(t: str, base: dt.date | None) -> Any:
    t = re.sub(r"^this past ", "last ", t)  # "this past quarter": the one just ended
    m = re.fullmatch(r"(?:the )?(?P<w>this|next|last|past|previous|current|coming|following|prior|same)"
                     r" (?:fiscal |financial |calendar )?"
                     r"(?P<u>year|month|week|weekend|quarter|decade|century|season)", t)
    if not m:
        return _NO
    w, u = m.group("w"), m.group("u")
    if w == "same":
        return None
    if base is None:
        return None
    delta = {"next": 1, "coming": 1, "following": 1, "this": 0, "current": 0}.get(w, -1)
    if u == "year":
        return f"{base.year + delta:04d}"
    if u == "month":
        return _fmt_month(*_shift_month(base.year, base.month, delta))
    if u in ("week", "weekend"):
        return _fmt_week(base + dt.timedelta(weeks=delta), "-WE" if u == "weekend" else "")
    if u == "quarter":
        y, q = _shift_quarter(base.year, (base.month - 1) // 3 + 1, delta)
        return f"{y:04d}-Q{q}"
    if u == "decade":
        return f"{base.year // 10 + delta:03d}"
    if u == "century":
        return f"{base.year // 100 + delta:02d}"
    return None


def _rule_ago(t: str, base: dt.date | None) -> Any:
    m = re.fullmatch(r"(?P<n>" + _NUM_RE + r") (?P<u>day|week|month|quarter|year|decade)s? "
                     r"(?P<dir>ago|earlier|before|later|from now|hence)", t)
    if not m:
        return _NO
    if base is None:
        return None
    n_text = m.group("n")
    n = int(n_text) if n_text.isdigit() else _NUMBERS[n_text]
    sign = 1 if m.group("dir") in ("later", "from now", "hence") else -1
    u = m.group("u")
    if u == "day":
        return _fmt_day(base + dt.timedelta(days=sign * n))
    if u == "week":
        return _fmt_day(base + dt.timedelta(weeks=sign * n))
    if u == "month":
        return _fmt_month(*_shift_month(base.year, base.month, sign * n))
    if u == "quarter":
        y, q = _shift_quarter(base.year, (base.month - 1) // 3 + 1, sign * n)
        return f"{y:04d}-Q{q}"
    if u == "decade":
        n *= 10
    return f"{base.year + sign * n:04d}"


def _rule_day_word(t: str, base: dt.date | None) -> Any:
    # today, yesterday, tomorrow, tonight, this morning, yesterday afternoon, last night
    part = ""
    m = re.fullmatch(r"(?P<d>.+?)(?:'s)? (?P<p>" + _alt(_PARTS) + r")", t)
    if m and (m.group("d") in _DAY_WORDS or m.group("d") in ("this", "last")):
        t, part = m.group("d"), "T" + _PARTS[m.group("p")]
        if t == "this":
            t = "today"
        elif t == "last":
            t = "yesterday"
    elif t in _PARTS and t in ("morning", "afternoon", "evening"):
        return _NO
    t = re.sub(r"'s$", "", t)
    if t not in _DAY_WORDS:
        return _NO
    if t == "tonight":
        part = "TNI"
    if base is None:
        return None
    return _fmt_day(base + dt.timedelta(days=_DAY_WORDS[t])) + part


def _rule_consecutive_day(t: str, base: dt.date | None) -> Any:
    # "for a second consecutive day", "the third straight session": the day of the report
    if not re.fullmatch(r"(?:a|the) \w+ (?:consecutive|straight|successive) (?:trading )?(?:day|session)", t):
        return _NO
    return None if base is None else _fmt_day(base)


def _rule_weekday(t: str, base: dt.date | None, tense: Tense) -> Any:
    m = re.fullmatch(r"(?:(?P<w>last|next|this|past|coming) )?(?P<day>" + _WEEKDAY_RE + r")(?:'s)?"
                     r"(?: (?P<p>" + _alt(_PARTS) + r"))?", t)
    if not m:
        return _NO
    if base is None:
        return None
    target = _WEEKDAYS[m.group("day")]
    back = (base.weekday() - target) % 7
    fwd = (target - base.weekday()) % 7
    w = m.group("w")
    if w in ("last", "past"):
        day = base - dt.timedelta(days=back or 7)
    elif w in ("next", "coming"):
        day = base + dt.timedelta(days=fwd or 7)
    elif tense == "future":
        day = base + dt.timedelta(days=fwd)
    else:
        day = base - dt.timedelta(days=back)
    suffix = "T" + _PARTS[m.group("p")] if m.group("p") else ""
    return _fmt_day(day) + suffix


def _rule_weekend(t: str, base: dt.date | None, tense: Tense) -> Any:
    # "the weekend", "over the weekend": the one just past, or the coming one in a future context;
    # on a Saturday or Sunday, the current one
    if t in ("weekend", "weekends"):
        return None  # "weekend sales", "at weekends": no particular weekend
    if t not in ("the weekend", "this past weekend", "the past weekend"):
        return _NO
    if base is None:
        return None
    if base.weekday() >= 5 or (tense == "future" and "past" not in t):
        return _fmt_week(base, "-WE")
    return _fmt_week(base - dt.timedelta(weeks=1), "-WE")


def _rule_month_day(t: str, base: dt.date | None, tense: Tense) -> Any:
    t = re.sub(r"^(?:" + _WEEKDAY_RE + r"),? (?=\w)", "", t)
    t = re.sub(r"^the ", "", t)
    year_part = r"(?:,? (?P<y>" + _YEAR_RE + r"))?"
    m = (re.fullmatch(r"(?P<mon>" + _MONTH_RE + r")\.? " + _DAY_OF_MONTH + year_part, t)
         or re.fullmatch(_DAY_OF_MONTH + r" (?:of )?(?P<mon>" + _MONTH_RE + r")\.?" + year_part, t))
    if m:
        month, day = _MONTHS[m.group("mon")], int(m.group("day"))
        if not 1 <= day <= 31:
            return _NO
        if m.group("y"):
            d = _valid_day(int(m.group("y")), month, day)
            return _fmt_day(d) if d else None
        if base is None:
            return None
        d = _valid_day(_pick_year(base, month, day, tense), month, day)
        return _fmt_day(d) if d else None
    m = re.fullmatch(r"(?:(?P<w>last|next|this|past|coming) )?(?P<mon>" + _MONTH_RE + r")\.?"
                     r"(?:,? (?:of )?(?P<y>.+))?", t)
    if not m or (m.group("mon") == "may" and not (m.group("y") or m.group("w"))
                 and t != "may"):
        return _NO
    month = _MONTHS[m.group("mon")]
    if m.group("y"):
        year = _year_of(m.group("y").strip(), base)
        if year is _NO:
            return _NO
        return None if year is None else _fmt_month(year, month)
    if base is None:
        return None
    w = m.group("w")
    if w in ("last", "past"):
        year = base.year if month < base.month else base.year - 1
    elif w in ("next", "coming"):
        year = base.year if month > base.month else base.year + 1
    elif w == "this":
        year = base.year
    else:
        year = _pick_year(base, month, None, tense)
    return _fmt_month(year, month)


def _rule_season(t: str, base: dt.date | None) -> Any:
    m = (re.fullmatch(r"(?:the )?(?:(?P<w>this|next|last|past|coming) )?(?P<s>" + _alt(_SEASONS) + r")"
                      r"(?: (?:of )?(?P<y>.+))?", t)
         or re.fullmatch(r"(?P<y>.+?)(?:'s)? (?P<s>" + _alt(_SEASONS) + r")", t))
    if not m:
        return _NO
    code = _SEASONS[m.group("s")]
    if m.group("y"):
        year = _year_of(m.group("y").strip(), base)
        if year is _NO:
            return _NO
        return None if year is None else f"{year:04d}-{code}"
    if base is None:
        return None
    w = m.groupdict().get("w")
    year = base.year + {"next": 1, "coming": 1, "last": -1, "past": -1}.get(w or "", 0)
    return f"{year:04d}-{code}"


def _rule_boundary(t: str, base: dt.date | None, tense: Tense) -> Any:
    # year-end, the end of the year, the end of this year, the start of 2026, month-end
    m = re.fullmatch(r"(?P<u>year|month|quarter|week)(?:-| )?end", t)
    if m:
        return _resolve(f"this {m.group('u')}", base, tense)
    m = re.fullmatch(r"(?:the )?end-of-(?P<u>year|month|quarter|week)", t)
    if m:
        return _resolve(f"this {m.group('u')}", base, tense)
    m = re.fullmatch(r"(?:the |its |their )?(?:very )?(?P<b>" + _alt(_BOUNDARIES) + r") (?:of )?(?P<rest>.+)",
                     t)
    if not m:
        return _NO
    rest = m.group("rest")
    if rest in ("the year", "year", "the calendar year"):
        rest = "this year"
    elif rest in ("the month", "month", "the quarter", "quarter", "the week", "week", "the decade", "decade",
                  "the century", "century"):
        rest = "this " + rest.split()[-1]
    return _resolve(rest, base, tense)


def _rule_year_part(t: str, base: dt.date | None) -> Any:
    """A bare year phrase, possibly "fiscal"/"this year"-style; a bare "the year" is too vague."""
    if t in _BARE_YEAR:
        return _NO
    year = _year_of(t, base)
    if year is _NO:
        return _NO
    return None if year is None else f"{year:04d}"


# --------------------------------------------------------------------------------------------
# dateparser fallback


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None) -> tuple[dt.date, str] | None:
    """dateparser's reading of ``text`` as (date, period) or None; English only, never the clock."""
    import dateparser  # slow import: only when a mention needs it

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parser = dateparser.date.DateDataParser(languages=["en"], settings=settings)
    with warnings.catch_warnings():
        # dateparser's own compatibility warnings (pytz / regex / strptime) are not ours to fix
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _fallback(t: str, base: dt.date | None) -> str | None:
    """Ask dateparser, then cut its answer back to the granularity the text states."""
    has_year = re.search(r"\b" + _YEAR_RE + r"\b", t) is not None
    has_month = re.search(r"\b(?:" + _MONTH_RE + r")\b", t) is not None
    has_weekday = re.search(r"\b(?:" + _WEEKDAY_RE + r")\b", t) is not None
    has_daynum = re.search(r"\b[0-3]?\d(?:st|nd|rd|th)?\b", re.sub(_YEAR_RE, "", t)) is not None
    relative = not has_year
    if not (has_year or has_month or has_weekday):
        return None  # nothing anchoring: durations, sets, junk ("may", "to", "$20")
    if relative and base is None:
        return None
    found = _dateparser(t, base)
    if found is None:
        return None
    day, period = found
    if has_year and str(day.year) not in t:
        return None
    if (has_month and has_daynum) or has_weekday:
        return _fmt_day(day) if period in ("day", "time") else _fmt_month(day.year, day.month)
    if has_month:
        return _fmt_month(day.year, day.month)
    return f"{day.year:04d}"


# --------------------------------------------------------------------------------------------
# entry point


def _resolve(t: str, base: dt.date | None, tense: Tense) -> Any:
    """Try every rule on cleaned text ``t``; ``_NO`` when none understands it."""
    if t in _REFS:
        return _REFS[t]
    rules = (
        lambda: _rule_year_like(t, base),
        lambda: _rule_day_word(t, base),
        lambda: _rule_weekday(t, base, tense),
        lambda: _rule_consecutive_day(t, base),
        lambda: _rule_relative_unit(t, base),
        lambda: _rule_quarter_half(t, base, tense),
        lambda: _rule_month_quarter(t, base, tense),
        lambda: _rule_weekend(t, base, tense),
        lambda: _rule_month_day(t, base, tense),
        lambda: _rule_ago(t, base),
        lambda: _rule_boundary(t, base, tense),
        lambda: _rule_season(t, base),
        lambda: _rule_year_part(t, base),
    )
    for rule in rules:
        value = rule()
        if value is not _NO:
            return value
    return _NO


def _resolve_stripped(t: str, base: dt.date | None, tense: Tense) -> Any:
    """Resolve ``t`` as is, then without clock times, then without leading modifiers."""
    value = _resolve(t, base, tense)
    if value is not _NO:
        return value
    no_clock = _clean(_CLOCK_RE.sub(" ", t))
    no_clock = re.sub(r"^(?:at|on|of)\s+|\s+(?:at|on|of)$", "", no_clock)
    if no_clock and no_clock != t:
        value = _resolve(no_clock, base, tense)
        if value is not _NO:
            return value
        t = no_clock
    stripped = _strip_modifiers(t)
    if stripped != t:
        value = _resolve_stripped(stripped, base, tense)
        if value is not _NO:
            return value
    return _NO


_FISCAL_RE = re.compile(r"\b(?:fiscal|fy|financial year)")
_CALENDAR_VALUE_RE = re.compile(r"\d{4}(?:-[QH][1-4])?")


@lru_cache(maxsize=16384)

def _to_timex_cached(text: str, base: dt.date | None, tense: Tense, fallback: bool) -> str | None:
    t = _clean(text)
    if not t or text.strip() == "may":  # the modal verb, not the month
        return None
    value = _resolve_stripped(t, base, tense)
    if value is _NO:
        return _fallback(t, base) if fallback else None
    if value and _FISCAL_RE.search(t) and _CALENDAR_VALUE_RE.fullmatch(value):
        return "FY" + value  # "fiscal 2026" -> FY2026, "Q3 FY26" -> FY2026-Q3
    return value


def to_timex(
    text: str, base: dt.date | None, *, context: str | None = None, fallback: bool = True,
    tense: Tense | None = None,
) -> str | None:
    """TIMEX3 ``value`` of the date mention ``text`` relative to the article date ``base``.

    ``context`` is optional text governing the mention (its verb group and the word before it,
    e.g. "will be available on" or "said"); it only decides which way an under-specified
    mention points ("on Thursday": the nearest past Thursday unless the context is future-tense;
    "October" without a year: the nearest October, nudged by tense).

    Returns ``None`` when the mention is not a date this function can resolve (durations such as
    "three years", sets such as "every year", relative dates without ``base``); never guesses a
    finer granularity than the text gives.  ``fallback=False`` skips dateparser for text the
    rules do not understand (the pipeline uses it to vet the statistical model's DATE entities).
    ``tense`` ("past", "future", "neutral"), when given, is used when ``context`` has no tense cue
    (the pipeline passes the governing verb's grammatical tense: "rose" is past even though
    "rose" is not a cue word).

    >>> to_timex("by year-end", dt.date(2025, 11, 21))
    '2025'
    >>> to_timex("next quarter", dt.date(2025, 11, 21))
    '2026-Q1'
    >>> to_timex("Thursday", dt.date(2025, 11, 21))
    '2025-11-20'
    >>> to_timex("March 2024", None)
    '2024-03'
    """
    cued = tense_of(context)
    if cued == "neutral" and tense is not None:
        cued = tense
    return _to_timex_cached(text, base, cued, fallback)


# -- the period a value names -----------------------------------------------------------------

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_DURATION_RE = re.compile(r"P(?P<n>\d+|X)(?P<unit>DE|CE|Y|M|W|D)")
_DURATION_DAYS = {"D": 1, "W": 7}
_DURATION_MONTHS = {"M": 1, "Y": 12, "DE": 120, "CE": 1200}
Period = tuple[dt.date | None, dt.date | None]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    y += day.year
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def _calendar_period(value: str) -> Period | None:
    """First and last day of a calendar TIMEX3 date value ("2025", "2025-Q4", "2025-11-21TMO")."""
    if re.fullmatch(r"\d{2}", value):  # a century: "20" = 2000-2099
        return dt.date(int(value) * 100, 1, 1), dt.date(int(value) * 100 + 99, 12, 31)
    if re.fullmatch(r"\d{3}", value):  # a decade: "202" = 2020-2029
        return dt.date(int(value) * 10, 1, 1), dt.date(int(value) * 10 + 9, 12, 31)
    m = re.fullmatch(r"(?P<y>\d{4})(?:-(?P<rest>.+))?", value)
    if m is None:
        return None
    y, rest = int(m.group("y")), m.group("rest")
    if not 1 <= y <= 9999:
        return None
    if rest is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if mm := re.fullmatch(r"(?P<m>[01]\d)(?:-(?P<d>[0-3]\d)(?:T.*)?)?", rest):
        month = int(mm.group("m"))
        if not 1 <= month <= 12:
            return None
        if mm.group("d"):
            day = _valid_day(y, month, int(mm.group("d")))
            return (day, day) if day else None
        return dt.date(y, month, 1), _month_end(y, month)
    if mm := re.fullmatch(r"(?P<k>[QH])(?P<n>[1-4])", rest):
        size = 3 if mm.group("k") == "Q" else 6
        last = int(mm.group("n")) * size
        if last > 12:
            return None
        return dt.date(y, last - size + 1, 1), _month_end(y, last)
    if mm := re.fullmatch(r"W(?P<w>\d\d)(?P<we>-WE)?", rest):
        try:
            first = dt.date.fromisocalendar(y, int(mm.group("w")), 6 if mm.group("we") else 1)
        except ValueError:
            return None
        return first, first + dt.timedelta(days=1 if mm.group("we") else 6)
    if rest in _SEASON_MONTHS:
        start, end = _SEASON_MONTHS[rest]
        return dt.date(y, start, 1), _month_end(y + (end < start), end)
    return None


def period(value: str | None, base: dt.date | str | None = None) -> Period | None:
    """First and last day of the period a TIMEX3 value names: ``(start, end)`` as dates, either
    of which is None when that end is open; None when the value names no knowable period.

    Dates: "2025" -> 2025-01-01 .. 2025-12-31; "2025-Q4", "2025-H2", "2025-11", "2025-W47",
    "2025-W47-WE" (its Saturday and Sunday), "2025-SU" (June to August), "2025-11-21TMO", a
    decade "202", a century "20".  A fiscal year "FY2026" is named by the year it ends in, so it
    spans every fiscal calendar that could be meant: 2025-02-01 .. 2026-12-31 (its quarters and
    halves likewise, no narrower).  Relative to the article date ``base``: PRESENT_REF is that
    day, FUTURE_REF from the next day on (open end), PAST_REF up to the day before (open start),
    and a duration ahead ("P8Y", "P90D", "PXM": count not stated, open end) runs from ``base``.

    >>> period("2025-Q4")
    (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))
    >>> period("P2Y", "2025-11-21")
    (datetime.date(2025, 11, 21), datetime.date(2027, 11, 21))
    """
    if not value:
        return None
    if isinstance(base, str):
        base = _iso_day(base)
    if value.startswith("FY"):
        whole = _calendar_period(value[2:6])
        if whole is None or whole[0] is None or whole[0].year < 2:
            return None
        return dt.date(whole[0].year - 1, 2, 1), whole[1]
    if value in ("PRESENT_REF", "FUTURE_REF", "PAST_REF") or value.startswith("P"):
        if base is None:
            return None
        if value == "PRESENT_REF":
            return base, base
        if value == "FUTURE_REF":
            return base + dt.timedelta(days=1), None
        if value == "PAST_REF":
            return None, base - dt.timedelta(days=1)
        m = _DURATION_RE.fullmatch(value)
        if m is None:
            return None
        if m.group("n") == "X":
            return base, None
        n, unit = int(m.group("n")), m.group("unit")
        try:
            if unit in _DURATION_DAYS:
                return base, base + dt.timedelta(days=n * _DURATION_DAYS[unit])
            return base, _add_months(base, n * _DURATION_MONTHS[unit])
        except (OverflowError, ValueError):
            return None
    return _calendar_period(value)


def _iso_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_over(value: str | None, base: dt.date | str | None) -> bool:
    """Did the period a TIMEX3 value names end before the article date?  ("last week", "on
    Tuesday" read as the past Tuesday, "2019" in 2025, PAST_REF: yes; "this year", "2030", no
    base date: no.)  Such a date times a report, never a projection."""
    if not value or not base:
        return False
    span = period(value, base)
    day = _iso_day(base) if isinstance(base, str) else base
    return span is not None and span[1] is not None and day is not None and span[1] < day


def starts_after(value: str | None, base: dt.date | str | None) -> bool:
    """Does the period a TIMEX3 value names start after the article date?  ("2030", "2026-Q1",
    FUTURE_REF: yes; the current year or quarter, a duration from today, past and unresolved
    values, no base date: no.)"""
    if not value or not base or value.startswith(("PAST", "PRESENT")):
        return False
    span = period(value, base)
    day = _iso_day(base) if isinstance(base, str) else base
    return span is not None and span[0] is not None and day is not None and span[0] > day


def in_earlier_year(value: str | None, base: dt.date | str | None) -> bool:
    """Does a TIMEX3 value name a period in a year before the article's ("2018" read in 2019,
    PAST_REF)?  A settled target: "said in 2021 it would double sales by 2023"."""
    if not value or not base:
        return False
    year = base.year if isinstance(base, dt.date) else int(base[:4])
    if value == "PAST_REF":
        return True
    span = period(value, base)
    return span is not None and span[1] is not None and span[1].year < year
