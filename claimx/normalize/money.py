"""Pure money normalisation: currency lexicon, token scanner and :func:`parse_money`.

The spaCy component (:mod:`claimx.pipeline.money`) and :func:`parse_money` share one scanner,
:func:`scan_money`, which works over a list of token texts plus "is followed by whitespace" flags,
so offsets stay token-aligned in the component.  A token may carry several parts glued together
("HK$3.5bn", "USD34.6", "115USD"); the scanner splits them itself.

The currency lexicon is data (``claimx/resources/currencies.json``) completed at load time with the
ISO 4217 codes and multi-word names known to pycountry.  Values are in major units ("19 cents" =
0.19); ranges have ``value`` None and numeric ``low``/``high``; a lone bound ("more than $5m") keeps
``value`` and also sets the matching open bound (``low`` for "more than", ``high`` for "up to").
Anything that cannot be normalised gives ``None`` rather than a guess: a figure that cannot be a
real amount (more than :data:`MAX_AMOUNT`, a numeral with more digits than that, or scale words
stacked out of order, "$5 billion billion") keeps its span with ``value``, ``low`` and ``high``
None, and every number returned is finite.  No spaCy import here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

from claimx.normalize.numbers import (
    FEW,
    SCALE_SUFFIXES,
    SCALES,
    VAGUE_MULTIPLIERS,
    VAGUE_SCALES,
    WORD_NUMBERS,
    parse_number_words,
    parse_numeral,
)
from claimx.resources import load_json

__all__ = [
    "MAX_AMOUNT",
    "Currency",
    "Lexicon",
    "MoneyMatch",
    "MoneyValue",
    "currency_of",
    "is_candidate",
    "is_currency_token",
    "lexicon",
    "parse_money",
    "qualifier_of",
    "real_amount",
    "scan_money",
]

DOLLAR = "$"  # lexicon marker: "the configured dollar" (USD unless --dollar says otherwise)

#: The largest amount read as real, in any currency.  Budgets in currencies of small unit reach
#: 10^15-10^16 (thousands of trillions of rupiah or rials); 10^18 is beyond any economy.
MAX_AMOUNT = 1e18
_MAX_DIGITS = 18  # integer digits of a numeral below MAX_AMOUNT
_UNREAL = math.inf  # the scanner's mark for a figure that is not a real amount (finished as None)


def real_amount(x: float | None) -> float | None:
    """``x`` when it can be a real amount (finite, at most :data:`MAX_AMOUNT` in size), else None."""
    return x if x is not None and math.isfinite(x) and abs(x) <= MAX_AMOUNT else None

# qualifier phrase (lower-case token tuple) -> (canonical text, bound: "low" | "high" | None)
_QUALIFIERS: dict[tuple[str, ...], tuple[str, str | None]] = {
    ("about",): ("about", None),
    ("around",): ("around", None),
    ("approximately",): ("approximately", None),
    ("approx.",): ("approximately", None),
    ("roughly",): ("roughly", None),
    ("nearly",): ("nearly", "high"),
    ("almost",): ("almost", "high"),
    ("some",): ("some", None),
    ("an", "estimated"): ("an estimated", None),
    ("estimated",): ("estimated", None),
    ("close", "to"): ("close to", None),
    ("exactly",): ("exactly", None),
    ("more", "than"): ("more than", "low"),
    ("over",): ("over", "low"),
    ("above",): ("above", "low"),
    ("at", "least"): ("at least", "low"),
    ("in", "excess", "of"): ("in excess of", "low"),
    ("upwards", "of"): ("upwards of", "low"),
    ("upward", "of"): ("upwards of", "low"),
    ("just", "over"): ("just over", "low"),
    ("just", "under"): ("just under", "high"),
    ("up", "to"): ("up to", "high"),
    ("less", "than"): ("less than", "high"),
    ("under",): ("under", "high"),
    ("below",): ("below", "high"),
    ("at", "most"): ("at most", "high"),
    ("no", "more", "than"): ("no more than", "high"),
    ("as", "much", "as"): ("as much as", "high"),
    ("as", "high", "as"): ("as high as", "high"),
    ("as", "little", "as"): ("as little as", "low"),
    ("as", "low", "as"): ("as low as", "low"),
    ("fewer", "than"): ("fewer than", "high"),
    ("not", "more", "than"): ("not more than", "high"),
    ("no", "less", "than"): ("no less than", "low"),
    ("not", "less", "than"): ("not less than", "low"),
    ("well", "over"): ("well over", "low"),
    ("well", "above"): ("well above", "low"),
    ("well", "under"): ("well under", "high"),
    ("well", "below"): ("well below", "high"),
    ("just", "above"): ("just above", "low"),
    ("just", "below"): ("just below", "high"),
    ("north", "of"): ("north of", "low"),
    ("a", "minimum", "of"): ("a minimum of", "low"),
    ("a", "maximum", "of"): ("a maximum of", "high"),
    ("at", "around"): ("around", None),
    ("somewhere", "around"): ("around", None),
    ("in", "the", "region", "of"): ("in the region of", None),
    ("in", "the", "neighborhood", "of"): ("in the neighborhood of", None),
    ("on", "the", "order", "of"): ("on the order of", None),
}
_QUAL_MAX = max(len(k) for k in _QUALIFIERS)


def qualifier_of(words: tuple[str, ...]) -> tuple[str, str | None] | None:
    """A qualifier phrase in lower-case words -> (canonical text, open bound "low"/"high"/None):
    ``("more", "than")`` -> ("more than", "low"); None when the words are no qualifier."""
    return _QUALIFIERS.get(words)


# verbs of change: "rose from $5m to $7m" is two figures, not a range
_CHANGE = frozenset(
    f"{stem}{suffix}"
    for stem, suffixes in {
        "rise": ("", "s", "n"), "rose": ("",), "rising": ("",), "fall": ("", "s", "en", "ing"), "fell": ("",),
        "increase": ("", "s", "d"), "increasing": ("",), "decrease": ("", "s", "d"), "decreasing": ("",),
        "grow": ("", "s", "n", "ing"), "grew": ("",), "drop": ("", "s", "ped", "ping"),
        "climb": ("", "s", "ed", "ing"),
        "jump": ("", "s", "ed", "ing"), "surge": ("", "s", "d"), "soar": ("", "s", "ed", "ing"),
        "plunge": ("", "s", "d"), "plummet": ("", "s", "ed", "ing"), "slump": ("", "s", "ed"),
        "decline": ("", "s", "d"), "cut": ("", "s", "ting"), "raise": ("", "s", "d"), "raising": ("",),
        "lift": ("", "s", "ed"), "lower": ("", "s", "ed", "ing"), "boost": ("", "s", "ed", "ing"),
        "expand": ("", "s", "ed", "ing"), "reduce": ("", "s", "d"), "reducing": ("",),
        "slash": ("", "es", "ed"),
        "trim": ("", "s", "med"), "hike": ("", "s", "d"), "tumble": ("", "s", "d"), "slide": ("", "s"),
        "slid": ("",), "sank": ("",), "sink": ("", "s"), "widen": ("", "s", "ed"), "narrow": ("", "s", "ed"),
        "swell": ("", "s", "ed"), "double": ("", "s", "d"), "triple": ("", "s", "d"),
        "revise": ("", "s", "d"),
        "shrink": ("", "s"), "shrank": ("",), "dip": ("", "s", "ped"), "ease": ("", "s", "d"),
        "gain": ("", "s", "ed"), "lose": ("", "s"), "lost": ("",), "move": ("", "s", "d"),
    }.items()
    for suffix in suffixes
)

# change verbs that take the change itself as their object: "fell 50p to 320p" is a change and a
# level; after "raise", "cut", "lose" ("raise $5bn to $7bn") the same words are a range
_DELTA = _CHANGE - frozenset(
    f"{stem}{suffix}" for stem in ("raise", "cut", "lift", "lower", "boost", "expand", "reduce", "slash",
                                   "trim", "hike", "revise", "lose", "double", "triple", "widen", "narrow",
                                   "move", "raising", "reducing", "lost")
    for suffix in ("", "s", "d", "ed", "ing", "ting", "med", "es", "n"))

_DELTA |= {"add", "adds", "added", "shed", "sheds", "advance", "advances", "advanced", "retreat", "retreated",
           "slip", "slips", "slipped", "firmed", "rallied", "rallies", "sagged", "tacked"}

_DASHES = frozenset({"-", "–", "—", "‒", "−"})
_ABBREV_SCALES = frozenset({"m", "b", "k", "tr", "cr", "grand"})  # not after "a few"/"several"
_TOKEN_RE = re.compile(
    r"^(?P<pre>[^\d]*?)(?P<num>[-+−]?(?:\d[\d,]*(?:\.\d+)?|\.\d+))(?P<post>[^\d]*)$"
)
_HAS_DIGIT = re.compile(r"\d")
_PER_UNIT_STOP = frozenset({"ago", "earlier", "later", "before", "after", "before,", "or", "and"})
_PER_TWO_WORD = frozenset({"square", "sq", "sq.", "cubic", "metric", "short", "troy", "fluid"})
_SENT_END = frozenset({".", "!", "?", ";"})
_COMPOUND_END = frozenset({".", ",", ";", "!", "?", ")", "more", "extra"})
_PERCENT = frozenset({"%", "percent", "pc", "pct", "per-cent", "percentage"})
_NOT_UNITS = frozenset({"the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "share,"})


@dataclass(frozen=True)
class Currency:
    """A currency reading of one token (or part of one).

    ``code`` is ISO 4217 (or a historic code such as FRF), :data:`DOLLAR` for "the configured
    dollar", or None when the text says money but not which currency ("francs", "pesos").
    """

    code: str | None
    inferred: bool = False
    kind: str = "symbol"  # symbol | code | name | minor | modifier
    factor: float = 1.0  # minor units: 0.01; "MUSD": 1e6
    risky: bool = False  # also an ordinary word ("pounds", "won"): needs a scale or decimals

    def resolve(self, dollar: str) -> tuple[str | None, bool]:
        """(ISO code, inferred) with :data:`DOLLAR` replaced by the configured dollar."""
        if self.code == DOLLAR:
            return dollar, True
        return self.code, self.inferred


@dataclass(frozen=True)
class MoneyValue:
    """A normalised money figure (major units)."""

    value: float | None
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    currency_inferred: bool = False
    qualifier: str | None = None
    per: str | None = None

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-able dict of the fields."""
        return asdict(self)


