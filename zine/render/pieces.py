"""Anthologies typeset a contribution at a time: cached, in parallel, merged.

The composed HTML is split into its front (cover, contents), its
contributions and its back. Each piece's pages are cached by what they were
made from (its HTML, the front, the layout, the page it starts on), so after
an edit only the changed contribution is typeset again (and those after it,
if its page count changed), and the front and back only when the contents
page numbers moved.

- A build with (almost) nothing cached lays the whole zine out once, then
  draws and writes the pieces' pages in parallel processes (drawing and font
  subsetting are about half the work; a zine under
  ``PARALLEL_DRAWING_MIN_PAGES`` is drawn in this process unless ``jobs``
  asks for more) and keeps each piece.
- A changed contribution is typeset as its own document: the front first,
  without the contents entries (so that whatever the cover sets, such as the
  zine title in the running heads, is in place), then at most one empty page
  so that it starts on the same side as in the whole zine, with its first page's page counter moved on to the right
  number (``@page :nth()``); footnote numbers continue from the pieces before.
  Only its own pages are drawn.
- The front and back are typeset with one empty stand-in page per
  contribution carrying its id and page number, for the contents page.
- A long zine (more than ``GROUP_CHARACTERS`` of contributions) is never laid
  out whole: its contributions are typeset in groups, one document each, in
  the workers (each group laid out while the one before is drawn; the
  contents of 300 contributions take 25 pages, laid out once, not in every
  group); the frame is laid out in a worker too, so no process holds more
  than a group's pages.

Every piece comes out byte for byte as the same pages of a one-pass render.
Layouts must start each contribution (and the back) on a new page and may
only use the page counter (not other counters or strings carried over from
one contribution to the next) in margin boxes, nor set strings or counters in the
contents entries (``partrules`` reads a layout's own stylesheets for that); when
the split does not fit, the build falls back to one pass.
"""

from __future__ import annotations

import gc
import re
from itertools import accumulate

from zine.cache import BuildCache, PartEntry, PartStore
from zine.compose import Composed
from zine.core.digest import digest_text
from zine.render.partdocs import CUT_MARK, fronts_apart, frame_document, light_front, pieces_document
from zine.render.partrules import sets_in_contents
from zine.render.split import Split, contribution_ids, split_document
from zine.render.engine import LaidOut, Rendered, lay_out, render, start_page
from zine.render.workers import Runner, worker_count, write_ranges

FOOTNOTE = re.compile(r'class="footnote"')
PARALLEL_DRAWING_MIN_PAGES = 64  # below this, drawing in processes costs more than it saves
MOSTLY_NEW = 0.5  # above this share of unknown contributions, lay out the whole zine at once
# Contributions' HTML laid out in one document at most (about 75 A5 pages; a worker laying out
# that many peaks under 300 MB): a longer zine is laid out in groups of contributions, so that
# memory stays flat with its length.
GROUP_CHARACTERS = 150_000


class _Mismatch(Exception):
    """The layout does not split cleanly into pieces: build in one pass instead."""


def render_contributions(document: Composed, contributions: int, cache: BuildCache,
                         jobs: int | None = None) -> Rendered:
    """Typeset a single article in one pass, an anthology piece by piece."""
    if contributions < 2:
        return render(document)
    return render_in_pieces(document, contribution_ids(contributions), cache.parts, cache.environment, jobs)


def render_in_pieces(document: Composed, ids: list[str], store: PartStore, environment: str,
                     jobs: int | None = None) -> Rendered:
    """Typeset an anthology piece by piece (see the module docstring); the result is the
    same document a one-pass ``render`` makes, page for page."""
    split = split_document(document.html, ids)
    if split is None or sets_in_contents(split, document.stylesheets):
        return render(document)
    try:
        return _Anthology(document, split, store, environment, jobs).render()
    except _Mismatch:
        return render(document)


