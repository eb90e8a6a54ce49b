"""``claimx_entities``: corrects the statistical NER's systematic label errors.

The small English model often tags company names as GPE or PERSON ("Taiwan's Foxconn" -> GPE,
"OpenAI CEO Sam Altman" -> OpenAI as PERSON).  This component applies general rules, not lists
of company names:

1. drop "entities" that name nothing (AI, CEO, GDP: ``resources/not_entities.txt``);
2. a GPE/LOC that is no known place (countries, subdivisions, regions, GeoNames cities) and is
   not introduced by a locative preposition ("in", "at", "near", ...) is an ORG;
3. a PERSON/GPE directly followed by a job title and a person ("OpenAI CEO Sam Altman") is an ORG;
4. a single-word mention equal to the surname of a PERSON in the same article is a PERSON;
5. one name, one label per article: mentions of the same text take the majority label among
   ORG/PERSON/GPE (known places keep GPE);
6. an ORG/PERSON/NORP whose whole text is a country or first-level subdivision ("the U.S.",
   "Britain") is a GPE;
7. product-style names, lower-camel-case with an optional version number ("iPhone 4", "iOS 5",
   "iTunes", "eReader"), are PRODUCTs, found even where the model saw nothing;
8. a bracket the model cut through is not part of the name: "the Coffee Organization (ICO" is
   "the Coffee Organization", "(Paramax Inc" is "Paramax Inc", "Mazda Corp>" is "Mazda Corp";
9. capitalised words ending in a corporate suffix that the model missed are an ORG ("Reading Co
   said ...", "Pitt-Des Moines Inc").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.normalize.places import gazetteer
from claimx.pipeline._lexicon import json_resource, word_list
from claimx.pipeline.extensions import register

_LOCATIVE = {"in", "at", "near", "from", "to", "across", "throughout", "outside", "inside", "around",
             "within", "into", "towards", "toward", "via"}
_SWAPPABLE = {"ORG", "PERSON", "GPE"}
_PRODUCT_SHAPE = re.compile(r"^[a-z]{1,2}[A-Z][a-z][A-Za-z]*$")  # iPhone, eReader; not mRNA, xAI
_SHAPE_IN_TEXT = re.compile(r"(?<![\w])[a-z]{1,2}[A-Z]")  # where a product-shaped word may start
_VERSIONED_SHAPE = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]*$")  # iOS only with a version: "iOS 5"
_VERSION = re.compile(r"^(\d{1,3}([.]\d{1,2})?[A-Za-z]?|[A-Z]{1,2}\d{0,3}|X|XL|Pro|Max|Plus|Mini)$")


_OPENERS = {"(": ")", "[": "]", "<": ">", "{": "}"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}


def _bracketed(ent: Span) -> Span | None:
    """``ent`` without the brackets at its edges that it does not close (rule 8), and without a
    trailing opener's rest ("(ICO" with no ")"); None when nothing is left."""
    doc, start, end = ent.doc, ent.start, ent.end
    def closes(i: int, stop: int) -> bool:  # is the opener at i closed before stop?
        return any(t.text == _OPENERS[doc[i].text] for t in doc[i + 1 : stop])

    def opens(i: int, begin: int) -> bool:  # is the closer at i opened after begin?
        return any(t.text == _CLOSERS[doc[i].text] for t in doc[begin:i])

    while start < end and ((doc[start].text in _OPENERS and not closes(start, end))
                           or doc[start].text in _CLOSERS or doc[start].is_space):
        start += 1
    opened = [t.i for t in doc[start:end] if t.text in _OPENERS]
    if opened and not closes(opened[-1], end):
        end = opened[-1]
    while end > start and ((doc[end - 1].text in _CLOSERS and not opens(end - 1, start))
                           or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


@Language.factory("claimx_entities", assigns=["doc.ents"], requires=["doc.ents"])
def make_entity_fixer(nlp: Language, name: str) -> EntityFixer:
    return EntityFixer(nlp, name=name)


class EntityFixer:
    """Relabels and drops entities by the rules in the module docstring."""

    def __init__(self, nlp: Language, *, name: str = "claimx_entities") -> None:
        """nlp: the pipeline (unused, for the factory protocol); name: the component name."""
        register()
        self.name = name
        self.not_entities = word_list("not_entities.txt")
        self.corporate = frozenset(json_resource("cues.json")["corporate_suffixes"])
        words = "|".join(re.escape(w) for w in sorted(self.corporate, key=len, reverse=True))
        self._suffix_words = re.compile(rf"(?<![\w.])(?:{words})(?![\w])", re.IGNORECASE)
        self.titles = frozenset(t.lower() for t in json_resource("cues.json")["titles"])
        self.places = gazetteer()

    def _is_place(self, ent: Span) -> bool:
        return self.places.lookup(ent.text) is not None

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            doc.ents = self._suffixed(doc, [], doc.text)
            return doc
        labels: list[str | None] = []
        ents = [t for t in (_bracketed(e) for e in doc.ents) if t is not None]
        for ent in ents:
            label = ent.label_
            if ent.text in self.not_entities:
                labels.append(None)
                continue
            if label in ("GPE", "LOC") and not self._is_place(ent):
                prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
                if prev not in _LOCATIVE:
                    label = "ORG"
            if label in ("PERSON", "GPE") and self._titled_org(doc, ent):
                label = "ORG"
            if label in ("ORG", "PERSON", "NORP"):
                place = self.places.lookup(ent.text, cities=False)
                if place is not None and place.kind in ("country", "subdivision"):
                    label = "GPE"
            if label != "PRODUCT" and self._product_shaped(ent):
                label = "PRODUCT"
            labels.append(label)
        # surnames of people named in full elsewhere
        surnames = {e.text.split()[-1] for e, lab in zip(ents, labels, strict=True)
                    if lab == "PERSON" and len(e) > 1}
        for i, ent in enumerate(ents):
            if labels[i] in ("ORG", "GPE") and len(ent) == 1 and ent.text in surnames \
                    and not self._is_place(ent):
                labels[i] = "PERSON"
        # one label per name per article
        votes: dict[str, Counter] = defaultdict(Counter)
        for ent, lab in zip(ents, labels, strict=True):
            if lab in _SWAPPABLE:
                votes[ent.text][lab] += 1
        for i, ent in enumerate(ents):
            lab = labels[i]
            if lab not in _SWAPPABLE or len(votes[ent.text]) < 2:
                continue
            (top, n_top), *rest = votes[ent.text].most_common()
            if rest and rest[0][1] == n_top:
                continue  # a tie says nothing
            if top != lab and not (lab == "GPE" and self._is_place(ent)):
                labels[i] = top
        kept = [Span(doc, e.start, e.end, label=lab) if lab != e.label_ else e
                for e, lab in zip(ents, labels, strict=True) if lab is not None]
        text = doc.text  # (rebuilt from the tokens at every access)
        kept += self._products(doc, kept, text)
        doc.ents = kept + self._suffixed(doc, kept, text)
        return doc

    def _suffixed(self, doc: Doc, ents: list[Span], text: str) -> list[Span]:
        """Companies the model missed: capitalised words (not a leading "The") then a corporate
        suffix written as a name writes it ("Co", "Inc.", "PLC"), none of them in an entity."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        sentences = doc.has_annotation("SENT_START")

        def named(j: int, first: int) -> bool:
            word = doc[j]
            return j >= first and j not in taken and word.lower_ not in ("the", "a", "an") \
                and (word.is_title or (word.is_upper and word.is_alpha))

        found = []
        for m in self._suffix_words.finditer(text):  # (a scan of the text, not of every token)
            tok = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if tok is None:
                continue
            tok = tok[0]
            if tok.i in taken or tok.i == 0 or tok.lower_.rstrip(".") not in self.corporate \
                    or not (tok.is_title or tok.is_upper):
                continue
            first = tok.sent.start if sentences else 0
            start = tok.i
            while tok.i - start < 6:
                if named(start - 1, first):
                    start -= 1
                elif doc[start - 1].text in ("-", "&") and start - 1 not in taken and named(start - 2, first):
                    start -= 2  # "Pitt-Des Moines Inc", "Procter & Gamble Co"
                else:
                    break
            if start < tok.i:
                found.append(Span(doc, start, tok.i + 1, label="ORG"))
                taken.update(range(start, tok.i + 1))
        return found

    def _product_shaped(self, ent: Span) -> bool:
        """"iPhone", "iTunes Store", "iOS 5"; not "eBay Inc." (a company) or "mRNA"."""
        if ent[-1].lower_.rstrip(".") in self.corporate:
            return False
        versioned = len(ent) > 1 and _VERSION.match(ent[-1].text) is not None
        return any(_PRODUCT_SHAPE.match(t.text) or (versioned and _VERSIONED_SHAPE.match(t.text))
                   for t in ent)

    @staticmethod
    def _products(doc: Doc, ents: list[Span], text: str) -> list[Span]:
        """Product-shaped names the model missed, with a trailing version ("iPhone 4")."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        found = []
        starts = sorted({s.start for m in _SHAPE_IN_TEXT.finditer(text)
                         if (s := doc.char_span(m.start(), m.end(), alignment_mode="expand")) is not None})
        for i in starts:
            if found and i < found[-1].end:
                continue
            versioned = i + 1 < len(doc) and i + 1 not in taken and _VERSION.match(doc[i + 1].text)
            if i not in taken and (_PRODUCT_SHAPE.match(doc[i].text)
                                   or (versioned and _VERSIONED_SHAPE.match(doc[i].text))):
                found.append(Span(doc, i, i + 2 if versioned else i + 1, label="PRODUCT"))
        return found

    def _titled_org(self, doc: Doc, ent: Span) -> bool:
        """"OpenAI CEO Sam Altman": the entity is followed by a title and then a person."""
        i = ent.end
        n = 0
        while i < len(doc) and doc[i].lower_ in self.titles and n < 4:
            i += 1
            n += 1
        return n > 0 and i < len(doc) and doc[i].ent_type_ == "PERSON"