@dataclass(frozen=True)
class MoneyMatch:
    """One money expression found by :func:`scan_money`: tokens ``[start, end)``.

    ``needs_hint`` marks a vague magnitude with no currency word ("hundreds of billions"): the
    caller accepts it only with outside evidence (an NER MONEY entity, other money nearby).
    """

    start: int
    end: int
    money: MoneyValue
    needs_hint: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The currency lexicon (see ``claimx/resources/currencies.json``)."""

    symbols: dict[str, str | None]
    glued_only: dict[str, str | None]
    dollar_modifiers: dict[str, str]
    single_letter_modifiers: dict[str, str]
    pound_modifiers: dict[str, str]
    codes: dict[str, str | None]
    lowercase_codes: frozenset[str]
    mega: dict[str, float]
    names: dict[str, str | None]
    risky: frozenset[str]
    phrases: dict[tuple[str, ...], str]
    minor: dict[str, tuple[float, str | None]]
    glued_minor: dict[str, tuple[float, str | None]]
    inferred: frozenset[str]
    first_words: frozenset[str] = field(default=frozenset())
    glued_minor_not: dict[str, frozenset[float]] = field(default_factory=dict)
    risky_capitalised: frozenset[str] = field(default=frozenset())

    def symbol(self, text: str) -> Currency | None:
        """A currency symbol or symbol-like prefix: "$", "US$", "hk$", "€", "Rs", "RM"."""
        if text in self.symbols:
            code = self.symbols[text]
            if code is None:
                code = DOLLAR if text == "$" else None
            return Currency(code, text in self.inferred, "symbol")
        if len(text) > 1 and text.endswith("$"):
            mod = text[:-1]
            code = self.single_letter_modifiers.get(mod) or self.dollar_modifiers.get(mod.lower())
            if code:
                return Currency(code, False, "symbol")
        return None

    def code(self, text: str) -> Currency | None:
        """An ISO-style code ("USD", "usd" for major ones, "RMB") or M/K + code ("MUSD")."""
        if text in self.codes:
            return Currency(self.codes[text], False, "code")
        if len(text) == 4 and text[-1] == "=" and text[:3] in self.codes:
            return Currency(self.codes[text[:3]], False, "code")  # Reuters RIC "JPY="
        if text in self.lowercase_codes:
            up = text.upper()
            return Currency(self.codes.get(up), False, "code")
        if len(text) == 4 and text[0] in self.mega and text[1:] in self.codes:
            return Currency(self.codes[text[1:]], False, "code", self.mega[text[0]])
        return None

    def name(self, text: str) -> Currency | None:
        """A one-word currency name ("dollars", "dlrs", "euros", "yen") or minor unit ("cents")."""
        low = text.lower()
        if low in self.names:
            code = self.names[low]
            risky = low in self.risky or (low in self.risky_capitalised and text != low)  # "1957 Rand"
            return Currency(DOLLAR if low in {"dollar", "dollars", "buck", "bucks"} else code,
                            low in self.inferred or low in {"dollar", "dollars", "buck", "bucks"},
                            "name", risky=risky)
        if low in self.minor:
            factor, code = self.minor[low]
            dollar = code is None and low in {"cent", "cents", "cts", "ct", "¢"}
            return Currency(DOLLAR if dollar else code, dollar, "minor", factor)
        return None

    def phrase(self, words: Sequence[str]) -> tuple[Currency, int] | None:
        """Longest multi-word currency name at the start of ``words`` -> (currency, words used)."""
        if not words or words[0].lower() not in self.first_words:
            return None
        for n in (4, 3, 2):
            if len(words) < n:
                continue
            key = tuple(w.lower() for w in words[:n])
            last = key[-1]
            singular = last[:-1] if last.endswith("s") else None
            for cand in (last, singular, last[:-2] if last.endswith("es") else None):
                if cand and (*key[:-1], cand) in self.phrases:
                    return Currency(self.phrases[(*key[:-1], cand)], False, "name"), n
        return None

    def any(self, text: str, *, glued: bool = False) -> Currency | None:
        """Any single-token reading: symbol, code, name or minor unit (``glued``: also "PS", "p")."""
        cur = self.symbol(text) or self.code(text) or self.name(text)
        if cur is None and glued:
            if text in self.glued_only:
                cur = Currency(self.glued_only[text], False, "symbol")
            elif text in self.glued_minor:
                factor, code = self.glued_minor[text]
                cur = Currency(DOLLAR if code is None else code, code is None, "minor", factor)
        return cur


def _load() -> Lexicon:
    raw = load_json("currencies.json")

    def strip(d: dict) -> dict:
        return {k: v for k, v in d.items() if not k.startswith("_")}

    blocked = set(raw["code_blocklist"])
    codes: dict[str, str | None] = {}
    phrases: dict[tuple[str, ...], str] = {}
    try:
        import pycountry

        for cur in pycountry.currencies:
            if cur.alpha_3 not in blocked:
                codes[cur.alpha_3] = cur.alpha_3
            words = tuple(re.sub(r"\(.*?\)", "", cur.name).lower().split())
            if len(words) > 1 and not cur.alpha_3.startswith("X"):
                phrases[words] = cur.alpha_3
    except ImportError:  # pragma: no cover - pycountry is a dependency; keep working without it
        pass
    for code in ("USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "INR", "HKD", "NZD", "SGD"):
        codes.setdefault(code, code)
    codes.update(raw["extra_codes"])
    phrases.update({tuple(k.split()): v for k, v in strip(raw["phrases"]).items()})
    minor = {k: (float(v[0]), v[1]) for k, v in strip(raw["minor_units"]).items()}
    glued_minor = {k: (float(v[0]), v[1]) for k, v in strip(raw["glued_minor_units"]).items()}
    risky = strip(raw["risky_names"])
    return Lexicon(
        symbols=strip(raw["symbols"]),
        glued_only=strip(raw["glued_only"]),
        dollar_modifiers=strip(raw["dollar_modifiers"]),
        single_letter_modifiers=raw["single_letter_modifiers"],
        pound_modifiers=raw["pound_modifiers"],
        codes=codes,
        lowercase_codes=frozenset(raw["lowercase_codes"]),
        mega={k: float(v) for k, v in strip(raw["mega_codes"]).items()},
        names=strip(raw["names"]),
        risky=frozenset(k for k, v in risky.items() if v is True),
        risky_capitalised=frozenset(k for k, v in risky.items() if v == "capitalised"),
        glued_minor_not={k: frozenset(float(x) for x in v) for k, v in strip(raw["glued_minor_not"]).items()},
        phrases=phrases,
        minor=minor,
        glued_minor=glued_minor,
        inferred=frozenset(raw["inferred"]),
        first_words=frozenset(k[0] for k in phrases),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The currency lexicon, loaded once from the package resources."""
    return _load()


