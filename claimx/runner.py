"""Running the pipeline over a stream of records: batching, isolation of failures, long texts in
chunks, and worker processes (one pipeline per process) with results in input order.

Memory stays bounded whatever the corpus size: records are pulled from the input iterator one
batch at a time, and with worker processes at most ``2 * workers`` batches are in flight.
"""

from __future__ import annotations

import os
import signal
import sys
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import chain, islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimx.convert import doc_to_article
from claimx.io import InputError, Record, record_date
from claimx.pipeline.extensions import register
from claimx.schema import Article

__all__ = ["BATCH_SIZE", "CHUNK_CHARS", "POOL_MIN_RECORDS", "default_workers", "run", "split_text"]

#: Texts longer than this (or than ``nlp.max_length``, if smaller) are processed in chunks cut at
#: paragraph breaks: it keeps the parser's memory per worker bounded.  Offsets are shifted back, so
#: they still point into the whole text.
CHUNK_CHARS = 100_000
_SEPARATORS = ("\n\n", "\n", ". ", " ")
#: Docs per ``nlp.pipe`` batch.  The parser's and NER's working memory grows with the batch: on
#: news articles 8 keeps a worker's peak RSS near 230 MB (32: 400 MB) at the same speed.
BATCH_SIZE = 8
#: Streams shorter than this run in the calling process even when workers are asked for:
#: starting them (a model load each) would cost more than it saves.
POOL_MIN_RECORDS = 64

Item = Record | InputError


def default_workers() -> int:
    """Worker processes used by default for a batch: the CPUs this process may run on (at most 8)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


def _as_record(item: Record | InputError | dict[str, Any]) -> Record | InputError:
    if isinstance(item, Record | InputError):
        return item
    rid = str(item.get("id", ""))
    text = item.get("text")
    if not isinstance(text, str):
        return InputError(id=rid, source=rid, error='record has no "text" string')
    date = record_date(item.get("date"))
    title = item.get("title")
    return Record(id=rid, text=text, source=str(item.get("source", rid)), date=date,
                  date_source="input" if date else "none", title=title if isinstance(title, str) else None)


def _failed(rec: Record, exc: BaseException) -> InputError:
    return InputError(id=rec.id, source=rec.source, error=f"extraction failed: {type(exc).__name__}: {exc}")


def _make_doc(nlp: Language, rec: Record, text: str | None = None) -> Doc:
    doc = nlp.make_doc(rec.text if text is None else text)
    doc._.claimx_date = rec.date
    return doc


def _convert(doc: Doc, rec: Record) -> Article:
    return doc_to_article(doc, id=rec.id, source=rec.source, date_source=rec.date_source,
                          encoding=rec.encoding, title=rec.title)


def _one(nlp: Language, rec: Record) -> Article | InputError:
    try:
        return _convert(nlp(_make_doc(nlp, rec)), rec)
    except Exception as exc:  # one bad article must not stop a batch
        return _failed(rec, exc)


# -- long texts -----------------------------------------------------------------------------------


def split_text(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``text``, each at most ``limit`` characters, covering it exactly.

    Cuts go after the last paragraph break (blank line) that fits, else the last line break, else
    the last sentence end (". "), else the last space, else at ``limit``."""
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        cut = start + limit
        for sep in _SEPARATORS:
            i = text.rfind(sep, start + 1, start + limit)
            if i > start:
                cut = i + len(sep)
                break
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces


def _shift(value: Any, by: int) -> Any:
    """Every ``start_char``/``end_char`` in a dumped article, nested ones included, moved by ``by``."""
    if isinstance(value, dict):
        out = {key: _shift(item, by) for key, item in value.items()}
        if "start_char" in out and "end_char" in out:
            out["start_char"] += by
            out["end_char"] += by
        return out
    if isinstance(value, list):
        return [_shift(item, by) for item in value]
    return value


_LISTS = ("entities", "money", "locations", "dates", "projections", "quotes")


def _chunked(nlp: Language, rec: Record, limit: int) -> Article | InputError:
    """A text too long for one Doc: paragraph chunks, one Doc each, offsets shifted back."""
    try:
        pieces = split_text(rec.text, limit)
        merged: dict[str, Any] | None = None
        docs = nlp.pipe(_make_doc(nlp, rec, rec.text[s:e]) for s, e in pieces)
        for (start, _end), doc in zip(pieces, docs, strict=True):
            part = _shift(_convert(doc, rec).model_dump(), start)
            if merged is None:
                merged = part
            else:
                for key in _LISTS:
                    merged[key].extend(part[key])
        return Article.model_validate(merged)
    except Exception as exc:
        return _failed(rec, exc)


# -- one process ----------------------------------------------------------------------------------


def _run_local(items: Iterator[Any], nlp: Language, batch_size: int) -> Iterator[Article | InputError]:
    register()
    limit = max(1, min(nlp.max_length, CHUNK_CHARS))
    while batch := list(islice(items, batch_size)):
        recs = [_as_record(x) for x in batch]
        good = [r for r in recs if isinstance(r, Record) and len(r.text) <= limit]
        try:
            docs = dict(zip((id(r) for r in good), nlp.pipe(_make_doc(nlp, r) for r in good), strict=True))
        except Exception:
            docs = None  # isolate the culprit below, one record at a time
        for r in recs:
            if isinstance(r, InputError):
                yield r
            elif len(r.text) > limit:
                yield _chunked(nlp, r, limit)
            elif docs is not None:
                try:
                    yield _convert(docs[id(r)], r)
                except Exception as exc:
                    yield _failed(r, exc)
            else:
                yield _one(nlp, r)


