"""Who and what an article talks about: its named entities grouped into referents, and the
resolution of a mention ("he", "the company", "Mr Ruiz", "GM", "the new jet") to one of them.

Built once per Doc from the model's entities (and proper names it left unlabelled) by plain
rules, no coreference model:

* mentions with the same name are one referent; a surname or a first name alone ("Ruiz", "Mr
  Ruiz") joins the last person whose full name ends or starts with it; a shorter or longer form
  of an organisation's name ("Apple" after "Apple Computer", "General Motors Corp." after
  "General Motors") joins it, and so does an acronym defined in brackets ("General Motors (GM)")
  or made of its initials ("UAW" after "United Auto Workers");
* "he"/"she" stand for the last person named before them (not a possessor: "President Lopez's
  chief aide"); "it"/"they" for the last organisation, product or place that was the subject of a
  clause; "the company", "the carmaker", "the bank" for the last organisation; "the jet", "the new
  phone", "the update" for the last product or unlabelled name, else the article's topic;
  "who"/"which" for the noun the relative clause hangs on;
* the article's **topic** is the referent its headline and most of its sentences are about: the
  named organisation, product or person with the most mentions, headline mentions counted thrice.

A referent's ``name`` is its longest mention (without "the" and a possessive "'s"), so that
claims group by one name whatever the sentence called it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_TITLE, LOWER, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from claimx.pipeline._lexicon import json_resource
from claimx.pipeline.extensions import LOCATIONS

__all__ = ["Mention", "Referent", "Referents"]

# entity labels that name something a claim can be about, or someone who can make it
_NAMED = ("PERSON", "ORG", "PRODUCT", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW")
_THING = ("ORG", "PRODUCT", "NAME", "FAC", "GPE", "EVENT", "WORK_OF_ART", "LAW")
#: a thing is about the top organisation or product only if that scores at least 1/THING_SHARE of
#: the topic's score
THING_SHARE = 4
_TOPIC_WEIGHT = {"ORG": 1.0, "PRODUCT": 1.0, "NAME": 0.8, "PERSON": 0.8, "GPE": 0.5, "FAC": 0.5,
                 "EVENT": 0.5, "WORK_OF_ART": 0.5, "LAW": 0.3, "NORP": 0.0, "LOC": 0.2}
_PLACES = frozenset({"GPE", "LOC", "NORP", "FAC"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PEOPLE_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_THING_PRONOUNS = frozenset({"it", "its", "itself", "they", "them", "their", "theirs", "themselves"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(slots=True)
class Mention:
    """One mention of a referent: tokens [start, end) of the Doc."""

    start: int
    end: int
    label: str
    referent: int
    subject: bool = False

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass(slots=True)
class Referent:
    """Something the article names: its label and every mention of it, in text order."""

    label: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    name: str = ""


def _clean(span: Span, titles: frozenset[str] = frozenset()) -> Span:
    """Without a leading "the" or title ("Spokeswoman Ann Lee") and a trailing possessive or
    punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct
                               or doc[start].lower_ in titles):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else span


def _words(text: str) -> tuple[str, ...]:
    """Lower-cased words of a name, a model number's plural made singular ("A380s" -> "a380")."""
    words = [w for w in text.lower().replace("’", "'").removesuffix("'s").split() if w]
    if words and len(words[-1]) > 2 and words[-1].endswith("s") and words[-1][-2].isdigit():
        words[-1] = words[-1][:-1]
    return tuple(words)


def _corporate() -> frozenset[str]:
    """Corporate suffixes ("inc", "corporation", ...), from ``resources/cues.json``."""
    return _lexicon("corporate_suffixes")


@cache
def _lexicon(key: str) -> frozenset[str]:
    return frozenset(json_resource("cues.json")[key])