@lru_cache(maxsize=1)
def iso_currency(code: object) -> str:
    """``code`` as an ISO 4217 code claimx knows (:func:`currency_codes`), upper-cased; ValueError
    (its message finishes "... takes ") for anything else."""
    if not isinstance(code, str) or code.upper() not in currency_codes():
        raise ValueError(f"an ISO 4217 currency code such as USD, AUD or CAD, not {code!r}")
    return code.upper()


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes claimx knows: pycountry's, and every code its currency data maps a
    symbol, code or name to (what ``--dollar`` accepts)."""
    lex = lexicon()
    known = {code for table in (lex.codes, lex.symbols, lex.glued_only, lex.names, lex.dollar_modifiers,
                                lex.single_letter_modifiers, lex.pound_modifiers, lex.phrases)
             for code in table.values() if isinstance(code, str) and code != DOLLAR}
    try:
        import pycountry

        known.update(cur.alpha_3 for cur in pycountry.currencies)
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    return frozenset(code for code in known if len(code) == 3 and code.isalpha() and code.isupper())


def currency_of(text: str, *, dollar: str = "USD") -> tuple[str | None, bool] | None:
    """ISO code and "inferred" flag of one currency token, or None if ``text`` is not one.

    ``currency_of("US$") == ("USD", False)``; ``currency_of("$") == ("USD", True)``;
    ``currency_of("francs") == (None, False)`` (money, but which franc is unknown).
    """
    cur = lexicon().any(text)
    return None if cur is None else cur.resolve(dollar)


_WORDISH = frozenset(WORD_NUMBERS) | frozenset(VAGUE_MULTIPLIERS) | frozenset(VAGUE_SCALES) | frozenset(FEW) \
    | {"a", "an", "half", "quarter"}


def is_candidate(text: str) -> bool:
    """Cheap pre-filter: could a money expression's number start at this token?"""
    return bool(_HAS_DIGIT.search(text)) or text.lower() in _WORDISH


# ----------------------------------------------------------------------------------------------
# the scanner


@dataclass
class _Amount:
    start: int
    end: int
    value: float | None
    raw: float | None = None  # the number before any scale word
    scaled: bool = False
    digits: bool = False
    decimals: bool = False
    low: float | None = None
    high: float | None = None
    cur: Currency | None = None
    pre: bool = False  # currency written before the number
    vague: bool = False
    per: str | None = None
    pre_text: str = ""  # currency text glued before the digits ("US$" in "US$5")
    dollar_sym: bool = False  # the currency before the number is a bare "$"
    post_cur: Currency | None = None  # currency glued after the digits ("USD" in "115USD")
    few: bool = False  # "a few million", "several billion": money only with a currency word
    plus: bool = False  # "100bn+"


class _Reject(Exception):
    """Raised when tokens look like money but are explicitly not ("billion-dollar question")."""

    def __init__(self, end: int) -> None:
        super().__init__(end)
        self.end = end