# -- worker processes -----------------------------------------------------------------------------

_WORKER_NLP: Language | None = None


def _worker_init(model: str | None, dollar: str) -> None:
    """Runs once in each worker: ignore Ctrl-C (the parent handles it), build the pipeline."""
    global _WORKER_NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from claimx import load
    from claimx.pipeline.build import BlankModelWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BlankModelWarning)  # the parent has warned already
        _WORKER_NLP = load(model, dollar=dollar)


def _worker_run(batch: list[Item]) -> list[Article | InputError]:
    assert _WORKER_NLP is not None
    return list(_run_local(iter(batch), _WORKER_NLP, len(batch)))


def _worker_ready() -> bool:
    return _WORKER_NLP is not None


def _portable(item: Record | InputError | dict[str, Any]) -> Item:
    """What crosses the process boundary: ``meta`` (a read-only mapping) stays behind."""
    item = _as_record(item)
    return replace(item, meta={}) if isinstance(item, Record) and type(item.meta) is not dict else item


class WorkerStartError(RuntimeError):
    """The worker processes could not be started (or could not build the pipeline)."""


class _Pool:
    """A process pool whose workers each hold one pipeline; rebuilt if a worker dies."""

    def __init__(self, workers: int, model: str | None, dollar: str) -> None:
        self.workers, self.model, self.dollar = workers, model, dollar
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing as mp

        if sys.platform.startswith("linux") or sys.platform == "darwin":
            # forkserver: workers are forked from a clean, single-threaded server process
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["claimx.runner"])
        else:
            ctx = mp.get_context("spawn")
        executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_worker_init,
                                       initargs=(self.model, self.dollar))
        try:  # fail at once, not record after record, when workers cannot even start
            executor.submit(_worker_ready).result()
        except BrokenProcessPool:
            executor.shutdown(wait=False, cancel_futures=True)
            raise WorkerStartError("could not start the worker processes (see the messages above); "
                                   "try --workers 1") from None
        return executor

    def submit(self, batch: list[Item]) -> Future:
        return self.executor.submit(_worker_run, batch)

    def restart(self) -> None:
        self.close(kill=True)
        self.executor = self._start()

    def singly(self, batch: list[Item]) -> list[Article | InputError]:
        """Redo a batch whose worker died, one record at a time, to pin the failure on its record."""
        out: list[Article | InputError] = []
        for item in batch:
            if isinstance(item, InputError):
                out.append(item)
                continue
            try:
                out.extend(self.submit([item]).result())
            except BrokenProcessPool:
                out.append(InputError(id=item.id, source=item.source,
                                      error="extraction failed: the worker process died on this record "
                                            "(out of memory?)"))
                self.restart()
        return out

    def close(self, *, kill: bool = False) -> None:
        if kill:
            # processes this pool started; ProcessPoolExecutor has no public way to stop them now
            for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
                if proc.is_alive():
                    proc.terminate()
            self.executor.shutdown(wait=False, cancel_futures=True)
        else:
            self.executor.shutdown(wait=True)


def _run_pool(items: Iterator[Item], *, workers: int, model: str | None, dollar: str,
              batch_size: int) -> Iterator[Article | InputError]:
    pool = _Pool(workers, model, dollar)
    pending: deque[tuple[list[Item], Future]] = deque()
    clean = False
    try:
        while True:
            while len(pending) < 2 * workers and (batch := [_portable(x) for x in islice(items, batch_size)]):
                pending.append((batch, pool.submit(batch)))
            if not pending:
                break
            batch, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # a worker died (killed, out of memory): every batch in flight is lost with it
                pool.restart()
                redo = [batch, *(b for b, _ in pending)]
                pending.clear()
                results = pool.singly(redo[0])
                for b in redo[1:]:
                    pending.append((b, pool.submit(b)))
            yield from results
        clean = True
    finally:
        pool.close(kill=not clean)


# -- the entry point ------------------------------------------------------------------------------


def run(records: Iterable[Record | InputError | dict[str, Any]], *, nlp: Language | None = None,
        batch_size: int = BATCH_SIZE, workers: int = 1, model: str | None = None,
        dollar: str = "USD") -> Iterator[Article | InputError]:
    """Process records in input order; failures come back as :class:`InputError`.

    ``workers == 1``: in this process, with ``nlp`` (default ``claimx.load(model, dollar=dollar)``).
    ``workers > 1``: that many worker processes, each building its own pipeline from ``model`` and
    ``dollar`` (``nlp`` must then be None); a stream of fewer than :data:`POOL_MIN_RECORDS` records is
    processed in this process instead, which is faster than starting workers.  A worker that dies
    costs only the record it was processing (an :class:`InputError`), the run goes on."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if workers > 1 and nlp is not None:
        raise ValueError("with workers > 1 each worker builds its own pipeline: pass model=/dollar=, "
                         "not nlp=")
    items = iter(records)
    if workers > 1:
        want = max(POOL_MIN_RECORDS, 2 * batch_size)
        head = [_as_record(x) for x in islice(items, want)]
        if len(head) == want:
            return _run_pool(chain(head, items), workers=workers, model=model, dollar=dollar,
                             batch_size=batch_size)
        items = iter(head)
    if nlp is None:
        from claimx import load

        nlp = load(model, dollar=dollar)
    return _run_local(items, nlp, batch_size)