def _corporate_form(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Is one name the other with a corporate suffix ("saturn" / "saturn corporation")?"""
    short, long_ = sorted((a, b), key=len)
    return len(long_) > len(short) and long_[: len(short)] == short and all(
        w.rstrip(".") in _corporate() for w in long_[len(short):])


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[:1].isalpha() and w not in ("of", "and", "the", "&"))


class Referents:
    """The referents of one Doc; see the module docstring."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        cues = json_resource("cues.json")
        nouns = cues["referent_nouns"]
        self.titles = frozenset(t.lower() for t in cues["titles"]) | frozenset(cues["honorifics"])
        self.company_nouns = frozenset(nouns["company"])
        self.product_nouns = frozenset(nouns["product"])
        self.government_nouns = frozenset(nouns["government"])
        self.sector_nouns = frozenset(nouns["sector"])
        self.economy_nouns = frozenset(nouns["economy"])
        self.currency_words = frozenset(cues["currency_words"])
        self._places = {i: (s._.claimx_place or {}).get("name") for s in doc.spans.get(LOCATIONS, [])
                        for i in range(s.start, s.end)}
        self._made: dict[str, int] = {}
        self.roles: dict[int, set[str]] = {}
        self.role_text: dict[int, str] = {}
        self.role_org: dict[int, int] = {}  # referent -> a token of the organisation in its job title
        self.referents: list[Referent] = []
        self.mentions: list[Mention] = []
        self._by_token: dict[int, Mention] = {}
        self._collect()
        self._starts = [m.start for m in self.mentions]
        text = f" {doc.text} "  # (Doc.text is rebuilt at every access)
        for ref in self.referents:
            texts = [" ".join(m.span(doc).text.split()) for m in ref.mentions]  # (one line: "of\nAmerica")
            # the fullest name: most words, then most characters (a plural's "s" aside), then first
            name = max(texts, key=lambda t: (len(_words(t)), len(t.rstrip("s")), -texts.index(t)), default="")
            places = [self._places.get(m.start) for m in ref.mentions if self._places.get(m.start)]
            if ref.label == "GPE" and places:
                name = places[0]  # "US", "U.S." and "America" are all the United States
            if ref.label == "PRODUCT" and name.endswith("s") and len(name) > 3 \
                    and f" {name[:-1]} " in text:
                name = name[:-1]  # "iPhones" -> "iPhone" (the article names it so too)
            ref.name = name
        self.topic, topic_score = self._topic()
        self.topic_thing, thing_score = self._topic(("ORG", "PRODUCT", "NAME"))
        if self.topic_thing is not None and thing_score * THING_SHARE < topic_score:
            self.topic_thing = None  # an article about Cuba that names a bank once is not about the bank
        self.topic_place, _ = self._topic(("GPE",))
        self.topic_person, _ = self._topic(("PERSON",))

    # -- building -----------------------------------------------------------------------------
    def _candidates(self) -> list[tuple[int, int, str]]:
        """(start, end, label) of the named mentions: entities, then unlabelled proper names; a
        maker's name and the product after it are one product ("Boeing 787 Dreamliner")."""
        doc = self.doc
        n = len(doc)
        ents = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in _NAMED]
        # over the Doc's attribute arrays: Python Token objects for every word are slow
        arr = doc.to_array([ENT_TYPE, POS, LOWER, IS_TITLE, IS_ALPHA])
        labelled = arr[:, 0] != 0
        proper = arr[:, 1] == PROPN
        lower_words = {int(h) for h in arr[(arr[:, 3] == 0) & ~proper & (arr[:, 4] == 1), 2]}
        titles = {doc.vocab.strings.add(t) for t in self.titles}
        names: list[tuple[int, int, str]] = []
        runs = (proper & ~labelled).nonzero()[0].tolist()
        k = 0
        while k < len(runs):
            i = j = runs[k]
            while k < len(runs) and runs[k] == j:
                j += 1
                k += 1
            alone = (i == 0 or not labelled[i - 1]) and (j >= n or not labelled[j])
            common = any(int(h) in lower_words or int(h) in titles for h in arr[i:j, 2])
            if alone and not common:
                names.append((i, j, "NAME"))
        found = []
        for start, end, label in ents + names:
            while label in ("PRODUCT", "NAME") and start >= 2 and doc[start - 1].text == "-" \
                    and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_ \
                    and doc[start - 2].text[:1].isalnum():
                start -= 2  # "777-200LR", not just "200LR"
            found.append((start, end, label))
        found.sort()
        merged: list[tuple[int, int, str]] = []
        for start, end, label in found:
            if merged and merged[-1][2] == "ORG" and merged[-1][1] == start and \
                    doc[start:end].text.lower().rstrip(".") in _corporate():
                merged[-1] = (merged[-1][0], end, "ORG")  # "Chrysler" + "LLC"
                continue
            if merged and merged[-1][2] == "PRODUCT" and merged[-1][0] < start < merged[-1][1]:
                continue  # inside a product already extended over it
            possessor = doc[end - 1].text in _POSSESSIVE or doc[end - 1].dep_ == "poss" \
                or (end < n and doc[end].text in _POSSESSIVE)
            if label == "ORG" and not possessor:  # ("General Motors' Saturn" is Saturn, GM's)
                stop = end
                while stop < n and self._product_word(doc[stop], lower_words):
                    stop += 1
                if stop > end:  # "Boeing 787 Dreamliner", "Airbus A330 MRTT", "Apple iPhone"
                    merged.append((start, stop, "PRODUCT"))  # the product, then its maker
            merged.append((start, end, label))
        return merged

    def _product_word(self, tok: Token, lower_words: set[int]) -> bool:
        """A word that can continue a maker's name into a product's: a model number or name
        (a hyphen between two of them too: "777-200LR")."""
        doc = tok.doc
        if tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_ \
                and tok.i + 1 < len(doc) and any(ch.isdigit() for ch in doc[tok.i + 1].text):
            return True
        if tok.is_sent_start or tok.is_space or tok.is_punct or tok.lower_ in self.titles:
            return False
        if tok.ent_type_ not in ("", "PRODUCT", "CARDINAL"):
            return False
        if tok.ent_type_ == "CARDINAL" and not tok.text[:1].isdigit():
            return False
        has_digit = any(ch.isdigit() for ch in tok.text)
        return has_digit or (tok.is_title and tok.lower not in lower_words) or tok.ent_type_ == "PRODUCT"

    def _collect(self) -> None:
        doc = self.doc
        for start, end, label in self._candidates():
            span = _clean(doc[start:end], self.titles if label == "PERSON" else frozenset())
            while label == "ORG" and len(span) > 1 and span[-1].lower_ in self.titles:
                span = span[:-1]  # "Boeing Executive" (Vice President ...)
            if not span.text.strip():
                continue
            if label in ("GPE", "NORP") and span.end < len(doc) \
                    and doc[span.end].lower_ in self.currency_words:
                continue  # "the US dollar", "the Hong Kong dollar": a currency, not the place
            ref = self._join(span, label)
            if ref is None:
                ref = len(self.referents)
                self.referents.append(Referent(label=label))
            referent = self.referents[ref]
            if referent.label == "NAME" and label != "NAME":
                referent.label = label
            root = span.root
            mention = Mention(span.start, span.end, label, ref,
                              subject=root.dep_ in _SUBJECT_DEPS or (root.dep_ == "compound" and
                                                                      root.head.dep_ in _SUBJECT_DEPS))
            referent.mentions.append(mention)
            words = _words(span.text)
            referent.aliases.add(" ".join(words))
            if referent.label == "PRODUCT" and words[-1].endswith("s") and len(words[-1]) > 3:
                referent.aliases.add(" ".join((*words[:-1], words[-1][:-1])))  # "Dreamliners"
            self.mentions.append(mention)
            for i in range(span.start, span.end):
                self._by_token.setdefault(i, mention)  # a product over its maker's name wins
            self._acronym_after(span, ref)
            if label == "PERSON":
                self._note_role(span, ref)

    def _note_role(self, span: Span, ref: int) -> None:
        """Remember a person's job title: written before the name ("finance chief Dana Ruiz") or
        in an apposition after it ("Jim Press, the vice chairman of Chrysler")."""
        doc = self.doc
        words: list[Token] = []
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in self.titles and span.start - i <= 4:
            words.insert(0, doc[i])
            i -= 1
        root = span.root
        appos = next((c for c in root.children if c.dep_ == "appos" and c.lower_ in self.titles), None)
        if appos is None and root.dep_ == "nsubj" and root.head.lemma_.lower() in ("be", "") \
                and root.head.lower_ in ("is", "was", "'s", "remains", "became", "becomes"):
            # "Dana Ruiz is the finance chief of Vesta Aero"
            appos = next((c for c in root.head.children if c.dep_ == "attr" and c.lower_ in self.titles),
                         None)
        if appos is not None:
            words.extend(t for t in appos.subtree if t.lower_ in self.titles and t.i <= appos.i)
            org = next((t for t in appos.subtree if t.ent_type_ == "ORG"), None)
            if org is not None:
                self.role_org.setdefault(ref, org.i)
        if words:
            self.roles.setdefault(ref, set()).update(t.lower_ for t in words)
            self.role_text.setdefault(ref, " ".join(t.text for t in words))

    def is_role(self, tok: Token) -> bool:
        """"the finance chief", "the carmaker's chief executive": a person named by a job title."""
        return tok.pos_ == "NOUN" and tok.lower_ in self.titles and self._definite(tok)

    def _by_role(self, tok: Token) -> Mention | None:
        """The last person before ``tok`` whose job title has the words of this one."""
        wanted = {tok.lower_} | {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")
                                 and c.lower_ in self.titles}
        best = None
        for ref, words in self.roles.items():
            if wanted <= words:
                earlier = [m for m in self.referents[ref].mentions if m.end <= tok.i]
                if earlier and (best is None or earlier[-1].start > best.start):
                    best = earlier[-1]
        return best

    def role_of(self, mention: Mention | None) -> str | None:
        """The job title recorded for a person ("Finance chief")."""
        return None if mention is None else self.role_text.get(mention.referent)

    def employer_of(self, mention: Mention | None) -> str | None:
        """The organisation named in a person's job title ("the finance chief of Siemens")."""
        if mention is None or mention.referent not in self.role_org:
            return None
        return self.name(self.at(self.role_org[mention.referent]))

    def _acronym_after(self, span: Span, ref: int) -> None:
        """"General Motors (GM)": the bracketed acronym is another name of the same referent."""
        doc = self.doc
        k = span.end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")" and doc[k + 1].is_upper \
                and 2 <= len(doc[k + 1].text) <= 6:
            self.referents[ref].aliases.add(doc[k + 1].lower_)

    def _join(self, span: Span, label: str) -> int | None:
        """The earlier referent this mention names again, if any (the most recent one)."""
        words = _words(span.text)
        if not words:
            return None
        text = " ".join(words)
        person = label == "PERSON"
        for ref in range(len(self.referents) - 1, -1, -1):
            other = self.referents[ref]
            if text in other.aliases:
                return ref
            if label in ("PRODUCT", "NAME") and other.label == "ORG" and any(
                    len(a.split()) > len(words) and tuple(a.split()[-len(words):]) == words
                    for a in other.aliases):
                other.label = "PRODUCT"  # "Taurus" after "Ford Taurus": a maker's name and a model
                return ref
            if {label, other.label} == {"ORG", "PRODUCT"} and any(
                    _corporate_form(words, tuple(a.split())) for a in other.aliases):
                other.label = "ORG"  # "Saturn" and "Saturn Corporation": a brand is its company
                return ref
            compatible = other.label == label or "NAME" in (other.label, label)
            if not compatible:
                continue
            for alias in other.aliases:
                known = tuple(alias.split())
                if person or other.label == "PERSON":
                    if len(words) == 1 and len(known) > 1 and words[0] in (known[0], known[-1]):
                        return ref  # "Ruiz" or "Dana" after "Dana Ruiz"
                    continue
                if len(words) < len(known) and known[: len(words)] == words:
                    return ref  # "Apple" after "Apple Computer"
                if other.label in ("PRODUCT", "NAME") and len(words) < len(known) and any(
                        known[k : k + len(words)] == words for k in range(1, len(known) - len(words) + 1)):
                    return ref  # "Dreamliner" or "787" after "Boeing 787 Dreamliner"
                if len(known) < len(words) and words[: len(known)] == known:
                    return ref  # "General Motors Corp." after "General Motors"
                if len(words) == 1 and len(known) > 1 and span.text.isupper() \
                        and _initials(known) == words[0]:
                    return ref  # "UAW" after "United Auto Workers"
        return None

    def _topic(self, labels: tuple[str, ...] | None = None) -> tuple[int | None, float]:
        """The referent the article is about (see the module docstring), or None, and its score;
        ``labels``: only referents with one of these labels."""
        doc = self.doc
        if not self.referents:
            return None, 0.0
        first = next(iter(doc.sents), None)
        head_end = first.end if first is not None else 0
        scores: dict[int, float] = {}
        for m in self.mentions:
            label = self.referents[m.referent].label
            if labels is not None and label not in labels:
                continue
            weight = _TOPIC_WEIGHT.get(label, 0.0)
            scores[m.referent] = scores.get(m.referent, 0.0) + weight * (3 if m.start < head_end else 1)
        if not scores:
            return None, 0.0
        best = max(scores, key=lambda r: (scores[r], -self.referents[r].mentions[0].start))
        return (best if scores[best] > 0 else None), scores[best]

    # -- looking up ---------------------------------------------------------------------------
    def at(self, i: int) -> Mention | None:
        """The named mention covering token ``i``."""
        return self._by_token.get(i)

    def name(self, mention: Mention | None) -> str | None:
        return None if mention is None else self.referents[mention.referent].name

    def label(self, mention: Mention | None) -> str | None:
        return None if mention is None else self.referents[mention.referent].label

    def last(self, before: int, labels: tuple[str, ...], *, subject: bool = False,
             skip_possessors: bool = False) -> Mention | None:
        """The last mention before token ``before`` with one of ``labels``."""
        k = bisect_left(self._starts, before) - 1
        while k >= 0:
            m = self.mentions[k]
            if m.end <= before and self.referents[m.referent].label in labels and (not subject or m.subject):
                root = self.doc[m.end - 1]
                if not (skip_possessors and (root.dep_ == "poss" or (m.end < len(self.doc)
                                                                     and self.doc[m.end].tag_ == "POS"))):
                    return m
            k -= 1
        return None

    def in_phrase(self, tok: Token) -> Mention | None:
        """The named mention a noun phrase is about: the head itself, else a compound or
        possessor ("Airbus's delivery schedule"), else an of/from/for phrase ("the maiden flight of
        the A380"), nearest the head first; relative clauses and appositions are not looked into."""
        mention = self.at(tok.i)
        if mention is not None:
            owner = next((c for c in tok.children
                          if c.dep_ == "poss" and self.label(self.at(c.i)) == "ORG"), None)
            if owner is not None and self.label(mention) in ("ORG", "NAME"):
                return self.at(owner.i)  # "Boeing's Launch Systems": a unit of Boeing
            return mention
        if self.kind_of(tok) == "company" or tok.pos_ == "PRON":
            for c in tok.children:  # "the Italian company, Fiat, ..."
                if c.dep_ == "appos" and self.at(c.i) is not None:
                    return self.at(c.i)
        frontier = [tok]
        for _ in range(3):
            nxt = []
            for t in frontier:
                for c in t.children:
                    m = self.at(c.i) if c.dep_ in ("compound", "poss", "nmod", "amod") else None
                    # "Airbus's schedule", "the Boeing 787"; not "the Atlanta plant", "VoIP apps"
                    named = m is not None and (c.dep_ == "poss" or self.label(m) not in _PLACES)
                    if named and not self._weak(m):
                        return m
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ in ("of", "from", "for", "at", "in", "with"):
                        for obj in c.children:
                            if obj.dep_ == "pobj":
                                if self.at(obj.i) is not None and self.label(self.at(obj.i)) != "GPE":
                                    return self.at(obj.i)
                                nxt.append(obj)
                    elif c.dep_ in ("compound", "poss"):
                        nxt.append(c)
            frontier = nxt
        return None

    def kind_of(self, tok: Token) -> str | None:
        """"company" or "product" for a generic noun phrase of that kind ("the carmaker", "the new
        jet"), else None."""
        if tok.pos_ != "NOUN":
            return None
        noun = tok.lemma_.lower() if tok.lemma_ else tok.lower_
        if tok.lower_ in self.company_nouns or noun in self.company_nouns:
            return "company"
        if tok.lower_ in self.product_nouns or noun in self.product_nouns:
            return "product"
        return None

    def resolve(self, tok: Token) -> Mention | None:
        """The referent mention ``tok`` (a noun phrase's head) stands for: named, pronoun or a
        generic noun phrase (see the module docstring); None when the text does not say."""
        mention = self.in_phrase(tok)
        if mention is not None:
            return mention
        low = tok.lower_
        if low in _PEOPLE_PRONOUNS:
            # the last person who was a subject in this sentence or the one before, else the last named
            recent = self.last(tok.i, ("PERSON",), subject=True, skip_possessors=True)
            floor = self.doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0
            if recent is not None and recent.start >= floor:
                return recent
            return self.last(tok.i, ("PERSON",), skip_possessors=True)
        if self.is_role(tok):
            found = self._by_role(tok)
            if found is not None:
                return found
        if low in _RELATIVE and tok.head.dep_ in ("relcl", "acl") and tok.head.head.i != tok.head.i:
            antecedent = tok.head.head
            return None if antecedent.lower_ in _RELATIVE else self.resolve(antecedent)
        if low in _THING_PRONOUNS:
            return self._thing_before(tok)
        if tok.pos_ == "NOUN" and self._noun(tok) in self.government_nouns:
            return self._government(tok)
        if tok.pos_ == "NOUN" and self._noun(tok) in self.sector_nouns:
            return self._sector(tok)
        described = tok.dep_ in ("pobj", "attr", "appos") or (tok.dep_ == "nsubj" and tok.head.tag_ == "VBG")
        if self.kind_of(tok) == "company" and described and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            # "even for a company projecting $100bn", "Acme is a company that ...": one already named
            found = self._thing_before(tok)
            return found if self.label(found) == "ORG" else None
        kind = self.kind_of(tok) if self._definite(tok) else None
        if kind == "company":
            # the last organisation that was a subject lately (the one the story is following),
            # else the last named: "Umbro announced its deal with Chelsea ... the firm plans"
            recent = self.last(tok.i, ("ORG",), subject=True)
            if recent is not None and recent.start >= self._sentences_back(tok, 3):
                return recent
            return self.last(tok.i, ("ORG",)) or self._unlabelled_name_before(tok)
        if kind == "product":
            found = self.last(tok.i, ("PRODUCT", "NAME"))
            return found if found is not None and not self._weak(found) else self.topic_mention(tok.i)
        return None

    def _sentences_back(self, tok: Token, n: int) -> int:
        """The first token of the sentence ``n`` sentences before ``tok``'s."""
        start = tok.sent.start
        for _ in range(n):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start

    def _weak(self, mention: Mention) -> bool:
        """An unlabelled name the article uses once ("VoIP", "WPA2"): too weak to be what a claim
        is about."""
        ref = self.referents[mention.referent]
        return ref.label == "NAME" and len(ref.mentions) < 2

    @staticmethod
    def _noun(tok: Token) -> str:
        return tok.lemma_.lower() if tok.lemma_ else tok.lower_

    def _made_up(self, name: str, label: str, tok: Token) -> Mention:
        """A referent the text describes rather than names ("the US government", "the auto
        industry"), one per name; its mention is the noun phrase at ``tok``."""
        if name not in self._made:
            self._made[name] = len(self.referents)
            self.referents.append(Referent(label=label, name=name, aliases={" ".join(_words(name))}))
        start = min([tok.i, *(c.left_edge.i for c in tok.lefts if c.dep_ != "det")])
        return Mention(start, tok.i + 1, label, self._made[name])

    def _place_name(self, tok: Token) -> str | None:
        mention = self.at(tok.i)
        if mention is None:
            return None
        return self._places.get(tok.i) or _clean(mention.span(self.doc)).text

    def _government(self, tok: Token) -> Mention | None:
        """"the US government", "Australia's government", "the government" (of the last country
        named): a government is named after its country."""
        place = None
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and self.label(self.at(c.i)) in ("GPE", "NORP"):
                place = self._place_name(c)
        if place is None:
            if not self._definite(tok):
                return None
            last = self.last(tok.i, ("GPE",))
            place = self._place_name(self.doc[last.end - 1]) if last is not None else None
        return None if place is None else self._made_up(f"{place} {tok.lower_}", "ORG", tok)

    def _sector(self, tok: Token) -> Mention | None:
        """"the American economy", "the auto industry", "these swap lines": an economy, market or
        sector the text describes by its modifiers; a bare "the economy" says too little."""
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.pos_ != "NUM"
                and (c.pos_ in ("NOUN", "PROPN") or c.ent_type_)]  # "auto industry", "American economy"
        if not mods:
            return None  # "the economic recovery", "global growth": whose, the text says elsewhere
        start = min(c.left_edge.i for c in mods)
        words = [t.text for t in self.doc[start : tok.i + 1] if t.dep_ != "det"]
        return self._made_up(" ".join(words), "NAME", tok)

    @staticmethod
    def _definite(tok: Token) -> bool:
        """"the company", "this plane", "its new jet" (not "a company", "companies")."""
        dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
        return bool(dets) and not any(c.lower_ in ("a", "an", "any", "some", "no", "every", "each")
                                      for c in dets)

    def _thing_before(self, tok: Token) -> Mention | None:
        """"it"/"they": the last organisation, product or place that was a clause's subject in this
        sentence or the two before (its mention, or the referent of a generic subject such as "the
        aircraft"); else the last organisation named."""
        doc = self.doc
        floor = tok.sent.start
        for _ in range(2):
            if floor == 0:
                break
            floor = doc[floor - 1].sent.start
        for i in range(tok.i - 1, floor - 1, -1):
            t = doc[i]
            if t.dep_ not in _SUBJECT_DEPS or t.lower_ in _PEOPLE_PRONOUNS or t.lower_ in ("i", "we", "you"):
                continue
            if t.lower_ in _THING_PRONOUNS:
                return self._thing_before(t)
            m = self.resolve(t)
            if m is not None and self.label(m) != "PERSON":
                return m
        return self.last(tok.i, ("ORG",))

    def _unlabelled_name_before(self, tok: Token) -> Mention | None:
        return self.last(tok.i, ("NAME",))

    def named(self, name: str, before: int | None = None) -> Mention | None:
        """The last mention (before token ``before``) of the referent called ``name``."""
        words = " ".join(_words(name))
        for ref in self.referents:
            if words in ref.aliases or " ".join(_words(ref.name)) == words:
                earlier = [m for m in ref.mentions if before is None or m.end <= before]
                return (earlier or ref.mentions)[-1]
        return None

    def is_sector(self, tok: Token) -> bool:
        """"the economy", "economic conditions", "the recovery": an economy or market, unnamed."""
        noun = self._noun(tok)
        return tok.pos_ == "NOUN" and (noun in self.sector_nouns or noun in self.economy_nouns)

    def topic_mention(self, before: int | None = None, *, thing: bool = False, place: bool = False,
                      person: bool = False) -> Mention | None:
        """A mention of the article's topic: the last one before token ``before``, else its first;
        ``thing``: the topic among organisations and products (what a thing is about); ``place``:
        among countries and cities (whose economy); ``person``: among people (who writes "I")."""
        topic = self.topic
        if thing and self.topic_thing is not None:
            topic = self.topic_thing
        elif place and self.topic_place is not None:
            topic = self.topic_place
        elif person and self.topic_person is not None:
            topic = self.topic_person
        elif place or person:
            return None
        if topic is None:
            return None
        mentions = self.referents[topic].mentions
        if before is not None:
            earlier = [m for m in mentions if m.end <= before]
            if earlier:
                return earlier[-1]
        return mentions[0]
