"""``--format html``: the article with every item highlighted in place, for a browser.

One self-contained page per article (Jinja2 template with autoescaping; CSS and JS inline; no
network of any kind, which the page's Content-Security-Policy also enforces): the text with money,
dates, places, entities, projections and quotes each in its own colour, a legend with a toggle per
category, and a side panel of projections and quotes whose rows scroll to and mark their span.
Hovering a highlight shows its normalised fields.  ``-o FILE.html`` (or stdout) writes one page;
``-o DIR`` writes one page per article plus ``index.html``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from typing import Any

from claimx.cli.formats.base import OutputError, Renderer, StdoutSink, Target, WriteError, output_suffix
from claimx.cli.formats.spans import Span, layout
from claimx.schema import Article, DateMention, Entity, Location, Money, Projection, Quote

#: the highlighted categories, outermost first when two have the same offsets, with their legend names
CATEGORIES = {"quotes": "quotes", "projections": "projections", "locations": "places",
              "entities": "entities", "dates": "dates", "money": "money"}
_PAGE_SUFFIXES = (".html", ".htm")
#: pages between two rewrites of index.html (a killed run leaves an index that is at most this late)
INDEX_EVERY = 50


@dataclass(frozen=True)
class Item:
    """One highlighted item: its category, its position in that list, and what hovering shows."""

    category: str
    index: int
    tip: str

    @property
    def anchor(self) -> str:
        return f"{self.category}-{self.index}"


def _summary(fields: list[tuple[str, Any]]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in fields if value not in (None, ""))


def tip(item: Entity | Money | Location | DateMention | Projection | Quote) -> str:
    """The normalised fields of one item, one ``name: value`` line each (what hovering shows)."""
    from claimx.cli.render import money_summary

    if isinstance(item, Money):
        return _summary([("money", f"{item.text} → {money_summary(item)}"), ("metric", item.metric),
                         ("currency inferred", "yes" if item.currency_inferred else None)])
    if isinstance(item, DateMention):
        return _summary([("date", item.text), ("TIMEX3", item.value or "unresolved")])
    if isinstance(item, Location):
        return _summary([("place", item.name or item.text), ("kind", item.kind or item.label),
                         ("country", item.country_name or item.country), ("subdivision", item.subdivision)])
    if isinstance(item, Projection):
        value = f"{item.value.text} → {money_summary(item.value)}" if item.value else None
        return _summary([("projection", item.cue.text if item.cue else None),
                         ("speaker", _speaker(item.speaker)), ("subject", _subject(item)),
                         ("value", value),
                         ("metric", item.metric),
                         ("horizon", f"{item.horizon.text} → {item.horizon.value or 'unresolved'}"
                          if item.horizon else None),
                         ("hedge", item.hedge + (" (negated)" if item.negated else ""))])
    if isinstance(item, Quote):
        return _summary([("quote", item.kind.replace("_", " ")), ("speaker", _speaker(item.speaker)),
                         ("cue", item.cue.text if item.cue else None)])
    return _summary([("entity", item.text), ("label", item.label)])


def _speaker(speaker) -> str | None:
    if speaker is None:
        return None
    bits = ", ".join(b for b in (speaker.title, speaker.organisation) if b)
    name = speaker.text
    if speaker.name and speaker.name != speaker.text:
        name += f" ({speaker.name})"
    return f"{name}, {bits}" if bits else name


def _subject(p: Projection) -> str | None:
    if p.subject is None:
        return p.subject_resolved
    if p.subject_resolved and p.subject_resolved != p.subject.text:
        return f"{p.subject.text} → {p.subject_resolved}"
    return p.subject.text


def page_name(article_id: str) -> str:
    """A file name for an article's page: readable, safe, and distinct for distinct ids."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(article_id.rstrip("/")) or "article")
    readable = readable.strip("._")[:60] or "article"
    digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{readable}-{digest}.html"