class _Scanner:
    def __init__(self, texts: Sequence[str], spaces: Sequence[bool], lex: Lexicon, dollar: str) -> None:
        self.dollar = dollar
        self.t = list(texts)
        self.low = [x.lower() for x in texts]
        self.sp = list(spaces)
        self.n = len(texts)
        self.lex = lex
        self.weak: set[int] = set()  # tokens read as money only through a glued minor unit ("50p")
        self.out: list[MoneyMatch] = []  # matches found so far

    # -- helpers -------------------------------------------------------------------------------
    def glued(self, i: int) -> bool:
        """Token i is written directly before token i+1 (no whitespace)."""
        return 0 <= i < self.n and not self.sp[i]

    def has_digit(self, i: int) -> bool:
        return 0 <= i < self.n and bool(_HAS_DIGIT.search(self.t[i]))

    def split(self, i: int) -> tuple[str, float, str] | None:
        m = _TOKEN_RE.match(self.t[i])
        if not m:
            return None
        pre, digits = m.group("pre"), m.group("num")
        if digits.startswith(".") and pre and self.lex.symbol(pre + ".") is not None:
            pre, digits = pre + ".", digits[1:]  # "Rs.5bn" is Rs. 5bn, not Rs 0.5bn
        if sum(c.isdigit() for c in digits.partition(".")[0]) > _MAX_DIGITS:
            return pre, _UNREAL, m.group("post")  # 400 digits: money, but no real amount
        num = parse_numeral(digits)
        if num is None:
            return None
        return pre, num, m.group("post")

    def post_part(self, post: str) -> tuple[float, Currency | None] | None:
        """Glued text after digits -> (scale multiplier, currency) or None if not money-like."""
        if not post:
            return 1.0, None
        if len(post) > 1 and post.endswith("."):
            post = post[:-1]  # spaCy keeps a sentence-final period on "3.4B." / "5m."
        if len(post) > 1 and post.endswith("+"):
            post = post[:-1]  # "100bn+": the "+" is read by the caller
        low = post.lower()
        if low in SCALE_SUFFIXES:
            return SCALE_SUFFIXES[low], None
        cur = self.lex.any(post, glued=True)
        if cur is not None:
            return 1.0, cur
        for k in range(1, min(4, len(post))):
            head, tail = low[:k], post[k:]
            if head in SCALE_SUFFIXES:
                cur = self.lex.any(tail, glued=True)
                if cur is not None:
                    return SCALE_SUFFIXES[head], cur
        return None

    # -- number runs ---------------------------------------------------------------------------
    def number_at(self, i: int) -> _Amount | None:
        """Parse the number starting at token i (no currency yet)."""
        t, low = self.t[i], self.low[i]
        if _HAS_DIGIT.search(t):
            parts = self.split(i)
            if parts is None:
                return None
            pre, num, post = parts
            pp = self.post_part(post)
            if pp is None:
                return None
            mult, post_cur = pp
            plus = post.endswith("+") and len(post) > 1
            minor = post.rstrip(".")
            if post_cur is not None and minor in self.lex.glued_minor:
                if num in self.lex.glued_minor_not.get(minor, ()):
                    return None  # "1080p" is a video resolution
                self.weak.add(i)
            amt = _Amount(i, i + 1, num * mult, raw=num, scaled=mult != 1.0, digits=True,
                          decimals="." in t and not t.endswith("."))
            j = i + 1
            if post_cur is None and not post:
                last = mult if mult != 1.0 else 0.0
                while j < self.n and self.low[j].rstrip(".") in SCALES and self.low[j] not in {"grand"}:
                    w = self.low[j].rstrip(".")
                    if len(w) <= 2 and not self.glued(j - 1) and w not in {"bn", "mn", "tn", "cr"}:
                        break  # "5 m" spaced is metres more often than millions
                    if w == "b" and not self.glued(j - 1):
                        break
                    # "5 thousand million" grows; "5 billion billion" is no real amount
                    amt.value = (amt.value or 0.0) * SCALES[w] if SCALES[w] > last else _UNREAL
                    last = SCALES[w]
                    amt.scaled = True
                    j += 1
            amt.end = j
            amt.pre_text, amt.post_cur, amt.plus = pre, post_cur, plus
            return amt
        # vague magnitudes: "hundreds of billions", "tens of millions", "billions"
        of_scale = i + 2 < self.n and self.low[i + 1] == "of" and self.low[i + 2] in VAGUE_SCALES
        if low in VAGUE_MULTIPLIERS and of_scale:
            lo, hi = VAGUE_MULTIPLIERS[low]
            scale = VAGUE_SCALES[self.low[i + 2]]
            return self._vague(i, i + 3, lo * scale, hi * scale)
        if low in VAGUE_SCALES and low != "hundreds" and (i == 0 or self.low[i - 1] != "of"):
            scale = VAGUE_SCALES[low]
            return self._vague(i, i + 1, scale, scale * 1000)
        if low in VAGUE_MULTIPLIERS and i + 2 < self.n and self.low[i + 1] == "of":
            # "hundreds of dollars": the currency follows "of"
            lo, hi = VAGUE_MULTIPLIERS[low]
            return self._vague(i, i + 1, lo, hi)
        few = self._few_at(i)
        if few is not None:
            return few
        return self.words_at(i)

    def _few_at(self, i: int) -> _Amount | None:
        """'a few million', 'several hundred billion': a vague count of a scale word."""
        j = i + 1
        if self.low[i] == "a" and j < self.n and self.low[j] == "few":
            j += 1
        elif self.low[i] not in FEW:
            return None
        lo, hi = FEW["few" if self.low[i] == "a" else self.low[i]]
        mult = 1.0
        while j < self.n and self.low[j] in SCALES and self.low[j] not in _ABBREV_SCALES:
            mult *= SCALES[self.low[j]]
            j += 1
        if mult == 1.0:
            return None
        amt = self._vague(i, j, lo * mult, hi * mult)
        amt.few = True
        return amt

    def _vague(self, i: int, j: int, lo: float, hi: float) -> _Amount:
        amt = _Amount(i, j, None, low=lo, high=hi, scaled=True, vague=True)
        return amt

    def words_at(self, i: int) -> _Amount | None:
        """A written number: "two billion", "a billion", "half a billion", "forty-five"."""
        j = i
        words: list[str] = []
        while j < self.n:
            w = self.low[j]
            if w in WORD_NUMBERS or (w in SCALES and w not in {"m", "b", "k", "tr", "cr", "mn", "bn", "tn"}) \
                    or w in {"half", "quarter", "quarters"} \
                    or (w in {"a", "an"} and (not words or words[-1] == "half")):
                words.append(w)
            elif w in _DASHES and words and self.glued(j - 1) and self.glued(j) and j + 1 < self.n \
                    and self.low[j + 1] in WORD_NUMBERS:
                pass
            elif w == "and" and words and j + 1 < self.n and (
                    self.low[j + 1] in WORD_NUMBERS or self.low[j + 1] in {"a", "half"}):
                words.append(w)
            else:
                break
            j += 1
        # shrink until the words parse
        while words:
            value = parse_number_words(words)
            if value is not None and any(w not in {"a", "an", "and"} for w in words):
                end = i
                count = 0
                while count < len(words):  # map words back to tokens (dashes were skipped)
                    if self.low[end] not in _DASHES:
                        count += 1
                    end += 1
                scaled = any(w in SCALES and w != "hundred" for w in words)
                amt = _Amount(i, end, value, raw=value, scaled=scaled)
                return amt
            words.pop()
        return None

    # -- currency around a number ---------------------------------------------------------------
    def pre_currency(self, amt: _Amount, floor: int) -> None:
        """Currency written before the number: glued ("US$5", "$US5") or one token before."""
        i = amt.start
        pre = amt.pre_text
        lex = self.lex
        if pre:
            sym = pre
            cur = lex.any(pre, glued=True)
            if cur is not None and (cur.kind == "minor" or (cur.kind == "name" and cur.factor == 1.0)):
                cur = None  # "dollars5", "p50" are not a thing
            if cur is None and pre[0] in "$£" and len(pre) > 1:
                cur, sym = self._marked(pre[0], pre[1:]), pre[0]  # "$US5" (simple tokenizer)
            elif cur is None and self.glued(i - 1) and i - 1 >= floor and self.t[i - 1] in {"$", "£"}:
                # spaCy's "$" + "US55,931,000", "$" + "A82,615,680": the country mark follows the "$"
                sym = self.t[i - 1]
                cur = self._marked(sym, pre)
                if cur is not None:
                    amt.start = i - 1
            if cur is None:
                raise _Reject(amt.end)  # "A4", "COVID19", "B52": not a number we read
            amt.cur, amt.pre = cur, True
            amt.dollar_sym = sym == "$"
            if sym in {"$", "£"} and cur.code in {DOLLAR, "GBP"}:
                self._mark_before(amt, sym, amt.start - 1, floor)
            return
        j = i - 1
        if j < floor:
            return
        if self.t[j] == "." and j - 1 >= floor and self.glued(j - 1) and lex.symbol(self.t[j - 1] + "."):
            j -= 1  # "Rs." tokenised as "Rs" + "."
        cur = lex.symbol(self.t[j]) or lex.code(self.t[j])
        if cur is None:
            name = lex.name(self.t[j])
            if name is not None and (amt.scaled or (name.kind == "minor" and name.code != DOLLAR)):
                cur = name  # "dollar 22.5 million", "sen 100,000"
        if cur is None or cur.risky:
            return
        amt.cur, amt.pre, amt.start = cur, True, j
        amt.dollar_sym = self.t[j] == "$"
        if self.t[j] in {"$", "£"}:
            self._mark_before(amt, self.t[j], j - 1, floor)

    def _marked(self, sym: str, mark: str, *, glued: bool = True) -> Currency | None:
        """A country mark next to a symbol: ("$", "US") -> USD, ("$", "A") -> AUD, ("£", "GB") -> GBP.

        Single capital letters ("A", "S", "R") count only glued: "a $5 bill" has no mark.
        """
        if sym == "£":
            code = self.lex.pound_modifiers.get(mark)
        else:
            code = self.lex.dollar_modifiers.get(mark.lower())
            if code is None and glued:
                code = self.lex.single_letter_modifiers.get(mark)
        return Currency(code, False, "symbol") if code else None

    def _mark_before(self, amt: _Amount, sym: str, k: int, floor: int) -> None:
        """'US $5', 'hk $ 3', 'GB £20': a country mark written as its own token before the symbol."""
        if k < floor or k < 0:
            return
        cur = self._marked(sym, self.t[k], glued=self.glued(k))
        if cur is not None:
            amt.cur = cur
            amt.start = k

    def post_currency(self, amt: _Amount) -> None:
        """Currency written after the number ("5 million euros", "10 €", "billions of dollars")."""
        j = amt.end
        lex = self.lex
        if amt.post_cur is not None:
            if amt.cur is None:
                amt.cur = amt.post_cur
            self._scale_after_code(amt)
            return
        if j >= self.n:
            return
        t, low = self.t[j], self.low[j]
        if amt.cur is not None:
            # a currency already written before the number: accept only a consistent repeat
            if amt.dollar_sym and amt.cur.code == DOLLAR and low in {"us", "u.s.", "u.s"} and t[0] == "U":
                amt.cur = Currency("USD", False, "symbol")  # "$76 US a barrel"
                amt.end = j + 1
                nxt = lex.name(self.t[j + 1]) if j + 1 < self.n else None
                if nxt is not None and nxt.code == DOLLAR:
                    amt.end = j + 2
                return
            ph = lex.phrase(self.t[j:j + 4])
            if ph is not None and self._consistent(amt.cur, ph[0]):
                amt.cur = ph[0] if amt.cur.code == DOLLAR else amt.cur
                amt.end = j + ph[1]
                return
            nxt = lex.name(t) or lex.code(t)
            if nxt is not None and nxt.kind != "minor" and self._consistent(amt.cur, nxt):
                amt.end = j + 1
                return
            if t == "(" and j + 2 < self.n and self.t[j + 2] == ")":
                inner = lex.code(self.t[j + 1])
                if inner is not None and self._consistent(amt.cur, inner):
                    amt.end = j + 3
                    if amt.cur.code == DOLLAR:
                        amt.cur = inner
            return
        # hyphenated compound: "billion-dollar question" is not money; "12-cent dividend" is
        if t in _DASHES and self.glued(j - 1) and self.glued(j) and j + 1 < self.n:
            cur = lex.name(self.t[j + 1]) or lex.code(self.t[j + 1])
            if cur is not None:
                if not amt.digits and all(w in SCALES or w in {"a", "an"} for w in self.low[amt.start:j]):
                    raise _Reject(j + 2)  # "a million-dollar smile"; "one-yen bid" is money
                amt.cur, amt.end = cur, j + 2
                return
        ph = lex.phrase(self.t[j:j + 4])
        if ph is not None:
            amt.cur, amt.end = ph[0], j + ph[1]
            return
        minor = self._marked_minor(j)
        if minor is not None:
            amt.cur, amt.end = minor, j + 2
            return
        if low == "of" and (amt.scaled or amt.vague) and j + 1 < self.n:
            ph = lex.phrase(self.t[j + 1:j + 5])
            if ph is not None:
                amt.cur, amt.end = ph[0], j + 1 + ph[1]
                return
            cur = lex.name(self.t[j + 1]) or lex.code(self.t[j + 1])
            if cur is not None and cur.kind != "minor":
                amt.cur, amt.end = cur, j + 2
            return
        cur = lex.name(t) or lex.code(t)
        if cur is None:
            sym = lex.symbol(t)
            # "10 €" / "1,200 €" but not "1 $10" where the symbol belongs to the next number
            if sym is not None and not (self.glued(j) and self.has_digit(j + 1)) and not self._pre_of_next(j):
                cur = sym
        if cur is None:
            return
        if cur.risky and not (amt.scaled or amt.decimals or self._stated(cur.code, amt.start)):
            return
        amt.cur, amt.end = cur, j + 1
        self._scale_after_code(amt)

    def _marked_minor(self, j: int) -> Currency | None:
        """'5 US cents', '20 euro cents': a country mark or currency name before a minor unit."""
        if j + 1 >= self.n:
            return None
        unit = self.lex.name(self.t[j + 1])
        if unit is None or unit.kind != "minor" or unit.code != DOLLAR:
            return None
        code = self.lex.dollar_modifiers.get(self.low[j]) if self.t[j][0].isupper() and len(self.t[j]) > 1 \
            else None
        if code is None:
            name = self.lex.name(self.t[j])
            code = name.code if name is not None and name.kind == "name" and name.code != DOLLAR else None
        return Currency(code, False, "minor", unit.factor) if code else None

    def _stated(self, code: str | None, i: int) -> bool:
        """An earlier figure in the same sentence is in ``code``: '3 million pounds ... and 40,000
        pounds' (a risky name then needs no scale)."""
        for m in reversed(self.out):
            if any(t in _SENT_END for t in self.t[m.end:i]):
                return False
            if code is not None and m.money.currency == code:
                return True
        return False

    def _pre_of_next(self, j: int) -> bool:
        """'1 $ 10 dollars': the symbol at j opens the next amount (repeated by a name after it)."""
        if j + 2 >= self.n or not self.has_digit(j + 1):
            return False
        name = self.lex.name(self.t[j + 2])
        return name is not None and name.kind == "name"

    def _scale_after_code(self, amt: _Amount) -> None:
        """'75 USD million': a scale word written after the currency code."""
        j = amt.end
        if not amt.scaled and j < self.n and self.low[j] in {"million", "billion", "trillion", "thousand",
                                                               "mn", "bn", "mln", "crore", "lakh"}:
            if amt.value is not None:
                amt.value *= SCALES[self.low[j]]
            amt.scaled = True
            amt.end = j + 1

    @staticmethod
    def _consistent(a: Currency, b: Currency) -> bool:
        if a.code == b.code:
            return True
        if b.code == DOLLAR and a.code is not None and a.code.endswith("D"):
            return True  # "US$23 billion dollar", "C$ 5 dollars"
        return a.code == DOLLAR and b.code is not None and b.code.endswith("D")

    # -- a whole amount -----------------------------------------------------------------------
    def amount_at(self, i: int, floor: int) -> _Amount | None:
        amt = self.number_at(i)
        if amt is None:
            return None
        if amt.end < self.n and self.low[amt.end] in _PERCENT:
            return None
        if amt.end + 1 < self.n and self.low[amt.end] == "per" and self.low[amt.end + 1] == "cent":
            return None
        self.pre_currency(amt, floor)
        self.post_currency(amt)
        cur = amt.cur
        if cur is not None and cur.factor != 1.0 and amt.value is not None:
            amt.value = round(amt.value * cur.factor, 10) if cur.kind == "minor" else amt.value * cur.factor
            amt.scaled = amt.scaled or cur.kind != "minor"
        return amt

    def per_unit(self, k: int) -> tuple[str, int] | None:
        """'a share', 'per barrel', '-a-share', 'an ounce', 'per square foot' at token k."""
        j = k
        if j + 1 < self.n and self.t[j] == "/" and self.glued(j - 1) and self.glued(j) \
                and self.t[j + 1].isalpha() and self.low[j + 1] not in _NOT_UNITS:
            return self.t[j + 1], j + 2  # "$2,400/oz", "€90/MWh"
        if j < self.n and self.t[j] in _DASHES and self.glued(j - 1):
            j += 1
        if j >= self.n or self.low[j] not in {"a", "an", "per", "each"}:
            return None
        if self.low[j] == "each":
            return None
        j += 1
        if j < self.n and self.t[j] in _DASHES:
            j += 1
        if j >= self.n or not self.t[j].isalpha() or self.low[j] in _NOT_UNITS:
            return None
        words = [self.low[j]]
        end = j + 1
        if self.low[j] in _PER_TWO_WORD and end < self.n and self.t[end].replace(".", "").isalpha():
            words.append(self.low[end])
            end += 1
        if end < self.n and self.low[end] in _PER_UNIT_STOP - {"or", "and"}:
            return None
        if words[0] in {"cent", "percent"}:
            return None
        return " ".join(words), end

    def qualifier_before(self, i: int, floor: int) -> tuple[str, str | None, int] | None:
        for n in range(_QUAL_MAX, 0, -1):
            s = i - n
            if s < floor or s < 0:
                continue
            key = tuple(self.low[s:i])
            if key in _QUALIFIERS:
                text, bound = _QUALIFIERS[key]
                return text, bound, s
        return None

    def change_before(self, i: int, floor: int) -> bool:
        """A verb of change shortly before token i in the same sentence ("rose from ...")."""
        for k in range(i - 1, max(0, i - 25) - 1, -1):
            if self.t[k] in _SENT_END:
                return False
            if self.low[k] in _CHANGE:
                return True
        return False

    def compound_cents(self, amt: _Amount) -> None:
        """'3 dollars 50 cents', 'thirteen dollars and forty-five cents', '17 USD 25.'"""
        if amt.cur is None or amt.cur.kind == "minor" or amt.value is None or amt.scaled or amt.decimals:
            return
        if not math.isfinite(amt.value) or amt.value != int(amt.value):
            return
        k = amt.end
        if k < self.n and self.low[k] == "and":
            k += 1
        elif amt.pre:
            return
        if k >= self.n or not is_candidate(self.t[k]) or self.low[k] in {"a", "an", "half"}:
            return
        sub = self.number_at(k)
        if sub is None or sub.value is None or sub.scaled or sub.decimals or not 0 < sub.value < 100:
            return
        if sub.pre_text or sub.post_cur is not None:
            return
        e = sub.end
        minor = self.lex.name(self.t[e]) if e < self.n else None
        if minor is not None and minor.kind == "minor":
            amt.value += sub.value * minor.factor
            amt.end = e + 1
        elif e >= self.n or self.low[e] in _COMPOUND_END:
            amt.value += sub.value / 100
            amt.end = e

    # -- main loop -----------------------------------------------------------------------------
    def run(self) -> list[MoneyMatch]:
        out = self.out
        floor = 0
        i = 0
        while i < self.n:
            if not is_candidate(self.t[i]):
                i += 1
                continue
            try:
                match, nxt = self.expression_at(i, floor)
            except _Reject as rej:
                i = max(rej.end, i + 1)
                floor = i
                continue
            if match is None:
                i += 1
                continue
            out.append(match)
            floor = match.end
            i = nxt
        return self._drop_weak(out) if self.weak else out

    def _drop_weak(self, found: list[MoneyMatch]) -> list[MoneyMatch]:
        """'118.5p' is pence only where the same sentence states a figure in that currency
        outright ('rose 5p to £3.20'); alone, a glued "p" is too often something else."""
        sent, k = [], 0
        for t in self.t:
            sent.append(k)
            k += t in _SENT_END
        weak = [all(x in self.weak for x in range(m.start, m.end) if self.has_digit(x)) for m in found]
        strong = {(sent[m.start], m.money.currency) for m, w in zip(found, weak, strict=True) if not w}
        return [m for m, w in zip(found, weak, strict=True)
                if not w or (sent[m.start], m.money.currency) in strong]

    def expression_at(self, i: int, floor: int) -> tuple[MoneyMatch | None, int]:
        a = self.amount_at(i, floor)
        if a is None:
            return None, i + 1
        start = a.start
        qual = self.qualifier_before(start, floor)
        between = start - 1 >= floor and self.low[start - 1] == "between"
        opener = self.low[start - 1] if start - 1 >= floor else ""
        if qual is not None and not between:
            between = qual[2] - 1 >= floor and self.low[qual[2] - 1] == "between"
        rng = self.range_after(a, between=between, opener=opener, floor=floor)
        if rng is not None:
            b, split = rng
            self.inherit(a, b)
            if split:
                if a.cur is None:
                    return None, i + 1
                return self.finish(a, a.start, qual, between=False), b.start
            end = b.end
            money = _Amount(a.start, end, None, low=a.value if not a.vague else a.low,
                            high=b.value if not b.vague else b.high, cur=a.cur or b.cur, pre=a.pre)
            money.scaled = True
            per = self.per_unit(end)
            if per is not None:
                money.per, money.end = per
            s = a.start
            if between:
                s = (qual[2] if qual else a.start) - 1
            return self.finish(money, s, qual, between=between), money.end
        if a.cur is None and (not a.vague or a.few or (a.end < self.n and self.low[a.end] == "of")):
            return None, i + 1  # a bare number, or "millions of users", "a few million people"
        self.compound_cents(a)
        plus = self.plus_after(a)
        per = self.per_unit(a.end)
        if per is not None and a.cur is not None:
            a.per, a.end = per
        match = self.finish(a, a.start, qual, between=False)
        if plus and match.money.qualifier is None:  # "$100bn+", "$1 billion-plus": an open lower bound
            match = replace(match, money=replace(match.money, qualifier="plus", low=match.money.value))
        return match, a.end

    def plus_after(self, a: _Amount) -> bool:
        """A glued "+" or "-plus" after the amount ("$100bn+", "$1 billion-plus"); extends it."""
        if a.plus:
            return True
        k = a.end
        if k < self.n and self.t[k] == "+" and self.glued(k - 1):
            a.end = k + 1
            return True
        if k + 1 < self.n and self.t[k] in _DASHES and self.glued(k - 1) and self.glued(k) \
                and self.low[k + 1] == "plus":
            a.end = k + 2
            return True
        return False

    def range_after(self, a: _Amount, *, between: bool, opener: str, floor: int,
                    depth: int = 0) -> tuple[_Amount, bool] | None:
        """A second amount after a range connector ("-", "to", "and" after "between").

        Returns (second amount, split): ``split`` is True for a change ("rose from $5m to $7m",
        "increased by $1bn to $9bn"), which gives two figures rather than one range.
        """
        k = a.end
        if k + 1 >= self.n:
            return None
        conn = self.low[k]
        loose = False  # "5 to 7 billion dollars": a bare first end, accepted if the second carries all
        if conn in _DASHES:
            tight = self.glued(k - 1) and self.glued(k)
            loose = a.cur is None and not tight and opener not in {"from", "between"}
        elif conn in {"to", "through", "thru"}:
            loose = a.cur is None and opener not in {"from", "between"}
        elif conn == "and":
            if not between:
                return None
        else:
            return None
        anchor = next((x for x in range(k + 1, min(k + 4, self.n)) if is_candidate(self.t[x])), None)
        if anchor is None:
            return None
        try:
            b = self.amount_at(anchor, k + 1)
            if b is not None and b.cur is None and not b.scaled and depth == 0:
                # "from 12.5 to 20-22 billion euros": the second end is itself a range
                inner = self.range_after(b, between=False, opener="", floor=k + 1, depth=1)
                if inner is not None:
                    self.inherit(b, inner[0])
        except _Reject:
            return None
        if b is None or b.start != k + 1 or (b.cur is None and a.cur is None) or (b.vague != a.vague):
            return None
        if a.cur is not None and b.cur is not None and a.cur.code != b.cur.code \
                and not self._consistent(a.cur, b.cur):
            return None
        if (a.value is None and not a.vague) or (b.value is None and not b.vague):
            return None
        if loose and not (b.cur is not None and b.scaled and not a.scaled and not a.vague and a.digits
                          and b.digits and b.raw is not None and a.value is not None and a.value < b.raw):
            return None
        split = conn == "to" and ((opener in {"from", "by"} and self.change_before(a.start - 1, floor))
                                  or opener == "by" or opener in _DELTA
                                  or opener in {"up", "down"})  # "down 20 cents to $9.80"
        return b, split

    @staticmethod
    def inherit(a: _Amount, b: _Amount) -> None:
        """Scale and currency written once for both ends: '$10-15 billion', '33-35 billion euros'."""
        own = a.cur is not None
        if not a.scaled and b.scaled and a.value is not None and b.raw and b.value is not None \
                and (not own or (a.raw is not None and a.raw < b.raw)):
            a.value *= b.value / b.raw
            a.scaled = True
        if a.cur is None and b.cur is not None:
            a.cur = b.cur
            if b.cur.kind == "minor" and a.value is not None:
                a.value = round(a.value * b.cur.factor, 10)

    def finish(self, amt: _Amount, start: int, qual: tuple[str, str | None, int] | None,
               *, between: bool) -> MoneyMatch:
        qualifier = None
        low, high, value = amt.low, amt.high, amt.value
        if qual is not None and qual[2] < start:
            qualifier, bound, start = qual[0], qual[1], qual[2]
            if value is not None and bound == "low":
                low = value
            elif value is not None and bound == "high":
                high = value
        code, inferred = (amt.cur.resolve(self.dollar) if amt.cur is not None else (None, False))
        value, low, high = _tidy(value), _tidy(low), _tidy(high)
        if any(real_amount(x) is None for x in (value, low, high) if x is not None):
            value = low = high = None  # one end no real amount: the figure says nothing
        money = MoneyValue(value=value, low=low, high=high, currency=code, currency_inferred=inferred,
                           qualifier=qualifier, per=amt.per)
        return MoneyMatch(start, amt.end, money, needs_hint=amt.cur is None)


