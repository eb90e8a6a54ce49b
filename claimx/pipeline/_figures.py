"""Figures and stretches of time in a projected clause: the token-level finders behind
``claimx_projections``' non-money values ("20%", "10,000 jobs", "5% to 7%") and duration horizons
("over the next eight years" -> P8Y).  The numbers themselves are read by the pure
:mod:`claimx.normalize.figures` and :mod:`claimx.normalize.numbers`."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimx.normalize.figures import figure_value
from claimx.normalize.money import qualifier_of
from claimx.normalize.numbers import parse_number, scale_of
from claimx.pipeline._lexicon import json_resource
from claimx.pipeline._syntax import offsets

__all__ = ["duration_in", "figures_in", "vague_future_in"]

# multi-word units after a number ("5 per cent", "20 basis points")
_UNIT_PHRASES = (("per", "cent"), ("percentage", "points"), ("percentage", "point"),
                 ("basis", "points"), ("basis", "point"))
_UNIT_WORDS = {"%", "percent", "pct", "bp", "bps"}
_RANGE_WORDS = {"to", "-", "–", "—"}
_VAGUE_COUNT = {"a", "few", "several", "couple", "of"}
# duration unit -> (TIMEX3 letter, multiplier): quarters count in months
_DURATION_UNITS = {"day": ("D", 1), "week": ("W", 1), "month": ("M", 1), "quarter": ("M", 3),
                   "year": ("Y", 1), "decade": ("DE", 1)}
_RATE_UNITS = {"percent", "percentage point", "basis point", "point"}
_AHEAD = {"next", "coming", "following"}
_TAKE = {"take", "takes", "took", "taking"}
_BOUND_WORDS = {"at", "least", "most", "up", "to", "another", "about", "around", "some", "nearly", "almost"}


def _past_wrap(doc: Doc, k: int) -> int:
    """``k``, or the token after it when ``k`` is a hard line wrap (a single line break inside a
    phrase: "65 to\n70 pct")."""
    return k + 1 if k < len(doc) and doc[k].text in ("\n", "\r\n") else k


def _number_run(doc: Doc, i: int) -> int:
    """End (exclusive) of the number that starts at token ``i`` ("2.5", "10,000", "two
    million"); ``i`` when no number starts there."""
    j = i
    while j < len(doc) and (doc[j].like_num or (j > i and scale_of(doc[j].lower_) is not None)) \
            and doc[j].ent_type_ not in ("DATE", "TIME", "ORDINAL"):
        j += 1
    return j


def _unit_end(doc: Doc, j: int) -> int:
    """End of a percent-like unit written right after a number ending at ``j`` ("%", "per
    cent", "basis points"), or ``j`` when there is none."""
    if _past_wrap(doc, j) > j and _unit_end(doc, j + 1) > j + 1:
        return _unit_end(doc, j + 1)  # "20\npct"
    if j < len(doc) and doc[j].lower_ in _UNIT_WORDS:
        return j + 1
    for phrase in _UNIT_PHRASES:
        if tuple(t.lower_ for t in doc[j : j + len(phrase)]) == phrase:
            return j + len(phrase)
    return j


def figures_in(head: Token, clause: set[int], taken: set[int]) -> list[tuple[int, Span, dict]]:
    """The percentages and counted quantities in a statement without a money figure ("sales
    would rise 20%", "will hire 500 workers", "5% to 7%"), in text order, each as (depth below
    the clause head in the parse, its span, its value).  A bare number with no unit ("guiding
    to 60") is no figure."""
    doc = head.doc
    found: list[tuple[int, Span, dict]] = []
    i = min(clause)
    last = max(clause)
    while i <= last:
        tok = doc[i]
        if i in taken or i not in clause or not tok.like_num \
                or tok.ent_type_ in ("DATE", "TIME", "ORDINAL") \
                or (tok.is_title and i > 0 and doc[i - 1].pos_ == "PROPN" and not doc[i - 1].is_sent_start):
            i += 1  # (not "the Ford Five Hundred": a name)
            continue
        j = number_end = _number_run(doc, i)
        if j == i:
            i += 1
            continue
        unit_end = _unit_end(doc, j)
        qual_floor = i
        units = (j, unit_end)  # the unit's tokens
        upper: str | None = None
        k = _past_wrap(doc, unit_end)
        between = i > 0 and doc[i - 1].lower_ == "between"
        if k + 1 < len(doc) and (doc[k].lower_ in _RANGE_WORDS or (doc[k].lower_ == "and" and between)):
            k2 = _past_wrap(doc, k + 1)
            j2 = _number_run(doc, k2)
            unit2 = _unit_end(doc, j2)
            if j2 > k2 and not any(t in taken for t in range(k2, j2)) \
                    and (unit2 > j2 or unit_end == j):  # "5% to 7%", "5 to 7%", "5 to 7 stores"
                upper = doc[k2:j2].text
                if between:
                    qual_floor = i - 1  # "between 4% and 4.5%": the span starts at "between"
                if unit2 > j2:
                    units = (j2, unit2)
                j, unit_end = j2, max(unit2, j2)
        unit_words = [t.text for t in doc[units[0] : units[1]]]
        end = max(unit_end, j)
        bare = False
        if not unit_words:
            noun = doc[j - 1].head
            counted = noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.tag_ in ("NNS", "NNPS"))
            if doc[j - 1].dep_ in ("nummod", "quantmod", "compound") and counted \
                    and j <= noun.i <= j + 5 and noun.i not in taken \
                    and noun.lower_.rstrip("s") not in _DURATION_UNITS:  # "two more years" is a span of time
                unit_words, end = [noun.text], noun.i + 1  # "22 new Boeing 787 aircraft", "8 million iPhones"
            elif doc[j - 1].dep_ == "dobj" and doc[j - 1].head.i == head.i and doc[j - 1].ent_type_ != "DATE":
                bare = True  # "Fiat will appoint three members, the government will appoint six"
            elif doc[j - 1].dep_ == "pobj" and doc[j - 1].head.lower_ == "to" \
                    and doc[j - 1].head.head.pos_ == "VERB" and doc[j - 1].ent_type_ != "DATE":
                # "grow its workforce to 60,000": a level reached, counted in the verb's object
                verb = doc[j - 1].head.head
                obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
                if obj is not None:
                    unit_words = [obj.text]
        if not unit_words and not bare:
            i = end
            continue
        start = qual_floor
        qual: list[str] = []
        for n in (3, 2, 1) if qual_floor == i else ():
            words = [t.lower_ for t in doc[max(0, i - n) : i]]
            if len(words) == n and qualifier_of(tuple(words)) is not None:
                qual, start = words, i - n
                break
        value = figure_value(doc[i:number_end].text, unit=unit_words, qualifier=qual, upper=upper)
        if value is not None:
            depth, cur = 0, doc[i]
            while cur.i != head.i and cur.head.i != cur.i and depth < 12:
                cur, depth = cur.head, depth + 1
            span = doc[start:end]
            found.append((depth, span, {
                "span": offsets(span),
                "value": value.value, "unit": value.unit, "low": value.low, "high": value.high,
                "qualifier": value.qualifier,
                "metric": _figure_metric(doc[i], head) if value.unit in _RATE_UNITS else None}))
        i = end
    return found


