"""Forward-looking cues in one sentence: which words make a clause a projection, and which clause.

One method per kind of cue, each returning the :class:`Cue` (cue word, head of the projected
clause, kind) or None; what stops a candidate is a named veto, so that a rule reads as the list
of things that are *not* projections ("should have known": a past counterfactual).  Kinds:

``modal``        will, shall, 'll, and the hedges could / may / might / should
``would``        a reported "would" under a past reporting verb ("said it would cut jobs")
``going_to``     "is going to grow"
``forward_verb`` expect, plan, forecast, aim, ... ("Acme expects sales to rise"), and "see" with
                 a figure or date ahead ("we see revenue of $12 billion next year")
``intention``    want, decide, agree, consider, commit, try ... + an infinitive or gerund
``schedule``     "is to", "is due to", "is set to", "is slated for", "has plans to"
``adjective``    likely, poised, set, due ... + an infinitive ("is likely to worsen")
``future_adjective`` "a future plant costing $2 billion", "the upcoming update"
``noun``         outlook, guidance, forecast, target ... with a figure or date
``headline``     a headline's bare infinitive or present participle ("Acme to cut 500 jobs")
``horizon``      no cue word, but a date ahead times the clause ("Shipments begin next month")

The per-sentence facts the rules share (figures, dates, whether the sentence looks ahead) come in
a :class:`Sentence`, built once per sentence by ``claimx_projections``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from claimx.normalize.timex import starts_after
from claimx.pipeline._syntax import SUBJECT_DEPS, Lemmas

__all__ = ["Cue", "CueFinder", "Sentence"]

# dependency labels of a verb's complements: a forward verb with none of them projects nothing
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "prep", "advcl", "npadvmod", "dative"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A forward-looking cue: the word, the head of the clause it projects, and its kind;
    ``frame``: the token whose subtree is the statement (the head, or the copula of "X is likely
    to ...")."""

    token: Token
    head: Token
    kind: str
    frame_token: Token | None = None

    @property
    def frame(self) -> Token:
        return self.frame_token if self.frame_token is not None else self.head


@dataclass(slots=True)
class Sentence:
    """What the projection rules know about one sentence."""

    span: Span
    base: str | None
    money: list[Span]
    dates: list[Span]
    horizons: list[Span]
    """dates that are not over at the article date (a date already over times the report)"""
    future: list[Span]
    """dates after the article date"""
    in_past: frozenset[int]
    """token indices of dates in years before the article's"""
    candidates: list[Token]
    headline: bool = False
    anchored: bool = field(init=False)
    """a figure or a future date: what a forward noun or a hedge on a state needs"""
    ahead: bool = field(init=False)
    """a money figure or a period after the article date (what keeps a past 'projected' open)"""

    def __post_init__(self) -> None:
        # a kind of thing is no time ("a short-term reprieve"), a known set no figure ("the two firms")
        self.future = [d for d in self.future if not _adjectival(d)]
        self.anchored = bool(self.money or self.future or any(
            t.like_num and t.i not in self.in_past and not _known_set(t) for t in self.span))
        self.ahead = bool(self.future or (self.money and self.base is None))


Veto = Callable[[Token, Token, Sentence], bool]