def _tidy(x: float | None) -> float | None:
    """Round away float noise (16.4 * 1e6 = 16399999.999999998) to 12 significant digits."""
    return x if x is None or not math.isfinite(x) else float(f"{x:.12g}")


def scan_money(texts: Sequence[str], spaces: Sequence[bool] | None = None, *,
               dollar: str = "USD") -> list[MoneyMatch]:
    """Find money expressions in a token sequence; spans are token indices ``[start, end)``.

    ``spaces[i]`` says whether token i is followed by whitespace (spaCy's ``whitespace_``);
    it defaults to True everywhere.  Matches come sorted and non-overlapping.
    """
    spaces = spaces if spaces is not None else [True] * len(texts)
    sub_texts, sub_spaces, owner, first, last = _split_glued_ranges(texts, spaces)
    sc = _Scanner(sub_texts, sub_spaces, lexicon(), dollar)
    found = sc.run()
    if len(sub_texts) == len(texts):
        return found
    # map back to the caller's tokens; a match that starts or ends inside a token is dropped
    return [replace(m, start=owner[m.start], end=owner[m.end - 1] + 1) for m in found
            if first[m.start] and last[m.end - 1]]


def _symbol_classes(lex: Lexicon) -> tuple[str, str]:
    """Regex pieces built from the lexicon's symbols: a character class of the symbol marks
    ("$", "€", "₦", ...: every symbol's first character that is not a letter or digit) and an
    alternation of the symbols that begin with a letter ("US$", "Rs", "RM"), longest first."""
    marks = sorted({sym[0] for sym in lex.symbols if not sym[0].isalnum()})
    words = sorted((sym for sym in lex.symbols if sym[0].isalnum()), key=lambda x: (-len(x), x))
    return "[" + "".join(re.escape(m) for m in marks) + "]", "|".join(re.escape(w) for w in words)


