"""``claimx_dates``: date mentions with TIMEX3 values relative to the article date.

Candidates come from one :class:`~spacy.matcher.Matcher` pass over the tokens (works on
``spacy.blank("en")``) plus, when the statistical model ran, its DATE/TIME entities that the
normaliser can resolve (the rest are durations, ages and sets: "three years", "the age of 56",
"annual").  Each kept span gets ``span._.claimx_timex`` from :func:`claimx.normalize.timex.to_timex`
with the article date ``doc._.claimx_date`` as base; the words governing the mention (its verb
group, the preposition before it) are passed as ``context`` so that "on Thursday" in "said on
Thursday" resolves to the past and in "will vote on Thursday" to the future.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimx.normalize.money import is_currency_token
from claimx.normalize.timex import LEXICON, to_timex
from claimx.pipeline.extensions import DATES, register

__all__ = ["DateFinder", "make_dates", "trim_space"]

_YEAR = r"^(?:19|20)\d\d$"
_DAYNUM = r"^(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
_MONTH_VALUE = re.compile(r"^\d{4}-\d\d$")
_QUARTER_VALUE = re.compile(r"^\d{4}-[QH]\d$")
_NUMBER_MARKS = {"#", "no", "no."}  # "No. 2020" is a number too; currencies: is_currency_token
_AFTER_NOT_YEAR = set(LEXICON["not_after_year"]) | {"%", "percent", "per"}
_DURATION_WORDS = {*LEXICON["numbers"], "few", "several", "many", "couple", "dozen", "day", "days", "week",
                   "weeks", "month", "months", "year", "years", "decade", "decades", "quarter", "quarters"}
_GENERIC_PRESENT = frozenset(LEXICON["generic_present_nouns"])
_TIME_WORDS = frozenset([*LEXICON["weekdays"], *LEXICON["months"], *LEXICON["parts_of_day"]])
_REF_WORDS = ["currently", "recently", "lately", "soon", "shortly", "presently", "nowadays"]
_ANAPHORIC_DAY = re.compile(
    r"^(?:the (?:start|end|beginning|close|rest) of )?(?:the|that|the same) day$", re.I)
_NEIGHBOUR_DAY = re.compile(
    r"^the (?:(?P<w>next|following|previous|prior|preceding) day|day (?P<a>before|after))$", re.I)
_SAME_PERIOD = re.compile(
    r"^the same (?:month|period|quarter|time|week)s? (?:a year (?:ago|earlier|before)|last year"
    r"|of (?:the )?(?:previous|prior|last) year|the (?:previous|prior) year)$", re.I)


_ENTITY_BREAKS = frozenset({"-", "–", "—", "--", ",", ";", "("})


_LINE_BREAK = {"TEXT": {"IN": ["\n", "\r\n"]}, "OP": "?"}


def _wrapped(pattern: list[dict]) -> list[dict]:
    """``pattern`` across a hard line wrap: newswire text breaks its lines inside phrases ("by the
    end of the\nmonth"), and a single line break is its own token."""
    out: list[dict] = []
    for tok in pattern:
        if out:
            out.append(_LINE_BREAK)
        out.append(tok)
    return out


def _lower_in(words: Iterable[str]) -> dict:
    return {"LOWER": {"IN": sorted(set(words))}}


def _patterns() -> list[list[dict]]:
    """Token patterns for date candidates, built from the lexicon in ``resources/timex.json``."""
    months = [m for m in LEXICON["months"] if len(m) > 3 or m == "may"]
    months += [m + "." for m in LEXICON["months"] if len(m) <= 4 and m != "may"]
    month = {"LOWER": {"IN": months}, "IS_TITLE": True}
    weekday = _lower_in(w for w in LEXICON["weekdays"] if len(w) > 4)
    daynum = {"TEXT": {"REGEX": _DAYNUM}}
    year = {"TEXT": {"REGEX": _YEAR}}
    comma = {"TEXT": ",", "OP": "?"}
    rel = _lower_in(["this", "next", "last", "past", "previous", "coming", "current", "following", "prior"])
    fiscal = {"LOWER": {"IN": ["fiscal", "financial", "calendar"]}, "OP": "?"}
    unit = _lower_in(["year", "month", "week", "weekend", "quarter", "decade", "century"])
    vague = {"LOWER": {"IN": ["early", "earlier", "late", "later", "mid", "middle"]}, "OP": "?"}
    hyphen = {"TEXT": "-", "OP": "?"}
    ordinal = _lower_in(["first", "second", "third", "fourth", "final", "1st", "2nd", "3rd", "4th",
                         "back", "front", "latter"])
    fiscal_word = _lower_in(["fiscal", "financial", "calendar"])
    rel_the = _lower_in(["the", "this", "next", "last", "past", "previous", "coming", "current", "following",
                         "prior"])
    units = _lower_in(["day", "days", "week", "weeks", "month", "months", "quarter", "quarters",
                       "year", "years", "decade", "decades"])
    numbers = [n for n in LEXICON["numbers"] if " " not in n]
    boundary = _lower_in(["end", "start", "beginning", "middle", "close", "turn", "rest", "remainder"])
    pats: list[list[dict]] = [
        # calendar dates
        [weekday, comma, month, daynum, comma, year],
        [month, daynum, comma, year],
        [month, daynum],
        [daynum, month, comma, year],
        [daynum, month],
        [{"LOWER": "the"}, daynum, {"LOWER": "of"}, month],
        [vague, hyphen, month, comma, year],
        [vague, hyphen, month],
        [rel, month],
        [year, {"TEXT": "-"}, {"TEXT": {"REGEX": r"^[01]\d$"}}, {"TEXT": "-"},
         {"TEXT": {"REGEX": r"^[0-3]\d$"}}],
        [{"TEXT": {"REGEX": r"^[01]?\d/[0-3]?\d/(?:19|20)\d\d$"}}],
        # weekdays, day words, parts of the day
        [{"LOWER": {"IN": ["last", "next", "this", "past", "coming"]}, "OP": "?"}, weekday,
         _lower_in(LEXICON["parts_of_day"]) | {"OP": "?"}],
        [{"LOWER": {"IN": ["earlier", "later"]}, "OP": "?"},
         _lower_in(["today", "yesterday", "tomorrow", "tonight"]),
         _lower_in(LEXICON["parts_of_day"]) | {"OP": "?"}],
        [{"LOWER": {"IN": ["this", "last"]}}, _lower_in(["morning", "afternoon", "evening", "night"])],
        # years, fiscal years, decades, centuries
        [vague, hyphen, year],
        [{"LOWER": "the", "OP": "?"},
         {"TEXT": {"REGEX": r"(?i)^(?:mid|early|late)-(?:19|20)\d\d(?:(?<=0)s)?$"}}],
        [{"LOWER": {"IN": ["fiscal", "financial"]}}, {"LOWER": "year", "OP": "?"}, year],
        [{"LOWER": {"IN": ["fiscal", "financial"]}}, {"TEXT": {"REGEX": r"^'\d\d$"}}],
        [{"TEXT": {"REGEX": r"(?i)^fy'?(?:\d\d|(?:19|20)\d\d)$"}}],
        [{"LOWER": "fy"}, {"TEXT": {"REGEX": r"^(?:\d\d|(?:19|20)\d\d)$"}}],
        [{"LOWER": "the", "OP": "?"}, {"TEXT": {"REGEX": r"^(?:(?:19|20)\d0|'?\d0)s$"}}],
        [{"LOWER": "the", "OP": "?"}, {"TEXT": "'"}, {"TEXT": {"REGEX": r"^\d0s$"}}],
        [{"LOWER": "the"}, {"TEXT": {"REGEX": r"^\d\d(?:st|th)$"}}, {"LOWER": "century"}],
        # relative periods
        [vague, rel, fiscal, unit],
        [{"TEXT": {"REGEX": r"^(?:\d{1,3}|[a-z]+)$"}, "LOWER": {"IN": [*numbers, "several", "few"]}},
         units,
         _lower_in(["ago"])],
        [{"TEXT": {"REGEX": r"^\d{1,3}$"}},
         units,
         _lower_in(["ago"])],
        # year-end and other boundaries
        [{"LOWER": "year"}, hyphen, {"LOWER": "end"}],
        [_lower_in(["yearend", "year-end"])],
        [{"LOWER": "the", "OP": "?"}, boundary, {"LOWER": "of"}, _lower_in(["the", "this", "next", "last"]),
         _lower_in(["year", "month", "quarter", "week", "decade"])],
        [{"LOWER": "the", "OP": "?"}, boundary, {"LOWER": "of"}, year],
        [{"LOWER": "the", "OP": "?"}, boundary, {"LOWER": "of"}, month],
        # quarters and halves
        [{"TEXT": {"REGEX": r"(?i)^(?:[qh][1-4]|[1-4][qh](?:\d\d)?)$"}}],
        [{"LOWER": "the", "OP": "?"}, ordinal, hyphen, fiscal, _lower_in(["quarter", "half"])],
        [{"LOWER": "the", "OP": "?"}, ordinal, hyphen, fiscal, _lower_in(["quarter", "half"]),
         {"LOWER": "of"}, rel_the, {"LOWER": "year"}],
        [{"LOWER": "the", "OP": "?"}, ordinal, hyphen, _lower_in(["quarter", "half"]),
         {"LOWER": "of"}, rel_the, fiscal_word, {"LOWER": "year"}],
        [{"LOWER": "the", "OP": "?"}, fiscal_word, ordinal, hyphen, _lower_in(["quarter", "half"])],
        [fiscal_word, {"TEXT": {"REGEX": r"(?i)^(?:[qh][1-4]|[1-4][qh](?:\d\d)?)$"}}],  # anchored on "Q2"
        [{"LOWER": "the"}, month, {"LOWER": "quarter"}],
        [{"LOWER": "the", "OP": "?"}, ordinal, hyphen, fiscal, _lower_in(["quarter", "half"]),
         {"LOWER": "of", "OP": "?"}, fiscal, year],
        [{"TEXT": {"REGEX": r"(?i)^[qh][1-4]$"}}, {"LOWER": "of", "OP": "?"}, year],
        [{"TEXT": {"REGEX": r"(?i)^[qh][1-4]$"}}, {"TEXT": {"REGEX": r"(?i)^fy'?\d\d(?:\d\d)?$"}}],
        # seasons
        [rel, _lower_in(LEXICON["seasons"])],
        [_lower_in(LEXICON["seasons"]), {"LOWER": "of", "OP": "?"}, year],
        # vague references (TimeML PRESENT_REF / PAST_REF / FUTURE_REF)
        [{"LOWER": {"IN": ["more", "very", "most", "so", "only"]}, "OP": "?"}, _lower_in(_REF_WORDS)],
        [{"LOWER": "the"}, _lower_in(["past", "future", "present"])],
        [{"LOWER": "the", "OP": "?"}, _lower_in(["near", "long", "short", "medium"]), hyphen,
         {"LOWER": "term"}],
        [{"LOWER": "the"}, {"LOWER": "near"}, {"LOWER": "future"}],
        [{"LOWER": "the"}, {"LOWER": "time"}, {"LOWER": "being"}],
        [{"LOWER": "the"}, {"LOWER": "moment"}],
        [{"LOWER": "at"}, {"LOWER": "present"}],
        [{"LOWER": "recent"}, _lower_in(["years", "months", "weeks", "days"])],
        [_lower_in(["recent", "current"])],
        [_lower_in(["a", "the"]), {"TEXT": {"REGEX": r"^[a-z]+(?:st|nd|rd|th)$|^\d+(?:st|nd|rd|th)$"}},
         _lower_in(["consecutive", "straight", "successive"]), {"LOWER": "trading", "OP": "?"},
         _lower_in(["day", "session"])],
        [{"LOWER": "the"}, {"LOWER": "coming"}, _lower_in(["years", "months", "weeks", "days"])],
        [{"LOWER": {"IN": ["the", "that"]}}, {"LOWER": "same", "OP": "?"}, {"LOWER": "day"}],
        [{"LOWER": "the"}, _lower_in(["next", "following", "previous", "prior", "preceding"]),
         {"LOWER": "day"}],
        [{"LOWER": "the"}, {"LOWER": "day"}, _lower_in(["before", "after"])],
        [{"LOWER": "the"}, {"LOWER": "past", "OP": "?"}, {"LOWER": "weekend"}],
        [{"LOWER": "this"}, {"LOWER": "past"}, unit],
        [{"LOWER": "the"}, {"LOWER": "same"}, _lower_in(["month", "period", "quarter", "week"]),
         {"LOWER": "a"}, {"LOWER": "year"}, _lower_in(["ago", "earlier", "before"])],
        [{"LOWER": "the"}, {"LOWER": "same"}, _lower_in(["month", "period", "quarter", "week"]),
         {"LOWER": "last"}, {"LOWER": "year"}],
    ]
    return pats


_COMMON = frozenset({"the", "a", "an", "of", "that", "at", "this", "last", "next", "past", "first", "second",
                     "more", "most", "so", "only", "very", "-", ",", "'", "early", "late", "mid", "fiscal"})


class _Anchors:
    """A cheap test for "this token may be part of a date match", to run the Matcher only near such
    tokens.  Every pattern contributes one of its mandatory tokens (the rarest-looking one): every
    match of that pattern contains a token passing that token's LOWER/TEXT test, so running the
    Matcher on windows around the anchors finds exactly the matches a run over the whole Doc
    finds, at a fraction of the cost (the Matcher evaluates ~50 patterns with Python predicates at
    every token).  Each anchor test knows how far its patterns reach before and after it (the
    anchor's position in the pattern), so the windows are no wider than a match can be."""

    def __init__(self, patterns: list[list[dict]]) -> None:
        # anchor test -> (tokens a match may hold before the anchor, tokens after it)
        self.words: dict[str, tuple[int, int]] = {}
        self.texts: dict[str, tuple[int, int]] = {}
        self.regexes: dict[str, tuple[int, int]] = {}  # by pattern source
        for pattern in patterns:
            if any(tok.get("OP") not in (None, "?", "1") for tok in pattern):
                raise ValueError("anchors assume patterns of bounded length ('?' only)")
            pos = min((i for i, tok in enumerate(pattern) if tok.get("OP") in (None, "1")),
                      key=lambda i: self._rank(pattern[i]))
            self._add(pattern[pos], (pos, len(pattern) - pos - 1))
        self._compiled = [(re.compile(rx), reach) for rx, reach in self.regexes.items()]
        self._cache: dict[str, tuple[int, int] | None] = {}

    @staticmethod
    def _rank(tok: dict) -> int:
        low, text = tok.get("LOWER"), tok.get("TEXT")
        if isinstance(low, dict) and "IN" in low:
            return 2 if _COMMON.intersection(low["IN"]) else 0
        if isinstance(low, str):
            return 3 if low in _COMMON else 0
        if isinstance(text, dict) and "REGEX" in text:
            return 1 if "\\d" in text["REGEX"] and "[a-z]+" not in text["REGEX"] else 4
        if isinstance(text, str):
            return 5
        return 9  # no LOWER/TEXT test to anchor on

    def _add(self, tok: dict, reach: tuple[int, int]) -> None:
        low, text = tok.get("LOWER"), tok.get("TEXT")

        def widen(table: dict[str, tuple[int, int]], key: str) -> None:
            b, a = table.get(key, (0, 0))
            table[key] = (max(b, reach[0]), max(a, reach[1]))

        if isinstance(text, dict) and "REGEX" in text:
            widen(self.regexes, text["REGEX"])
        elif isinstance(low, dict) and "IN" in low:
            for word in low["IN"]:
                widen(self.words, word)
        elif isinstance(low, str):
            widen(self.words, low)
        elif isinstance(text, str):
            widen(self.texts, text)
        else:
            raise ValueError(f"cannot anchor on {tok!r}")

    def reach(self, text: str) -> tuple[int, int] | None:
        """How far a match may reach (before, after) from a token with this text; None when the
        token anchors no pattern."""
        if text in self._cache:
            return self._cache[text]
        hits = [r for r in (self.words.get(text.lower()), self.texts.get(text)) if r is not None]
        hits.extend(r for rx, r in self._compiled if rx.search(text))
        hit = (max(b for b, _ in hits), max(a for _, a in hits)) if hits else None
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[text] = hit
        return hit

    def __call__(self, text: str) -> bool:
        return self.reach(text) is not None

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Disjoint token ranges that hold every possible match."""
        out: list[tuple[int, int]] = []
        n = len(doc)
        for tok in doc:
            reach = self.reach(tok.text)
            if reach is not None:
                start, end = max(0, tok.i - reach[0]), min(n, tok.i + reach[1] + 1)
                if out and start <= out[-1][1]:
                    out[-1] = (out[-1][0], end)
                else:
                    out.append((start, end))
        return out


def _currency_before(tok: Token) -> bool:
    """``tok`` is a currency symbol or code ("₹", "US$", "USD"; "Rs" + "." counts as "Rs.")."""
    if tok.text == "." and tok.i > 0 and not tok.nbor(-1).whitespace_:
        return is_currency_token(tok.nbor(-1).text + ".")
    return is_currency_token(tok.text)


def _parse_base(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _trim(span: Span) -> Span | None:
    """Drop white-space and punctuation tokens at the edges of a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or (doc[start].is_punct and doc[start].text != "'")):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return doc[start:end] if (start, end) != (span.start, span.end) else span


