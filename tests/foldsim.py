"""Fold a printed PDF back, on paper in the mind: an independent check of imposition.

Reads the imposed PDF with pypdfium2 (text and character boxes), models how a
duplex printer puts each back behind its front, and how the sheets are stacked,
cut and folded, then lists the pages in the order a reader meets them, each with
whether it reads upright.  It shares no code with zine.impose on purpose.

Reusable on a real build: ``folded_reading_order("x-print.pdf")`` gives the first
line of text of each page of the folded booklet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium


@dataclass(frozen=True)
class Char:
    index: int
    text: str
    x: float  # centre, in the side's view as the reader holds it
    y: float


@dataclass(frozen=True)
class View:
    """One printed side as the reader sees it after turning the sheet like a book page."""

    width: float
    height: float
    chars: tuple[Char, ...]


@dataclass(frozen=True)
class FoldedPage:
    text: str
    upright: bool

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")


def _read_side(page: pdfium.PdfPage, turn: bool) -> View:
    """Characters of a printed side; ``turn`` when the printer flipped the sheet the other way.

    A duplex printer turns the sheet about its short or long edge.  The reader turns
    it about the vertical axis of the side, like a book page.  When the two differ,
    the back arrives upside down in the reader's hands: a half turn of every point.
    """
    width, height = page.get_size()
    textpage = page.get_textpage()
    chars = []
    for i in range(textpage.count_chars()):
        left, bottom, right, top = textpage.get_charbox(i)
        x, y = (left + right) / 2, (bottom + top) / 2
        if turn:
            x, y = width - x, height - y
        chars.append(Char(i, textpage.get_text_range(i, 1), x, y))
    return View(width, height, tuple(chars))


def _reader_turns_back(duplex: str, landscape: bool) -> bool:
    """Does the back come out turned relative to a book-page turn?

    On a landscape sheet the short edges are left and right, so "flip on short
    edge" is the book turn; on a portrait sheet "flip on long edge" is.  Manual
    duplex: the recipe says to turn the stack like a book page.
    """
    if duplex == "manual":
        return False
    book = "short" if landscape else "long"
    return duplex != book


def printed_sheets(path: str | Path, duplex: str = "short", two_sided: bool = True) -> list[tuple[View, ...]]:
    """Each physical sheet as (front,) or (front, back), backs in the reader's book view."""
    path = Path(path)
    if duplex == "manual" and two_sided:
        fronts = pdfium.PdfDocument(str(path))
        backs = pdfium.PdfDocument(str(path).replace("-fronts", "-backs"))
        return [(_read_side(fronts[i], False), _read_side(backs[i], False)) for i in range(len(fronts))]
    doc = pdfium.PdfDocument(str(path))
    if not two_sided:
        return [(_read_side(doc[i], False),) for i in range(len(doc))]
    sheets = []
    for i in range(0, len(doc), 2):
        width, height = doc[i].get_size()
        turn = _reader_turns_back(duplex, width > height)
        sheets.append((_read_side(doc[i], False), _read_side(doc[i + 1], turn)))
    return sheets


def _region(view: View, x0: float, x1: float, y0: float, y1: float) -> FoldedPage:
    """Text of the part of a side between the given shares of its width and height."""
    chars = [c for c in view.chars
             if x0 * view.width <= c.x < x1 * view.width and y0 * view.height <= c.y < y1 * view.height]
    upright = _upright(chars)
    if not upright:
        chars = _runs_in_line_order(chars)
    return FoldedPage("".join(c.text for c in chars), upright)


def _runs_in_line_order(chars: list[Char]) -> list[Char]:
    """Upside-down text, each line's characters from its right end to its left.

    PDFium orders the text runs of a line turned upside down as it sees fit (a URL
    set as one run per piece came out with its pieces reversed), so each line, the
    characters that follow each other at one height, is put in order by position.
    """
    lines: list[list[Char]] = []
    for char in chars:
        if lines and abs(char.y - lines[-1][0].y) < 4:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [char for line in lines for char in sorted(line, key=lambda c: -c.x)]


