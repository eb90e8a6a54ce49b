"""Running the pipeline over a stream of records: batching, isolation of failures, conversion."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimx.convert import doc_to_article
from claimx.io import InputError, Record
from claimx.pipeline.extensions import register
from claimx.schema import Article


def _as_record(item: Record | InputError | dict[str, Any]) -> Record | InputError:
    if isinstance(item, Record | InputError):
        return item
    rid = str(item.get("id", ""))
    text = item.get("text")
    if not isinstance(text, str):
        return InputError(id=rid, source=rid, error='record has no "text" string')
    date = item.get("date") or None
    return Record(id=rid, text=text, source=str(item.get("source", rid)), date=date,
                  date_source="input" if date else "none")


def _make_doc(nlp: Language, rec: Record) -> Doc:
    doc = nlp.make_doc(rec.text)
    doc._.claimx_date = rec.date
    return doc


def _convert(doc: Doc, rec: Record) -> Article:
    return doc_to_article(doc, id=rec.id, source=rec.source, date_source=rec.date_source,
                          encoding=rec.encoding)


def _one(nlp: Language, rec: Record) -> Article | InputError:
    try:
        if len(rec.text) > nlp.max_length:
            raise ValueError(f"text of {len(rec.text)} characters exceeds the model's max_length "
                             f"({nlp.max_length})")
        doc = _make_doc(nlp, rec)
        for _name, proc in nlp.pipeline:
            doc = proc(doc)
        return _convert(doc, rec)
    except Exception as exc:  # one bad article must not stop a batch
        return InputError(id=rec.id, source=rec.source,
                          error=f"extraction failed: {type(exc).__name__}: {exc}")


def run(records: Iterable[Record | InputError | dict[str, Any]], *, nlp: Language,
        batch_size: int = 32) -> Iterator[Article | InputError]:
    """Process records in order; failures come back as :class:`InputError`."""
    register()
    it = iter(records)
    while batch := list(islice(it, batch_size)):
        items = [_as_record(x) for x in batch]
        good = [r for r in items if isinstance(r, Record) and len(r.text) <= nlp.max_length]
        try:
            docs = dict(zip((id(r) for r in good), nlp.pipe(_make_doc(nlp, r) for r in good), strict=True))
        except Exception:
            docs = None  # isolate the culprit below, one record at a time
        for r in items:
            if isinstance(r, InputError):
                yield r
            elif docs is not None and id(r) in docs:
                try:
                    yield _convert(docs[id(r)], r)
                except Exception as exc:
                    yield InputError(id=r.id, source=r.source,
                                     error=f"extraction failed: {type(exc).__name__}: {exc}")
            else:
                yield _one(nlp, r)