@lru_cache(maxsize=1)
def _glued_range() -> re.Pattern[str]:
    """A dash inside one token between two amounts: "5-$7bn", "₦5bn-₦7bn", "RM5-RM7"."""
    marks, words = _symbol_classes(lexicon())
    return re.compile(rf"(?<=[\w.])([-–—])(?={marks}|(?:{words})\d|\d)")


@lru_cache(maxsize=1)
def _inner_dash() -> re.Pattern[str]:
    """For :func:`_tokenize`: a dash between a word and a word or symbol, a slash before a unit."""
    marks, _ = _symbol_classes(lexicon())
    return re.compile(rf"(?<=\w)([-–—])(?=\w|{marks})|(?<=\d)(/)(?=[A-Za-z])")


def is_currency_token(text: str) -> bool:
    """A token that is a currency symbol or code on its own ("$", "₹", "US$", "Rs.", "USD", "usd"):
    a number right after it is an amount, not a year."""
    lex = lexicon()
    return lex.symbol(text) is not None or lex.code(text) is not None


def _split_glued_ranges(texts: Sequence[str], spaces: Sequence[bool]
                        ) -> tuple[list[str], list[bool], list[int], list[bool], list[bool]]:
    """Split tokens that hold a range ("1.2bn-£1.5bn", "5-$7bn", "billion-$15") at the dash.

    Returns the sub-token texts and spaces, the original token of each sub-token, and whether it
    is the first / last piece of that token."""
    out_t: list[str] = []
    out_s: list[bool] = []
    owner: list[int] = []
    first: list[bool] = []
    last: list[bool] = []
    glued_range = _glued_range()
    for i, (text, space) in enumerate(zip(texts, spaces, strict=True)):
        parts = [text]
        if len(text) > 2 and _HAS_DIGIT.search(text) and glued_range.search(text):
            parts = [p for p in glued_range.split(text) if p]
        for k, part in enumerate(parts):
            out_t.append(part)
            out_s.append(space if k == len(parts) - 1 else False)
            owner.append(i)
            first.append(k == 0)
            last.append(k == len(parts) - 1)
    return out_t, out_s, owner, first, last


