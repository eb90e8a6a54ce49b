"""``claimx_paragraphs``: a paragraph break ends a sentence.

Placed before the parser (which keeps boundaries that are already set), it stops a headline, a
dateline and the first sentence of the body from being parsed as one sentence ("Acme to cut 500
jobs\\n\\nMarch 3, 2025\\n\\nAcme said ..."): every token after a blank line starts a sentence,
and so does every token after a line break that follows sentence-final punctuation.  A line
break inside a sentence (hard-wrapped newswire text) is left to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_FINAL = frozenset(".!?:;\"”’'")


@Language.factory("claimx_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(name=name)


class ParagraphBreaks:
    """Sets ``is_sent_start`` on the first token of every paragraph; see the module docstring."""

    def __init__(self, *, name: str = "claimx_paragraphs") -> None:
        """name: the component name."""
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        gap = ""  # the whitespace since the last word
        last = ""  # that word
        for tok in doc:
            if tok.is_space:
                gap += tok.text_with_ws
                continue
            newlines = gap.count("\n")
            if last and (newlines > 1 or (newlines == 1 and last[-1] in _FINAL)):
                tok.is_sent_start = True
            gap, last = tok.whitespace_, tok.text
        return doc
