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

from claimx.pipeline._syntax import SUBJECT_DEPS, Lemmas

__all__ = ["Cue", "CueFinder", "Sentence"]

# dependency labels of a verb's complements: a forward verb with none of them projects nothing
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "prep", "advcl", "npadvmod", "dative"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A forward-looking cue: the word, the head of the clause it projects, and its kind."""

    token: Token
    head: Token
    kind: str


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
        self.anchored = bool(self.money or self.future or any(
            t.like_num and t.i not in self.in_past for t in self.span))
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
        self.now_words = frozenset(cues["now_words"])
        self.modal_vetoes: tuple[Veto, ...] = (
            self.elliptical, self.past_counterfactual, self.hedged_condition, self.addressed_to_you,
            self.speech_act, self.purpose_clause, self.inverted_condition, self.hedged_state,
            self.hedged_present, self.hedged_relative_clause, self.inability, self.embedded_question,
            self.discourse)
        self.forward_verb_vetoes: tuple[Veto, ...] = (
            self.settled_expectation, self.past_without_horizon, self.participle_modifier,
            self.comparison, self.gerund_modifier, self.unanchored_participle, self.broken_off,
            self.embedded_question)

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
        if low == "would" and tok.tag_ == "MD":
            return self.reported_would(tok, s)
        if low == "going":
            return self.going_to(tok, s)
        if tok.pos_ == "VERB" and self.lemma(tok) == "see":
            return self.seeing(tok, s)
        if tok.pos_ == "VERB" and self.lemma(tok) in self.forward_verbs:
            return self.forward_verb(tok, s)
        if tok.pos_ == "ADJ" and low in self.forward_adjectives:
            return self.forward_adjective(tok, s)
        if tok.pos_ == "ADJ" and low in self.future_adjectives:
            return self.future_adjective(tok, s)
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

    def reported_would(self, would: Token, s: Sentence) -> Cue | None:
        """"Microsoft said it would cut 10,000 jobs": reported speech turns "will" into "would".
        Only in the complement of a past reporting verb; not "would have" (a counterfactual), not
        under "if" (a condition), not "I would say" (no reporting verb above it)."""
        head = would.head
        if head.i == would.i or head.pos_ not in ("VERB", "AUX") or head.dep_ != "ccomp":
            return None
        nxt = _next(would)
        if nxt is None or nxt.is_punct or (nxt.lower_ == "have" and head.tag_ == "VBN"):
            return None
        if self.lemma(head) in self.wish_verbs or nxt.lower_ == "rather":
            return None  # "she would like to thank", "he would rather not comment"
        report = head.head
        if report.tag_ != "VBD" or self.lemma(report) not in self.speech_verbs or _conditional(head):
            return None
        if any(t.i in s.in_past for t in head.subtree):
            return None  # "said in 2021 that it would double sales by 2023": settled
        return None if self.discourse(would, head, s) else Cue(would, head, "would")

    def going_to(self, tok: Token, s: Sentence) -> Cue | None:
        """"is going to grow"; not "we were going to" (a past intention)."""
        doc = tok.doc
        if not (tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to" and doc[tok.i + 2].tag_ == "VB"):
            return None
        if any(c.dep_ == "aux" and c.tag_ == "VBD" for c in tok.children):
            return None
        return None if self.discourse(tok, doc[tok.i + 2], s) else Cue(tok, tok, "going_to")

    def seeing(self, tok: Token, s: Sentence) -> Cue | None:
        """"we see revenue of $12 billion next year"; not "we have seen", "we are seeing"."""
        return Cue(tok, tok, "forward_verb") if s.ahead and tok.tag_ in ("VB", "VBP", "VBZ") else None

    def forward_verb(self, tok: Token, s: Sentence) -> Cue | None:
        """expect, plan, forecast, aim, ... that is not a settled past ("had expected")."""
        return None if self._vetoed(self.forward_verb_vetoes, tok, tok, s) else Cue(tok, tok, "forward_verb")

    def forward_adjective(self, tok: Token, s: Sentence) -> Cue | None:
        """"is likely to worsen", "is poised to grow": the infinitive is the projected clause."""
        comp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        return Cue(tok, comp, "adjective") if comp is not None else None

    def future_adjective(self, tok: Token, s: Sentence) -> Cue | None:
        """"a future plant costing $2 billion"; not a bare "its future reserves"."""
        if tok.dep_ == "amod" and s.anchored:
            return Cue(tok, tok.head, "future_adjective")
        return None

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
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            return Cue(tok, tok.head, "noun")  # "our outlook calls for revenue of $30 billion"
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
            return Cue(tok, tok.head, "noun")  # "the central bank's 1-3% target band"
        return Cue(tok, tok, "noun")

    def horizon_only(self, s: Sentence) -> Cue | None:
        """No cue word, but a date ahead: "In 2030, we are set up to ..." needs a period after the
        article's year, named as a year, half or quarter (not a vague "long-term"); a present-tense
        event verb timed by any future period ("Shipments begin in the coming months") also counts;
        states ("is busy next week") do not."""
        root = s.span.root
        event = root.tag_ in ("VBZ", "VBP") and root.pos_ == "VERB" \
            and self.lemma(root) not in ("be", "have") and not any(
                c.dep_ in ("aux", "auxpass") for c in root.children)
        near = {root.i, *(c.i for c in root.children)}
        year = int((s.base or "9999")[:4])
        future = [d for d in s.future if (event and d.root.head.i in near)
                  or (d._.claimx_timex[:4].isdigit() and int(d._.claimx_timex[:4]) > year
                      and (len(d._.claimx_timex) == 4 or d._.claimx_timex[5:6] in ("Q", "H")))]
        if not future or root.tag_ == "VBD":
            return None
        return Cue(future[0].root, root, "horizon")

    # ------------------------------------------------------------------ vetoes: modals
    @staticmethod
    def elliptical(tok: Token, head: Token, s: Sentence) -> bool:
        """"if you will", "we will.": no verb follows the modal."""
        nxt = _next(tok)
        return nxt is None or nxt.is_punct

    def past_counterfactual(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"should have known", "could have gone"."""
        nxt = _next(tok)
        return tok.lower_ not in self.modals and nxt is not None and nxt.lower_ == "have" \
            and head.tag_ == "VBN"

    def hedged_condition(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"if I could add": a hedge inside a condition."""
        return tok.lower_ in self.hedge_modals and _conditional(head)

    def addressed_to_you(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"you may begin": an instruction or permission."""
        return tok.lower_ in self.hedge_modals and any(
            c.dep_ in SUBJECT_DEPS and c.lower_ == "you" for c in head.children)

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
        if tok.lower_ not in self.hedge_modals:
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

    def hedged_relative_clause(self, tok: Token, head: Token, s: Sentence) -> bool:
        """"a trainee who may not know the product", "readers who might want it"."""
        return tok.lower_ in self.hedge_modals and not s.anchored and head.dep_ == "relcl"

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
        return tok.tag_ == "VBN" and tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("as", "than")

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
    def broken_off(tok: Token, head: Token, s: Sentence) -> bool:
        """"we would expect -- if you look back at our record": the sentence breaks off."""
        nxt = _next(tok)
        return not s.ahead and not any(c.dep_ in _COMPLEMENTS for c in tok.children) \
            and nxt is not None and nxt.text in ("--", "—", "-", "…", "...")


def _next(tok: Token) -> Token | None:
    return tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None


def _conditional(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)
