"""Running the pipeline over a stream of records: batching, isolation of failures, long texts in
chunks, and worker processes (one pipeline per process) with results in input order.

Memory stays bounded whatever the corpus size and whatever a text looks like:

* records are pulled from the input iterator one batch at a time, and with worker processes at
  most ``2 * workers`` batches are in flight;
* the statistical pipeline never sees more than :data:`MAX_TOKENS` tokens at once (its working
  memory grows with the tokens of a batch, ~17 kB a token for en_core_web_sm): records are
  grouped so that one ``nlp.pipe`` batch stays under it, and a longer text is cut into chunks of
  at most :data:`CHUNK_CHARS` characters and :data:`MAX_TOKENS` tokens (at paragraph breaks, then
  line breaks, sentence ends, spaces, else a hard cut), processed one after the other;
* spaCy's tokenizer is quadratic in the length of a run without whitespace (40,000 ``$`` took
  minutes): runs longer than :data:`MAX_RUN` characters are tokenised in pieces of that length
  (a URL that long becomes several tokens; a piece of junk that would be a token per character,
  one token), with the Doc's text, and so every offset, unchanged (:func:`make_doc`);
* a text longer than ``max_chars`` (default :data:`claimx.io.MAX_CHARS`) is refused as an
  :class:`~claimx.io.InputError` before any work.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import chain, islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimx.convert import doc_to_article
from claimx.io import MAX_CHARS, InputError, Record, fingerprint, record_date, too_long
from claimx.pipeline.extensions import register
from claimx.schema import Article

__all__ = ["BATCH_SIZE", "CHUNK_CHARS", "MAX_RUN", "MAX_TOKENS", "POOL_MIN_RECORDS", "default_workers",
           "make_doc", "run", "split_text"]

#: Texts longer than this (or than ``nlp.max_length``, if smaller) are processed in chunks cut at
#: paragraph breaks.  Offsets are shifted back, so they still point into the whole text.
CHUNK_CHARS = 100_000
#: At most this many tokens go through the statistical pipeline at once: one ``nlp.pipe`` batch,
#: or one chunk of a long text (about 45,000 characters of news prose; ~170 MB of working memory
#: with en_core_web_sm).
MAX_TOKENS = 10_000
#: Runs without whitespace longer than this are tokenised in pieces of this many characters.
MAX_RUN = 100
_SEPARATORS = ("\n\n", "\n", ". ", "? ", "! ", " ", "\t")
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


def _as_record(item: Record | InputError | dict[str, Any], max_chars: int | None = None
               ) -> Record | InputError:
    if isinstance(item, Record):
        if max_chars is not None and len(item.text) > max_chars:
            return InputError(id=item.id, source=item.source, error=too_long(len(item.text), max_chars))
        return item
    if isinstance(item, InputError):
        return item
    if not isinstance(item, Mapping):
        return InputError(id="", source="", error=f"a record is a dict with a \"text\" string (or a "
                                                     f"claimx.io.Record), not a {type(item).__name__}")
    rid = str(item.get("id", ""))
    text = item.get("text")
    if not isinstance(text, str):
        return InputError(id=rid, source=rid, error='record has no "text" string')
    date = record_date(item.get("date"))
    title = item.get("title")
    return _as_record(Record(id=rid, text=text, source=str(item.get("source", rid)), date=date,
                             date_source="input" if date else "none",
                             title=title if isinstance(title, str) else None), max_chars)


def _failed(rec: Record, exc: BaseException) -> InputError:
    return InputError(id=rec.id, source=rec.source, error=f"extraction failed: {type(exc).__name__}: {exc}")


_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, in time linear in the length of the text.

    spaCy's tokenizer strips prefixes and suffixes one at a time off a run without whitespace,
    which is quadratic in the run's length; runs longer than :data:`MAX_RUN` are tokenised in
    pieces of that length and the pieces joined, so ``doc.text == text`` still holds.  A piece
    that splits into more than one token per 4 characters (``$$$$``, ``““““``: no prose looks
    like that) is kept as one token, so that junk does not cost the statistical model a token
    per character."""
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    docs: list[Doc] = []
    pos = 0
    for run in _LONG_RUN.finditer(text):
        if run.start() > pos:
            docs.append(nlp.make_doc(text[pos:run.start()]))
        cuts = [*range(run.start(), run.end(), MAX_RUN), run.end()]
        pos = run.end() + text.startswith(" ", run.end())  # the last piece keeps its trailing space
        docs.extend(_run_piece(nlp, text[a:b]) for a, b in zip(cuts[:-1], [*cuts[1:-1], pos], strict=True))
    if pos < len(text):
        docs.append(nlp.make_doc(text[pos:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


def _run_piece(nlp: Language, piece: str) -> Doc:
    doc = nlp.make_doc(piece)
    if len(doc) * 4 <= len(piece):
        return doc
    word = piece.rstrip(" ")
    return Doc(nlp.vocab, words=[word], spaces=[len(word) < len(piece)])


def _make_doc(nlp: Language, rec: Record, text: str | None = None) -> Doc:
    doc = make_doc(nlp, rec.text if text is None else text)
    doc._.claimx_date = rec.date
    return doc


def _convert(doc: Doc, rec: Record, offset: int = 0) -> Article:
    """The Article of a Doc (a chunk of the record's text starting at ``offset``; the first chunk
    carries the whole text's fingerprint, which the joined Article keeps)."""
    return doc_to_article(doc, id=rec.id, source=rec.source, date_source=rec.date_source,
                          encoding=rec.encoding, title=rec.title, offset=offset,
                          text_sha256=fingerprint(rec.text) if offset == 0 else None)


def _one(nlp: Language, rec: Record) -> Article | InputError:
    try:
        return _convert(nlp(_make_doc(nlp, rec)), rec)
    except Exception as exc:  # one bad article must not stop a batch
        return _failed(rec, exc)


# -- long texts -----------------------------------------------------------------------------------


def split_text(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``text``, each at most ``limit`` characters, covering it exactly.

    Cuts go after the last paragraph break (blank line) that fits, else the last line break, else
    the last sentence end (". ", "? ", "! "), else the last space or tab, else at ``limit``."""
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


_LISTS = ("entities", "money", "locations", "dates", "projections", "quotes")


def _pieces(nlp: Language, rec: Record, limit: int) -> Iterator[tuple[int, Doc]]:
    """The record's text as Docs of at most ``limit`` characters and :data:`MAX_TOKENS` tokens,
    with the offset each starts at, lazily (a piece with too many tokens is cut again, smaller)."""
    todo = split_text(rec.text, limit)[::-1]
    while todo:
        start, end = todo.pop()
        doc = _make_doc(nlp, rec, rec.text[start:end])
        if len(doc) > MAX_TOKENS and end - start > 1:
            smaller = max(1, (end - start) * MAX_TOKENS // len(doc) * 9 // 10)
            todo.extend((start + a, start + b) for a, b in reversed(split_text(rec.text[start:end], smaller)))
            continue
        yield start, doc


def _chunked(nlp: Language, rec: Record, limit: int) -> Article | InputError:
    """A text too long for one Doc: chunks (see :func:`_pieces`), one Doc at a time, each
    converted with its offsets shifted into the whole text, the items joined."""
    try:
        first: Article | None = None
        items: dict[str, list[Any]] = {key: [] for key in _LISTS}
        for start, doc in _pieces(nlp, rec, limit):
            part = _convert(nlp(doc), rec, offset=start)
            first = first or part
            for key in _LISTS:
                items[key].extend(getattr(part, key))
        assert first is not None  # a text longer than the limit has a piece
        return first.model_copy(update=items)
    except Exception as exc:
        return _failed(rec, exc)


# -- one process ----------------------------------------------------------------------------------


def _token_groups(docs: list[tuple[Record, Doc]]) -> Iterator[list[tuple[Record, Doc]]]:
    """Consecutive runs of ``docs`` holding at most :data:`MAX_TOKENS` tokens together (or one Doc)."""
    group: list[tuple[Record, Doc]] = []
    tokens = 0
    for rec, doc in docs:
        if group and tokens + len(doc) > MAX_TOKENS:
            yield group
            group, tokens = [], 0
        group.append((rec, doc))
        tokens += len(doc)
    if group:
        yield group


def _run_local(items: Iterator[Any], nlp: Language, batch_size: int) -> Iterator[Article | InputError]:
    register()
    limit = max(1, min(nlp.max_length, CHUNK_CHARS))
    while batch := list(islice(items, batch_size)):
        recs = [_as_record(x) for x in batch]
        whole: list[tuple[Record, Doc]] = []  # records that fit in one Doc; the others go in chunks
        failed: dict[int, InputError] = {}
        for r in recs:
            if isinstance(r, Record) and len(r.text) <= limit:
                try:
                    doc = _make_doc(nlp, r)
                except Exception as exc:
                    failed[id(r)] = _failed(r, exc)
                    continue
                if len(doc) <= MAX_TOKENS:
                    whole.append((r, doc))
        done: dict[int, Doc | None] = {}
        for group in _token_groups(whole):
            try:
                piped: list[Doc | None] = list(nlp.pipe((doc for _, doc in group), batch_size=len(group)))
            except Exception:
                piped = [None] * len(group)  # isolate the culprit below, one record at a time
            done.update(zip((id(r) for r, _ in group), piped, strict=True))
        for r in recs:
            if isinstance(r, InputError):
                yield r
            elif id(r) in failed:
                yield failed[id(r)]
            elif id(r) not in done:
                yield _chunked(nlp, r, limit)
            elif (doc := done[id(r)]) is None:
                yield _one(nlp, r)
            else:
                try:
                    yield _convert(doc, r)
                except Exception as exc:
                    yield _failed(r, exc)


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
            raise WorkerStartError("could not start the worker processes (see the messages above): try "
                                   "one worker (--workers 1, workers=1); a script that starts workers "
                                   "must do so under if __name__ == '__main__':") from None
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
        dollar: str = "USD", max_chars: int | None = MAX_CHARS) -> Iterator[Article | InputError]:
    """Process records in input order; failures come back as :class:`InputError`.

    ``max_chars``: a record whose text is longer is an :class:`InputError` (None: no limit; long
    texts are processed in chunks, but time grows with the text).

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
    if max_chars is not None and max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    items = (_as_record(x, max_chars) for x in records)
    if workers > 1:
        want = max(POOL_MIN_RECORDS, 2 * batch_size)
        head = list(islice(items, want))
        if len(head) == want:
            return _run_pool(chain(head, items), workers=workers, model=model, dollar=dollar,
                             batch_size=batch_size)
        items = iter(head)
    if nlp is None:
        from claimx import load

        nlp = load(model, dollar=dollar)
    return _run_local(items, nlp, batch_size)
