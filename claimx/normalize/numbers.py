"""Pure number parsing for news text: numerals, written numbers and scale words.

``parse_number("1.5mn") == 1_500_000.0``, ``parse_number("twenty-five") == 25.0``,
``parse_number("half a billion") == 5e8``.  Every function returns ``None`` rather than a
number it is not sure of ("1,2", "a", "million" on its own) and every number returned is finite
(a 400-digit figure, or one that overflows once scaled, gives ``None``).  No spaCy import here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

__all__ = [
    "FEW",
    "SCALES",
    "SCALE_SUFFIXES",
    "VAGUE_MULTIPLIERS",
    "VAGUE_SCALES",
    "WORD_NUMBERS",
    "is_number_word",
    "parse_number",
    "parse_number_words",
    "parse_numeral",
    "scale_of",
    "split_numeral",
]

# Scale words written as separate words (lower case).  Plurals ("billions") are vague
# magnitudes and live in VAGUE_SCALES below.
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "grand": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mio": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    # Portuguese scale words, common after R$ in Brazilian copy
    "milhão": 1e6,
    "milhões": 1e6,
    "milhao": 1e6,
    "milhoes": 1e6,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "bilhao": 1e9,
    "bilhoes": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "tr": 1e12,
}

# Suffixes that may be glued to digits ("5bn", "1.5mn", "$13.6M", "50K").  Case-insensitive.
SCALE_SUFFIXES: dict[str, float] = {
    k: v for k, v in SCALES.items() if k in {"k", "m", "mn", "mln", "b", "bn", "bln", "tn", "trn", "cr"}
}

# Plural scale words used as vague magnitudes: "billions" = 1e9 .. 1e12.
VAGUE_SCALES: dict[str, float] = {
    "hundreds": 1e2,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}

# "tens of millions" = 10 .. 100 times the scale.
VAGUE_MULTIPLIERS: dict[str, tuple[float, float]] = {
    "tens": (10.0, 100.0),
    "dozens": (12.0, 100.0),
    "hundreds": (100.0, 1000.0),
    "thousands": (1000.0, 1e6),
}

# "a few million" = 2 .. 10 million, "several billion" = 3 .. 10 billion.
FEW: dict[str, tuple[float, float]] = {
    "few": (2.0, 10.0),
    "several": (3.0, 10.0),
}

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

WORD_NUMBERS: dict[str, float] = {w: float(i) for i, w in enumerate(_UNITS)}
WORD_NUMBERS.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
WORD_NUMBERS.update({"dozen": 12.0, "fourty": 40.0})

_FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
_ARTICLES = {"a", "an"}

_PLAIN = re.compile(r"[-+−]?(?:\d+(?:\.\d+)?|\.\d+)")
_WESTERN = re.compile(r"[-+−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_INDIAN = re.compile(r"[-+−]?\d{1,2}(?:,\d{2})*,\d{3}(?:\.\d+)?")
_SPLIT = re.compile(r"^([-+−]?(?:\d[\d,]*(?:\.\d+)?|\.\d+))([A-Za-z]*)$")
_WORDS = re.compile(r"[^\s\-–]+")


def scale_of(word: str) -> float | None:
    """Multiplier of a scale word or suffix ("bn" -> 1e9, "Million" -> 1e6), else None."""
    return SCALES.get(word.lower().rstrip("."))


def is_number_word(word: str) -> bool:
    """True for written numbers ("seven", "twenty"), fractions ("half") and scale words."""
    w = word.lower()
    return w in WORD_NUMBERS or w in _FRACTIONS or w in SCALES


def parse_numeral(text: str) -> float | None:
    """Digits only, with thousands separators and decimals: "1,400" -> 1400.0, "12.5" -> 12.5.

    Indian grouping ("12,34,567.89") is accepted; malformed grouping ("1,2", "1,23,4") is not.
    A glued scale suffix is not accepted here (see :func:`split_numeral`).
    """
    t = text.strip()
    if not t:
        return None
    if _PLAIN.fullmatch(t) or _WESTERN.fullmatch(t) or _INDIAN.fullmatch(t):
        t = t.replace(",", "").replace("−", "-")
        try:
            return _finite(float(t))
        except ValueError:  # pragma: no cover - the regexes only admit valid floats
            return None
    return None


def _finite(x: float | None) -> float | None:
    """``x``, or None when it is infinite or NaN (a figure too long to be a number)."""
    return x if x is not None and math.isfinite(x) else None


def split_numeral(text: str) -> tuple[float, float] | None:
    """A numeral with an optional glued scale suffix -> (number, multiplier).

    ``split_numeral("1.5mn") == (1.5, 1e6)``; ``split_numeral("12,500") == (12500.0, 1.0)``;
    ``split_numeral("5kg") is None``.
    """
    m = _SPLIT.match(text.strip())
    if not m:
        return None
    number = parse_numeral(m.group(1))
    if number is None:
        return None
    suffix = m.group(2).lower()
    if not suffix:
        return number, 1.0
    mult = SCALE_SUFFIXES.get(suffix)
    return None if mult is None else (number, mult)


def parse_number_words(words: Sequence[str]) -> float | None:
    """Combine a run of number words and numerals into one value, or None.

    Handles "two billion", "1.5 million", "twenty five", "one hundred and twenty",
    "a billion", "half a billion", "two and a half million", "three quarters billion",
    "a quarter million", "5 crore", "3 lakh".  Hyphens may be passed as separate words.
    """
    ws = [w.lower() for w in words if w not in {"-", "–"}]
    if not ws:
        return None
    total = 0.0
    current: float | None = None  # the group before the next scale word
    last_scale = float("inf")
    seen_quantity = False
    i = 0
    while i < len(ws):
        w = ws[i]
        nxt = ws[i + 1] if i + 1 < len(ws) else None
        if w == "and":
            if nxt in _ARTICLES and i + 2 < len(ws) and ws[i + 2] in _FRACTIONS and current is not None:
                current += _FRACTIONS[ws[i + 2]]  # "two and a half"
                i += 3
                continue
            if current is None or nxt is None:
                return None
            i += 1
            continue
        if w in _ARTICLES:
            # "a" means one only before a scale or a fraction ("a billion", "a quarter million")
            if current is not None or nxt is None or not (nxt in SCALES or nxt in _FRACTIONS):
                return None
            current = 1.0
            seen_quantity = True
            i += 1
            continue
        if w in _FRACTIONS:
            frac = _FRACTIONS[w]
            if w.endswith("s"):  # "three quarters"
                if current is None:
                    return None
                current *= frac
            elif current is None or current == 1.0:
                current = frac  # "half", "a half", "a quarter"
            else:
                return None
            seen_quantity = True
            if nxt in _ARTICLES:  # "half a billion"
                i += 1
            i += 1
            continue
        if w in WORD_NUMBERS:
            n = WORD_NUMBERS[w]
            if current is None:
                current = n
            elif (20 <= current < 100 and current % 10 == 0 and n < 10) or (current % 100 == 0 and n < 100):
                current += n  # "twenty five", "hundred (and) five"
            else:
                return None
            seen_quantity = True
            i += 1
            continue
        if w in SCALES:
            mult = SCALES[w]
            if mult == 100:
                current = (1.0 if current is None else current) * 100
                i += 1
                continue
            if current is None:
                if total and mult > last_scale:
                    total *= mult  # "a thousand million"
                    last_scale = mult
                    i += 1
                    continue
                return None
            if mult >= last_scale and total:
                total = (total + current) * mult
            else:
                total += current * mult
            last_scale = mult
            current = None
            i += 1
            continue
        numeral = split_numeral(w)
        if numeral is None or current is not None:
            return None
        number, mult = numeral
        seen_quantity = True
        if mult != 1.0:
            total += number * mult
            last_scale = mult
        else:
            current = number
        i += 1
    if not seen_quantity:
        return None
    return _finite(total + (current or 0.0))


def parse_number(text: str) -> float | None:
    """Parse one number written any common way; None when unsure.

    >>> parse_number("1,400"), parse_number("1.5mn"), parse_number("half a billion")
    (1400.0, 1500000.0, 500000000.0)
    """
    if not text or not text.strip():
        return None
    numeral = split_numeral(text)
    if numeral is not None:
        return _finite(numeral[0] * numeral[1])
    return parse_number_words(_WORDS.findall(text))