class HtmlRenderer(Renderer):
    name = "html"
    suffixes = _PAGE_SUFFIXES

    @classmethod
    def check(cls, target: Target) -> None:
        if target.many and (target.output is None or output_suffix(target.output) in _PAGE_SUFFIXES):
            raise OutputError("--format html for several articles writes a folder: -o DIR (one page "
                              "per article and an index.html)")

    @classmethod
    def writes(cls, target: Target) -> list[str]:
        out = target.output
        if out is not None and output_suffix(out) not in _PAGE_SUFFIXES:
            return [os.path.join(out, "index.html")]  # a folder of pages
        return super().writes(target)

    def __init__(self, target: Target) -> None:
        super().__init__(target)
        self.env: Any = None
        self.entries: list[dict[str, Any]] = []
        self.names: set[str] = set()
        out = target.output
        self.folder = out if out is not None and output_suffix(out) not in _PAGE_SUFFIXES else None

    def open(self) -> None:
        import jinja2

        self.env = jinja2.Environment(loader=jinja2.PackageLoader("claimx.cli.formats", "templates"),
                                      autoescape=True, undefined=jinja2.StrictUndefined,
                                      trim_blocks=True, lstrip_blocks=True)
        if self.folder is not None:
            if os.path.exists(self.folder) and not os.path.isdir(self.folder):
                raise OutputError(f"-o {self.folder} is a file: --format html writes a folder of pages "
                                  "(or name one .html file for one article)")
            os.makedirs(self.folder, exist_ok=True)
        elif self.target.output is not None:
            existed = os.path.exists(self.target.output)
            with open(self.target.output, "a", encoding="utf-8"):
                pass  # fail now, before any work, if it cannot be written
            if not existed:
                os.remove(self.target.output)  # a run that extracts nothing leaves no page

    def render(self, article: Article, text: str, *, index: str | None = None) -> str:
        """The page of one article (``index``: the link back to the batch's index page)."""
        from claimx.cli.render import money_summary

        spans = []
        items: dict[str, list[Item]] = {}
        for rank, category in enumerate(CATEGORIES):
            items[category] = []
            for i, obj in enumerate(getattr(article, category)):
                item = Item(category, i, tip(obj))
                items[category].append(item)
                spans.append(Span(obj.start_char, obj.end_char, item, rank))
        nonce = secrets.token_urlsafe(16)  # only the page's own style and script run (CSP)
        return self.env.get_template("article.html.j2").render(
            article=article, pieces=layout(text, spans), items=items, categories=CATEGORIES,
            nonce=nonce, index=index, money=money_summary)

    def write(self, article: Article, text: str) -> None:
        if self.folder is None:
            if self.n:
                raise OutputError("several articles came in: --format html writes them to a folder "
                                  "(-o DIR)")
            page = self.render(article, text)
            if self.target.output is None:
                StdoutSink().write(page)
            else:
                _write_atomic(self.target.output, page)
        else:
            name = page_name(article.id)
            if name in self.names:  # the same id again (a JSON Lines dump can repeat one): its own page
                name = name.replace(".html", f"-{self.n + 1}.html")
            self.names.add(name)
            _write_atomic(os.path.join(self.folder, name), self.render(article, text, index="index.html"),
                          safe=self.n)
            self.entries.append({"href": name, "id": article.id, "title": article.title, "date": article.date,
                                 "counts": {c: len(getattr(article, c)) for c in CATEGORIES}})
            if len(self.entries) % INDEX_EVERY == 0:
                self._write_index()
        self.n += 1

    def _write_index(self) -> None:
        assert self.folder is not None
        html = self.env.get_template("index.html.j2").render(entries=self.entries, categories=CATEGORIES,
                                                             nonce=secrets.token_urlsafe(16))
        _write_atomic(os.path.join(self.folder, "index.html"), html, safe=len(self.entries))

    def close(self, *, complete: bool = True) -> None:
        if self.env is not None and self.folder is not None and complete:
            self._write_index()
        self.env = None


def _write_atomic(path: str, content: str, *, safe: int | None = None) -> None:
    """Write under a temporary name, then rename: a page is there whole or not at all (a full
    disk: no page, and :class:`WriteError`)."""
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise WriteError(path, exc.strerror or str(exc), safe=safe) from None