def _figure_metric(number: Token, head: Token) -> str | None:
    """What a percentage measures: the noun subject of the nearest verb above it ("sales would
    rise 20%" -> sales, "expects inflation to fall to 2%" -> inflation), up to the clause head."""
    cur = number
    for _ in range(8):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                if subj.pos_ != "NOUN":
                    return None
                mods = [t for t in subj.lefts
                        if t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ")]
                return " ".join(t.text for t in [*mods, subj]).lower()
        if cur.i == head.i:
            break
    return None


def duration_in(clause: Span) -> tuple[Span, str] | None:
    """A future stretch of time that bounds a statement without a date: "over the next eight
    years" -> ("the next eight years", "P8Y"), "within two years" -> ("two years", "P2Y"), "in
    two to three years" -> P2Y (the nearer bound), "for at least two more years" -> P2Y, "should
    take a couple of months" -> P2M, "in the next few months" -> PXM (TIMEX3 durations; an
    unstated count stays X, never a guess).  Not a span looking back: "its worst year in a
    decade" (after a superlative)."""
    doc = clause.doc
    for i in range(clause.start, clause.end):
        tok = doc[i]
        if tok.lower_ in _AHEAD and i > clause.start and doc[i - 1].lower_ == "the":
            start, j = i - 1, i + 1
        elif i + 1 < clause.end and (tok.lower_ in ("in", "within", "for")
                                     or (tok.pos_ == "VERB" and tok.lower_ in _TAKE)):
            start = j = _past_wrap(doc, i + 1)
        else:
            continue
        if tok.lower_ in ("in", "for") and any(t.tag_ in ("JJS", "RBS") for t in doc[clause.start : i]):
            continue  # "the deepest recession in a decade"
        while j < clause.end and doc[j].lower_ in _BOUND_WORDS:
            j += 1  # "for at least two more years", "within up to six months"
        k = j
        while k < clause.end and (doc[k].like_num or doc[k].lower_ in _VAGUE_COUNT):
            k += 1
        first_end = k
        if k + 1 < clause.end and doc[k].lower_ in ("to", "-", "–", "or") and doc[k + 1].like_num:
            k += 2  # "two to three years": the nearer bound
        while k < clause.end and doc[k].lower_ == "more":
            k += 1
        k = _past_wrap(doc, k)  # "two\nyears"
        if k >= clause.end or (first_end == j and start == j):
            continue  # "in years" / "in the" without a count or "next"
        unit = doc[k].lower_.rstrip("s")
        if unit not in _DURATION_UNITS or (tok.lower_ == "for" and first_end == j):
            continue
        words = [t.lower_ for t in doc[j:first_end]]
        if not words and doc[k].lower_.endswith("s"):
            count = "X"  # "over the coming weeks": some weeks, not one
        elif not words or words == ["a"] or words == ["another"]:
            count = "1"
        elif "couple" in words:
            count = "2"
        elif any(w in ("few", "several") for w in words):
            count = "X"
        else:
            number = parse_number(" ".join(w for w in words if w != "another"))
            if number is None or number != int(number) or number <= 0:
                continue
            count = str(int(number))
        letter, factor = _DURATION_UNITS[unit]
        value = f"P{count}{letter}" if count == "X" or factor == 1 else f"P{int(count) * factor}{letter}"
        return doc[start : k + 1], value
    return None




def vague_future_in(clause: Span) -> tuple[Span, str] | None:
    """An unbounded time ahead that is no date mention: "going forward", "down the road", "at a
    later date", a subject's "future" ("future models will run on batteries") -> FUTURE_REF."""
    words = [t.lower_ for t in clause]
    phrases = [tuple(p.split()) for p in json_resource("cues.json")["vague_future_phrases"]]
    for tok in clause:
        if tok.lower_ == "future" and tok.dep_ == "amod" and (
                tok.head.dep_ in ("nsubj", "nsubjpass")
                or not any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG"
                           for t in clause.doc[clause.start : tok.head.i])):
            # (also a subject the parser hung elsewhere: "According to Penske future models will ...")
            k = tok.i - clause.start
            return clause[k : k + 1], "FUTURE_REF"  # "future models will ..."
    for phrase in phrases:
        n = len(phrase)
        for k in range(len(words) - n + 1):
            if tuple(words[k : k + n]) == phrase:
                return clause[k : k + n], "FUTURE_REF"
    return None