class CueFinder:
    """Finds the cues of a sentence; see the module docstring."""

    def __init__(self, cues: dict, lemma: Lemmas) -> None:
        """cues: the parsed ``resources/cues.json``; lemma: the lemma lookup."""
        self.lemma = lemma
        self.modals = frozenset(cues["future_modals"])
        self.hedge_modals = frozenset(cues["hedge_modals"])
        self.forward_verbs = frozenset(cues["forward_verbs"])
        self.forward_nouns = frozenset(cues["forward_nouns"])
        self.speech_verbs = frozenset(cues["speech_verbs"])
        self.discourse_verbs = frozenset(cues["discourse_verbs"])
        self.discourse_objects = frozenset(cues["discourse_objects"])
        self.forward_adjectives = frozenset(cues["forward_adjectives"])
        self.future_adjectives = frozenset(cues["future_adjectives"])
        self.wish_verbs = frozenset(cues["wish_verbs"])
        self.intention_verbs = frozenset(w for words in cues["intention_verbs"].values() for w in words)
        self.settled_intentions = frozenset(cues["settled_intentions"])
        self.plan_nouns = frozenset(w for words in cues["plan_nouns"].values() for w in words)
        self.schedule_words = frozenset(cues["schedule_words"])
        self.announce_verbs = frozenset(cues["announce_verbs"])
        self.event_nouns = frozenset(cues["event_nouns"])
        self.settled_adverbs = frozenset(cues["settled_adverbs"])
        self.generic_adverbs = frozenset(cues["generic_adverbs"])
        rhetoric = cues["rhetoric"]
        self.rhetoric_phrases = tuple(rhetoric["phrases"])
        self.rhetoric_verbs = frozenset(rhetoric["verbs"])
        self.evaluations = frozenset(rhetoric["evaluations"])
        self.now_words = frozenset(cues["now_words"])
        self.habitual = frozenset(cues["habitual_adverbs"])
        self.curiosity_wishes = frozenset(cues["curiosity"]["wishes"])
        self.curiosity_verbs = frozenset(cues["curiosity"]["verbs"])
        self.attempt_verbs = frozenset(cues["attempt_verbs"])
        advice = cues["advice"]
        self.advice_speakers = frozenset(advice["speakers"])
        self.advice_people = frozenset(advice["people"])
        self.forecast_verbs = frozenset(advice["forecast_verbs"])
        self.modal_vetoes: tuple[Veto, ...] = (
            self.elliptical, self.past_counterfactual, self.hedged_condition, self.addressed_to_you,
            self.advice, self.speech_act, self.purpose_clause, self.inverted_condition, self.hedged_state,
            self.hedged_present, self.present_period, self.hedged_relative_clause, self.explanation,
            self.inability, self.embedded_question,
            self.discourse, self.rhetoric, self.wh_clause, self.generic_truth)
        self.would_vetoes: tuple[Veto, ...] = (
            self.elliptical, self.counterfactual, self.hypothetical, self.wish, self.refusal, self.habit,
            self.settled_target,
            self.purpose_clause, self.embedded_question, self.discourse, self.rhetoric, self.wh_clause)
        self.intention_vetoes: tuple[Veto, ...] = (
            self.curiosity, self.settled_wish, self.past_perfect, self.participle_modifier,
            self.bare_participle, self.embedded_question, self.rhetoric, self.wh_clause)
        self.schedule_vetoes: tuple[Veto, ...] = (self.condition, self.described, self.past_schedule,
                                                  self.rhetoric, self.superseded)
        self.plan_vetoes: tuple[Veto, ...] = (self.rhetoric,)
        self.forward_verb_vetoes: tuple[Veto, ...] = (
            self.settled_expectation, self.past_without_horizon, self.participle_modifier,
            self.comparison, self.gerund_modifier, self.unanchored_participle, self.broken_off,
            self.past_progressive, self.embedded_question, self.rhetoric, self.wh_clause, self.superseded)

    # ------------------------------------------------------------------ entry point
    def find(self, s: Sentence) -> list[Cue]:
        """The cues of one sentence, in text order (at most one per cue word)."""
        found = []
        for tok in s.candidates:
            cue = self.cue(tok, s)
            if cue is not None:
                found.append(cue)
        return found

    def cue(self, tok: Token, s: Sentence) -> Cue | None:
        """The cue ``tok`` makes, or None."""
        low = tok.lower_
        if tok.tag_ == "MD" and (low in self.modals or low in self.hedge_modals):
            return self.modal(tok, s)
        if tok.tag_ == "MD" and low in ("can", "ca"):
            return self.can(tok, s)
        if low == "would" and tok.tag_ == "MD":
            return self.reported_would(tok, s)
        if low == "going":
            return self.going_to(tok, s)
        if tok.pos_ == "VERB" and self.lemma(tok) == "see":
            return self.seeing(tok, s)
        if tok.pos_ == "VERB" and low in self.schedule_words and tok.tag_ == "VBN" \
                and self.lemma(tok) not in self.forward_verbs:
            return self.schedule(tok, s)  # "is set to begin", "is slated for release in June"
        if tok.pos_ == "VERB" and self.lemma(tok) in self.forward_verbs:
            return self.forward_verb(tok, s)
        if tok.pos_ in ("VERB", "ADJ") and self.lemma(tok) in self.intention_verbs:
            return self.intention(tok, s)
        if low == "to" and tok.dep_ == "aux":
            return self.infinitive(tok, s)
        if low in self.forward_adjectives and (tok.pos_ == "ADJ" or tok.dep_ == "acomp"):
            # (also one the tagger read as an adverb: 'is still "likely" to close')
            if low in self.schedule_words and self._vetoed(self.schedule_vetoes, tok, _frame(tok), s):
                return None  # "before it was due to fly": a past schedule
            if low == "due" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
                return None  # "due to disagreements": because of
            return self.forward_adjective(tok, s) or self.schedule(tok, s)
        if tok.pos_ == "ADJ" and low in self.future_adjectives:
            return self.future_adjective(tok, s)
        if tok.pos_ == "NOUN" and (low in self.plan_nouns or self.lemma(tok) in self.plan_nouns):
            plan = self.plan_noun(tok, s)
            if plan is not None:
                return plan
        if tok.pos_ == "NOUN" and self.lemma(tok) in self.forward_nouns:
            return self.forward_noun(tok, s)
        return None

    @staticmethod
    def _vetoed(vetoes: tuple[Veto, ...], tok: Token, head: Token, s: Sentence) -> bool:
        return any(veto(tok, head, s) for veto in vetoes)

    # ------------------------------------------------------------------ kinds of cue
    def modal(self, tok: Token, s: Sentence) -> Cue | None:
        """will / shall / 'll, and the hedges could / may / might / should, governing a verb."""
        head = tok.head
        if head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
            return None
        return None if self._vetoed(self.modal_vetoes, tok, head, s) else Cue(tok, head, "modal")

    def can(self, tok: Token, s: Sentence) -> Cue | None:
        """"applications can be submitted starting next month", "hopefully we can now work
        together": "can" states a capability now, unless a date ahead or a hope times it."""
        head = tok.head
        if head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
            return None
        near = [*head.children, *tok.children]
        hoped = any(c.lower_ in ("hopefully", "soon", "eventually", "upon", "once") for c in near)
        if head.dep_ == "conj" and any(c.dep_ == "aux" and c.lower_ in self.modals
                                       for c in head.head.children):
            hoped = True  # "will have to submit to checks and can not charge the costs"
        relative = {t.i for c in head.subtree if c.dep_ == "relcl" for t in c.subtree}
        own = {t.i for t in head.subtree} - relative
        if not (hoped or any(starts_after(d._.claimx_timex, s.base) for d in s.horizons if d.root.i in own)):
            return None  # (not "it can build the cars that are the future of the industry")
        return None if self._vetoed(self.modal_vetoes, tok, head, s) else Cue(tok, head, "modal")

    def reported_would(self, would: Token, s: Sentence) -> Cue | None:
        """"Microsoft said it would cut 10,000 jobs", "Two models would be discontinued": in news
        a "would" is mostly the future seen from a report (reported speech, or a report's terms
        restated).  Not a counterfactual ("would have gone"), a wish ("would like to"), a refusal
        ("would not comment"), a habit ("would often visit") or a settled target ("said in 2021 it
        would double sales by 2023")."""
        head = would.head
        if head.i == would.i or head.pos_ not in ("VERB", "AUX"):
            return None
        return None if self._vetoed(self.would_vetoes, would, head, s) else Cue(would, head, "would")

    def going_to(self, tok: Token, s: Sentence) -> Cue | None:
        """"is going to grow"; not "we were going to" (a past intention)."""
        doc = tok.doc
        if not (tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to" and doc[tok.i + 2].tag_ == "VB"):
            return None
        if any(c.dep_ == "aux" and c.tag_ == "VBD" for c in tok.children):
            return None
        verb = doc[tok.i + 2]
        if self.discourse(tok, verb, s) or self.rhetoric(tok, verb, s) or self.wh_clause(tok, tok, s):
            return None  # "it's going to be fascinating to watch"
        return Cue(tok, tok, "going_to")

    def seeing(self, tok: Token, s: Sentence) -> Cue | None:
        """"we see revenue of $12 billion next year"; not "we have seen", "we are seeing"."""
        return Cue(tok, tok, "forward_verb") if s.ahead and tok.tag_ in ("VB", "VBP", "VBZ") else None

    def forward_verb(self, tok: Token, s: Sentence) -> Cue | None:
        """expect, plan, forecast, aim, ... that is not a settled past ("had expected")."""
        return None if self._vetoed(self.forward_verb_vetoes, tok, tok, s) else Cue(tok, tok, "forward_verb")

    def intention(self, tok: Token, s: Sentence) -> Cue | None:
        """want, decide, agree, commit, consider, try ... + an infinitive or a gerund ("Acme wants
        to cut 500 jobs", "is considering selling its stake", "is committed to invest $2bn").  In
        the past tense a wish or attempt is settled ("it tried to sell the unit") unless it is
        reported ("said it wanted to ...") or still ahead; a decision or promise is not ("agreed to
        buy 60 jets")."""
        comp = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")
                     and (c.tag_ in ("VB", "VBG") or any(g.lower_ == "to" for g in c.children))), None)
        if comp is None and self.lemma(tok) == "look":
            # "looks to continue", "is looking toward bankruptcy proceedings"
            prep = next((c for c in tok.children if c.dep_ in ("prep", "xcomp")
                         and c.lower_ in ("to", "toward", "towards")), None)
            comp = next((c for c in prep.children if c.pos_ in ("VERB", "NOUN")), None) if prep else None
            if comp is not None and comp.pos_ == "NOUN" and tok.tag_ != "VBG":
                comp = None  # "looks to the future"
        if comp is None:
            # "agree the purchase of 60 jets", "is considering a rescue plan": an event ahead as object
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None or self.lemma(obj) not in self.event_nouns:
                return None
            return None if self._vetoed(self.intention_vetoes, tok, tok, s) else Cue(tok, tok, "intention")
        if self._vetoed(self.intention_vetoes, tok, comp, s):
            return None
        return Cue(tok, comp, "intention", tok)

    def infinitive(self, to: Token, s: Sentence) -> Cue | None:
        """An infinitive that states something ahead without a cue verb: "the units are to be
        allowed to bid" (is to), "plans to cut" after a noun ("has plans to import"), and a
        headline's "Acme to cut 500 jobs"."""
        verb = to.head
        if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VB", "VBN"):
            return None
        above = verb.head
        if verb.dep_ == "xcomp" and above.i != verb.i and self.lemma(above) == "be" and above.pos_ == "AUX" \
                and above.tag_ in ("VBZ", "VBP", "VBD"):
            cue = Cue(to, verb, "schedule", above)  # "are to be allowed", "is to proceed"
            return None if self._vetoed(self.schedule_vetoes, to, above, s) else cue
        if _infinitival_relative(to, verb) and _dated_ahead(verb, s):
            return Cue(to, verb, "schedule")  # "Mac OS X Lion, to be released in mid-2011"
        before = to.doc[to.i - 1] if to.i > 0 else None
        finite = any(t.tag_ in ("VBZ", "VBP", "VBD") for t in to.doc[s.span.start : to.i])
        if s.headline and not finite and before is not None and before.pos_ in ("PROPN", "NOUN", "PRON"):
            # "Acme to cut 500 jobs" (however the parser reads it); not "Acme offers funds to search"
            return Cue(to, verb, "headline")
        return None

    def schedule(self, tok: Token, s: Sentence) -> Cue | None:
        """set / slated / scheduled / due ... with an infinitive ("is set to begin") or timed by a
        date that is not over ("is slated for a release on June 24", "are not due until October")."""
        comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        frame = tok.head if tok.dep_ in ("acomp", "attr", "oprd") and tok.head.i != tok.i else tok
        if self._vetoed(self.schedule_vetoes, tok, frame, s):
            return None
        if comp is not None:
            return Cue(tok, comp, "schedule", frame)
        clause = {t.i for t in tok.subtree}
        if any(d.root.i in clause for d in s.horizons) and any(c.dep_ == "prep" for c in tok.children):
            return Cue(tok, tok, "schedule", frame)
        # the parser may hang the date on the copula: "are not due until October"
        after = [c for c in frame.children if c.dep_ == "prep" and c.i == tok.i + 1]
        if frame.i != tok.i and any(d.root.head.i == c.i for c in after for d in s.horizons):
            return Cue(tok, tok, "schedule", frame)
        return None

    def plan_noun(self, tok: Token, s: Sentence) -> Cue | None:
        """A plan, goal, strategy, decision, talks ... with the infinitive it intends ("has plans
        to import", "our goal to balance the portfolio", "is in talks to take a stake"), or a
        possibility of something ("a possibility of Boeing challenging the decision")."""
        acl = next((c for c in tok.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VB"
                    and any(g.lower_ == "to" for g in c.children)), None)
        if acl is None:  # "a possibility of Boeing challenging", "Mulally plans on reviving" (read as a noun)
            words = ("of", "on") if self.lemma(tok) == "plan" else ("of",)
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in words), None)
            acl = next((c for c in prep.children if c.tag_ == "VBG"), None) if prep is not None else None
        if acl is None:
            return None
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and _past(verb) and self.lemma(verb) not in self.announce_verbs \
                and not _dated_ahead(acl, s):
            return None  # "after a plan to bail out the carmakers failed", "had plans to": settled
        return None if self._vetoed(self.plan_vetoes, tok, acl, s) else Cue(tok, acl, "noun", tok)

    def forward_adjective(self, tok: Token, s: Sentence) -> Cue | None:
        """"is likely to worsen", "is poised to grow": the infinitive is the projected clause."""
        comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if comp is None:
            return None
        frame = tok.head if tok.dep_ in ("acomp", "attr", "oprd") and tok.head.i != tok.i else tok
        return Cue(tok, comp, "adjective", frame)

    def future_adjective(self, tok: Token, s: Sentence) -> Cue | None:
        """"a future plant costing $2 billion"; not a bare "its future reserves", nor "a future
        plant that will cost $2 billion" (the relative clause is the statement)."""
        if tok.dep_ != "amod" or not s.anchored:
            return None
        noun = tok.head
        relative = {t.i for c in noun.children if c.dep_ == "relcl" for t in c.subtree}
        inside = {t.i for t in noun.subtree} - relative
        figures = {i for m in s.money for i in range(m.start, m.end)} | {t.i for t in s.span if t.like_num} \
            | {i for d in s.future for i in range(d.start, d.end)}
        return Cue(tok, noun, "future_adjective") if inside & figures else None

    def forward_noun(self, tok: Token, s: Sentence) -> Cue | None:
        """outlook, guidance, forecast, target ... in a sentence with a figure or a future date."""
        if not s.anchored:
            return None
        root = s.span.root
        if root.tag_ == "VBD" or (root.tag_ == "VBN" and any(c.dep_ == "aux" for c in root.children)):
            return None  # "we lowered our guidance"
        verb = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
        if verb is not None and tok.dep_ in ("dobj", "pobj") and self.lemma(verb) in self.discourse_verbs:
            subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is None or subj.lower_ in ("i", "me", "we", "'s", "us", "you"):
                return None  # "let's walk through our outlook", "let me move on to guidance"
        top = tok
        while top.dep_ in ("pobj", "prep") and top.head.i != top.i:
            top = top.head  # "a part of the restructuring plan must include ..."
        if top.dep_ in ("nsubj", "nsubjpass") and top.head.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "acomp" and c.lower_ in self.forward_adjectives for c in top.head.children):
                return None  # "The plan is likely to give ...": the adjective's own cue, hedged
            return Cue(tok, top.head, "noun")  # "our outlook calls for revenue of $30 billion"
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
            return Cue(tok, tok.head, "noun")  # "the central bank's 1-3% target band"
        phrase = {t.i for t in tok.subtree}
        figures = {i for m in s.money for i in range(m.start, m.end)} | {t.i for t in s.span if t.like_num} \
            | {i for d in s.future for i in range(d.start, d.end)}
        return Cue(tok, tok, "noun") if phrase & figures else None  # not a bare "a restructuring plan"

    def horizon_only(self, s: Sentence) -> Cue | None:
        """No cue word, but a date ahead: "In 2030, we are set up to ..." needs a period after the
        article's year, named as a year, half or quarter (not a vague "long-term"); a present-tense
        event verb timed by any future period ("Shipments begin in the coming months", a headline's
        "Orion recalling 40,000 cars by March") also counts; states ("is busy next week") do not."""
        root = s.span.root
        if s.headline and root.tag_ != "VBG":
            # "Ford Motor Company cutting 30,000 jobs by 2012": the participle may hang on the name
            root = next((c for c in root.children if c.tag_ == "VBG" and c.dep_ in ("acl", "relcl")), root)
        event = (root.tag_ in ("VBZ", "VBP") or (s.headline and root.tag_ == "VBG")) and root.pos_ == "VERB" \
            and self.lemma(root) not in ("be", "have") and not any(
                c.dep_ in ("aux", "auxpass") for c in root.children)
        near = {root.i, *(c.i for c in root.children)}
        year = int((s.base or "9999")[:4])
        future = [d for d in s.future if (event and d.root.head.i in near)
                  or (d._.claimx_timex[:4].isdigit() and int(d._.claimx_timex[:4]) > year
                      and (len(d._.claimx_timex) == 4 or d._.claimx_timex[5:6] in ("Q", "H")))]
        if not future or _past(root) or any(
                c.dep_ == "aux" and c.lower_ in ("would", "had") for c in root.children):
            return None  # "he was fired one year later", "the jets would have been delivered by 2011"
        cue = Cue(future[0].root, root, "horizon")
        return None if self.rhetoric(cue.token, root, s) else cue

    # ------------------------------------------------------------------ vetoes: modals
    @staticmethod
    def elliptical(tok: Token, head: Token, s: Sentence) -> bool:
        """"if you will", "we will.": no verb follows the modal."""
        nxt = _next(tok)
        return nxt is None or nxt.is_punct

    def past_counterfactual(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"should have known", "could not have gone"."""
        nxt = _next(tok)
        while nxt is not None and nxt.lower_ in ("not", "n't", "never"):
            nxt = _next(nxt)
        return tok.lower_ not in self.modals and nxt is not None and nxt.lower_ == "have" \
            and head.tag_ == "VBN"

    def hedged_condition(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"if I could add": a hedge inside a condition."""
        return tok.lower_ in self.hedge_modals and _conditional(head)

    def addressed_to_you(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"you may begin": an instruction or permission."""
        return tok.lower_ in self.hedge_modals and any(
            c.dep_ in SUBJECT_DEPS and c.lower_ == "you" for c in head.children)

    def advice(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"maybe we should sleep on it", "buyers should try again tomorrow": what someone ought to
        do, not what will happen; "we should see growth of 5%", "the deal should close" forecast."""
        if tok.lower_ != "should" or self.lemma(head) in self.forecast_verbs:
            return False
        subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None:
            return False
        if subj.lower_ in self.advice_speakers:
            return not any(t.like_num for t in head.subtree)  # "we should deliver 50 jets": a forecast
        return subj.pos_ == "NOUN" and self.lemma(subj) in self.advice_people

    def speech_act(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"I should also point out", "I could get back to you", "I might add that ...": the
        speaker manages the talk; a figure or an object ("we may add 500 jobs") makes it a claim."""
        if tok.lower_ not in self.hedge_modals:
            return False
        subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None or subj.lower_ not in ("i", "we") or self.lemma(head) not in self.discourse_verbs:
            return False
        return not any(c.dep_ in ("dobj", "xcomp", "attr", "oprd") for c in head.children)

    def purpose_clause(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"so that we can one day sell it" / "so that we may": a purpose, not a prediction."""
        if tok.lower_ not in self.hedge_modals and tok.lower_ != "would":
            return False
        marks = [c for c in head.children if c.dep_ == "mark"]
        if any(m.lower_ == "so" for m in marks):
            return True
        first = min((m.i for m in marks if m.lower_ == "that"), default=0)
        return first > 0 and head.doc[first - 1].lower_ == "so"

    @staticmethod
    def inverted_condition(tok: Token, head: Token, s: Sentence) -> bool:
        """"should the market turn, ...": a condition, not a forecast."""
        return tok.lower_ == "should" and any(c.dep_ in SUBJECT_DEPS and c.i > tok.i for c in head.children) \
            and not any(c.dep_ in SUBJECT_DEPS and c.i < tok.i for c in head.children)

    def hedged_state(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"they may have two depots", "Peru may be a likely venue": possession or identity now."""
        if tok.lower_ not in self.hedge_modals or s.anchored:
            return False
        deps = {c.dep_ for c in head.children}
        lemma = self.lemma(head)
        if lemma == "have":
            return not deps & {"xcomp", "ccomp"}
        if lemma == "be":
            return "attr" in deps and "expl" not in deps and not deps & {"xcomp", "ccomp"}
        return False

    def hedged_present(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"its agents may now also be responsible for cards": a present state."""
        return tok.lower_ in self.hedge_modals and not s.ahead and any(
            c.dep_ == "advmod" and c.lower_ in self.now_words for c in head.children)

    @staticmethod
    def present_period(tok: Token, head: Token, s: Sentence) -> bool:
        """"These days, buyers will have to pay £11,500", "Nowadays a ticket will cost $40": the
        modal of a present period (a date reading PRESENT_REF on the verb itself) states how things
        are, unless a date ahead times it."""
        if s.future:
            return False
        for d in s.dates:
            attach = d.root.head
            if d.start > 0 and d.doc[d.start - 1].lower_ == "for":
                continue  # "will continue for the time being": how long it goes on
            if attach.dep_ == "prep":
                attach = attach.head
            if d._.claimx_timex == "PRESENT_REF" and attach.i == head.i:
                return True
        return False

    def hedged_relative_clause(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"a trainee who may not know the product", "readers who might want it"."""
        return tok.lower_ in self.hedge_modals and not s.anchored and head.dep_ == "relcl"

    def explanation(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"since that may involve similar circumstances": a hedged reason, not a forecast."""
        return tok.lower_ in self.hedge_modals and not s.ahead and any(
            c.dep_ == "mark" and c.lower_ in ("since", "because", "as") for c in head.children)

    @staticmethod
    def inability(tok: Token, head: Token, s: Sentence) -> bool:
        """"the request could not be granted": an inability, now or then."""
        return tok.lower_ == "could" and not s.ahead and any(c.dep_ == "neg" for c in head.children)

    @staticmethod
    def embedded_question(tok: Token, head: Token, s: Sentence) -> bool:
        """"whether you think we'll grow", "I don't know if prices will rise": asked, not asserted
        (a conditional "if" clause is the other clause, so it does not count here)."""
        cur = head
        for _ in range(3):
            if any(c.dep_ == "mark" and c.lower_ == "whether" for c in cur.children):
                return True
            if cur.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "if" for c in cur.children):
                return True
            if cur.dep_ not in ("ccomp", "xcomp", "conj", "pcomp") or cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    def discourse(self, tok: Token, head: Token, s: Sentence) -> bool:
        """Call-management talk: "I'll now hand over to our CFO", "we'll take questions"."""
        if self.lemma(head) not in self.discourse_verbs:
            return False
        subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.lower_ not in ("i", "we", "you"):
            return False
        return any(t.lower_ in self.discourse_objects for t in head.subtree) or any(
            c.dep_ == "advmod" and c.lower_ in ("now", "then", "next", "briefly", "quickly")
            for c in head.children)

    # ------------------------------------------------------------------ vetoes: would
    @staticmethod
    def counterfactual(tok: Token, head: Token, s: Sentence) -> bool:
        """"would have gone", "would have been delivered": what did not happen."""
        nxt = _next(tok)
        return nxt is not None and nxt.lower_ in ("have", "'ve", "’ve") and head.tag_ in ("VBN", "VBG")

    @staticmethod
    def hypothetical(tok: Token, head: Token, s: Sentence) -> bool:
        """"If prices fell, he would cut output": a condition in the past tense makes "would" a
        hypothesis (a condition in the present keeps it a conditional commitment: "if Chrysler
        succeeds, it would be eligible for a loan")."""
        return any(c.dep_ == "advcl" and _conditional(c) and c.tag_ == "VBD" for c in head.children)

    def wish(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"she would like to thank", "he would rather not comment"."""
        nxt = _next(tok)
        return self.lemma(head) in self.wish_verbs or (nxt is not None and nxt.lower_ == "rather")

    def refusal(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"would not comment", "I would say", "would describe it as": talk about the talk."""
        return self.lemma(head) in self.speech_verbs

    def habit(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"he would often visit the plant": a past habit."""
        return any(c.dep_ == "advmod" and c.lower_ in self.habitual for c in [*head.children, *tok.children])

    @staticmethod
    def settled_target(tok: Token, head: Token, s: Sentence) -> bool:
        """"said in 2021 that it would double sales by 2023": its date is over."""
        return any(t.i in s.in_past for t in head.subtree)

    # ------------------------------------------------------------------ vetoes: intentions
    def curiosity(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"We want to know what happened", "I want to thank our staff": a wish to know, or a
        speech act, not a plan."""
        return self.lemma(tok) in self.curiosity_wishes and head.i != tok.i \
            and self.lemma(head) in self.curiosity_verbs

    def settled_wish(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"it tried to sell the unit", "Airbus decided to remove the winglets": an intention in
        the simple past is settled (an attempt always), unless reported ("said it wanted to ...",
        "according to ...") or timed ahead ("agreed to buy 60 jets for delivery in 2030"); a present
        perfect decision is still ahead ("have decided to appeal"), a present perfect wish is not."""
        perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in tok.children)
        past = tok.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in tok.children) \
            or (perfect and self.lemma(tok) in self.settled_intentions)
        if not past or _dated_ahead(head, s) or _dated_ahead(tok, s):
            return False
        if self.lemma(tok) in self.attempt_verbs:
            return True  # "said Airbus tried to overturn the pledges": an attempt made is settled
        reported = tok.dep_ in ("ccomp", "conj") and self.lemma(tok.head) in self.speech_verbs
        according = any(t.lower_ == "according" for t in s.span)
        return not (reported or according)

    @staticmethod
    def past_perfect(tok: Token, head: Token, s: Sentence) -> bool:
        """"had agreed to buy", "had hoped to": what was intended before a past moment is settled
        ("have agreed to buy" is not)."""
        return any(c.dep_ == "aux" and c.lower_ in ("had", "'d", "’d") for c in tok.children)

    @staticmethod
    def bare_participle(tok: Token, head: Token, s: Sentence) -> bool:
        """"agreeing to stay out of the music business": a participle with no "is" is a
        description, not a statement."""
        return tok.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children) \
            and not s.headline

    # ------------------------------------------------------------------ vetoes: schedules
    @staticmethod
    def condition(tok: Token, head: Token, s: Sentence) -> bool:
        """"if a new airliner is to be viable", "if they are to meet demand": a condition."""
        return _conditional(head)

    @staticmethod
    def described(tok: Token, head: Token, s: Sentence) -> bool:
        """"the first that is to be delivered", "dealers that are to be eliminated": a
        description of something, unless a date ahead times it."""
        return head.dep_ in ("relcl", "acl") and not _dated_ahead(head, s)

    @staticmethod
    def past_schedule(tok: Token, head: Token, s: Sentence) -> bool:
        """"ANA were to take delivery in May 2008", "before it was due to fly": a past schedule,
        over unless its own date is not ("was set to land on Monday", today)."""
        return _past(head) and not _dated_ahead(head, s, over_ok=False)

    # ------------------------------------------------------------------ vetoes: every kind
    def rhetoric(self, tok: Token, head: Token, s: Sentence) -> bool:
        """Purely rhetorical futures: "this will go down in history", "his spirit will forever
        be ...", "I will miss him", "the years ahead are going to be very exciting times", "it's
        going to be fascinating to watch": an evaluation or a feeling, nothing to check later."""
        conjuncts = {t.i for c in head.children if c.dep_ == "conj" for t in c.subtree}
        lowered = " ".join(t.lower_ for t in head.subtree if t.i not in conjuncts)
        if any(phrase in lowered for phrase in self.rhetoric_phrases):
            return True
        if self.lemma(head) in self.rhetoric_verbs:
            return True
        comp = [c for c in head.children if c.dep_ in ("acomp", "attr", "xcomp", "dobj", "prep")]
        comp += [g for c in comp if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for c in comp:
            evaluative = c.lower_ in self.evaluations or any(
                m.lower_ in self.evaluations for m in c.children if m.dep_ in ("amod", "advmod"))
            if evaluative and (c.dep_ != "dobj" or self.lemma(head) in ("do", "have", "feel")):
                return True  # "will be very exciting", "will do a terrific job", "leave with great pride"
        return False

    def superseded(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"a target previously set at $500m", "the originally planned launch": what was once
        intended, not what is."""
        near = [*tok.children, *head.children]
        return any(c.dep_ == "advmod" and c.lower_ in self.settled_adverbs for c in near)

    def generic_truth(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"water will always flow downhill", "prices will inevitably fluctuate": a generic
        truth, not a claim about a specific matter."""
        near = [*tok.children, *head.children]
        return any(c.dep_ == "advmod" and c.lower_ in self.generic_adverbs for c in near)

    @staticmethod
    def wh_clause(tok: Token, head: Token, s: Sentence) -> bool:
        """"how many people will want it", "what he envisioned for GM": a question or a thing
        described, not a claim ("why they're going to have to file" still asserts the filing, and
        a relative "which will open in May" is a statement)."""
        if head.dep_ in ("relcl", "acl"):
            return False
        first = min(head.left_edge.i, tok.left_edge.i) if tok.pos_ == "VERB" else head.left_edge.i
        first = head.doc[first]
        if first.lower_ in ("what", "whether") or (first.lower_ == "which" and first.dep_ == "det"):
            return True  # (and "did not say which plants would close")
        nxt = _next(first)
        return first.lower_ == "how" and nxt is not None and nxt.lower_ in ("many", "much", "good", "well")

    # ------------------------------------------------------------------ vetoes: forward verbs
    @staticmethod
    def settled_expectation(tok: Token, head: Token, s: Sentence) -> bool:
        """"had expected", "would have anticipated": a past expectation, settled."""
        return any(c.lower_ in ("had", "have") for c in tok.children if c.dep_ == "aux")

    @staticmethod
    def past_without_horizon(tok: Token, head: Token, s: Sentence) -> bool:
        """"expected a loss in 2019": settled; "projected ... by 2030" is still open."""
        return tok.tag_ == "VBD" and not s.ahead

    @staticmethod
    def participle_modifier(tok: Token, head: Token, s: Sentence) -> bool:
        """"the planned merger", "events aimed at ...", "lower than expected margin"."""
        if tok.tag_ != "VBN":
            return False
        if tok.dep_ in ("amod", "acl") and tok.lower_ != "expected":
            return True
        return tok.dep_ == "amod" or (tok.dep_ == "conj" and tok.head.dep_ == "amod")

    @staticmethod
    def comparison(tok: Token, head: Token, s: Sentence) -> bool:
        """"as expected", "right as planned", "better than forecast"."""
        if tok.tag_ == "VBN" and tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("as", "than"):
            return True
        return any(c.dep_ == "mark" and c.lower_ in ("as", "than") for c in tok.children)

    @staticmethod
    def gerund_modifier(tok: Token, head: Token, s: Sentence) -> bool:
        """"a guiding principle", "the planning committee"."""
        return tok.tag_ == "VBG" and tok.dep_ in ("amod", "compound")

    @staticmethod
    def unanchored_participle(tok: Token, head: Token, s: Sentence) -> bool:
        """"the move has been widely expected": nothing is projected."""
        return tok.tag_ == "VBN" and not s.anchored \
            and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)

    @staticmethod
    def past_progressive(tok: Token, head: Token, s: Sentence) -> bool:
        """"was seeking fresh capital", "were expected to win", "was intended to counteract": a
        past expectation or intention, settled unless its own date is ahead."""
        return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were") for c in tok.children) \
            and not _dated_ahead(tok, s)

    @staticmethod
    def broken_off(tok: Token, head: Token, s: Sentence) -> bool:
        """"we would expect -- if you look back at our record": the sentence breaks off."""
        nxt = _next(tok)
        return not s.ahead and not any(c.dep_ in _COMPLEMENTS for c in tok.children) \
            and nxt is not None and nxt.text in ("--", "—", "-", "…", "...")


def _adjectival(date: Span) -> bool:
    """"short-term funding", "a long-term reprieve": a vague time as the kind of a thing."""
    return date._.claimx_timex == "FUTURE_REF" and date.root.dep_ in ("amod", "compound") \
        and date.root.head.pos_ == "NOUN"


def _known_set(num: Token) -> bool:
    """"the two companies", "these five aircraft": a count of a set already known, no figure."""
    noun = num.head
    return num.dep_ == "nummod" and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "both")
                                        for c in noun.children)


def _frame(tok: Token) -> Token:
    """The clause an adjective or participle sits in: its copula ("is due to", "was set to")."""
    return tok.head if tok.dep_ in ("acomp", "attr", "oprd") and tok.head.i != tok.i else tok


def _past(verb: Token) -> bool:
    """A verb in the past tense, or with a past auxiliary ("was set", "had planned")."""
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _infinitival_relative(to: Token, verb: Token) -> bool:
    """"the new system, to be released in 2011": an infinitive that describes a noun, however the
    parser hangs it (a relative clause, or a passive one after "NOUN ," read as an adverbial)."""
    if verb.dep_ in ("acl", "relcl"):
        return verb.head.pos_ in ("NOUN", "PROPN")
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    doc = to.doc
    return verb.dep_ == "advcl" and passive and to.i >= 2 and doc[to.i - 1].text == "," \
        and doc[to.i - 2].pos_ in ("NOUN", "PROPN")


def _dated_ahead(verb: Token, s: Sentence, *, over_ok: bool = False) -> bool:
    """Does a date that is not over (or, with ``over_ok``, any date) time ``verb``'s own clause
    (its conjuncts are other statements)?"""
    clause = {t.i for t in verb.subtree} - {t.i for c in verb.children if c.dep_ == "conj" for t in c.subtree}
    dates = s.dates if over_ok else s.horizons
    return any(d.root.i in clause for d in dates)


def _next(tok: Token) -> Token | None:
    return tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None


def _conditional(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)
