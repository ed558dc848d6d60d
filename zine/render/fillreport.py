"""How a booklet fills its sheets, read back from the PDF, and what to cut to save one.

A folded booklet's pages come in fours: the pages past the text are white paper
(the imposition puts them before the back cover). The report names the last page
of running text, how full it is, the blank pages after it and the words to cut
(the text on the pages that would have to go), with a picked comment of about
that length. ``zine.render.fillpages`` acts on it (``fill = "tighten"`` or ``"page"``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from zine.compose import Composed
from zine.core.model import Project
from zine.core.wording import plural
from zine.impose import SCHEMES
from zine.project import comment_words, walk_printed

FULLNESS = [(0.12, "almost empty"), (0.3, "a quarter full"), (0.42, "a third full"), (0.58, "half full"),
            (0.71, "two-thirds full"), (0.85, "three-quarters full"), (2.0, "nearly full")]


@dataclass
class SheetFill:
    """How the pages of a booklet fill their sheets."""

    pages: int
    per_sheet: int  # pages one folded sheet holds
    last_page: int  # 1-based: the last page of running text, before the back cover
    fullness: float | None  # share of that page's text area in use
    cut_words: int  # about this many words less saves a sheet
    part: str | None = None  # a picked comment of about that length, e.g. "comment 5.1.2 has 190"
    changed: str | None = None  # what ``fill`` did, said in full
    tried: str | None = None  # the fill mode that was tried, not to be suggested again
    textless: list[int] = field(default_factory=list)  # 1-based pages inside with no text (right-hand starts too)
    pale: list[int] = field(default_factory=list)  # 1-based pages inside more than two-thirds white

    @property
    def sheets(self) -> int:
        return math.ceil(self.pages / self.per_sheet)

    @property
    def blanks(self) -> int:
        return self.sheets * self.per_sheet - self.pages

    def message(self) -> str:
        """One or two sentences for the person building (and one on white pages inside, if any)."""
        return self._sheets_message() + self._white_pages()

    def _white_pages(self) -> str:
        said = ""
        if self.textless:
            said += f" {_pages(self.textless)} {'has' if len(self.textless) == 1 else 'have'} no text"
            said += " (a blank page inside the zine)." if len(self.textless) == 1 else " (blank pages inside the zine)."
        if self.pale:
            said += f" {_pages(self.pale)} {'is' if len(self.pale) == 1 else 'are'} more than two-thirds white."
        return said

    def _sheets_message(self) -> str:
        done = f"{self.changed} " if self.changed else ""
        if not self.blanks:
            blank = "no blank page at the end" if self.textless else "no blank page"
            return done + f"The {self.pages} pages fill {plural(self.sheets, 'sheet')}: {blank}."
        follow = "follows" if self.blanks == 1 else "follow"
        page = f"Page {self.last_page} is {describe_fullness(self.fullness)}" if self.fullness is not None \
            else f"Page {self.last_page} ends the text"
        head = f"{page} and {plural(self.blanks, 'blank page')} {follow}"
        if self.sheets == 1:
            return done + f"{head} (one sheet is the least); --fill page puts pages there instead."
        part = f" ({self.part})" if self.part else ""
        others = " or ".join(f"--fill {mode}" for mode in ("tighten", "page") if mode != self.tried)
        return done + f"{head}: cut about {self.cut_words} words{part} to save a sheet, or build with {others}."


def _pages(numbers: list[int], most: int = 8) -> str:
    """'Page 4', 'Pages 4, 6 and 9', 'Pages 4, 6, ... 20 and 31 others' (a long list is cut short)."""
    if len(numbers) == 1:
        return f"Page {numbers[0]}"
    if len(numbers) > most:
        return "Pages " + ", ".join(str(n) for n in numbers[:most]) + f" and {len(numbers) - most} others"
    return "Pages " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def white_pages(body: list, last: int) -> tuple[list[int], list[int]]:
    """1-based pages between the cover and ``last`` (0-based, the last page of text): those with no
    text, and those whose text fills less than a third of the height the text takes elsewhere."""
    foot = min((bottom for lines in body[1:last] for _, bottom, _ in lines), default=None)
    head = max((top for lines in body[1:last] for top, _, _ in lines), default=None)
    textless, pale = [], []
    for index in range(1, last):
        lines = body[index]
        if not lines:
            textless.append(index + 1)
        elif foot is not None and head is not None and head > foot:
            used = max(top for top, _, _ in lines) - min(bottom for _, bottom, _ in lines)
            if used / (head - foot) < 1 / 3:
                pale.append(index + 1)
    return textless, pale


def describe_fullness(share: float | None) -> str:
    """'a third full', 'nearly full' ..."""
    return next(words for limit, words in FULLNESS if (share or 0.0) < limit)


def pages_per_sheet(scheme_name: str) -> int | None:
    """Pages one sheet holds in a scheme that pads to whole sheets; None for a one-sheet scheme."""
    scheme = SCHEMES.get(scheme_name)
    if scheme is None or scheme.max_pages:
        return None
    return scheme.cols * scheme.rows * (2 if scheme.two_sided else 1)


def measure_fill(project: Project, document: Composed, pdf: bytes, pages: int,
                 scheme_name: str) -> SheetFill | None:
    """How the rendered pages fill their sheets; None for one-sheet layouts."""
    from zine.pdf import anchor_pages

    per_sheet = pages_per_sheet(scheme_name)
    if per_sheet is None or document.max_pages or pages < 2:
        return None
    body = body_lines(pdf)
    anchors = anchor_pages(pdf)
    last = max(0, pages - 1 - document.fixed_tail)  # 0-based last page of running text
    need = per_sheet - (-pages % per_sheet)  # pages that must go to save a sheet
    tails = sorted(_tails(project, anchors, body, last), key=lambda tail: (tail.words, -tail.page))[:need]
    if len(tails) < need:
        # Not enough runs of text end on a page of their own: the last pages of text must go.
        going = range(max(0, last - need + 1), last + 1)
        tails = [Tail(index, _words(body, index), len(project.contributions), "") for index in going]
    words = sum(tail.words for tail in tails)
    cut = max(10, math.ceil(words * 1.05 / 10) * 10)
    part = _comment_to_cut(project, anchors, cut, tails[0].number) if len(tails) == 1 else None
    textless, pale = white_pages(body, last)
    return SheetFill(pages, per_sheet, last + 1, _fullness(body, last), cut,
                     part or _where(project, tails), textless=textless, pale=pale)


@dataclass(frozen=True)
class Tail:
    """The last page of a run of text that starts on a page of its own (an article, its comments)."""

    page: int  # 0-based
    words: int
    number: int  # the contribution, from 1
    kind: str  # "article", "comments", or "" for the last pages of the zine


def _tails(project: Project, anchors: dict, body: list, last: int) -> list[Tail]:
    """Pages a cut could pull back: each run of text's last page, when the next run starts a new page.

    Articles start on a new page, and in the booklets so does the letters page:
    each such run ends on a page of its own, whose words are what it costs to save it.
    """
    starts = []
    for number, article in enumerate(project.contributions, 1):
        if f"c{number}" in anchors:
            starts.append((*anchors[f"c{number}"], number, "article"))
        comments = anchors.get(f"c{number}-comments")  # the letters page, with its title
        if comments:
            starts.append((*comments, number, "comments"))
    starts.sort(key=lambda start: (start[0], -start[1]))
    tails = []
    for index, (page, _, number, kind) in enumerate(starts):
        if index + 1 < len(starts):
            following = starts[index + 1]
            if not _opens_page(body, following[0], following[1]):
                continue  # the next run shares this run's last page: nothing to pull back alone
            end = following[0] - 1
        else:
            end = last
        # A letters page of its own can go whole; an article keeps its first page.
        if (page < end or kind == "comments") and page <= end <= last:
            tails.append(Tail(end, _words(body, end), number, kind))
    return tails


def _opens_page(body: list, page: int, top: float) -> bool:
    """True when an element starting at ``top`` on ``page`` is the first thing on it."""
    lines = body[page] if page < len(body) else []
    return not lines or top >= max(line_top for line_top, _, _ in lines) - 3


def _words(body: list, page: int) -> int:
    return sum(len(text.split()) for _, _, text in body[page])


def _where(project: Project, tails: list[Tail]) -> str | None:
    """Where the words to cut are, when it is not simply the end of the zine."""
    named = [tail for tail in tails if tail.kind]
    if not named:
        return None
    if len(project.contributions) == 1 and len(named) == 1:
        return f"at the end of the {'article' if named[0].kind == 'article' else 'comments'}, page {named[0].page + 1}"
    said = []
    for tail in sorted(named, key=lambda tail: tail.page):
        title = _short(project.contributions[tail.number - 1].title)
        what = f"“{title}”" if tail.kind == "article" else f"the comments on “{title}”"
        said.append(f"{tail.words} on page {tail.page + 1}, the end of {what}")
    return "; ".join(said)


def _short(title: str, width: int = 32) -> str:
    return title if len(title) <= width else title[:width].rsplit(" ", 1)[0] + "…"


def body_lines(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """Each page's lines of text as (top, bottom, text), without running heads and page numbers."""
    from zine.render.pagetext import text_runs

    pages = [[(top, bottom, text) for _, bottom, _, top, text in page] for page in text_runs(pdf)]
    # A running head is the top line of a page, the same on other pages (long titles are cut
    # short the same way each time); page numbers are lines of digits.
    tops = [max(lines)[2] if lines else None for lines in pages]
    heads = {head for head in tops if head and tops.count(head) > 1}
    return [[(top, bottom, text) for top, bottom, text in lines
             if text and not text.isdigit() and not (text in heads and (top, bottom, text) == max(lines))]
            for lines in pages]


def _fullness(body: list, last: int) -> float | None:
    """How much of the last text page's height is used, against the lowest line on earlier pages."""
    if not body[last] or last < 2:
        return None
    foot = min((bottom for lines in body[1:last] for _, bottom, _ in lines), default=None)
    top = max(top for top, _, _ in body[last])
    if foot is None or top - foot <= 0:
        return None
    used = top - min(bottom for _, bottom, _ in body[last])
    return max(0.0, min(1.0, used / (top - foot)))


def _comment_to_cut(project: Project, anchors: dict, words: int, number: int) -> str | None:
    """The shortest printed comment of article ``number`` with at least ``words`` words, if any.

    Its thread runs on to the page that goes, so leaving out any of its comments
    moves the rest up.
    """
    if not 0 < number <= len(project.contributions):
        return None
    candidates = []
    for printed in walk_printed(project.contributions[number - 1].comments):
        count = comment_words(printed.comment)
        if f"c{number}-comment-{printed.comment.id}" in anchors and count >= words:
            candidates.append((count, printed.comment.id))
    if not candidates:
        return None
    count, ident = min(candidates)
    return f"comment {ident} has {count}; \"-{ident}\" in pick leaves it out"
