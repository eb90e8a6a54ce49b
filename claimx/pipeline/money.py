"""The ``claimx_money`` spaCy component: money figures as ``doc.spans["claimx_money"]``.

Each span gets ``span._.claimx_money``, a plain dict::

    {"value", "low", "high", "currency", "currency_inferred", "qualifier", "per", "metric"}

Finding and normalising is done by the pure scanner in :mod:`claimx.normalize.money` over the
token texts, so spans are always token-aligned.  The component adds what needs the Doc:

* vague magnitudes written without a currency ("hundreds of billions by 2030") are kept only when
  the sentence has other money and, if the pipeline has NER, spaCy labels them MONEY;
* prices written without a currency in an article that states its currency elsewhere: a scaled
  amount in a price construction, "600 orders at 150 million per jet", "valued at 3 billion
  each", takes the article's most frequent currency (``currency_inferred: True``);
* ``metric`` (what the amount is: "annualized revenue", "spending commitments") from the
  dependency parse when the Doc is parsed, else None.

Works on ``spacy.blank("en")`` and after ``ner`` in a trained pipeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.normalize.money import MoneyMatch, is_candidate, real_amount, scan_money
from claimx.normalize.numbers import parse_number, scale_of
from claimx.pipeline._syntax import Lemmas
from claimx.pipeline.extensions import MONEY, register

__all__ = ["MoneyFinder", "make_money", "metric_of"]

_SENT_PUNCT = frozenset({".", "!", "?"})
_PRICE_OPENERS = frozenset({"at", "for", "worth", "costing", "priced", "valued"})
_PER = frozenset({"per", "a", "an", "each", "apiece"})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "quarter", "year", "annum",
                         "decade", "cent", "capita"})
_METRIC_PREPS = frozenset({"in", "of"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_LINKING = frozenset({"be", "rise", "fall", "increase", "decrease", "grow", "climb", "jump", "drop",
                      "decline", "reach", "total", "hit", "top", "exceed", "surge", "slip", "come", "stand"})


@Language.factory("claimx_money", default_config={"dollar": "USD"}, assigns=["doc.spans"])
def make_money(nlp: Language, name: str, dollar: str) -> MoneyFinder:
    """spaCy factory for :class:`MoneyFinder` (``nlp.add_pipe("claimx_money")``)."""
    return MoneyFinder(nlp, name=name, dollar=dollar)


class MoneyFinder:
    """Find and normalise money figures.

    Settings (keyword-only):

    * ``dollar`` -- ISO 4217 code that a bare ``$`` or "dollars" stands for (default USD); such
      figures carry ``currency_inferred: True``.
    """

    def __init__(
        self, nlp: Language | None = None, name: str = "claimx_money", *, dollar: str = "USD"
    ) -> None:
        register()
        self.name = name
        self.dollar = dollar.upper()
        self.lemma = Lemmas(nlp, prefer=_LINKING)

    def __call__(self, doc: Doc) -> Doc:
        # spaCy makes tokens of extra whitespace ("$5\xa0billion", a line wrapped inside "$5
        # billion"): scan without them, then map the matches back to the Doc's own indices.
        # A paragraph break (two newlines) still separates.
        keep = [t.i for t in doc if not (t.is_space and t.text.count("\n") <= 1)]
        texts = [doc[i].text for i in keep]
        if not any(is_candidate(x) for x in texts):
            doc.spans[MONEY] = []
            return doc
        spaces = [bool(doc[i].whitespace_) or (i + 1 < len(doc) and doc[i + 1].is_space) for i in keep]
        matches = [replace(m, start=keep[m.start], end=keep[m.end - 1] + 1)
                   for m in scan_money(texts, spaces, dollar=self.dollar)]
        matches = self._keep(doc, matches)
        parsed = doc.has_annotation("DEP")
        spans = []
        found = [(m.start, m.end, m.money.as_dict()) for m in matches] + self._prices(doc, matches)
        for start, end, data in sorted(found, key=lambda x: x[0]):
            span = doc[start:end]
            metric = metric_of(span, self.lemma) if parsed else None
            data["metric"] = " ".join(metric.split()) if metric else None  # one line, as names are
            span._.claimx_money = data
            spans.append(span)
        doc.spans[MONEY] = spans
        return doc

    @staticmethod
    def _prices(doc: Doc, matches: list[MoneyMatch]) -> list[tuple[int, int, dict]]:
        """Currency-less prices: opener + number + scale word + per-unit ("at 200 million per
        aircraft").  They take the currency the article's other figures name; in an article that
        names none, the value is still a price when it is per item ("per aircraft", "each"; not
        "per day"), and its currency stays null: never a guess."""
        currencies = Counter(m.money.currency for m in matches if m.money.currency)
        currency = currencies.most_common(1)[0][0] if currencies else None
        taken = {i for m in matches for i in range(m.start, m.end)}
        found = []
        for tok in doc[1:-2]:
            i = tok.i
            if not tok.like_num or i in taken or doc[i - 1].lower_ not in _PRICE_OPENERS:
                continue
            scale = doc[i + 1]
            if scale_of(scale.lower_) is None or scale.lower_ in ("k", "b", "m"):
                continue
            per, unit = doc[i + 2], doc[min(i + 3, len(doc) - 1)]
            if per.lower_ in ("each", "apiece"):
                unit_text = None
            elif per.lower_ in _PER and unit.is_alpha and scale_of(unit.lower_) is None:
                unit_text = unit.text
                if currency is None and (per.lower_ != "per" or unit.lower_.rstrip("s") in _TIME_UNITS):
                    continue  # "at 2 million a day", "at 3 million per year": a rate of anything
            else:
                continue
            value = real_amount(parse_number(f"{tok.text} {scale.text}"))
            if value is None:
                continue
            found.append((i, i + 2, {
                "value": value, "low": None, "high": None, "currency": currency,
                "currency_inferred": currency is not None,
                "qualifier": None, "per": unit_text, "metric": None,
            }))
        return found

    def _keep(self, doc: Doc, matches: list[MoneyMatch]) -> list[MoneyMatch]:
        """Drop vague currency-less magnitudes that lack evidence of being money."""
        if not any(m.needs_hint for m in matches):
            return matches
        sent_of = _sentence_ids(doc)
        has_ner = doc.has_annotation("ENT_IOB")
        money_ents = [(e.start, e.end) for e in doc.ents if e.label_ == "MONEY"] if has_ner else []
        with_cur = {sent_of[m.start] for m in matches if not m.needs_hint}
        kept = []
        for m in matches:
            if m.needs_hint:
                if sent_of[m.start] not in with_cur:
                    continue
                if has_ner and not any(s < m.end and m.start < e for s, e in money_ents):
                    continue
            kept.append(m)
        return kept


def _sentence_ids(doc: Doc) -> list[int]:
    """Sentence number of every token: from the parser/senter when present, else from . ! ?"""
    if doc.has_annotation("SENT_START"):
        ids, k = [], -1
        for t in doc:
            if t.is_sent_start or t.i == 0:
                k += 1
            ids.append(k)
        return ids
    ids, k = [], 0
    for t in doc:
        ids.append(k)
        if t.text in _SENT_PUNCT:
            k += 1
    return ids


def _phrase(head: Token, *, after: int = -1) -> str:
    """A noun with the compound/adjective modifiers right before it ("annualized revenue")."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ in _MODIFIER_DEPS and child.i == start - 1 and child.i > after:
            start = child.i
        else:
            break
    first = head.doc[start]
    text = head.doc[start:head.i + 1].text
    if first.is_sent_start and first.pos_ != "PROPN" and first.is_title:
        text = first.lower_ + text[len(first.text):]  # "Profit rose to $5bn" -> "profit"
    return text


_NO_LEMMATIZER = Lemmas(None)


def metric_of(span: Span, lemma: Callable[[Token], str] = _NO_LEMMATIZER) -> str | None:
    """What a money span measures, from the dependency parse, or None.  ``lemma``: a token's lemma
    (the pipeline's :class:`~claimx.pipeline._syntax.Lemmas`).

    "$20 billion in annualized revenue" -> "annualized revenue"; "$1.4 trillion spending
    commitments" -> "spending commitments"; "revenue rose to $7.36 billion" -> "revenue".
    """
    root = span.root
    head = root.head
    # the amount modifies a noun after it: "$1.4 trillion spending commitments", "$48.2 million army contract"
    if head.i >= span.end and head.pos_ in {"NOUN", "PROPN"} and head.i - span.end <= 4:
        return span.doc[span.end:head.i + 1].text
    # "... in annualized revenue", "... of claims"
    for child in root.rights:
        if child.i >= span.end and child.dep_ == "prep" and child.lower_ in _METRIC_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    return _phrase(pobj, after=child.i)
    # "revenue rose to $7.36 billion", "net sales were $14 million"
    verb = None
    if root.dep_ == "attr":
        verb = head
    elif root.dep_ == "pobj" and head.lower_ == "to" and head.head.pos_ in {"VERB", "AUX"}:
        verb = head.head
    elif root.dep_ == "dobj" and lemma(head) in _LINKING:
        verb = head
    if verb is not None and lemma(verb) in _LINKING:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects and verb.dep_ == "xcomp":  # "expects annualized revenue to top $20 billion"
            subjects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        for child in subjects:
            if child.pos_ == "NOUN":
                return _phrase(child)
    # "revenue of $4 billion", "a loss of $5 million"
    if root.dep_ == "pobj" and head.lower_ == "of" and head.i == span.start - 1 \
            and head.head.pos_ == "NOUN" and head.head.i < head.i:
        return _phrase(head.head)
    # "expects annualized revenue to top $20 billion" when the parser hangs "to ..." on the noun
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.pos_ == "NOUN" \
            and head.head.i == head.i - 1 and head.head.dep_ in {"dobj", "nsubj"}:
        return _phrase(head.head)
    return None