def _sentence_start(doc: Doc, i: int) -> int:
    """Index of the first token of the sentence holding token ``i`` (works without a parser)."""
    if doc.has_annotation("SENT_START"):
        return doc[i].sent.start
    j = i
    while j > 0 and not (doc[j - 1].text in {".", "!", "?"} or "\n" in doc[j - 1].text):
        j -= 1
    return j


def trim_space(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A match without the line breaks an optional token left at its edges."""
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


class DateFinder:
    """Find date mentions and normalise them to TIMEX3 values (``doc.spans["claimx_dates"]``).

    Settings (keyword-only):

    * ``use_entities``: also consider the statistical model's DATE/TIME entities (when present).
    * ``fallback``: let dateparser resolve candidates the rules cannot.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "claimx_dates",
        *,
        use_entities: bool = True,
        fallback: bool = True,
    ) -> None:
        register()
        self.name = name
        self.use_entities = use_entities
        self.fallback = fallback
        self.matcher = Matcher(nlp.vocab)
        patterns = [_wrapped(p) for p in _patterns()]
        self.matcher.add("DATE", patterns)
        self.anchors = _Anchors(patterns)

    # -- candidates -----------------------------------------------------------------------

    def _keep_match(self, span: Span) -> bool:
        """Reject pattern matches that are not dates: "2030 units", "$2000", a modal "may",
        "soon-to-open", "the past five days" (a duration), "the most recent model"."""
        doc = span.doc
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        low = span.text.lower()
        if nxt is not None and nxt.text == "-" and len(span) == 1 and not span[0].like_num:
            return False
        if low in ("the past", "the future", "the present") and nxt is not None and (
                nxt.like_num or nxt.lower_ in _DURATION_WORDS):
            return False
        if span[0].lower_ in ("back", "front", "latter"):
            return False  # "back half weighted": only "the back half (of ...)" is a period
        if low == "the moment":
            return prev is not None and prev.lower_ in ("at", "for")
        if low in ("the day before", "the day after"):
            return nxt is None or nxt.is_punct or nxt.is_space
        if low == "current":
            return prev is not None and prev.lower_ == "the"
        if low == "recent":
            return prev is None or prev.lower_ not in ("most", "more", "least", "the")
        if len(span) == 1 and re.match(_YEAR, span.text):
            if prev is not None and (prev.lower_ in _NUMBER_MARKS or _currency_before(prev)):
                return False
            if nxt is not None and (nxt.lower_ in _AFTER_NOT_YEAR or nxt.like_num):
                return False
            # product / index names: "Russell 2000 Index", "Windows 2000 Server"
            if (prev is not None and nxt is not None and prev.is_title and nxt.is_title
                    and prev.lower_ not in LEXICON["months"] and not prev.is_sent_start):
                return False
        if span[0].lower_ == "may" and len(span) == 1:
            # only "in May", "since May", ... (sentence-initial or modal "May" is not the month)
            return prev is not None and prev.lower_ in {"in", "since", "until", "by", "early", "late",
                                                         "mid", "last", "next", "this", "of", "from"}
        return not (span[0].lower_ == "may" and span[-1].lower_ == "may" and prev is not None
                    and prev.lower_ in {"i", "we", "you", "they", "he", "she", "it"})

    @staticmethod
    def _named_day(span: Span) -> bool:
        """A weekday that is part of a name ("Black Monday", "Super Tuesday"), not a relative day."""
        doc = span.doc
        if len(span) != 1 or span[0].lower_ not in LEXICON["weekdays"] or span.start == 0:
            return False
        prev = doc[span.start - 1]
        return (prev.is_title and not prev.is_sent_start and prev.lower_ not in LEXICON["weekdays"]
                and prev.lower_ not in LEXICON["months"]
                and prev.lower_ not in ("on", "last", "next", "this"))

    @staticmethod
    def _governor(span: Span) -> Token | None:
        """The verb governing ``span`` in the dependency parse (None without a parse or a verb)."""
        if not span.doc.has_annotation("DEP"):
            return None
        head = span.root
        hops = 0
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and hops < 4:
            head, hops = head.head, hops + 1
        return head if head.pos_ in ("VERB", "AUX") else None

    def _tense(self, span: Span) -> str | None:
        """The grammatical tense of the governing verb group: "past" for a simple past ("rose",
        "beat") or a perfect ("has cut"), else None (a modal, a present or no tag: the cue words
        in the context decide)."""
        verb = self._governor(span)
        if verb is None or not span.doc.has_annotation("TAG"):
            return None
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" for a in aux):
            return None
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
            return "past"
        if verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had") for a in aux):
            return "past"
        return None

    def _value(self, span: Span, base: dt.date | None, *, fallback: bool) -> str | None:
        doc = span.doc
        before = span.start - 2 if span.start >= 2 and doc[span.start - 1].lower_ in ("on", "in", "at") \
            else span.start - 1
        if before >= 0 and doc[before].tag_ == "VBD":
            # "said on Tuesday it will cut jobs": the past verb right before the date is what it
            # times, whatever the parser attached it to
            context = doc[before : span.start].text
            return to_timex(span.text, base, context=context, fallback=fallback, tense="past")
        return to_timex(span.text, base, context=self._context(span), fallback=fallback,
                        tense=self._tense(span))

    @staticmethod
    def _generic_today(span: Span) -> bool:
        """ "today's" as a generic present ("today's GM", "in today's economy"): TimeML PRESENT_REF,
        not the article's day (unlike "today's meeting")."""
        doc = span.doc
        if span.text.lower() != "today" or span.end + 1 >= len(doc) or doc[span.end].text not in ("'s", "’s"):
            return False
        noun = doc[span.end + 1]
        if noun.lower_ in _GENERIC_PRESENT:
            return True
        if doc.has_annotation("TAG"):
            return noun.pos_ == "PROPN" and noun.lower_ not in LEXICON["weekdays"]
        return (noun.is_upper or noun.is_title) and noun.lower_ not in _TIME_WORDS

    def _context(self, span: Span) -> str:
        """The words governing ``span``: its verb group and the two words before it."""
        doc = span.doc
        sent_start = _sentence_start(doc, span.start)
        idx: set[int] = set(range(max(sent_start, span.start - 2), span.start))
        if doc.has_annotation("DEP"):
            # nouns before the mention are no tense cues ("the plan in November", "forecasts for Q3")
            idx = {i for i in idx if doc[i].pos_ not in ("NOUN", "PROPN", "PRON", "NUM")}
            head = self._governor(span)
            if head is not None:
                verbs = [head]
                if head.dep_ in ("xcomp", "advcl") and head.head.pos_ in ("VERB", "AUX", "ADJ"):
                    verbs.append(head.head)
                for v in verbs:
                    idx.add(v.i)
                    idx.update(c.i for c in v.children if c.dep_ in ("aux", "auxpass", "neg"))
        else:
            idx.update(range(max(sent_start, span.start - 5), span.start))
        idx -= set(range(span.start, span.end))
        return " ".join(doc[i].text for i in sorted(idx))

    def _matches(self, doc: Doc) -> list[tuple[int, int]]:
        """The Matcher's (start, end) matches, found window by window around anchor tokens."""
        found: list[tuple[int, int]] = []
        for a, b in self.anchors.windows(doc):
            for _, s, e in self.matcher(doc[a:b]):
                s, e = trim_space(doc, a + s, a + e)
                if s < e:
                    found.append((s, e))
        return found

    # -- main -----------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        base = _parse_base(doc._.get("claimx_date"))
        matches = []
        for start, end in self._matches(doc):
            span = doc[start:end]
            if self._keep_match(span):
                matches.append(span)
        found: list[Span] = filter_spans(matches)
        values: dict[tuple[int, int], str | None] = {}
        for span in found:
            values[(span.start, span.end)] = self._value(span, base, fallback=self.fallback)
        if self.use_entities and doc.has_annotation("ENT_IOB"):
            ents = []
            for ent in doc.ents:
                if ent.label_ not in ("DATE", "TIME"):
                    continue
                trimmed = _trim(ent)
                if trimmed is None or (len(trimmed) == 1 and not self._keep_match(trimmed)):
                    continue
                value = self._value(trimmed, base, fallback=False)
                if value is None:
                    # "until October - two years late": the part before a dash or comma may resolve
                    cut = next((t.i for t in trimmed[1:] if t.text in _ENTITY_BREAKS), None)
                    trimmed = _trim(doc[trimmed.start : cut]) if cut is not None else None
                    if trimmed is not None and (len(trimmed) > 1 or trimmed[0].lower_ in _TIME_WORDS
                                                or re.match(_YEAR, trimmed.text)):
                        value = self._value(trimmed, base, fallback=False)
                if value is None:
                    continue  # a duration, an age, a set, or something only its parts resolve
                inner = [s for s in found if s.start >= trimmed.start and s.end <= trimmed.end]
                if len(inner) > 1:
                    continue  # "between April and June": keep the parts
                ents.append(trimmed)
                values[(trimmed.start, trimmed.end)] = value
            found = filter_spans([*ents, *found])
        spans = []
        last: list[str] = []  # resolved values so far, for "the day" / "the same month a year ago"

        def last_day() -> str | None:
            return next((v for v in reversed(last) if _DAY_VALUE.match(v)), None)

        for span in sorted(found, key=lambda s: s.start):
            value = values.get((span.start, span.end))
            if value is None and _ANAPHORIC_DAY.match(span.text):
                value = last_day()
                if value is None:
                    continue  # "the day" with nothing to point back to is not a date mention
            elif value is None and (m := _NEIGHBOUR_DAY.match(span.text)):
                # "the next day", "the previous day", "the day before": one day off the last day
                prev = last_day()
                if prev is not None:
                    step = 1 if (m.group("w") or m.group("a")) in ("next", "following", "after") else -1
                    value = (dt.date.fromisoformat(prev) + dt.timedelta(days=step)).isoformat()
            elif value is None and _SAME_PERIOD.match(span.text):
                prev = next((v for v in reversed(last)
                             if _MONTH_VALUE.match(v) or _QUARTER_VALUE.match(v)), None)
                value = f"{int(prev[:4]) - 1:04d}{prev[4:]}" if prev else None
            if self._named_day(span):
                value = None
            elif self._generic_today(span):
                value = "PRESENT_REF"
            span._.claimx_timex = value
            if value is not None and value[0].isdigit():
                last.append(value)
            spans.append(span)
        doc.spans[DATES] = spans
        return doc


@Language.factory("claimx_dates", assigns=["doc.spans"],
                  default_config={"use_entities": True, "fallback": True})
def make_dates(nlp: Language, name: str, use_entities: bool, fallback: bool) -> DateFinder:
    """spaCy factory: ``nlp.add_pipe("claimx_dates", config={"fallback": False})``."""
    return DateFinder(nlp, name=name, use_entities=use_entities, fallback=fallback)