def _upright(chars: list[Char]) -> bool:
    """Text reads upright when successive letters on a line run left to right."""
    forward = backward = 0
    for a, b in zip(chars, chars[1:]):
        if b.index == a.index + 1 and a.text.strip() and b.text.strip() and abs(a.y - b.y) < 3:
            forward += b.x > a.x
            backward += b.x < a.x
    return forward >= backward


def _halves(side: View, top: float = 0.0, bottom: float = 1.0) -> tuple[FoldedPage, FoldedPage]:
    return _region(side, 0, 0.5, top, bottom), _region(side, 0.5, 1, top, bottom)


def _booklet(leaves: list[tuple[View, View]], top: float = 0.0, bottom: float = 1.0) -> list[FoldedPage]:
    """Sheets (outermost first) stacked and folded in half: the pages in reading order.

    Each sheet gives two leaves.  The right half of the front is a recto; behind it,
    in book view, is the left half of the back.  The second leaf is the right half
    of the back, backed by the left half of the front; those leaves come in reverse.
    """
    first, second = [], []
    for front, back in leaves:
        front_left, front_right = _halves(front, top, bottom)
        back_left, back_right = _halves(back, top, bottom)
        first += [front_right, back_left]
        second = [back_right, front_left] + second
    return first + second


def folded_pages(path: str | Path, scheme: str = "saddle", duplex: str = "short",
                 signature: int | None = None) -> list[FoldedPage]:
    """The pages of the finished piece in the order a reader meets them."""
    if scheme == "mini8":
        return _mini8(printed_sheets(path, duplex, two_sided=False)[0][0])
    sheets = printed_sheets(path, duplex)
    if scheme == "trifold":
        return _trifold(*sheets[0])
    if scheme == "quarter":
        # Cut every sheet across the middle; the pile of top halves goes outside.
        tops = _booklet(sheets, 0.5, 1.0)
        bottoms = _booklet(sheets, 0.0, 0.5)
        half = len(tops) // 2
        return tops[:half] + bottoms + tops[half:]
    group = signature or len(sheets)
    pages = []
    for start in range(0, len(sheets), group):
        pages += _booklet(sheets[start:start + group])
    return pages


def _mini8(side: View) -> list[FoldedPage]:
    """The 8 panels form a loop once slit and folded; walk it from the cover.

    Folded lengthwise, the top row sits behind the bottom row.  The slit cuts the
    two middle panels of each row apart, so the strip runs: bottom right (cover),
    up to top right, leftwards along the top row, down to bottom left, and right
    along the bottom row.  Panels are counted from the left; pdfium's y grows upward.
    """
    def panel(col: int, top: bool) -> FoldedPage:
        return _region(side, col / 4, (col + 1) / 4, 0.5 if top else 0, 1 if top else 0.5)
    walk = [(3, False), (3, True), (2, True), (1, True), (0, True), (0, False), (1, False), (2, False)]
    pages = [panel(col, top) for col, top in walk]
    # The top row is seen upside down on the flat sheet and upright once folded behind.
    return [FoldedPage(p.text, p.upright != top) for p, (_, top) in zip(pages, walk)]


def _trifold(outside: View, inside: View) -> list[FoldedPage]:
    """Cover on the outside right; open it to the inside, flap on the outside left, back in the middle."""
    def panel(view: View, col: int) -> FoldedPage:
        return _region(view, col / 3, (col + 1) / 3, 0, 1)
    return [panel(outside, 2), panel(inside, 0), panel(inside, 1), panel(inside, 2),
            panel(outside, 0), panel(outside, 1)]


def folded_reading_order(print_pdf_path: str | Path, scheme: str = "saddle", duplex: str = "short",
                         signature: int | None = None) -> list[str]:
    """First line of text of each page of the folded piece, in reading order."""
    return [page.first_line for page in folded_pages(print_pdf_path, scheme, duplex, signature)]


def half_sheet_texts(print_pdf_path: str | Path, duplex: str = "short") -> list[tuple[str, str]]:
    """(left, right) text of each printed side of a 2-up PDF, backs in book view."""
    result = []
    for sheet in printed_sheets(print_pdf_path, duplex):
        for side in sheet:
            left, right = _halves(side)
            result.append((left.text.strip(), right.text.strip()))
    return result
