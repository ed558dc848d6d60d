"""Processes for ``zine.render.pieces``: typesetting pieces and drawing page ranges in parallel.

Workers are forked (where the system can) so that they start at once with
WeasyPrint imported and the composed document in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait

from zine.compose import Composed
from zine.core.errors import RenderError
from zine.render.engine import LaidOut, lay_out, loose_links, start_page, write_pages

_IN_A_WORKER = False  # set in the worker processes of ``zine batch -j N``


def work_alone() -> None:
    """Mark this process as one worker of several (a batch's): it draws in itself only."""
    global _IN_A_WORKER
    _IN_A_WORKER = True


def load_engine() -> None:
    """Import WeasyPrint now, so that processes forked from this one start with it loaded."""
    import weasyprint  # noqa: F401 - imported for the forked workers' sake


def worker_count(jobs: int | None) -> int:
    """Processes to use: ``jobs`` (None: one per core), never more than the cores."""
    if _IN_A_WORKER or multiprocessing.current_process().daemon:
        return 1  # the batch already keeps every core busy
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(jobs or cores, cores))


def fork_context():
    """Forked workers share the parent's memory; None where the system cannot fork."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork") if "fork" in methods else None


COLLECT_AFTER_PAGES = 32  # a document this long is let go of at once, before the next is laid out
STOPPED = "a typesetting process stopped before it finished (out of memory?); try again with -j 1"
_SHARED: tuple | None = None  # the laid-out document that forked writers draw from
_SENT: set[str] = set()  # font files a forked writer has already handed back


def write_ranges(laid: LaidOut, ranges: list[tuple[int, int]], workers: int,
                  date: str | None) -> list[tuple[bytes, dict]]:
    """Each page range as its own PDF, drawn in forked processes when there are several cores."""
    global _SHARED
    context = fork_context()
    if workers <= 1 or context is None:
        return [write_range(laid, first, end, date) for first, end in ranges]
    _SHARED = (laid, date)
    # The forked workers share the layout with this process until they write to it; a
    # collection in a worker would write to every object (its garbage-collector header)
    # and so copy the whole layout into each worker. Frozen objects are never collected.
    gc.freeze()
    try:
        # An executor, not multiprocessing.Pool: when a worker dies (killed, out of memory)
        # Pool starts a new one and waits for the lost pages for ever; the executor fails.
        with ProcessPoolExecutor(min(workers, len(ranges)), mp_context=context) as pool:
            return list(pool.map(_write_shared, ranges))
    except BrokenProcessPool:
        raise RenderError(STOPPED) from None
    finally:
        _SHARED = None
        gc.unfreeze()


def _write_shared(span: tuple[int, int]) -> tuple[bytes, dict]:
    laid, date = _SHARED
    return _sent_once(write_range(laid, *span, date))


def _sent_once(written: tuple[bytes, dict]) -> tuple[bytes, dict]:
    """Each font file crosses the pipe once per worker, not once per piece."""
    data, made = written
    made["fonts"] = {digest: b"" if digest in _SENT else font for digest, font in made["fonts"].items()}
    _SENT.update(made["fonts"])
    return data, made


def write_range(laid: LaidOut, first: int, end: int, date: str | None) -> tuple[bytes, dict]:
    """Pages ``first`` to ``end`` (exclusive) as a PDF that leaves its font files out, with
    those files and the links to other pieces (``{"fonts": ..., "links": ...}``)."""
    fonts: dict[str, bytes] = {}
    pages = list(range(first, end))
    data = write_pages(laid, pages, date, fonts) if pages else b""
    return data, {"fonts": fonts, "links": loose_links(laid, pages)}


class Runner:
    """Typesets pieces, in worker processes when there is more than one core.

    Each job (a document of one or more consecutive pieces) reports twice: "laid"
    (page count and anchors, as soon as the layout is done, so the next piece can
    start) and "pdf" (the written pages of each piece).
    """

    def __init__(self, document: Composed, workers: int):
        self.document = document
        self.workers = workers if fork_context() else 1
        self.connections: list = []
        self.busy: dict = {}
        self.inline: deque = deque()
        self.processes: list = []

    def idle(self) -> bool:
        if self.workers <= 1:
            return not self.inline
        return len(self.busy) < self.workers

    def submit(self, tag, html: str, first: int, ids: list[str], ranges: list | None = None) -> None:
        """Typeset ``html``, whose pieces (their elements' ``ids``) begin on page ``first``; or,
        given ``ranges`` ((first, end) pages, end None for the last page), write those instead."""
        job = (html, first, ids, ranges)
        if self.workers <= 1:
            self.inline.extend((tag, kind, payload) for kind, payload in _typeset(self.document, *job))
            return
        self._start()
        connection = next(c for c in self.connections if c not in self.busy)
        self.busy[connection] = tag
        try:
            connection.send(job)
        except OSError:
            raise RenderError(STOPPED) from None

    def receive(self) -> tuple[int, str, object]:
        if self.workers <= 1:
            return self.inline.popleft()
        for connection in wait(list(self.busy)):
            try:
                kind, payload = connection.recv()
            except (EOFError, OSError):  # closed, or reset when it died holding a job it never read
                raise RenderError(STOPPED) from None
            tag = self.busy[connection]
            if kind == "error":
                raise payload
            if kind == "pdf":
                del self.busy[connection]
            return tag, kind, payload
        raise RuntimeError("no worker answered")

    def close(self) -> None:
        for connection in self.connections:
            try:
                connection.send(None)
            except OSError:
                pass
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()

    def _start(self) -> None:
        if self.processes:
            return
        context = fork_context()
        for _ in range(self.workers):
            parent, child = context.Pipe()
            process = context.Process(target=_serve, args=(child, self.document), daemon=True)
            process.start()
            child.close()
            self.connections.append(parent)
            self.processes.append(process)


def _typeset(document: Composed, html: str, first: int, ids: list[str], ranges: list | None = None,
             forked: bool = False):
    """Lay out and report, then write each piece's pages, the first from page ``first`` on, or
    the page ``ranges`` asked for (``forked``: in a worker, which hands each font file back once)."""
    laid = lay_out(document, html)
    yield "laid", {"pages": laid.pages, "anchors": laid.anchors, "blanks": laid.blanks, "first": first,
                   "fetched": laid.fetched, "warnings": laid.warnings}
    if ranges is None:
        bounds = [first, *(start_page(laid.anchors, laid.blanks, ident) for ident in ids[1:]), laid.pages]
        # Pieces missing: the parent stops at the report above, so there is nothing to write.
        ranges = [] if None in bounds else list(zip(bounds, bounds[1:]))
    written = [write_range(laid, start, laid.pages if end is None else end, document.date) for start, end in ranges]
    laid.document = None
    if laid.pages >= COLLECT_AFTER_PAGES:
        gc.collect()  # the boxes refer to each other: only a collection frees them for the next group
    yield "pdf", [_sent_once(w) for w in written] if forked else written


def _serve(connection, document: Composed) -> None:
    """A worker process: typeset each job it is sent until it is sent None."""
    while True:
        job = connection.recv()
        if job is None:
            return
        try:
            for message in _typeset(document, *job, forked=True):
                connection.send(message)
        except Exception as error:  # noqa: BLE001 - handed to the parent, which raises it
            connection.send(("error", error))
