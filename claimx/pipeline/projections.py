"""``claimx_projections``: forward-looking statements, structured.

Cues come from the parse, not a bag of words: a future modal (will, shall, 'll, "going to") or a
hedging modal (could, may, might, should) governing a verb; a forward verb (expect, project,
forecast, plan, aim, target, ...) that is not a settled past ("had expected"); a forward noun
(outlook, guidance, forecast, target); or a horizon date after the article date ("by 2030").

A reported "would" under a past reporting verb ("said it would cut jobs") is the report's "will".
Every money figure in the clause a cue governs becomes one projection with that figure as its
value and the date nearest it in the clause as its horizon ("$20 billion ... by year-end and
hundreds of billions by 2030" -> two projections).  A clause with no money takes a percentage or
counted quantity as its value ("20%", "10,000 jobs": :mod:`claimx.pipeline._figures`), and with
no date a stretch of time ahead as its horizon ("over the next eight years" -> P8Y).  A cue that
governs no figure gives one projection without a value; coordinated statements with their own
cue are separate projections.  A date already over ("said last week") is never a horizon.

The speaker is the subject of the reporting or forward verb that governs the clause ("Sam Altman
... projecting the company will hit ..."), or the speaker of the quote the clause sits in; the
subject is the clause's own subject, with "the company"/"it" resolved to the last organisation
named before it (or, when the model labelled none, the nearest unlabelled proper name).
Results: ``doc.spans["claimx_projections"]`` with ``span._.claimx_projection`` = a dict of
character offsets and values.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.normalize.timex import in_earlier_year, is_over, starts_after
from claimx.pipeline._figures import duration_in, figures_in
from claimx.pipeline._lexicon import json_resource
from claimx.pipeline._syntax import (
    SUBJECT_DEPS,
    Lemmas,
    WordFilter,
    noun_phrase,
    offsets,
    speaker_role,
    subject_of,
    trim_span,
)
from claimx.pipeline.extensions import DATES, MONEY, PROJECTIONS, QUOTES, register

_HEDGE_MODALS = {"could", "may", "might", "should"}
_GENERIC_SUBJECTS = {"company", "firm", "group", "business", "it", "they", "we", "maker", "giant",
                     "carrier", "bank", "retailer", "startup", "lender", "insurer", "chipmaker",
                     "automaker", "manufacturer", "conglomerate", "operator", "provider", "drugmaker",
                     "carmaker", "airline", "brewer", "miner", "utility", "broadcaster", "publisher",
                     "supermarket", "chain", "telecom", "corporation", "multinational"}
# "would like to", "would rather": wishes and preferences, not a reported "will"
_WISH_VERBS = {"like", "love", "prefer", "hate", "mind", "care", "welcome", "appreciate"}
_COMPLEMENTS = {"dobj", "ccomp", "xcomp", "attr", "oprd", "prep", "advcl", "npadvmod", "dative"}
_NOW = {"now", "currently", "already", "today", "nowadays"}


@Language.factory("claimx_projections", assigns=["doc.spans"], requires=["doc.spans"])
def make_projections(nlp: Language, name: str) -> ProjectionFinder:
    return ProjectionFinder(nlp, name=name)


def _embedded_question(verb: Token) -> bool:
    """Is the clause of ``verb`` an embedded question ("whether we'll grow", "if prices will
    rise" as the object of "know" or "ask"), asked rather than asserted?  A conditional "if"
    clause is the other clause, so it does not count here."""
    cur = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in cur.children):
            return True
        if cur.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "if" for c in cur.children):
            return True
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "pcomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _unlabelled_name_before(tok: Token) -> str | None:
    """The nearest proper name before ``tok`` (this sentence or the one before) that the model gave
    no entity label: "Nestlé reported higher sales. The company expects ..." -> Nestlé, when the
    model tagged no ORG anywhere before.  Names the model did label (people, places, dates) are
    never taken."""
    doc = tok.doc
    sent = tok.sent
    floor = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for i in range(tok.i - 1, floor - 1, -1):
        t = doc[i]
        if t.pos_ == "PROPN" and not t.ent_type_ and t.is_title:
            start = i
            while start > floor and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
                start -= 1
            return doc[start : i + 1].text
    return None


def _stative(verb: Token, lemma: str) -> bool:
    """Possession or identity, a state rather than an event: "may have several sites", "may be a
    potential site"; not "may have to cut" (another clause), "could be decisive", "there may be"."""
    deps = {c.dep_ for c in verb.children}
    if lemma == "have":
        return not deps & {"xcomp", "ccomp"}
    if lemma == "be":
        return "attr" in deps and "expl" not in deps and not deps & {"xcomp", "ccomp"}
    return False


def _purpose(verb: Token) -> bool:
    """"so that we can one day sell it" / "so that we may": a purpose clause, not a prediction."""
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if any(m.lower_ == "so" for m in marks):
        return True
    first = min((m.i for m in marks if m.lower_ == "that"), default=0)
    return first > 0 and verb.doc[first - 1].lower_ == "so"


def _coordinated(inner: Token, outer: Token) -> bool:
    """Is ``inner`` joined to ``outer`` by coordination ("expect X, but Y is expected") rather
    than embedded in it ("projecting the company will hit")?"""
    cur = inner
    while cur.i != outer.i and cur.head.i != cur.i:
        if cur.dep_ == "conj":
            return True
        cur = cur.head
    return False


class ProjectionFinder:
    """Finds forward-looking statements; see the module docstring."""

    def __init__(self, nlp: Language, *, name: str = "claimx_projections") -> None:
        """nlp: the pipeline; name: the component name."""
        register()
        self.name = name
        cues = json_resource("cues.json")
        self.modals = frozenset(cues["future_modals"])
        self.forward_verbs = frozenset(cues["forward_verbs"])
        self.forward_nouns = frozenset(cues["forward_nouns"])
        self.speech_verbs = frozenset(cues["speech_verbs"])
        self.titles = frozenset(t.lower() for t in cues["titles"])
        self.hedges = {level: frozenset(words) for level, words in cues["hedges"].items()}
        self.discourse_verbs = frozenset(cues["discourse_verbs"])
        self.discourse_objects = frozenset(cues["discourse_objects"])
        self.boilerplate = tuple(cues["boilerplate"])
        self.forward_adjectives = frozenset(cues["forward_adjectives"])
        self.future_adjectives = frozenset(cues["future_adjectives"])
        heads = self.forward_verbs | self.forward_nouns | {"see"}
        self.lemma = Lemmas(nlp, prefer=heads | self.speech_verbs | self.discourse_verbs)
        self.candidates = WordFilter(
            nlp.vocab, lemmas=heads, lemmatizer=self.lemma,
            lowers=heads | self.modals | _HEDGE_MODALS | {"going", "would"} | self.forward_adjectives
            | self.future_adjectives)

    # ------------------------------------------------------------------ cues
    def _cue(self, tok: Token, *, anchored: bool, ahead: bool, past: frozenset[int] = frozenset()
             ) -> Token | None:
        """The clause head a cue governs, or None when ``tok`` is no forward-looking cue.

        ``anchored``: the sentence has a figure or a future date, which a forward noun
        ("guidance", "outlook") needs before it counts.  ``ahead``: the sentence names a money
        figure or a period after the article date, which makes "sees $12 billion next year" a
        cue and keeps a past "projected ... by 2030" open.  ``past``: indices of the tokens of dates
        in years before the article's ("by 2023" read in 2025 is settled)."""
        low = tok.lower_
        doc = tok.doc
        if tok.tag_ == "MD" and (low in self.modals or low in _HEDGE_MODALS):
            head = tok.head
            if head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
                return None
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or nxt.is_punct:
                return None  # elliptical: "if you will", "we will."
            if low not in self.modals and nxt.lower_ == "have" and head.tag_ == "VBN":
                return None  # "should have known", "could have gone": a past counterfactual
            if low in _HEDGE_MODALS and (self._conditional(head) or self._addressee(head)
                                         or self._speech_act(head) or _purpose(head)):
                return None  # "if I could add", "you may begin", "I should point out", "so that we may"
            if low == "should" and any(c.dep_ in SUBJECT_DEPS and c.i > tok.i for c in head.children) \
                    and not any(c.dep_ in SUBJECT_DEPS and c.i < tok.i for c in head.children):
                return None  # "should the market turn, ...": an inverted condition
            if low in _HEDGE_MODALS and not anchored and _stative(head, self.lemma(head)):
                return None  # "they may have two depots", "Peru may be a likely venue": now
            if low in _HEDGE_MODALS and not ahead and any(
                    c.dep_ == "advmod" and c.lower_ in _NOW for c in head.children):
                return None  # "its agents may now also be responsible for cards": a present state
            if low in _HEDGE_MODALS and not anchored and head.dep_ == "relcl":
                return None  # "a trainee who may not know the product", "readers who might want it"
            if low == "could" and not ahead and any(c.dep_ == "neg" for c in head.children):
                return None  # "the request could not be granted": an inability, now or then
            if _embedded_question(head):
                return None  # "whether you think we'll grow", "I don't know if prices will rise"
            return None if self._discourse(head) else head
        if low == "would" and tok.tag_ == "MD":
            return self._reported_future(tok, past)
        if low == "going" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to" \
                and doc[tok.i + 2].tag_ == "VB":
            if any(c.dep_ == "aux" and c.tag_ == "VBD" for c in tok.children):
                return None  # "we were going to": a past intention
            return None if self._discourse(doc[tok.i + 2]) else tok
        if tok.pos_ == "VERB" and self.lemma(tok) == "see":
            # "we see revenue of $12 billion next year"; not "we have seen", "we are seeing"
            return tok if ahead and tok.tag_ in ("VB", "VBP", "VBZ") else None
        if tok.pos_ == "VERB" and self.lemma(tok) in self.forward_verbs:
            if any(c.lower_ in ("had", "have") for c in tok.children if c.dep_ == "aux"):
                return None  # a past expectation, settled: "had expected", "would have anticipated"
            if tok.tag_ == "VBD" and not ahead:
                return None  # "expected a loss in 2019": settled; "projected ... by 2030": still open
            if tok.tag_ == "VBN" and tok.dep_ in ("amod", "acl") and tok.lower_ != "expected":
                return None  # "the planned merger", "events aimed at ..."
            if tok.tag_ == "VBN" and (tok.dep_ == "amod" or (tok.dep_ == "conj" and tok.head.dep_ == "amod")):
                return None  # "the expected margin", "lower than historical and expected margin"
            if tok.tag_ == "VBN" and tok.i > 0 and doc[tok.i - 1].lower_ in ("as", "than"):
                return None  # "as expected", "right as planned", "better than forecast": a comparison
            if tok.tag_ == "VBG" and tok.dep_ in ("amod", "compound"):
                return None  # "a guiding principle", "the planning committee"
            if tok.tag_ == "VBN" and not anchored \
                    and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
                return None  # "the move has been widely expected": nothing is projected
            if not ahead and not any(c.dep_ in _COMPLEMENTS for c in tok.children) \
                    and tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("--", "—", "-", "…", "..."):
                return None  # "we would expect -- if you look back at our record": broken off
            if _embedded_question(tok):
                return None  # "we don't know whether they plan to ..."
            return tok
        if tok.pos_ == "ADJ" and low in self.forward_adjectives:
            # "is likely to worsen", "is poised to grow": the infinitive is the projected clause
            comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
            return comp
        if tok.pos_ == "ADJ" and low in self.future_adjectives and tok.dep_ == "amod" and anchored:
            return tok.head  # "a future plant costing $2 billion"; not a bare "its future reserves"
        if tok.pos_ == "NOUN" and self.lemma(tok) in self.forward_nouns and anchored:
            root = tok.sent.root
            if root.tag_ == "VBD" or (root.tag_ == "VBN" and any(c.dep_ == "aux" for c in root.children)):
                return None  # "we lowered our guidance"
            verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
            if verb is not None and tok.dep_ in ("dobj", "pobj") and self.lemma(verb) in self.discourse_verbs:
                subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
                if subj is None or subj.lower_ in ("i", "me", "we", "'s", "us", "you"):
                    return None  # "let's walk through our outlook", "let me move on to guidance"
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
                return tok.head  # "our outlook calls for revenue of $30 billion": the whole clause
            if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                return tok.head  # "the central bank's 1-3% target band": the whole noun phrase
            return tok
        return None

    def _reported_future(self, would: Token, past: frozenset[int]) -> Token | None:
        """"Microsoft said it would cut 10,000 jobs": reported speech turns "will" into "would".
        Only in the complement of a past reporting verb; not "would have" (a counterfactual), not
        under "if" (a condition), not "I would say" (no reporting verb above it)."""
        head = would.head
        if head.i == would.i or head.pos_ not in ("VERB", "AUX") or head.dep_ != "ccomp":
            return None
        nxt = would.doc[would.i + 1] if would.i + 1 < len(would.doc) else None
        if nxt is None or nxt.is_punct or (nxt.lower_ == "have" and head.tag_ == "VBN"):
            return None
        if self.lemma(head) in _WISH_VERBS or nxt.lower_ == "rather":
            return None  # "she would like to thank", "he would rather not comment"
        report = head.head
        if report.tag_ != "VBD" or self.lemma(report) not in self.speech_verbs or self._conditional(head):
            return None
        if any(t.i in past for t in head.subtree):
            return None  # "said in 2021 that it would double sales by 2023": settled
        return None if self._discourse(head) else head

    @staticmethod
    def _conditional(verb: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)

    @staticmethod
    def _addressee(verb: Token) -> bool:
        return any(c.dep_ in SUBJECT_DEPS and c.lower_ == "you" for c in verb.children)

    def _discourse(self, verb: Token) -> bool:
        """Call-management talk: "I'll now hand over to our CFO", "we'll take questions"."""
        if self.lemma(verb) not in self.discourse_verbs:
            return False
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.lower_ not in ("i", "we", "you"):
            return False
        return any(t.lower_ in self.discourse_objects for t in verb.subtree) or any(
            c.dep_ == "advmod" and c.lower_ in ("now", "then", "next", "briefly", "quickly")
            for c in verb.children)

    def _speech_act(self, verb: Token) -> bool:
        """"I should also point out", "I could get back to you", "I might add that ...": the speaker
        manages the talk; a figure or an object ("we may add 500 jobs") makes it a claim again."""
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None or subj.lower_ not in ("i", "we") or self.lemma(verb) not in self.discourse_verbs:
            return False
        return not any(c.dep_ in ("dobj", "xcomp", "attr", "oprd") for c in verb.children)

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            doc.spans[PROJECTIONS] = []
            return doc
        base = doc._.claimx_date
        money = list(doc.spans[MONEY]) if MONEY in doc.spans else []
        dates = list(doc.spans[DATES]) if DATES in doc.spans else []
        quotes = list(doc.spans[QUOTES]) if QUOTES in doc.spans else []
        out: list[Span] = []
        candidates = self.candidates(doc)  # the only tokens _cue can accept
        for sent in doc.sents:
            cands = [doc[i] for i in candidates if sent.start <= i < sent.end]
            out.extend(self._sentence(doc, sent, base, money, dates, quotes, cands))
        doc.spans[PROJECTIONS] = out
        return doc

    def _sentence(self, doc: Doc, sent: Span, base: str | None, money: list[Span], dates: list[Span],
                  quotes: list[Span], candidates: list[Token]) -> list[Span]:
        s_dates = [d for d in dates if sent.start <= d.start and d.end <= sent.end]
        if not candidates and not s_dates:
            return []  # no cue word and no date: nothing can project (most sentences)
        lowered = sent.text.lower()
        if any(phrase in lowered for phrase in self.boilerplate):
            return []  # safe-harbour disclaimers talk about the future without projecting anything
        if lowered.rstrip().rstrip("\"”’'").endswith("?"):
            return []  # a question asks, it does not project
        s_money = [m for m in money if sent.start <= m.start and m.end <= sent.end]
        # a period already over ("said last week", "on Tuesday") times the report, not the projection
        horizons = [d for d in s_dates if not is_over(d._.claimx_timex, base)]
        future = [d for d in s_dates if starts_after(d._.claimx_timex, base)]
        in_past = frozenset(i for d in s_dates if in_earlier_year(d._.claimx_timex, base)
                            for i in range(d.start, d.end))
        anchored = bool(s_money or future or any(t.like_num and t.i not in in_past for t in sent))
        ahead = bool(future or (s_money and base is None))
        cues: list[tuple[Token, Token]] = []  # (cue token, clause head)
        for tok in candidates:
            head = self._cue(tok, anchored=anchored, ahead=ahead, past=in_past)
            if head is not None:
                cues.append((tok, head))
        if not cues:
            # a horizon alone ("In 2030, we are set up to ...") needs a period after the
            # article's year, named as a year, half or quarter; not a vague "long-term"
            root = sent.root
            # or any future period when a present-tense event verb is timed by it: "Shipments
            # begin in the coming months", "The route launches next month" (not "is", "has")
            event = root.tag_ in ("VBZ", "VBP") and root.pos_ == "VERB" \
                and self.lemma(root) not in ("be", "have") and not any(
                    c.dep_ in ("aux", "auxpass") for c in root.children)
            near = {root.i, *(c.i for c in root.children)}
            future = [d for d in future if (event and d.root.head.i in near)
                      or (d._.claimx_timex[:4].isdigit()
                          and int(d._.claimx_timex[:4]) > int((base or "9999")[:4])
                          and (len(d._.claimx_timex) == 4 or d._.claimx_timex[5:6] in ("Q", "H")))]
            if not future or root.tag_ in ("VBD",):
                return []
            cues = [(future[0].root, sent.root)]
        subtrees, cut = self._own_clauses([head for _, head in cues])
        assigned: dict[int, list[Span]] = {}
        for m in s_money:
            owners = [(len(subtrees[h.i]), k) for k, (_, h) in enumerate(cues) if m.root.i in subtrees[h.i]]
            if owners:
                assigned.setdefault(min(owners)[1], []).append(m)
        results: list[Span] = []
        used_heads: list[set[int]] = []
        taken = {i for d in [*s_dates, *s_money] for i in range(d.start, d.end)}
        for k in sorted(assigned):
            cue, head = cues[k]
            used_heads.append(subtrees[head.i])
            values = sorted(assigned[k], key=lambda s: s.start)
            results.extend(self._each(doc, cue, head, [(v, v, None) for v in values], horizons, quotes,
                                      cut[head.i]))
        for k, (cue, head) in enumerate(cues):
            if k in assigned:
                continue
            if any(head.i in used or any(i in subtrees[head.i] for i in used) for used in used_heads):
                continue
            if any(head.i in subtrees[h.i] and h.i != head.i and not _coordinated(head, h) for _, h in cues):
                continue  # an outer cue speaks for this clause
            horizon = self._clause_horizon(head, subtrees[head.i], horizons, base)
            used_heads.append(subtrees[head.i])
            figures = figures_in(head, subtrees[head.i], taken)
            if len(figures) > 1 and sum(d.root.i in subtrees[head.i] for d in horizons) > 1:
                # "add 2 gigawatts by 2027 and another 5 gigawatts by 2032": one statement each
                results.extend(self._each(doc, cue, head, [(span, None, fig) for _, span, fig in figures],
                                          horizons, quotes, cut[head.i]))
                continue
            figure = min(figures, key=lambda f: (f[0], f[1].start))[2] if figures else None
            results.append(self._make(doc, cue, head, None, horizon, quotes, end=cut[head.i], figure=figure))
        return results

    def _each(self, doc: Doc, cue: Token, head: Token, items: list[tuple[Span, Span | None, dict | None]],
              horizons: list[Span], quotes: list[Span], cut: int) -> list[Span]:
        """One projection per figure of a clause, in text order: ``items`` are (figure span, money
        span or None, quantity dict or None).  Each statement runs up to its own figure and the
        date that times it (distinct offsets also keep each span's ._ values apart); the last one
        to the end of the clause (``cut``)."""
        out = []
        for j, (span, money, figure) in enumerate(items):
            last = j + 1 == len(items)
            when = self._horizon(span, cut if last else items[j + 1][0].start, horizons, head)
            end = cut if last else max(span.end, when.end if when is not None else 0)
            out.append(self._make(doc, cue, head, money, when, quotes, end=end, figure=figure))
        return out

    @staticmethod
    def _own_clauses(heads: list[Token]) -> tuple[dict[int, set[int]], dict[int, int]]:
        """Each cue head's own clause: its subtree less the conjuncts that another cue heads
        ("Analysts expect profit to rise next year, but margins are expected to shrink in 2027"
        is two statements), and where its statement ends (token index, exclusive)."""
        own: dict[int, set[int]] = {}
        cut: dict[int, int] = {}
        for head in heads:
            clause = {t.i for t in head.subtree}
            inner = [h for h in heads if h.i != head.i and h.i in clause and _coordinated(h, head)]
            for h in inner:
                clause -= {t.i for t in h.subtree}
            own[head.i] = clause
            later = [h.left_edge.i for h in inner if h.i > head.i]
            cut[head.i] = min(later) if later else head.right_edge.i + 1
        return own, cut

    @staticmethod
    def _clause_horizon(head: Token, clause: set[int], dates: list[Span], base: str | None) -> Span | None:
        """The date that times a statement without a figure: a future one first, then one after
        the verb ("said on Thursday it will cut jobs next year" -> next year)."""
        inside = [d for d in dates if d.root.i in clause]
        if not inside:
            return None
        return min(inside, key=lambda d: (not starts_after(d._.claimx_timex, base), d.start < head.i,
                                          abs(d.start - head.i)))

    @staticmethod
    def _horizon(value: Span, limit: int, dates: list[Span], head: Token) -> Span | None:
        """The date that times this figure: the first after it (before the next figure), else the
        last before it, within the clause."""
        clause = {t.i for t in head.subtree}
        after = [d for d in dates if value.end <= d.start < limit and d.root.i in clause]
        if after:
            return after[0]
        before = [d for d in dates if d.end <= value.start and d.root.i in clause]
        return before[-1] if before else None

    # ------------------------------------------------------------------ parts
    def _speaker(self, cue: Token, head: Token, quotes: list[Span]) -> Span | None:
        for q in quotes:
            if q.start <= head.i < q.end and q._.claimx_quote and q._.claimx_quote.get("speaker"):
                s, e = q._.claimx_quote["speaker"]
                return cue.doc.char_span(s, e, alignment_mode="expand")
        quoted = {i for q in quotes if q.label_ == "direct" for i in range(q.start, q.end)}
        clause = {t.i for t in head.subtree}
        projecting = self.forward_verbs | {"see"}  # "Intel sees revenue of $12 billion next year"
        reporting = self.forward_verbs | self.speech_verbs
        cur: Token | None = cue if self.lemma(cue) in projecting else head
        for _ in range(6):
            if cur is None:
                break
            lemma = self.lemma(cur)
            cues = projecting if cur.i == cue.i else reporting
            # under a modal the head is the projected event: "the deal will add $300 million"
            event = cur.i == head.i and cue.i != head.i and cue.tag_ == "MD"
            if cur.pos_ == "VERB" and lemma in cues and not event:
                subj = subject_of(cur, skip=quoted)
                if subj is not None and subj.dep_ == "nsubjpass":
                    # "margins are expected to shrink": nobody named projects it, unless "by X"
                    agent = next((c for c in cur.children if c.dep_ == "agent"), None)
                    subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                # the speaker stands outside the projected clause, unless the cue verb is its head
                if subj is not None and (cur.i == head.i or subj.i not in clause):
                    return noun_phrase(subj)
            if cur.head.i == cur.i:
                break
            if cur.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in cur.children):
                # a conjunct with its own subject is a sibling statement, not framed by the other
                # one ("Analysts expect X, but margins are expected to shrink"): skip past it
                if cur.head.head.i == cur.head.i:
                    break
                cur = cur.head.head
                continue
            cur = cur.head
        return None

    @staticmethod
    def _subject(head: Token) -> tuple[Span | None, str | None]:
        subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None:
            return None, None
        span = noun_phrase(subj)
        resolved = None
        if span.label_ in ("ORG", "PERSON", "GPE"):
            resolved = span.text
        elif subj.lower_ in _GENERIC_SUBJECTS and not any(c.lower_ in ("a", "an") for c in subj.children):
            orgs = [e for e in head.doc.ents if e.label_ == "ORG" and e.end <= subj.i]
            resolved = orgs[-1].text if orgs else _unlabelled_name_before(subj)
        return span, resolved

    def _hedge(self, cue: Token, head: Token) -> str:
        words = {cue.lower_, self.lemma(cue), self.lemma(head)}
        frame = head
        for _ in range(3):  # "analysts project that profit will reach": the framing verb hedges too
            if frame.dep_ not in ("ccomp", "xcomp") or frame.head.i == frame.i:
                break
            frame = frame.head
            words.add(self.lemma(frame))
        words.update(c.lower_ for c in head.children if c.dep_ in ("aux", "advmod", "neg"))
        words.update(c.lower_ for c in cue.children if c.dep_ in ("aux", "advmod"))
        if cue.lower_ == "would":
            words.discard("would")  # a reported "will" ("said it would cut jobs") is as firm as "will"
        if words & self.hedges["possible"]:
            return "possible"
        if words & self.hedges["probable"]:
            return "probable"
        return "certain"

    def _make(self, doc: Doc, cue: Token, head: Token, value: Span | None, horizon: Span | None,
              quotes: list[Span], *, end: int | None = None, figure: dict | None = None) -> Span:
        stop = head.right_edge.i + 1 if end is None else end
        while stop > head.i + 1 and (doc[stop - 1].is_punct or doc[stop - 1].dep_ == "cc"):
            stop -= 1  # "..., but" before the next statement
        clause = trim_span(doc, head.left_edge.i, stop) or doc[head.i : head.i + 1]
        if value is not None and not (clause.start <= value.start and value.end <= clause.end):
            clause = doc[min(clause.start, value.start) : max(clause.end, value.end)]
        speaker = self._speaker(cue, head, quotes)
        subject, resolved = self._subject(head)
        negated = any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "neg" for c in cue.children) \
            or cue.lower_ == "unlikely"  # "Opec is unlikely to cut output": a projection that it won't
        metric = value._.claimx_money.get("metric") if value is not None and value._.claimx_money else None
        if figure is not None:
            metric = figure.get("metric")
        duration = duration_in(clause) if horizon is None else None
        span = Span(doc, clause.start, clause.end, label="PROJECTION")
        span._.claimx_projection = {
            "cue": offsets(cue),
            "speaker": offsets(speaker),
            "speaker_role": speaker_role(speaker, self.titles) if speaker is not None else None,
            "grammatical_subject": offsets(subject),
            "subject": offsets(subject) if resolved else None,
            "subject_name": resolved,
            "metric": metric,
            "value": offsets(value),
            "figure": figure,
            "horizon": offsets(horizon if duration is None else duration[0]),
            "horizon_value": None if duration is None else duration[1],
            "hedge": self._hedge(cue, head),
            "negated": negated,
        }
        return span