_LEAD = "([{\"'“‘«"
_TRAIL = ")]}\"'”’»,;:!?"
_ABBREV = re.compile(r"(?:[A-Za-z]\.){2,}|Rs\.|Fr\.|approx\.")


def _tokenize(text: str) -> tuple[list[str], list[bool]]:
    """A small whitespace/punctuation tokenizer, close enough to spaCy's for :func:`parse_money`.

    Glued forms ("$5bn", "£600m") stay one token: the scanner splits them itself.
    """
    texts: list[str] = []
    spaces: list[bool] = []
    inner_dash = _inner_dash()
    for m in re.finditer(r"\S+", text):
        chunk = m.group(0)
        lead: list[str] = []
        trail: list[str] = []
        while chunk and chunk[0] in _LEAD:
            lead.append(chunk[0])
            chunk = chunk[1:]
        while chunk and (chunk[-1] in _TRAIL or (chunk[-1] == "." and not _ABBREV.fullmatch(chunk))):
            trail.insert(0, chunk[-1])
            chunk = chunk[:-1]
        parts = [p for p in inner_dash.split(chunk) if p]
        pieces = lead + parts + trail
        for k, piece in enumerate(pieces):
            texts.append(piece)
            spaces.append(k == len(pieces) - 1)
    return texts, spaces


def parse_money(text: str, *, dollar: str = "USD") -> MoneyValue | None:
    """Normalise one money expression ("$1.5bn", "between $5 and $7 billion", "50 mln stg").

    Returns the longest money expression found in ``text``, or None when there is none.
    ``dollar`` is the ISO code a bare "$" (or "dollars") stands for; it is then marked inferred.

    >>> parse_money("US$5bn").value, parse_money("12.5 mln dlrs").currency
    (5000000000.0, 'USD')
    """
    if not text or not text.strip():
        return None
    texts, spaces = _tokenize(text)
    matches = scan_money(texts, spaces, dollar=dollar)
    if not matches:
        return None
    best = max(matches, key=lambda m: m.end - m.start)
    return replace(best.money)
