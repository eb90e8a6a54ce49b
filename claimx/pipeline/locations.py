"""``claimx_locations``: place mentions normalised to country / subdivision / city.

Candidates are the statistical model's GPE, LOC and FAC entities plus country, alias and
first-level subdivision names found by a case-sensitive PhraseMatcher (so places the model
missed or swallowed into another label, as in the headline "Foxconn's US Gamble", still count;
names inside ORG/PERSON/PRODUCT/... entities such as "Bank of America" do not).  Each gets
``span._.claimx_place`` = ``{"name", "kind", "country", "country_name", "subdivision"}``
(all None when the gazetteer does not know the name).  Works on a blank pipeline too.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimx.normalize.places import gazetteer
from claimx.pipeline.extensions import LOCATIONS, register

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# entity labels whose inside is a name of something else ("Bank of America", "US Steel")
_OPAQUE_LABELS = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "FAC"}
_EMPTY = {"name": None, "kind": None, "country": None, "country_name": None, "subdivision": None}


@Language.factory("claimx_locations", assigns=["doc.spans"])
def make_locations(nlp: Language, name: str) -> LocationFinder:
    return LocationFinder(nlp, name=name)


class LocationFinder:
    """Finds and normalises place mentions into ``doc.spans["claimx_locations"]``."""

    def __init__(self, nlp: Language, *, name: str = "claimx_locations") -> None:
        """nlp: the pipeline whose vocab the matcher uses; name: the component name."""
        register()
        self.name = name
        self.places = gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = self.places.names_for_matching()
        self.matcher.add("PLACE", list(nlp.tokenizer.pipe(names)))

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS:
                spans.append(self._trim(ent))
        taken = {i for s in spans for i in range(s.start, s.end)}
        for _, start, end in self.matcher(doc):
            if any(i in taken for i in range(start, end)):
                continue
            if any(doc[i].ent_type_ in _OPAQUE_LABELS for i in range(start, end)):
                continue
            if not doc[start].is_title and not doc[start].is_upper:
                continue
            spans.append(Span(doc, start, end, label="GPE"))
        spans = filter_spans(spans)
        for span in spans:
            place = self.places.lookup(span.text)
            span._.claimx_place = place.as_dict() if place else dict(_EMPTY)
            if place is not None and place.kind == "region" and span.label_ == "GPE":
                span.label_ = "LOC"
        doc.spans[LOCATIONS] = spans
        return doc

    @staticmethod
    def _trim(ent: Span) -> Span:
        """Drop a trailing possessive ("Taiwan's" -> "Taiwan"); "the United States" stays whole."""
        end = ent.end
        if end - ent.start > 1 and ent.doc[end - 1].tag_ == "POS":
            end -= 1
        return Span(ent.doc, ent.start, end, label=ent.label_)
