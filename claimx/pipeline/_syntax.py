"""Small helpers over spaCy's parse shared by the attribution and projection components."""

from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span, Token

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sen.", "Rep.", "Gov.", "Gen.", "Mr", "Mrs", "Ms", "Dr"}


def entity_at(doc: Doc, i: int) -> Span | None:
    """The entity that covers token ``i``, if any."""
    tok = doc[i]
    if not tok.ent_type_:
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def subject_of(tok: Token, *, climb: int = 4, skip: set[int] | frozenset[int] = frozenset()) -> Token | None:
    """The grammatical subject of ``tok``'s clause, climbing through xcomp/advcl/conj/acl heads
    ("Altman called this ... while projecting ...": projecting -> called -> Altman).

    Subjects whose token index is in ``skip`` (e.g. inside a quotation) do not count: the climb
    goes on, through clausal complements too, to the clause that reports the quotation."""
    cur = tok
    for _ in range(climb + 1):
        skipped = False
        for child in cur.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.i in skip:
                    skipped = True
                    continue
                return child
        named = _mistagged_subject(cur)
        if named is not None and named.i not in skip:
            return named
        climbable = ("xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "aux")
        if skipped or cur.i in skip:
            climbable += ("ccomp", "parataxis")
        if cur.dep_ in climbable and cur.head.i != cur.i:
            if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return None if cur.head.i in skip else cur.head
            cur = cur.head
            continue
        break
    return None


def _mistagged_subject(verb: Token) -> Token | None:
    """A name right before a verb that has no subject, which the tagger read as a modifier
    ("Mulally plans to ...", the surname tagged an adverb): the verb's subject."""
    if verb.pos_ not in ("VERB", "AUX") or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.head.i == verb.i and before.dep_ in ("advmod", "npadvmod", "amod") and before.is_title \
            and before.ent_type_ in ("PERSON", "ORG") and before.ent_iob_ in ("B", "I"):
        return before
    return None


def noun_phrase(tok: Token) -> Span:
    """The named entity containing ``tok``, else ``tok`` with its left modifiers ("the source")."""
    ent = entity_at(tok.doc, tok.i)
    if ent is not None and ent.label_ in NAME_LABELS | {"FAC", "LOC"}:
        if ent.label_ == "PERSON" and ent.start > 0 and tok.doc[ent.start - 1].text in HONORIFICS:
            return Span(tok.doc, ent.start - 1, ent.end, label="PERSON")  # "Mr. Trump"
        return ent
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nummod", "nmod") and child.i < start:
            start = min(start, child.left_edge.i)
    return tok.doc[start : tok.i + 1]


def trim_span(doc: Doc, start: int, end: int) -> Span | None:
    """Span [start, end) without leading/trailing punctuation and spaces; None if nothing is left."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def offsets(span: Span | Token | None) -> tuple[int, int] | None:
    """Character offsets of a span or token (None stays None)."""
    if span is None:
        return None
    if isinstance(span, Token):
        return (span.idx, span.idx + len(span.text))
    return (span.start_char, span.end_char)


def speaker_role(span: Span, titles: frozenset[str]) -> dict:
    """Title and organisation from the words before a name ("OpenAI CEO Sam Altman" -> CEO,
    OpenAI), and who is meant: the name itself, for "he"/"she" the last person named before it,
    for "it" the last organisation that was a sentence's subject.  ``titles``: lower-cased title
    words."""
    doc = span.doc
    info: dict = {"title": None, "organisation": None, "name": None}
    i = span.start - 1
    title_words: list[str] = []
    while i >= 0 and i >= span.start - 6:
        tok = doc[i]
        if tok.lower_ in titles:
            title_words.insert(0, tok.text)
        elif tok.ent_type_ == "ORG" and info["organisation"] is None:
            ent = entity_at(doc, i)
            if ent is not None:
                info["organisation"] = ent.text
                i = ent.start - 1
                continue
        elif not (tok.tag_ == "POS" or tok.text in ("'s", "’s")):
            break
        i -= 1
    if title_words:
        info["title"] = " ".join(title_words)
    else:
        _appositive_role(span, titles, info)
    if span.root.lower_ in ("he", "she"):
        # a possessor ("President Lopez's chief aide") is not who speaks
        people = [e for e in doc.ents
                  if e.label_ == "PERSON" and e.end <= span.start and e.root.dep_ != "poss"]
        if people:
            info["name"] = people[-1].text
    elif span.root.lower_ == "it" and len(span) == 1:
        # "Microsoft admitted ... It said ...": the last organisation that was a sentence's subject
        orgs = [e for e in doc.ents if e.label_ == "ORG" and e.end <= span.start
                and e.root.dep_ in ("nsubj", "nsubjpass")]
        if orgs:
            info["name"] = orgs[-1].text
    elif span.label_ in ("PERSON", "ORG") or span.root.ent_type_ in ("PERSON", "ORG"):
        info["name"] = span.text  # not "President Lopez's chief aide": the aide is unnamed
    # names on one line, whatever the text's line wrapping ("Medical Imaging Centers of\nAmerica")
    return {k: " ".join(v.split()) if isinstance(v, str) else v for k, v in info.items()}


def _appositive_role(span: Span, titles: frozenset[str], info: dict) -> None:
    """Title and organisation from an appositive after the name: "Christopher Wray, assistant US
    attorney general" -> title; "Tom Baker, chief economist at Deutsche Bank" -> title
    "chief economist", organisation "Deutsche Bank"."""
    appos = next((c for t in span for c in t.children if c.dep_ == "appos" and c.i >= span.end), None)
    if appos is None or appos.pos_ not in ("NOUN", "PROPN"):
        return
    words = [t for t in appos.lefts if t.dep_ in ("compound", "amod", "nmod") and t.i >= appos.left_edge.i]
    words.append(appos)
    if not any(t.lower_ in titles for t in words):
        return
    start = min(t.i for t in words)
    info["title"] = span.doc[start : appos.i + 1].text
    orgs = [t for t in appos.subtree if t.ent_type_ == "ORG"]
    if orgs and info["organisation"] is None:
        ent = entity_at(span.doc, orgs[0].i)
        if ent is not None:
            info["organisation"] = ent[1:].text if ent[0].lower_ == "the" and len(ent) > 1 else ent.text


class Lemmas:
    """Lemmas of the few words claimx's rules ask about, computed on demand.

    ``claimx.load()`` disables spaCy's rule lemmatizer: it is pure Python and takes ~8% of
    en_core_web_sm's time, while claimx needs the lemmas of a handful of cue words per sentence.
    This asks the same (disabled) lemmatizer for those tokens only; a lemma already on the token
    (lemmatizer enabled, or set by the attribute ruler) is used as is.  Without any lemmatizer the
    lower-cased form stands in.

    ``prefer``: the rule lemmatizer ranks its candidates oddly ("hopes" -> "hop" before "hope",
    both being English lemmas); when one candidate is a word claimx's rules look for, it wins.
    """

    def __init__(self, nlp: Language | None, prefer=frozenset()) -> None:
        self.lemmatizer: Lemmatizer | None = None
        self.prefer = frozenset(prefer)
        if nlp is not None:
            self.lemmatizer = next((proc for _, proc in nlp.components if isinstance(proc, Lemmatizer)), None)

    def __call__(self, tok: Token) -> str:
        lemma = tok.lemma_.lower()
        if lemma in self.prefer or self.lemmatizer is None or not tok.pos_:
            return lemma or tok.lower_
        forms = self.lemmatizer.lemmatize(tok)
        if self.prefer and len(forms) > 1:
            preferred = next((f for f in forms if f.lower() in self.prefer), None)
            if preferred is not None:
                return preferred.lower()
        return lemma or forms[0].lower()

    def any_of(self, words) -> Callable[[Token], bool]:
        """A test "is the token's lemma one of ``words``" that only lemmatizes tokens whose form
        could have such a lemma (cheap enough to run over every token of a sentence)."""
        words = frozenset(words)
        forms = frozenset(self.forms(words))

        def test(tok: Token) -> bool:
            if tok.lower_ not in forms and tok.lemma_.lower() not in words:
                return False
            return self(tok) in words

        return test

    def forms(self, lemmas) -> set[str]:
        """Every lower-cased form the lemmatizer could map to one of ``lemmas`` (a superset: the
        base forms, each suffix rule run backwards, and the irregular forms of its exception
        tables), for pre-filtering by the LOWER attribute."""
        base = {w.lower() for w in lemmas}
        tables = getattr(self.lemmatizer, "lookups", None)
        if tables is None or not tables.has_table("lemma_rules"):
            return base | {f for w in base for f in _regular_forms(w)}
        rules, exc = tables.get_table("lemma_rules"), tables.get_table("lemma_exc", {})
        out = set(base)
        for pos in ("verb", "noun", "adj"):
            for old, new in rules.get(pos, []):  # one rule maps a form to its lemma: run it backwards
                out |= {w[:len(w) - len(new)] + old for w in base if w.endswith(new) and len(w) > len(new)}
            out |= {form for form, bases in exc.get(pos, {}).items() if not base.isdisjoint(bases)}
        return out


def _regular_forms(word: str) -> set[str]:
    stem = word[:-1] if word.endswith("e") else word
    return {word + "s", word + "es", word + "d", word + "ed", stem + "ing", stem + "ed",
            word[:-1] + "ies", word[:-1] + "ied", word + word[-1] + "ed", word + word[-1] + "ing"}


class WordFilter:
    """Token indices whose lemma or lower-cased form is in given word sets, found over the Doc's
    attribute arrays (no Python Token objects): a cheap pre-filter before per-token rules.

    Lemmas are matched through their inflected forms (:meth:`Lemmas.forms`) and the LEMMA
    attribute both, so the filter holds whether or not the lemmatizer ran."""

    def __init__(self, vocab, *, lemmas=(), lowers=(), lemmatizer: Lemmas | None = None) -> None:
        """vocab: the pipeline's vocab (its StringStore hashes the words); lemmas, lowers: words."""
        lowers = set(lowers) | (lemmatizer or Lemmas(None)).forms(set(lemmas))
        self.lemmas = numpy.array(sorted(vocab.strings.add(w) for w in lemmas), dtype=numpy.uint64)
        self.lowers = numpy.array(sorted(vocab.strings.add(w) for w in lowers), dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> list[int]:
        if not len(doc):
            return []
        arr = doc.to_array([LEMMA, LOWER])
        hit = _member(arr[:, 0], self.lemmas) | _member(arr[:, 1], self.lowers)
        return numpy.flatnonzero(hit).tolist()


def _member(values: numpy.ndarray, table: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(values, table)`` for a sorted ``table``, by binary search (isin sorts both)."""
    if not len(table):
        return numpy.zeros(len(values), dtype=bool)
    idx = numpy.searchsorted(table, values).clip(max=len(table) - 1)
    return table[idx] == values
