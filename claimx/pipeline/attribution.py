"""``claimx_attributions``: direct quotes, indirect speech and "according to" with their speakers.

* Direct quotes are paired by glyph (“ ” " « » and ‘ ’ when not an apostrophe); a paragraph that
  ends inside an open quote continues in the next paragraph when that one reopens the quote
  (news convention).  Very short quotes (fewer than ``min_quote_words`` words) without a speech
  verb next to them are scare quotes, not attributions, and so are quoted titles (MSNBC's
  “Morning Joe”).  The speaker is the subject of the reporting verb of the quote's paragraph
  (a verb governing the quote first, else the nearest; for a quote ending its sentence, the next
  sentence counts too: “Why?” she asked.), or the name signing it (“...” ― Jane Doe) or
  introducing it (Jane Doe: “...”).  A quote with no speaker of its own continues the last
  attributed quote of its paragraph, or of the paragraph before when it opens its paragraph.
* Indirect speech: a reporting verb ("say", "tell", "warn", ...) with a clausal complement: the
  complement is the content and the verb's subject the speaker; for a reporting clause set in the
  middle of the reported one ("Back home, she said, the plant closed") the content is the side
  holding that clause's head.
* "according to X": X is the speaker, the rest of the sentence the content.

Each content span goes to ``doc.spans["claimx_quotes"]`` with ``span._.claimx_quote`` =
``{"kind", "speaker": (start, end) | None, "cue": (start, end) | None, "title", "organisation",
"name"}`` (character offsets; ``name`` is the named person a pronoun speaker stands for, when
the article makes it unambiguous, or a relative pronoun's antecedent: "Ann Lee, who said ...").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx.pipeline._lexicon import json_resource
from claimx.pipeline._syntax import (
    Lemmas,
    WordFilter,
    noun_phrase,
    offsets,
    speaker_role,
    subject_of,
    trim_span,
)
from claimx.pipeline.extensions import QUOTES, register

# opening glyph -> closing glyph; '' (two apostrophes, newswire/NYT style) and ``...'' (LaTeX/PTB)
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "''": "''", "``": "''"}
_QUOTE_RE = re.compile(r"''|``|[“”«»„‘’\"]")
_PARAGRAPH_RE = re.compile(r"\n\s*")
_DASHES = ("―", "—", "–", "--")
_GLYPHS = "“”«»„‘’\"'`"
_BLANK = " \t\xa0"  # blanks inside a line
_SPEAKER_ENTS = ("PERSON", "ORG", "NORP", "GPE")
_TITLE_MAX_WORDS = 7
_CLAUSE_ONLY = frozenset({"show", "find", "document"})  # their findings are clauses
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with",
                                "by", "from", "is", "it", "'s", "’s", "n't", "n’t"})


@Language.factory("claimx_attributions", assigns=["doc.spans"], default_config={"min_quote_words": 4})
def make_attributions(nlp: Language, name: str, min_quote_words: int) -> AttributionFinder:
    return AttributionFinder(nlp, name=name, min_quote_words=min_quote_words)


def quote_pairs(text: str) -> list[tuple[int, int]]:
    """Character ranges (content start, content end) of the quotations in ``text``, glyphs excluded.

    Multi-paragraph quotes, whose paragraphs each open with a quote mark and only the last of
    which closes it, come back as one range.  Linear-logarithmic in the text length, however
    many quote marks are left unclosed."""
    pairs: list[tuple[int, int]] = []
    closers: dict[str, list[int]] = {}
    newlines = [m.start() for m in re.finditer("\n", text)]
    i, n = 0, len(text)
    while i < n:
        m = _QUOTE_RE.search(text, i)
        if m is None:
            break
        glyph, pos = m.group(), m.start()
        if glyph not in _OPEN_CLOSE or (glyph == "‘" and pos > 0 and text[pos - 1].isalnum()):
            i = pos + 1  # a closing glyph, or an apostrophe inside a word
            continue
        after = pos + len(glyph)
        if (glyph in ('"', "''") and pos > 0 and not text[pos - 1].isspace()
                and text[pos - 1] not in "([{—–-:/"
                and (after >= n or text[after].isspace() or text[after] in ".,;:!?)]")):
            i = after  # shaped like a closer ('tanker," it said'): one whose opener went unpaired
            continue
        close = _OPEN_CLOSE[glyph]
        if close not in closers:
            closers[close] = _closer_positions(text, close)
        start = pos + len(glyph)
        end = _closing(text, start, glyph, closers[close], newlines)
        if end is None:
            i = start
            continue
        if end > start:
            pairs.append((start, end))
        i = end + len(close)
    return pairs


def _closer_positions(text: str, close: str) -> list[int]:
    """Where ``close`` can end a quotation (’ followed by a letter is an apostrophe: "isn’t")."""
    found = [m.start() for m in re.finditer(re.escape(close), text)]
    if close == "’":
        found = [p for p in found if p + 1 >= len(text) or not text[p + 1].isalpha()]
    return found


def _closing(text: str, j: int, glyph: str, closers: list[int], newlines: list[int]) -> int | None:
    """Index of the glyph closing a quotation opened just before ``j``, or None if it never closes.
    A paragraph break ends an open quotation unless the next paragraph reopens it."""
    n = len(text)
    while j < n:
        k = bisect_left(closers, j)
        close_at = closers[k] if k < len(closers) else None
        k = bisect_left(newlines, j)
        newline_at = newlines[k] if k < len(newlines) else None
        if close_at is not None and (newline_at is None or close_at < newline_at):
            return close_at
        if newline_at is None:
            return None
        k = newline_at
        while k < n and text[k].isspace():
            k += 1
        if not text.startswith(glyph, k):
            return None
        j = k + len(glyph)
    return None


def _is_title(content: Span) -> bool:
    """A quoted name rather than a quotation: a few words, all capitalised but the small ones, no
    sentence punctuation, right after a possessive or "of"/"in" (MSNBC's “Morning Joe”, the
    author of “The Art of the Deal”)."""
    doc = content.doc
    words = [t for t in content if not t.is_punct]
    if not words or len(words) > _TITLE_MAX_WORDS or any(t.text in ".!?" for t in content):
        return False
    i = content.start - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i < 0 or not (doc[i].tag_ in ("POS", "PRP$") or doc[i].lower_ in ("of", "in")):
        return False
    return words[0].is_title and all(t.is_title or t.is_digit or t.lower_ in _TITLE_SMALL_WORDS
                                     for t in words)


class AttributionFinder:
    """Finds attributions; see the module docstring."""

    def __init__(self, nlp: Language, *, name: str = "claimx_attributions",
                 min_quote_words: int = 4) -> None:
        """nlp: the pipeline; name: component name; min_quote_words: shorter quotes need a speech verb."""
        register()
        self.name = name
        self.min_quote_words = min_quote_words
        cues = json_resource("cues.json")
        self.speech_verbs = frozenset(cues["speech_verbs"])
        self.titles = frozenset(t.lower() for t in cues["titles"])
        self.attitude_verbs = frozenset(cues["attitude_verbs"])
        self.for_verbs = frozenset(cues["for_verbs"])
        self.object_verbs = frozenset(cues["object_verbs"])
        self.stance_verbs = self.attitude_verbs | self.for_verbs | self.object_verbs
        verbs = self.speech_verbs | self.stance_verbs
        self.lemma = Lemmas(nlp, prefer=verbs)
        self._speech_lemma = self.lemma.any_of(self.speech_verbs)
        self.candidates = WordFilter(nlp.vocab, lemmas=verbs, lowers=verbs | {"according"},
                                     lemmatizer=self.lemma)

    # ------------------------------------------------------------------ helpers
    def _is_speech_verb(self, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX") and self._speech_lemma(tok)

    def _speaker(self, verb: Token, skip: set[int] | frozenset[int] = frozenset()
                 ) -> tuple[Span | None, dict]:
        subj = subject_of(verb, climb=2, skip=skip)
        if subj is None:
            for child in verb.children:  # passive "... was said by X"
                if child.dep_ == "agent":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    subj = objs[0] if objs else None
        if subj is None or subj.ent_type_ in ("DATE", "TIME"):  # a misparsed dateline "5:45 p.m."
            return None, {}
        span = noun_phrase(subj)
        span = trim_span(subj.doc, span.start, span.end) or span
        role = self._role(span)
        if subj.tag_ in ("WP", "WDT") and subj.head.dep_ == "relcl":
            # "the senator, who said ...": the speaker stays the relative pronoun, the name is
            # its antecedent's
            antecedent = noun_phrase(subj.head.head)
            if antecedent.label_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in antecedent):
                role["name"] = antecedent.text
        return span, role

    def _role(self, span: Span) -> dict:
        return speaker_role(span, self.titles)

    def _near_speech_verb(self, doc: Doc, content: Span, para: tuple[int, int]) -> Token | None:
        """The reporting verb of a quote, in its sentence(s) and outside it, within its paragraph
        (character range ``para``): a verb that governs the quotation in the parse first, else the
        nearest one.  A quote that ends its sentence also looks into the next sentence up to the
        next quotation (“Why now?” she asked.)."""
        sents = {content.start, content.end - 1}
        start = min(doc[i].sent.start for i in sents)
        end = sent_end = max(doc[i].sent.end for i in sents)
        if sent_end - content.end <= 2 and sent_end < len(doc):
            end = doc[sent_end].sent.end
        governors = {a.i for t in content for a in t.ancestors}
        best = None
        for tok in doc[start:end]:
            if content.start - 1 <= tok.i <= content.end or tok.idx < para[0]:
                continue
            if tok.idx >= para[1] or (tok.i >= sent_end and tok.is_quote):
                break
            if self._is_speech_verb(tok) and not (tok.i > 0 and doc[tok.i - 1].text == "-"):  # "so-called"
                dist = content.start - tok.i if tok.i < content.start else tok.i - content.end
                key = (tok.i not in governors, dist)
                if best is None or key < best[0]:
                    best = (key, tok)
        return best[1] if best else None

    def _tagged_speaker(self, doc: Doc, text: str, cs: int, ce: int) -> tuple[Span, Span] | None:
        """(speaker, cue) of a quote signed with a dash after it (“...” ― Jane Doe) or introduced
        by a name and a colon (Jane Doe: “...”); None otherwise.  ``text``: ``doc.text`` (which
        spaCy rebuilds at every access)."""
        n = len(text)
        j = ce
        while j < n and (text[j] in _GLYPHS or text[j] in ".,!?" or text[j] in _BLANK):
            j += 1
        dash = next((d for d in _DASHES if text.startswith(d, j)), None)
        if dash is not None:
            k = j + len(dash)
            while k < n and text[k] in _BLANK:
                k += 1
            tok = doc.char_span(k, k + 1, alignment_mode="expand") if k < n else None
            name = self._name_from(tok[0], 1) if tok is not None else None
            return (name, doc.char_span(j, j + len(dash), alignment_mode="expand")) if name else None
        i = cs - 1
        while i > 0 and (text[i] in _GLYPHS or text[i] in _BLANK):
            i -= 1
        if i > 0 and text[i] == ":" and not text[i - 1].isspace():
            tok = doc.char_span(i - 1, i, alignment_mode="expand")
            name = self._name_from(tok[-1], -1) if tok is not None else None
            if name is not None and name.start == tok[-1].sent.start:  # the name opens the sentence
                return name, doc.char_span(i, i + 1, alignment_mode="expand")
        return None

    @staticmethod
    def _name_from(tok: Token, step: int) -> Span | None:
        """The named mention at ``tok`` (an entity, else a run of proper nouns read in direction
        ``step``); None if ``tok`` is no name."""
        if tok.ent_type_ in _SPEAKER_ENTS:
            name = noun_phrase(tok)
            return trim_span(tok.doc, name.start, name.end)
        if tok.pos_ != "PROPN":
            return None
        doc, i = tok.doc, tok.i
        while 0 <= i + step < len(doc) and doc[i + step].pos_ == "PROPN":
            i += step
        return doc[min(i, tok.i) : max(i, tok.i) + 1]

    @staticmethod
    def _continues(text: str, last: tuple[int, Span], para: int, paragraphs: list[int], cs: int) -> bool:
        """Whether a quote without a speaker of its own, starting at ``cs`` in paragraph ``para``,
        goes on the last attributed quote: same paragraph (“...,” she said. “...”), or the next
        paragraph when the quote opens it (news convention for a long quotation)."""
        if last[0] == para:
            return True
        return last[0] == para - 1 and not text[paragraphs[para]:cs].strip(_GLYPHS + _BLANK)

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        covered: set[int] = set()
        has_parse = doc.has_annotation("DEP")
        # paragraph starts, with the text's end as a sentinel
        text = doc.text  # rebuilt by spaCy at every access: once per Doc
        paragraphs = [0, *(m.end() for m in _PARAGRAPH_RE.finditer(text)), len(text) + 1]
        last: tuple[int, Span] | None = None  # (paragraph, quote) of the last attributed direct quote
        for cs, ce in quote_pairs(text):
            content = doc.char_span(cs, ce, alignment_mode="contract")
            if content is None or not content.text.strip():
                continue
            content = trim_span(doc, content.start, content.end) or content
            tagged = self._tagged_speaker(doc, text, cs, ce)  # “...” — Name / Name: “...”
            para = bisect_right(paragraphs, cs) - 1
            bounds = (paragraphs[para], paragraphs[bisect_right(paragraphs, ce)])
            verb = self._near_speech_verb(doc, content, bounds) if has_parse and tagged is None else None
            words = sum(1 for t in content if not t.is_punct)
            if (verb is None and tagged is None and words < self.min_quote_words) or _is_title(content):
                continue
            inside = set(range(content.start, content.end))
            speaker, role = self._speaker(verb, inside) if verb is not None else (None, {})
            if speaker is not None and speaker.start >= content.start and speaker.end <= content.end:
                speaker, role = None, {}
            cue: Token | Span | None = verb
            if tagged is not None:
                speaker, cue = tagged
                role = self._role(speaker)
            quote = self._make(doc, content, "direct", speaker, cue, role)
            if speaker is None and last is not None and self._continues(text, last, para, paragraphs, cs):
                data = dict(last[1]._.claimx_quote)
                data["kind"] = "direct"
                quote._.claimx_quote = data
            elif speaker is not None:
                last = (para, quote)
            found.append(quote)
            covered.update(range(content.start - 1, content.end + 1))
        if has_parse:
            for i in self.candidates(doc):
                tok = doc[i]
                if tok.i in covered:
                    continue
                if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                    item = self._according_to(doc, tok, found, covered)
                else:
                    item = self._indirect(doc, tok, covered) if self._is_speech_verb(tok) else None
                    if item is None and tok.pos_ == "VERB" and self.lemma(tok) in self.stance_verbs:
                        item = self._stance(doc, tok, covered)
                if item is not None:
                    found.append(item)
        found.sort(key=lambda s: (s.start, s.end))
        doc.spans[QUOTES] = found
        return doc

    def _make(self, doc: Doc, content: Span, kind: str, speaker: Span | None, cue: Token | Span | None,
              role: dict) -> Span:
        span = Span(doc, content.start, content.end, label=kind)
        span._.claimx_quote = {
            "kind": kind, "speaker": offsets(speaker), "cue": offsets(cue),
            "title": role.get("title"), "organisation": role.get("organisation"), "name": role.get("name"),
        }
        return span

    def _indirect(self, doc: Doc, verb: Token, covered: set[int]) -> Span | None:
        comps = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
        if not comps:
            # "X, sources said" / "Back home, she said, X": the reporting verb hangs off the
            # reported clause; the content is the part of that clause on the side of its head
            head = verb.head
            if verb.dep_ in ("parataxis", "ccomp") and head.pos_ in ("VERB", "AUX") and head.i != verb.i \
                    and not self._is_speech_verb(head):  # not "“...,” X said, he added"
                if head.i < verb.i:
                    content = trim_span(doc, head.left_edge.i, verb.left_edge.i)
                else:
                    content = trim_span(doc, verb.right_edge.i + 1, head.right_edge.i + 1)
                return self._finish(doc, content, verb, covered)
            return None
        comp = comps[0]
        content = trim_span(doc, comp.left_edge.i, comp.right_edge.i + 1)
        return self._finish(doc, content, verb, covered)

    def _stance(self, doc: Doc, verb: Token, covered: set[int]) -> Span | None:
        """Attributed positions: "X wants to ...", "X called for ...", "X cited ..."."""
        lemma = self.lemma(verb)
        target = None
        if lemma in self.attitude_verbs:
            target = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if target is None and lemma in self.for_verbs:
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
            target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        if target is None and lemma in self.object_verbs:
            # "studies show that ...", "the report found that ...": a finding is a clause; "Globex
            # showing gains of 4.5%", "found a buyer" are no attributions
            deps = ("ccomp",) if lemma in _CLAUSE_ONLY else ("dobj", "ccomp")
            target = next((c for c in verb.children if c.dep_ in deps), None)
        if target is None:
            return None
        return self._finish(doc, trim_span(doc, target.left_edge.i, target.right_edge.i + 1), verb, covered)

    def _finish(self, doc: Doc, content: Span | None, verb: Token, covered: set[int]) -> Span | None:
        if content is None or len(content) < 3 \
                or any(i in covered for i in range(content.start, content.end)):
            return None
        if "\n" in doc[min(content.start, verb.i) : max(content.end, verb.i + 1)].text.strip():
            return None  # a parse run across a paragraph break (a headline glued to the story)
        speaker, role = self._speaker(verb)
        if speaker is None:
            return None
        return self._make(doc, content, "indirect", speaker, verb, role)

    def _according_to(self, doc: Doc, tok: Token, found: list[Span], covered: set[int]) -> Span | None:
        """ "According to X, ..." -> content and speaker X.  When the content is a direct quote
        already found (“...,” according to X), X becomes that quote's speaker instead."""
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return None
        speaker = noun_phrase(objs[0])
        phrase_end = max(speaker.end, objs[0].right_edge.i + 1)
        sent = tok.sent
        if tok.i - sent.start <= 1:
            content = trim_span(doc, phrase_end, sent.end)
        else:
            content = trim_span(doc, sent.start, tok.i)
        if content is None:
            return None
        cue = doc[tok.i : tok.i + 2]
        if any(i in covered for i in range(content.start, content.end)):
            for quote in found:
                data = quote._.claimx_quote
                if data["speaker"] is None and quote.start < content.end and content.start < quote.end:
                    role = self._role(speaker)
                    data.update(speaker=offsets(speaker), cue=offsets(cue), title=role.get("title"),
                                organisation=role.get("organisation"), name=role.get("name"))
                    quote._.claimx_quote = data
            return None
        return self._make(doc, content, "according_to", speaker, cue, self._role(speaker))