class _Anthology:
    """One incremental render: find each piece's first page, typeset what the cache lacks."""

    def __init__(self, document: Composed, split: Split, store: PartStore, environment: str, jobs: int | None):
        self.document, self.split, self.store = document, split, store
        self.environment = environment
        self.workers = worker_count(jobs)
        self.workers_asked_for = jobs is not None
        self.warnings: list[str] = []
        self.fetched: set = set()
        self.fonts: dict[str, bytes] = {}  # font files the pieces left out, by digest
        self.footnotes_before = list(accumulate((len(FOOTNOTE.findall(p)) for p in split.pieces[:-1]), initial=0))
        self.runner: Runner | None = None
        self.grouped = sum(map(len, split.pieces)) > GROUP_CHARACTERS
        # Pieces are typeset after the front without its contents entries, which in a long zine
        # take as long to lay out as a contribution does: (that front, its page count).
        self.light: tuple[str, int] | None = None  # measured by ``_measure_fronts`` before any piece

    def render(self) -> Rendered:
        front_pages = self._known_front_pages()
        unknown = self._unknown()
        if not self.grouped and (front_pages is None or unknown > MOSTLY_NEW * len(self.split.pieces)):
            return self._render_whole()
        # One changed piece is typeset here: a worker would only add the cost of starting it.
        self.runner = Runner(self.document, self.workers if unknown > 1 else 1)
        try:
            front_pages = self._measure_fronts(front_pages)
            for _attempt in range(3):
                pieces = self._pieces(front_pages)
                front, back, measured = self._frame(front_pages, pieces)
                if measured == front_pages:
                    starts = list(accumulate((entry.pages for entry, _ in pieces), initial=front_pages))
                    return self._merged([front, *((data, entry.extra) for entry, data in pieces), back], starts)
                front_pages = measured  # the contents page grew or shrank with its page numbers
        finally:
            self.runner.close()
        raise _Mismatch("the front matter does not settle")

    def _merged(self, parts: list[tuple[bytes, dict]], starts: list[int]) -> Rendered:
        """The pieces in one PDF; ``parts`` are (PDF, extra) of the front, each piece, the back;
        ``starts`` the 0-based first page of each piece and of the back."""
        from zine import pdf

        parts = [(data, extra) for data, extra in parts if data]
        links = [extra.get("links", []) for _, extra in parts]
        merged = pdf.merge([data for data, _ in parts], self.fonts, self.store.subsets, links)
        return Rendered(pdf=merged, pages=pdf.page_count(merged), warnings=list(dict.fromkeys(self.warnings)),
                        fetched=sorted(self.fetched), starts=starts)

    # -- keys ------------------------------------------------------------------------------------

    def _content_key(self, index: int) -> str:
        split = self.split
        return digest_text("piece", self.environment, split.head, split.front, split.pieces[index],
                           self.footnotes_before[index])

    def _piece_key(self, index: int, start: int, front_pages: int) -> str:
        return digest_text(self._content_key(index), start, front_pages)

    def _frame_key(self, front_pages: int, anchors: list[int], back_start: int) -> str:
        split = self.split
        return digest_text("frame", self.environment, split.head, split.front, split.back, front_pages,
                           anchors, back_start)

    def _front_key(self) -> str:
        return digest_text("front-pages", self.environment, self.split.head, self.split.front)

    def _written(self, written: tuple[bytes, dict]) -> tuple[bytes, dict]:
        """Keep the font files a written piece left out; its entry's extra names them."""
        data, made = written
        for digest, font in made["fonts"].items():
            if font and digest not in self.fonts:
                self.fonts[digest] = font
                self.store.put_font(digest, font)
        return data, {"fonts": sorted(made["fonts"]), "links": made["links"]}

    def _hit(self, key: str) -> tuple[PartEntry, bytes] | None:
        """A cached piece, with the font files it needs at hand."""
        found = self.store.get(key)
        if found is None:
            return None
        for digest in found[0].extra.get("fonts", []):
            font = self.fonts.get(digest) or self.store.get_font(digest)
            if font is None:
                return None
            self.fonts[digest] = font
        return found

    def _known_front_pages(self) -> int | None:
        found = self.store.get(self._front_key())
        return found[0].pages if found else None

    def _unknown(self) -> int:
        """How many contributions were never typeset before (in any place in the zine)."""
        return sum(1 for n in range(len(self.split.pieces)) if not self.store.get(self._content_key(n)))

    # -- everything new: one layout, pieces written in parallel ----------------------------------

    def _render_whole(self) -> Rendered:
        laid = lay_out(self.document, self.split.whole())
        self.warnings += laid.warnings
        self.fetched.update(laid.fetched)
        firsts = [_first_page(laid, ident) for ident in self.split.ids]
        back_start = _first_page(laid, self.split.back_id) if self.split.back_id else laid.pages
        bounds = [*firsts, back_start]
        if any(b >= c for b, c in zip(bounds, bounds[1:])) or firsts[0] < 1:
            raise _Mismatch("contributions do not follow each other page by page")
        ranges = [(0, firsts[0]), *zip(bounds, bounds[1:]), (back_start, laid.pages)]
        # Forking and merging cost more than parallel drawing saves on a short
        # zine (measured: slower at 33 pages, faster at 100): unless the user
        # asked for processes, draw short zines in this one.
        short = laid.pages < PARALLEL_DRAWING_MIN_PAGES and not self.workers_asked_for
        workers = 1 if short else self.workers
        written = [self._written(w) for w in write_ranges(laid, ranges, workers, self.document.date)]
        self._keep_whole(laid, firsts, back_start, written)
        _release(laid)  # every page's boxes: gone before the pieces are merged
        return self._merged(written, bounds)

    def _keep_whole(self, laid: LaidOut, firsts: list[int], back_start: int,
                    written: list[tuple[bytes, dict]]) -> None:
        deps = self.store.files.digests(laid.fetched)
        front_pages = firsts[0]
        ends = [*firsts[1:], back_start]
        for index, (first, end) in enumerate(zip(firsts, ends)):
            anchor = laid.anchors[self.split.ids[index]] - first
            data, extra = written[index + 1]
            entry = PartEntry(pages=end - first, anchors={"start": anchor}, deps=deps, extra=extra)
            self._keep_piece(index, self._piece_key(index, first + 1, front_pages), entry, data)
        anchors = [laid.anchors[ident] + 1 for ident in self.split.ids]
        key = self._frame_key(front_pages, anchors, back_start + 1)
        self._keep_frame(key, deps, (front_pages, *written[0]), (laid.pages - back_start, *written[-1]))

    def _keep_piece(self, index: int, key: str, entry: PartEntry, data: bytes) -> None:
        """Keep a piece's pages, and that its content was typeset once (for ``_unknown``)."""
        self.store.put(key, entry, data)
        self.store.put(self._content_key(index), PartEntry(pages=entry.pages, anchors={}), b"")

    def _keep_frame(self, key: str, deps: dict[str, str], front: tuple[int, bytes, dict],
                    back: tuple[int, bytes, dict]) -> None:
        """Keep the front's length and the front's and back's pages, each (pages, PDF, extra)."""
        self.store.put(self._front_key(), PartEntry(pages=front[0], anchors={}, deps=deps), b"")
        for suffix, (pages, data, extra) in (("-front", front), ("-back", back)):
            self.store.put(key + suffix, PartEntry(pages, {}, deps, extra), data)

    # -- a few changed: each typeset alone -------------------------------------------------------

    def _pieces(self, front_pages: int) -> list[tuple[PartEntry, bytes]]:
        """Every piece's entry and pages: cached, or typeset in documents of one piece, or (in a
        long zine) of consecutive pieces up to ``GROUP_CHARACTERS`` of HTML."""
        count = len(self.split.pieces)
        starts = {0: front_pages + 1}
        done: dict[int, tuple[PartEntry, bytes]] = {}
        keys: dict[int, str] = {}
        jobs: dict[int, list[int]] = {}  # first piece of a job -> the pieces it typesets
        laid_entries: dict[int, PartEntry] = {}
        runner = self.runner
        following = 0  # the next piece to look at: its start is known once the one before is laid out
        while len(done) < count:
            while following < count and following in starts:
                keys[following] = self._piece_key(following, starts[following], front_pages)
                hit = self._hit(keys[following])
                if hit:
                    done[following] = hit
                    starts[following + 1] = starts[following] + hit[0].pages
                    following += 1
                elif runner.idle():
                    if starts[following] - 1 < front_pages:
                        raise _Mismatch("the front is longer than measured")
                    jobs[following] = self._group(following)
                    html, skip = pieces_document(self.split, jobs[following], starts[following], *self.light,
                                                 self.footnotes_before[following])
                    runner.submit(following, html, skip, [self.split.ids[n] for n in jobs[following]])
                    following = jobs[following][-1] + 1
                else:
                    break
            if len(done) == count:
                break
            tag, kind, payload = runner.receive()
            if kind == "laid":
                for index, entry in zip(jobs[tag], self._check_laid(jobs[tag], payload)):
                    laid_entries[index] = entry
                    starts[index + 1] = starts[index] + entry.pages
            else:
                for index, written in zip(jobs[tag], payload):
                    data, laid_entries[index].extra = self._written(written)
                    keys[index] = self._piece_key(index, starts[index], front_pages)
                    self._keep_piece(index, keys[index], laid_entries[index], data)
                    done[index] = (laid_entries[index], data)
        return [done[n] for n in range(count)]

    def _group(self, first: int) -> list[int]:
        """The pieces typeset together from ``first`` on: only ``first``, or in a long zine up to
        ``GROUP_CHARACTERS`` of HTML, the new pieces that follow it, or any that follow a piece
        typeset before but moved (to another page, so the pieces after it have moved too)."""
        limit = GROUP_CHARACTERS if self.grouped else 0
        pieces, size = [first], len(self.split.pieces[first])
        moved = self.store.get(self._content_key(first)) is not None
        for index in range(first + 1, len(self.split.pieces)):
            size += len(self.split.pieces[index])
            if size > limit or (not moved and self.store.get(self._content_key(index))):
                break
            pieces.append(index)
        return pieces

    def _measure_fronts(self, known: int | None) -> int:
        """The front's page count (laid out alone, its contents pointing nowhere yet, unless
        known) and the light front's (once a build), laid out in workers at once."""
        split = self.split
        light = light_front(split.front)
        light_key = digest_text("light-front", self.environment, split.head, light)
        kept = self.store.get(light_key)
        jobs = {"light": light} if kept is None else {}
        if known is None:
            jobs["front"] = split.front
        measured = {}
        for tag, front in jobs.items():
            self.runner.submit(tag, split.head + front + split.tail, 0, [], [])
        for _ in range(2 * len(jobs)):
            tag, kind, payload = self.runner.receive()
            if kind == "laid":
                measured[tag] = payload["pages"]
        if kept is None:
            self.store.note(light_key, PartEntry(pages=measured["light"], anchors={}))
        self.light = (light, measured["light"] if kept is None else kept[0].pages)
        return measured.get("front", known)

    def _check_laid(self, indexes: list[int], payload: dict) -> list[PartEntry]:
        """Each piece's entry, from the layout of the document of pieces ``indexes``."""
        first = payload["first"]
        ids = [self.split.ids[n] for n in indexes]
        anchor = payload["anchors"].get(ids[0])
        # The piece must begin on its own page (after at most one blank for a right-hand start).
        if anchor is None or not first <= anchor <= first + 1 or (anchor > first and not payload["blanks"][first]):
            raise _Mismatch(f"{ids[0]} does not start a page")
        bounds = [first, *(start_page(payload["anchors"], payload["blanks"], ident) for ident in ids[1:]),
                  payload["pages"]]
        if any(b is None for b in bounds) or any(b >= c for b, c in zip(bounds, bounds[1:])):
            raise _Mismatch("contributions do not follow each other page by page")
        # Other contributions' entries in the contents page point nowhere in this document.
        self.warnings += [w for w in payload["warnings"] if "undefined anchor" not in w]
        self.fetched.update(payload["fetched"])
        deps = self.store.files.digests(payload["fetched"])
        return [PartEntry(pages=end - start, anchors={"start": payload["anchors"][ident] - start}, deps=deps)
                for ident, start, end in zip(ids, bounds, bounds[1:])]

    # -- the frame: cover, contents and back, with the contributions' pages stood in for ------------

    def _frame(self, front_pages: int, pieces: list[tuple[PartEntry, bytes]]) -> tuple[tuple, tuple, int]:
        """The front and back as (PDF, extra) each, and the front's page count as laid out."""
        anchors, page = [], front_pages + 1
        for entry, _ in pieces:
            anchors.append(page + entry.anchors["start"])
            page += entry.pages
        back_start = page  # 1-based first page after the last contribution
        key = self._frame_key(front_pages, anchors, back_start)
        front, back = self._hit(key + "-front"), self._hit(key + "-back")
        if front and back:
            self.store.put(self._front_key(), PartEntry(pages=front[0].pages, anchors={}), b"")
            return (front[1], front[0].extra), (back[1], back[0].extra), front[0].pages
        laid, written, jobs = self._lay_out_frame(front_pages, anchors, back_start)
        for tag, (pages, back_index, with_back) in jobs.items():
            measured = laid[tag]["anchors"].get(CUT_MARK, pages)
            if measured != pages:
                if tag == "back":
                    raise _Mismatch("the front without its contents entries changed length")
                return (b"", {}), (b"", {}), measured
            self._check_frame(laid[tag], pages, back_index if with_back else None)
            self.warnings += laid[tag]["warnings"]
            self.fetched.update(laid[tag]["fetched"])
        front, back = (self._written(w) for tag in jobs for w in written[tag])
        last = "back" if "back" in jobs else "frame"
        back_index = jobs[last][1]
        back_end = laid[last]["pages"] if self.split.back_id else back_index
        deps = self.store.files.digests(sorted(set().union(*(laid[tag]["fetched"] for tag in jobs))))
        self._keep_frame(key, deps, (front_pages, *front), (back_end - back_index, *back))
        return front, back, front_pages

    def _lay_out_frame(self, front_pages: int, anchors: list[int], back_start: int) -> tuple[dict, dict, dict]:
        """Lay out and draw the frame (in the workers when there are several: 300 stand-in pages
        take memory, the more so with a long contents and a long back in one document, so a long
        zine has its front and back laid out apart, at once, when neither points into the other).
        Returns each document's report and written pages, and its (front pages, back index, with back)."""
        parts = {"frame": (self.split.front, front_pages, True)}
        if self.grouped and fronts_apart(self.split, self.light[0]):
            parts = {"front": (self.split.front, front_pages, False), "back": (*self.light, True)}
        jobs = {}
        for tag, (front, pages, with_back) in parts.items():
            html, back_index = frame_document(self.split, front, pages, anchors, back_start, with_back)
            ranges = [(0, pages)] if tag != "back" else []
            ranges += [(back_index, None if self.split.back_id else back_index)] if with_back else []
            jobs[tag] = (pages, back_index, with_back)
            self.runner.submit(tag, html, 0, [], ranges)
        laid, written = {}, {}
        for _ in range(2 * len(jobs)):
            tag, kind, payload = self.runner.receive()
            (laid if kind == "laid" else written)[tag] = payload
        return laid, written, jobs

    def _check_frame(self, laid: dict, front_pages: int, back_index: int | None) -> None:
        """The stand-in pages where they were put, and the back (unless None) starting its own page."""
        for number, ident in enumerate(self.split.ids):
            if laid["anchors"].get(ident) != front_pages + number:
                raise _Mismatch("stand-in pages moved")
        back_id = self.split.back_id
        if back_index is not None and back_id and start_page(laid["anchors"], laid["blanks"], back_id) != back_index:
            raise _Mismatch("the back does not start a page")


def _release(laid: LaidOut) -> None:
    """Let go of a drawn layout now, not whenever the collector next runs: a long zine's boxes
    are most of the memory a build takes, and the merge that follows needs its own."""
    long = laid.pages >= PARALLEL_DRAWING_MIN_PAGES
    laid.document = None
    if long:
        gc.collect()  # the boxes refer to each other: only a collection frees them


def _first_page(laid: LaidOut, ident: str) -> int:
    """The page a piece begins on: its element's page, or the blank page before it."""
    page = start_page(laid.anchors, laid.blanks, ident)
    if page is None:
        raise _Mismatch(f"{ident} was not laid out")
    return page
