"""``claimx_projections``: forward-looking statements, structured.

A projection (see ``shared/eval/PROJECTIONS.md`` for the definition claimx is judged by) is a
statement about something that, seen from the article's date, lies ahead: a forecast, estimate,
target, plan, promise, announced schedule or stated possibility.  Per sentence:

1. **Cues** come from the parse, not a bag of words (:mod:`claimx.pipeline._cues`): future and
   hedging modals, a reported "would", "going to", forward verbs (expect, plan, forecast, ...),
   forward adjectives ("likely to"), forward nouns with a figure (outlook, guidance), headline
   infinitives, or a date ahead timing the clause.  Each has named vetoes (questions, conditions,
   settled pasts, call-management talk, ...).
2. **Claims**: every money figure in the clause a cue governs is one projection with that figure
   as its value and the date nearest it in the clause as its horizon ("$20 billion ... by year-end
   and hundreds of billions by 2030" -> two projections); a clause with no money takes a
   percentage or counted quantity (:mod:`claimx.pipeline._figures`), and with no date a stretch
   of time ahead ("over the next eight years" -> P8Y).  Coordinated statements with their own cue
   are separate projections.  A date already over ("said last week") is never a horizon.
3. **Who and what**: the speaker is the subject of the reporting or forward verb that governs
   the clause, or the speaker of the quote it sits in; the subject is the entity the claim is
   about (:mod:`claimx.pipeline._referents`): the clause's subject when it names one, what "it",
   "the company", "the new jet" stand for, else the article's topic.

Results: ``doc.spans["claimx_projections"]`` with ``span._.claimx_projection`` = a dict of
character offsets and values (read by :mod:`claimx.convert`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.normalize.timex import in_earlier_year, is_over, starts_after
from claimx.pipeline._cues import Cue, CueFinder, Sentence
from claimx.pipeline._figures import duration_in, figures_in, vague_future_in
from claimx.pipeline._lexicon import json_resource
from claimx.pipeline._referents import Referents
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


@Language.factory("claimx_projections", assigns=["doc.spans"], requires=["doc.spans"])
def make_projections(nlp: Language, name: str) -> ProjectionFinder:
    return ProjectionFinder(nlp, name=name)


_NOBODY = frozenset({"no", "one", "nobody", "none", "noone"})
_DAY_WORDS = frozenset({"today", "tomorrow", "yesterday", "now", "tonight"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ourselves"})


def _label(label: str | None) -> str | None:
    """The output label of a referent: an unlabelled proper name has none."""
    return None if label == "NAME" else label


@dataclass(slots=True)
class Claim:
    """One projection before its who and what: the cue, the figure and the date it is for."""

    cue: Cue
    value: Span | None = None
    """the money figure"""
    figure: dict | None = None
    """a percentage or counted quantity (when no money)"""
    horizon: Span | None = None
    end: int | None = None
    """where the statement ends (token index, exclusive); None: the end of the clause"""
    alternatives: list[Span] = field(default_factory=list)
    """the same money figure stated again (its conversion: "¥1.5tn ($10bn)")"""
    before: list[int] = field(default_factory=list)
    """right edges of the statements nested in this one before its head (it starts after them)"""


# a clause hanging on another by one of these is a statement of its own, not its complement
_SEPARATE = frozenset({"relcl", "advcl", "conj", "parataxis", "appos"})


_CONVERSION_GAPS = frozenset({"(", "[", "or", ", or", "(or", "/", "—", "–", "-"})


def _conversions(values: list[Span]) -> list[tuple[Span, list[Span]]]:
    """Money figures grouped into claims: one stated again right after it, in brackets or after
    "or", is its conversion ("up to €150 million (US$199 million)", "£10m, or $13m", every
    figure of "A$3.1bn ($2.4bn; £1.25bn)"), not a second claim."""
    doc = values[0].doc
    out: list[tuple[Span, list[Span]]] = []
    for v in values:
        if out:
            last = out[-1][1][-1] if out[-1][1] else out[-1][0]
            gap = doc.text[last.end_char : v.start_char].strip()
            between = doc.text[out[-1][0].end_char : v.start_char]
            inside = "(" in between and ")" not in between  # "A$3.1bn ($2.4bn; £1.25bn)"
            if gap in _CONVERSION_GAPS or (gap.startswith("(") and len(gap) <= 12
                                           and gap[1:].strip().isalpha()) \
                    or (inside and out[-1][1] and gap in (";", ",", "or", ", or")):
                out[-1][1].append(v)
                continue
        out.append((v, []))
    return out


def _claimed(figures: list[Span], head: Token, s: Sentence) -> list[Span]:
    """The figures a statement projects, without those it only mentions: in a condition ("would
    fold if it does not get $2.3 billion"), in a relative clause, modifying the subject ("the
    SGD1.75-billion terminal will open"), a number after a demonstrative or "all" ("these five
    aircraft", "all 5,200 developers"),
    or a figure timed by a date already over ("after a $1.6 billion loss last year")."""
    over = [d for d in s.dates if d not in s.horizons]
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    out = []
    for f in figures:
        root = f.root
        path, cur = [], root
        while cur.i != head.i and cur.head.i != cur.i:
            path.append(cur)
            cur = cur.head
        if cur.i != head.i:
            out.append(f)
            continue
        if any(t.dep_ == "relcl" or (t.dep_ == "advcl" and _condition(t))
               or (t.dep_ == "acl" and t.tag_ == "VBG") for t in path):
            continue  # in a relative clause, a condition, a description ("an airliner flying 840 people")
        if subject is not None and root.i != subject.i and any(t.i == subject.i for t in path) \
                and any(t.dep_ in ("compound", "amod", "nmod") for t in path[: path.index(
                    next(t for t in path if t.i == subject.i))]):
            continue  # a modifier of the subject: "the SGD1.75-billion Terminal 3"
        noun = f.root if f.root.pos_ == "NOUN" else f.root.head
        known = ("these", "those", "its", "their", "all", "both")
        if f.root.pos_ == "NOUN" and not f.root.like_num \
                and any(c.dep_ == "det" and c.lower_ in known for c in noun.children):
            continue  # "these five aircraft", "the two companies": a set already known
        if any(d.root.head.i in (root.i, root.head.i) or d.root.head.head.i == root.i for d in over):
            continue  # "a $1.6 billion loss last year"
        out.append(f)
    return out


def _purpose_of(figure: Span, head: Token, kind: str) -> bool:
    """Is ``figure`` inside a purpose infinitive of the statement ("to match the EU price of
    $0.99"), where it is a reference point, not what is projected?  (The infinitive a forward
    verb or intention governs, "expects to reach $20 billion", is the statement itself.)"""
    cur = figure.root
    while cur.i != head.i and cur.head.i != cur.i:
        infinitive = cur.pos_ == "VERB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in cur.children)
        complement = cur.dep_ == "xcomp" and cur.head.i == head.i and kind != "modal"
        if infinitive and cur.dep_ in ("advcl", "xcomp") and not complement and cur.i > head.i:
            return True
        cur = cur.head
    return False


def _condition(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def _branch(tok: Token, head: Token) -> int:
    """Which coordinated branch of a statement ``tok`` sits in: the conjunct nearest the head on
    its way up ("cut 30,000 jobs and 14 plants": jobs and plants are two branches), else -1.
    Appositions and descriptions ("two versions: the A380-800, seating 555") are no branches."""
    cur, key = tok, -1
    while cur.i != head.i and cur.head.i != cur.i:
        if cur.dep_ in ("appos", "acl", "relcl"):
            key = -1
        elif cur.dep_ == "conj":
            key = cur.i
        cur = cur.head
    return key


def _nested(inner: Span, outer: Span) -> bool:
    """Is figure ``inner`` part of figure ``outer``'s phrase ("12% of its 53 officers": 53)?"""
    cur, via_of = inner.root, False
    while cur.head.i != cur.i:
        via_of = via_of or cur.lower_ == "of"
        cur = cur.head
        if cur.i == outer.root.i:
            return via_of
    return False


def _planner(noun: Token) -> Token | None:
    """Whose plan, goal or talks a noun names: its possessor ("Apple's plan", "our goal"), else
    the subject of the verb that has it ("Apple has plans to ...", "PAG is in talks to ...")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:  # "Mulally plans on reviving ...", the verb read as a noun: the name before it
        return next((c for c in noun.children if c.dep_ in ("compound", "nsubj")
                     or (c.dep_ == "amod" and c.pos_ == "PROPN" and c.i < noun.i)), None)
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _reporter_before(sent: Span, quotes: list[Span], earlier: list[Span], reports) -> Span | None:
    """Who was reporting just before (``reports``: is this token a reporting verb): a "would"
    that no verb frames, right after a report in the same paragraph, goes on with it
    ("Obama said the government would hold 60%. Fiat would run the company." -> Obama)."""
    doc = sent.doc
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    words = [t for t in prev if not t.is_space]
    if not words or "\n" in doc.text[words[-1].idx + len(words[-1].text) : sent.start_char]:
        return None  # a new paragraph
    found = None
    for tok in prev:  # "The plan, he stated, was ..."
        if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ") and reports(tok):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                found = noun_phrase(subj)
    for q in quotes:
        info = q._.claimx_quote or {}
        if prev.start <= q.start < sent.start and info.get("speaker"):
            found = doc.char_span(*info["speaker"], alignment_mode="expand")
    for p in earlier:
        data = p._.claimx_projection or {}
        if prev.start <= p.start < sent.start and data.get("speaker"):
            found = doc.char_span(*data["speaker"], alignment_mode="expand")
    return found


def _share_horizons(spans: list[Span], keys: list[tuple]) -> None:
    """A claim stated twice in an article (the headline's "Acme cutting 30,000 jobs by 2012" and
    the body's "Acme will cut 30,000 jobs") is due when either says: a projection without a
    horizon takes the horizon of another with the same figure, or with the same verb, object and
    subject and no figure of its own ("to lower UK iTunes prices" ... "will lower its prices");
    and the figures of one statement share its horizon ("will cut 30,000 jobs and 14 plants",
    due 2012 when the 30,000 jobs are)."""
    def take(data: dict, got: dict) -> None:
        data["horizon"], data["horizon_value"] = got["horizon"], got.get("horizon_value")

    def restated() -> None:
        for span, (figure, action, _) in zip(spans, keys, strict=True):
            data = span._.claimx_projection
            if data.get("horizon"):
                continue
            for other, (other_figure, other_action, _) in zip(spans, keys, strict=True):
                got = other._.claimx_projection
                if other is span or not got.get("horizon"):
                    continue
                same = figure is not None and figure == other_figure and any(v is not None for v in figure)
                if same or (figure is None and action is not None and action == other_action):
                    take(data, got)
                    break

    restated()
    dated: dict[int, dict] = {}
    for span, (_, _, statement) in zip(spans, keys, strict=True):
        if span._.claimx_projection.get("horizon"):
            dated.setdefault(statement, span._.claimx_projection)
    for span, (_, _, statement) in zip(spans, keys, strict=True):
        if not span._.claimx_projection.get("horizon") and statement in dated:
            take(span._.claimx_projection, dated[statement])
    restated()


def _times(date: Span, head: Token, base: str | None = None) -> bool:
    """Does ``date`` time the statement headed by ``head``, rather than a noun in it ("more
    efficient than the aircraft today", "the cars of tomorrow") or a relative clause of its own
    ("a plant that opened in 2019")?  The present moment and the past never time a projection
    (PRESENT_REF: "at this time"; PAST_REF: "despite recent turbulence the economy will ...")."""
    if date._.claimx_timex in ("PRESENT_REF", "PAST_REF"):
        return False
    ahead = starts_after(date._.claimx_timex, base) and date._.claimx_timex != "FUTURE_REF"
    doc = date.doc
    if any(t.lower_ == "than" for t in doc[max(date.start - 6, date.sent.start) : date.start]):
        return False  # "more efficient than the aircraft today": what it is compared with
    cur = date.root
    if date._.claimx_timex == "FUTURE_REF" and cur.dep_ in ("amod", "compound") and cur.head.pos_ == "NOUN":
        return False  # "short-term funding", "long-term contracts": a kind of thing, not a time
    if date._.claimx_timex == "FUTURE_REF" and any(c.dep_ == "prep" and c.lower_ == "of"
                                                   for c in cur.children):
        return False  # "secure the future of the plant": its prospects, not a time
    if cur.head.lower_ in ("due", "maturing") and cur.head.dep_ in ("amod", "acl") \
            and cur.head.head.pos_ == "NOUN":
        return False  # "debentures due 2008", "notes maturing 2030": when the security matures
    attach = cur.head
    if len(date) == 1 and cur.lower_ in _DAY_WORDS and (
            (cur.dep_ == "npadvmod" and attach.pos_ in ("NOUN", "PROPN", "ADJ"))
            or (cur.dep_ == "pobj" and attach.lower_ == "of")):
        return False
    while cur.i != head.i and cur.head.i != cur.i:
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.head.i != head.i and not ahead):
            # (the infinitive of "plans to cut", "a forecast that X will" is the statement; a date
            # ahead in a participle still times it: "will have cars designed by Fiat out by 2011")
            return False
        if cur.pos_ in ("VERB", "AUX") and cur.left_edge.lower_ in ("what", "whatever"):
            return False  # "what they earn today"
        cur = cur.head
    return True


def _fronted(frame: Token, s: Sentence) -> Span | None:
    """A date ahead that the parser hung on the reporting verb, between it and the statement it
    introduces ("We recognize in the short term we will see some loss of sales"): the
    statement's own time, since a present report cannot happen later."""
    gov = frame.head
    if frame.dep_ != "ccomp" or gov.i > frame.i or gov.tag_ not in ("VBP", "VBZ"):
        return None
    for d in s.horizons:
        attach = d.root.head
        if attach.dep_ == "prep" and attach.i + 1 == d.start:
            attach = attach.head
        if (attach.i == gov.i and gov.i < d.start and d.end <= frame.left_edge.i
                and starts_after(d._.claimx_timex, s.base)):
            return d
    return None


def _embedded(inner: Token, outer: Token) -> bool:
    """Is ``inner`` inside ``outer``'s complement ("projecting the company will hit", "expects
    that prices will rise"), rather than in a relative, adverbial or coordinated clause of its
    own ("expect X, but Y is expected", "a plan which would close five plants")?"""
    cur = inner
    while cur.i != outer.i:
        if cur.dep_ in _SEPARATE or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


class ProjectionFinder:
    """Finds forward-looking statements; see the module docstring."""

    def __init__(self, nlp: Language, *, name: str = "claimx_projections") -> None:
        """nlp: the pipeline; name: the component name."""
        register()
        self.name = name
        cues = json_resource("cues.json")
        self.titles = frozenset(t.lower() for t in cues["titles"])
        self.hedges = {level: frozenset(words) for level, words in cues["hedges"].items()}
        self.boilerplate = tuple(cues["boilerplate"])
        self.speech_verbs = frozenset(cues["speech_verbs"])
        self.light_verbs = frozenset(cues["light_verbs"])
        self.documents = frozenset(cues["document_nouns"])
        forward_verbs = frozenset(cues["forward_verbs"])
        heads = forward_verbs | frozenset(cues["forward_nouns"]) | {"see"} | frozenset(
            w for words in cues["intention_verbs"].values() for w in words)
        self.lemma = Lemmas(nlp, prefer=heads | self.speech_verbs | frozenset(cues["discourse_verbs"]))
        self.cues = CueFinder(cues, self.lemma)
        # whose subject projects: "Intel sees revenue of $12 billion next year", "EADS wants the
        # customers to pay" (a wish is its own speaker's; an agreement or decision is reported)
        self.projecting = forward_verbs | {"see", "want", "wish"}
        self.reporting = forward_verbs | self.speech_verbs
        self.is_report = self.lemma.any_of(self.speech_verbs)
        self.candidates = WordFilter(
            nlp.vocab, lemmas=heads, lemmatizer=self.lemma,
            lowers=heads | self.cues.modals | self.cues.hedge_modals | {"going", "would", "to", "can", "ca"}
            | self.cues.forward_adjectives | self.cues.future_adjectives | self.cues.schedule_words
            | self.cues.plan_nouns | self.cues.intention_verbs)

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            doc.spans[PROJECTIONS] = []
            return doc
        base = doc._.claimx_date
        money = list(doc.spans[MONEY]) if MONEY in doc.spans else []
        dates = list(doc.spans[DATES]) if DATES in doc.spans else []
        quotes = list(doc.spans[QUOTES]) if QUOTES in doc.spans else []
        candidates = self.candidates(doc)  # the only tokens a cue rule can accept
        refs: Referents | None = None
        out: list[Span] = []
        keys: list[tuple] = []
        for sent in doc.sents:
            state = self._sentence(sent, base, money, dates, candidates)
            if state is None:
                continue
            claims = self._claims(state)
            if claims and refs is None:
                refs = Referents(doc)  # built once per Doc, only when something projects
            for claim in claims:
                out.append(self._make(state, claim, quotes, refs, out))
                keys.append(self._claim_key(claim, out[-1]))
        _share_horizons(out, keys)
        doc.spans[PROJECTIONS] = out
        return doc

    def _claim_key(self, claim: Claim, span: Span) -> tuple:
        """What identifies a claim across an article (a headline and its body restate one claim):
        its figure, what is done to whom (the projected verb, its object and the subject's name),
        and the statement it was cut from (the frame's token index)."""
        data = span._.claimx_projection
        figure = None
        if claim.value is not None and claim.value._.claimx_money:
            money = claim.value._.claimx_money
            figure = (money.get("value"), money.get("low"), money.get("high"))
        elif claim.figure is not None:
            figure = (claim.figure.get("value"), claim.figure.get("low"), claim.figure.get("high"),
                      claim.figure.get("unit"))
        head = claim.cue.head
        verb = self.lemma(head)
        obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        statement = claim.cue.frame.i
        if verb in self.light_verbs or obj is None or data.get("subject_name") is None:
            return figure, None, statement
        return figure, (verb, self.lemma(obj), data.get("subject_name")), statement

    def _sentence(self, sent: Span, base: str | None, money: list[Span], dates: list[Span],
                  candidates: list[int]) -> Sentence | None:
        """What the rules know about one sentence, or None when it cannot project."""
        doc = sent.doc
        cands = [doc[i] for i in candidates if sent.start <= i < sent.end]
        s_dates = [d for d in dates if sent.start <= d.start and d.end <= sent.end]
        if not cands and not s_dates:
            return None  # no cue word and no date: nothing can project (most sentences)
        lowered = sent.text.lower()
        if any(phrase in lowered for phrase in self.boilerplate):
            return None  # safe-harbour disclaimers talk about the future without projecting anything
        if lowered.rstrip().rstrip("\"”’'").endswith("?"):
            return None  # a question asks, it does not project
        return Sentence(
            span=sent, base=base, candidates=cands,
            money=[m for m in money if sent.start <= m.start and m.end <= sent.end],
            dates=s_dates,
            horizons=[d for d in s_dates if not is_over(d._.claimx_timex, base)],
            future=[d for d in s_dates if starts_after(d._.claimx_timex, base)],
            in_past=frozenset(i for d in s_dates if in_earlier_year(d._.claimx_timex, base)
                              for i in range(d.start, d.end)),
            headline=sent.start == 0 and not sent.text.rstrip().endswith((".", "!", "?")))

    # ------------------------------------------------------------------ claims
    def _claims(self, s: Sentence) -> list[Claim]:
        """The projections of one sentence, before their who and what: one per money figure of a
        statement (else one with its percentage or quantity, or with no value).  A cue embedded in
        another's complement speaks for the same statement ("expects that profit will rise");
        one in a relative, adverbial or coordinated clause is a statement of its own ("the plant,
        which will open in May"; "Y will fall, while Z will rise")."""
        cues = self.cues.find(s)
        if not cues:
            only = self.cues.horizon_only(s)
            if only is None:
                return []
            cues = [only]
        heads: dict[int, Cue] = {}
        for cue in cues:
            heads.setdefault(cue.head.i, cue)
        cues = list(heads.values())
        owners = [c for c in cues if not any(o.head.i != c.head.i and _embedded(c.head, o.head)
                                             and (o.kind not in ("modal", "would") or c.head.i > o.head.i)
                                             for o in cues)]  # ("X will rise, Y will fall": two)
        subtrees, cut = self._own_clauses([c.frame for c in owners])
        assigned: dict[int, list[Span]] = {}
        for m in s.money:
            inside = [(len(subtrees[c.frame.i]), k) for k, c in enumerate(owners)
                      if m.root.i in subtrees[c.frame.i]]
            if inside:
                assigned.setdefault(min(inside)[1], []).append(m)
        claims: list[Claim] = []
        taken = {i for d in [*s.dates, *s.money] for i in range(d.start, d.end)}
        for k, cue in enumerate(owners):
            head, own, end = cue.head, subtrees[cue.frame.i], cut[cue.frame.i]
            values = _claimed(sorted(assigned.get(k, []), key=lambda v: v.start), head, s)
            main = [v for v in values if not _purpose_of(v, head, cue.kind)]
            if main:
                values = main  # "will be cut to £0.74 to match the EU price of $0.99": £0.74
            if values:
                main = _conversions(values)
                items = [(v, v, None) for v, _ in main]
                made = self._each(cue, items, s, end)
                for claim, (_, alternatives) in zip(made, main, strict=True):
                    claim.alternatives = alternatives
                    claims.append(claim)
                continue
            figures = [f for f in figures_in(head, own, taken) if _claimed([f[1]], head, s)]
            figures = [f for f in figures if not any(_nested(f[1], g[1]) for g in figures if g is not f)]
            branches: dict[int, tuple[int, Span, dict]] = {}
            for f in figures:  # the shallowest figure of each coordinated branch
                key = _branch(f[1].root, head)
                if key not in branches or f[0] < branches[key][0]:
                    branches[key] = f
            if len(branches) > 1 or (len(figures) > 1 and sum(d.root.i in own for d in s.horizons) > 1):
                # "will cut 30,000 jobs and 14 plants", "2 GW by 2027 and another 5 GW by 2032": one each
                chosen = sorted(branches.values() if len(branches) > 1 else figures, key=lambda f: f[1].start)
                items = [(span, None, fig) for _, span, fig in chosen]
                claims.extend(self._each(cue, items, s, end))
                continue
            figure = min(figures, key=lambda f: (f[0], f[1].start))[2] if figures else None
            claims.append(Claim(cue, None, figure, self._clause_horizon(head, own, s.horizons, s.base), end))
        for claim in claims:
            frame = claim.cue.frame
            if claim.horizon is None:
                claim.horizon = _fronted(frame, s)
            claim.before = [o.frame.right_edge.i for o in owners if o.frame.i != frame.i
                            and frame.left_edge.i <= o.frame.i and o.frame.right_edge.i < frame.i
                            and o.frame.dep_ != "relcl"]  # (not "The plant, which will open in May,")
        return sorted(claims, key=lambda c: (c.cue.frame.left_edge.i, c.end or 0))

    def _each(self, cue: Cue, items: list[tuple[Span, Span | None, dict | None]], s: Sentence,
              cut: int) -> list[Claim]:
        """One claim per figure of a clause, in text order: ``items`` are (figure span, money span
        or None, quantity dict or None).  Each statement runs up to its own figure and the date
        that times it; the last one to the end of the clause (``cut``).  A date after the last
        figure times every figure without a date of its own ("will cut 3,000 jobs and close 14
        plants by 2027")."""
        out = []
        shared = self._horizon(items[-1][0], cut, s, cue.head) if items else None
        if shared is not None and shared.start < items[-1][0].end:
            shared = None  # the last figure's own date, before it, is not the sentence's
        for j, (span, money, figure) in enumerate(items):
            last = j + 1 == len(items)
            when = self._horizon(span, cut if last else items[j + 1][0].start, s, cue.head)
            end = cut if last else max(span.end, when.end if when is not None else 0)
            out.append(Claim(cue, money, figure, when or shared, end))
        return out

    @staticmethod
    def _own_clauses(frames: list[Token]) -> tuple[dict[int, set[int]], dict[int, int]]:
        """Each statement's own clause: the subtree of its frame less the statements nested in it,
        and where it ends (token index, exclusive): before the first statement that follows
        its head ("Analysts expect profit to rise next year, but margins are expected to shrink
        in 2027" is two statements)."""
        own: dict[int, set[int]] = {}
        cut: dict[int, int] = {}
        for frame in frames:
            clause = {t.i for t in frame.subtree}
            inner = [f for f in frames if f.i != frame.i and f.i in clause]
            for f in inner:
                clause -= {t.i for t in f.subtree}
            own[frame.i] = clause
            later = [f.left_edge.i for f in inner if f.left_edge.i > frame.i]
            cut[frame.i] = min(later) if later else frame.right_edge.i + 1
        return own, cut

    @staticmethod
    def _clause_horizon(head: Token, clause: set[int], dates: list[Span], base: str | None) -> Span | None:
        """The date that times a statement without a figure: a future one first, then one after
        the verb ("said on Thursday it will cut jobs next year" -> next year)."""
        inside = [d for d in dates if d.root.i in clause and _times(d, head, base)]
        if not inside:
            return None
        return min(inside, key=lambda d: (not starts_after(d._.claimx_timex, base), d.start < head.i,
                                          abs(d.start - head.i)))

    @staticmethod
    def _horizon(value: Span, limit: int, s: Sentence, head: Token) -> Span | None:
        """The date that times this figure: the first after it (before the next figure), else the
        last before it, within the clause."""
        clause = {t.i for t in head.subtree}
        timing = [d for d in s.horizons if d.root.i in clause and _times(d, head, s.base)]
        after = [d for d in timing if value.end <= d.start < limit]
        if after:
            return after[0]
        before = [d for d in timing if d.end <= value.start]
        return before[-1] if before else None

    # ------------------------------------------------------------------ who and what
    def _speaker(self, cue: Token, head: Token, quotes: list[Span]) -> Span | None:
        """The subject of the reporting or forward verb that frames the clause, or the speaker of
        the quote the clause sits in."""
        clause = {t.i for t in head.subtree}
        doc = cue.doc
        thinker = next((c for c in head.children
                        if c.dep_ == "csubj" and self.lemma(c) in self.reporting), None)
        if thinker is not None:
            # "Dana Ruiz figures revenue will be closer to $2bn": the parser makes the reporting
            # clause the subject of the projected one
            subj = next((c for c in thinker.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None:
                return noun_phrase(subj)
        if cue.pos_ == "NOUN" and not any(a.pos_ in ("VERB", "AUX") for a in cue.ancestors) \
                and self.lemma(cue) in self.projecting:
            # "Mulally plans on reviving ...": the forward verb read as a noun, its subject as a modifier
            planner = _planner(cue)
            if planner is not None and planner.pos_ == "PROPN":
                return noun_phrase(planner)
        aside = self._aside(head)
        if aside is not None:
            return aside
        for q in quotes:
            info = q._.claimx_quote or {}
            if not (q.start <= head.i < q.end and info.get("speaker")):
                continue
            said = doc.char_span(*info["cue"], alignment_mode="expand") if info.get("cue") else None
            if said is not None and info.get("kind") == "indirect" and said.root.i in clause:
                continue  # an attribution read inside the statement itself ("the deal will add $3bn")
            return doc.char_span(*info["speaker"], alignment_mode="expand")
        quoted = {i for q in quotes if q.label_ == "direct" for i in range(q.start, q.end)}
        cur: Token | None = cue if self.lemma(cue) in self.projecting else head
        for _ in range(6):
            if cur is None:
                break
            lemma = self.lemma(cur)
            verbs = self.projecting if cur.i == cue.i else self.reporting
            # under a modal the head is the projected event: "the deal will add $300 million"
            event = cur.i == head.i and cue.i != head.i and cue.tag_ == "MD"
            if cur.pos_ == "VERB" and lemma in verbs and not event:
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

    def _aside(self, head: Token) -> Span | None:
        """A source named inside the statement: "according to Mr Howard, the deal will ...", "this
        switch, he said, would happen next year" (a reporting clause set in the statement)."""
        cur = head
        for _ in range(3):
            for c in cur.children:
                if c.lower_ == "according":
                    to = next((g for g in c.children if g.lower_ == "to"), None)
                    source = None if to is None else next((g for g in to.children if g.dep_ == "pobj"), None)
                    if source is not None:
                        return noun_phrase(source)
                if c.dep_ == "parataxis" and c.pos_ == "VERB" and self.lemma(c) in self.speech_verbs:
                    subj = next((g for g in c.children if g.dep_ in SUBJECT_DEPS), None)
                    if subj is not None:
                        return noun_phrase(subj)
            if cur.dep_ not in ("ccomp", "xcomp", "conj") or cur.head.i == cur.i:
                break
            cur = cur.head
        return None

    def _resolved_speaker(self, speaker: Span | None, refs: Referents | None, statement: int, end: int
                          ) -> tuple[Span | None, dict | None]:
        """The speaker as a named mention, with title and organisation: a pronoun, relative
        pronoun or "the company" stands for the referent it resolves to, and the mention pointed
        at is that referent's last one before the statement (tokens ``statement``..``end``), else
        the one that speaks ("..., said Press." after "Jim Press, the vice chairman, ..." is Jim
        Press); a speaker that stands for nobody the article names stays as written."""
        if speaker is None:
            return None, None
        root = speaker.root
        if root.lower_ in self.documents:
            # "a statement by Boeing spokesman William Barksdale said": who issued it
            issuer = next((g for c in root.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                           for g in c.children if g.dep_ == "pobj"), None)
            if issuer is None:
                issuer = next((c for c in root.children if c.dep_ == "poss"), None)
            if issuer is None and root.dep_ == "dobj" and root.head.pos_ == "VERB":
                # "The union issued a statement saying ...": who issued it
                issuer = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
            if issuer is not None:
                speaker, root = noun_phrase(issuer), issuer
        named = speaker
        if refs is not None:
            mention = refs.at(root.i)
            titled = refs.is_role(root)
            if mention is None and (root.pos_ == "PRON" or refs.kind_of(root) == "company" or titled):
                mention = refs.resolve(root)  # "he", "who", "the company", "the finance chief"
            if mention is None and root.lower_ in _FIRST_PERSON:
                mention = refs.topic_mention(statement, person=True)  # an "I" no quote names
            if mention is not None and (mention.start >= end or root.pos_ == "PRON"):
                earlier = [m for m in refs.referents[mention.referent].mentions if m.end <= statement]
                named = (earlier[-1] if earlier else mention).span(speaker.doc)
            elif mention is not None:
                named = mention.span(speaker.doc)  # named before the statement: that mention
        role = speaker_role(named, self.titles)
        if refs is not None and refs.at(named.root.i) is not None:
            at = refs.at(named.root.i)
            role["name"] = refs.name(at)
            role["title"] = role["title"] or refs.role_of(at)
            role["organisation"] = role["organisation"] or refs.employer_of(at)
            if role["organisation"] is None and titled:
                # "the carmaker's finance chief": the possessor names the organisation
                owner = next((c for c in speaker.root.children if c.dep_ == "poss"), None)
                org = refs.resolve(owner) if owner is not None else None
                if org is not None and refs.label(org) == "ORG":
                    role["organisation"] = refs.name(org)
        return named, role

    def _about(self, cue: Cue, speaker: Span | None, role: dict | None, refs: Referents
               ) -> tuple[Token | None, object | None]:
        """(grammatical subject, referent mention) of the claim: what the projected clause's
        subject names or stands for ("I" and "we" in a quote: its speaker and the speaker's
        organisation; "expects GM to make": GM), else the agent of a passive ("will be provided by
        the state government"), else the article's topic (for a thing, its topic among
        organisations and products)."""
        head = cue.head
        subj = subject_of(head)
        if subj is None and cue.frame.i != head.i:
            subj = subject_of(cue.frame)  # "the recovery is likely to be slow": the copula's subject
        if subj is None:  # the parser may hang the subject on the modal: "exchanges will re-open"
            subj = next((c for c in cue.token.children if c.dep_ in SUBJECT_DEPS), None)
        if cue.kind == "forward_verb":
            comp = next((c for c in head.children if c.dep_ in ("ccomp", "xcomp")), None)
            obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < (comp.i if comp else 0)), None)
            if comp is not None and comp.dep_ == "ccomp":
                subj = next((c for c in comp.children if c.dep_ in SUBJECT_DEPS), subj)
            elif obj is not None:
                subj = obj  # "he expected the restructured GM to make ..."
        elif cue.kind == "noun" and head.dep_ in ("acl", "relcl") and head.head.i == cue.token.i:
            subj = _planner(cue.token)  # "Apple has plans to import", "our goal to balance"
        thinker = next((c for c in head.children if c.dep_ == "csubj"), None)
        if thinker is not None and subj is not None and subj.i in {t.i for t in thinker.subtree}:
            # "Dana Ruiz figures revenue will be ...": the reporting clause read as the subject
            subj = next((c for c in thinker.children if c.dep_ == "dobj"), subj)
        if subj is not None and subj.lower_ in ("which", "that") and subj.head.dep_ == "relcl" \
                and self.cues.lemma(subj.head.head) in self.cues.plan_nouns | self.cues.event_nouns:
            subj = _planner(subj.head.head) or subj  # "GM submitted a plan which would close plants": GM's
        if subj is not None and subj.lower_ == "there":
            # "there will be a protest of the award by Boeing": what there will be
            subj = next((c for c in subj.head.children if c.dep_ in ("attr", "nsubj") and c.i > subj.i), subj)
        mention = self._referent(subj, head, speaker, role, refs) if subj is not None else None
        if mention is None:
            agent = next((c for c in head.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None:
                mention = refs.in_phrase(obj)
        if mention is None and subj is not None and refs.is_sector(subj):
            mention = refs.topic_mention(head.i, place=True)  # "the economy will shrink": whose economy
        if mention is None:
            thing = subj is not None and subj.pos_ in ("NOUN", "PROPN", "NUM")
            topic = refs.topic_mention(head.i, thing=thing)
            # "the company" with no organisation named before it is no person or place
            if subj is None or refs.kind_of(subj) != "company" or refs.label(topic) in ("ORG", "NAME"):
                mention = topic
        return subj, mention

    @staticmethod
    def _referent(subj: Token, head: Token, speaker: Span | None, role: dict | None, refs: Referents):
        """The referent a subject stands for: "I" is the quote's speaker, "we" the speaker's
        organisation (or the speaker when it is one), "our plan" likewise; else what it names or
        stands for (:meth:`Referents.resolve`)."""
        low = subj.lower_
        owner = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is not None and owner.lower_ in _FIRST_PLURAL | _FIRST_PERSON and refs.at(subj.i) is None:
            low = owner.lower_  # "our global strategy", "my plan"
        if low in _FIRST_PERSON:
            if speaker is not None:
                return refs.at(speaker.root.i)  # "I" is the quote's speaker
            return refs.topic_mention(head.i, person=True)  # a memo or letter: the article's person
        if low in _FIRST_PLURAL:
            at = refs.at(speaker.root.i) if speaker is not None else None
            if at is not None and refs.label(at) != "PERSON":
                return at
            org = (role or {}).get("organisation")
            return refs.named(org, before=head.i) if org else None
        return refs.resolve(subj)

    def _hedge(self, cue: Token, head: Token) -> str:
        words = {cue.lower_, self.lemma(cue)}
        if cue.tag_ != "MD" or cue.lower_ not in self.cues.modals:
            words.add(self.lemma(head))  # ("will look into it" is as firm as "will")
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

    def _make(self, s: Sentence, claim: Claim, quotes: list[Span], refs: Referents | None,
              earlier: list[Span]) -> Span:
        """The projection span for one claim; ``earlier``: the Doc's projections so far."""
        doc = s.span.doc
        cue, head, frame = claim.cue.token, claim.cue.head, claim.cue.frame
        value = claim.value
        stop = frame.right_edge.i + 1 if claim.end is None else claim.end
        while stop > frame.i + 1 and (doc[stop - 1].is_punct or doc[stop - 1].dep_ == "cc"):
            stop -= 1  # "..., but" before the next statement
        first = frame.left_edge.i
        for other in claim.before:  # statements nested before this one's head end before it starts
            first = max(first, other + 1)
        subject_after = any(c.dep_ in SUBJECT_DEPS and c.i > first for c in frame.children)
        while first < frame.i and ((doc[first].dep_ in ("mark", "cc") and doc[first].head.i == frame.i)
                                   or doc[first].is_punct or (doc[first].lower_ == "that" and subject_after)):
            first += 1  # "that the plant will close", "while projecting ...": not the statement's words
        clause = trim_span(doc, first, stop) or doc[frame.i : frame.i + 1]
        if value is not None and not (clause.start <= value.start and value.end <= clause.end):
            clause = doc[min(clause.start, value.start) : max(clause.end, value.end)]
        said = None if s.headline else self._speaker(cue, head, quotes)
        if said is None and not s.headline and cue.lower_ == "would":
            said = _reporter_before(s.span, quotes, earlier, self.is_report)
        if said is not None and said.root.lower_ in _NOBODY:
            said = None  # "no one is predicting bank failures": nobody projects it
        speaker, role = (None, None) if said is None else self._resolved_speaker(said, refs, clause.start,
                                                                                 clause.end)
        grammatical, mention = (None, None) if refs is None else self._about(claim.cue, speaker, role, refs)
        negated = any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "neg" for c in cue.children) \
            or cue.lower_ == "unlikely" \
            or any(c.dep_ == "det" and c.lower_ == "no" for c in cue.children)  # "unlikely to", "no plans to"
        metric = value._.claimx_money.get("metric") if value is not None and value._.claimx_money else None
        if claim.figure is not None:
            metric = claim.figure.get("metric")
        when = claim.horizon
        duration = duration_in(clause) or vague_future_in(clause) \
            if when is None or when._.claimx_timex == "FUTURE_REF" else None
        if when is not None and duration is not None and duration[1] == "FUTURE_REF":
            duration = None  # a vague date is as good as a vague phrase
        day = None
        timex = when._.claimx_timex if when is not None else None
        if duration is None and timex and len(timex) > 10 and timex[10] == "T" and timex[:4].isdigit():
            day = timex[:10]  # "Friday morning" (2025-11-21TMO): a horizon is a day at the finest
        span = Span(doc, clause.start, clause.end, label="PROJECTION")
        span._.claimx_projection = {
            "cue": offsets(cue),
            "speaker": offsets(speaker),
            "speaker_role": role,
            "grammatical_subject": offsets(noun_phrase(grammatical)) if grammatical is not None else None,
            "subject": offsets(mention.span(doc)) if mention is not None else None,
            "subject_name": refs.name(mention) if mention is not None else None,
            "subject_label": _label(refs.label(mention)) if mention is not None else None,
            "metric": metric,
            "value": offsets(value),
            "alternatives": [offsets(a) for a in claim.alternatives],
            "figure": claim.figure,
            "horizon": offsets(when if duration is None else duration[0]),
            "horizon_value": day if duration is None else duration[1],
            "hedge": self._hedge(cue, head),
            "negated": negated,
        }
        return span
