"""Fold a printed PDF back, on paper in the mind: an independent check of imposition.

Reads the imposed PDF with pypdfium2 (text and character boxes), models how a
duplex printer puts each back behind its front, and how the sheets are stacked,
cut and folded, then lists the pages in the order a reader meets them, each with
whether it reads upright.  Of zine.impose it reads only what a scheme says about
the paper (``Scheme.folding``: how the sheets are cut, stacked and folded, as its
recipe tells a person, and its grid); never its page order or its placement.
A right-to-left piece is folded as the mirror image of the left-to-right one.

Reusable on a real build: ``folded_reading_order("x-print.pdf")`` gives the first
line of text of each page of the folded booklet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


@dataclass(frozen=True)
class Char:
    index: int
    text: str
    x: float  # centre, in the side's view as the reader holds it
    y: float
    upright: bool = True  # the glyph stands upright in that view (PDFium's character angle)


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
        standing = math.cos(pdfium_c.FPDFText_GetCharAngle(textpage.raw, i)) > 0
        chars.append(Char(i, textpage.get_text_range(i, 1), x, y, standing != turn))
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
    """Text reads upright when most of its glyphs stand upright (their angle, not the way a
    line runs: Arabic and Hebrew lines run right to left and read upright too)."""
    inked = [c for c in chars if c.text.strip()]
    return sum(c.upright for c in inked) * 2 >= len(inked)


def _halves(side: View, top: float = 0.0, bottom: float = 1.0) -> tuple[FoldedPage, FoldedPage]:
    return _region(side, 0, 0.5, top, bottom), _region(side, 0.5, 1, top, bottom)


def _booklet(leaves: list[tuple[View, View]], top: float = 0.0, bottom: float = 1.0,
             rtl: bool = False) -> list[FoldedPage]:
    """Sheets (outermost first) stacked and folded in half: the pages in reading order.

    Each sheet gives two leaves.  The right half of the front is a recto; behind it,
    in book view, is the left half of the back.  The second leaf is the right half
    of the back, backed by the left half of the front; those leaves come in reverse.
    Right to left, the spine is on the right: the mirror image, halves swapped.
    """
    first, second = [], []
    for front, back in leaves:
        front_left, front_right = _halves(front, top, bottom)
        back_left, back_right = _halves(back, top, bottom)
        if rtl:
            (front_left, front_right), (back_left, back_right) = (front_right, front_left), (back_right, back_left)
        first += [front_right, back_left]
        second = [back_right, front_left] + second
    return first + second


def folded_pages(path: str | Path, scheme: str = "saddle", duplex: str = "short",
                 signature: int | None = None, rtl: bool = False) -> list[FoldedPage]:
    """The pages of the finished piece in the order a reader meets them.

    ``scheme`` is the name of any scheme zine knows (built in or from a package);
    an unknown name is a KeyError, never folded as some other scheme.
    """
    from zine.impose.scheme import Booklet
    from zine.impose.schemes import all_schemes

    described = all_schemes()[scheme]
    sheets = printed_sheets(path, duplex, described.two_sided)
    if isinstance(described.folding, Booklet):
        group = signature or len(sheets)
        pages = []
        for start in range(0, len(sheets), group):
            pages += _cut_and_folded(sheets[start:start + group], described.folding.bands, rtl)
        return pages
    return _panel_walk(sheets[0], described.cols, described.rows, described.folding.walk, rtl)


def _cut_and_folded(sheets: list[tuple[View, ...]], bands, rtl: bool) -> list[FoldedPage]:
    """Each sheet cut into bands (top, bottom shares from the top); the piles, first band
    outermost, stacked and folded in half as one booklet."""
    leaves = [(sheet, 1 - bottom, 1 - top) for top, bottom in bands for sheet in sheets]
    first, second = [], []
    for (front, back), y0, y1 in leaves:
        pages = _booklet([(front, back)], y0, y1, rtl)
        first += pages[:2]
        second = pages[2:] + second
    return first + second


def _panel_walk(sheet: tuple[View, ...], cols: int, rows: int, walk, rtl: bool) -> list[FoldedPage]:
    """The panels of one folded sheet in the order of ``walk`` (side, column, row from the top).

    A panel seen turned on the flat sheet reads upright once folded.  Right to left,
    the piece is the mirror image: column c is column cols - 1 - c.
    """
    pages = []
    for panel in walk:
        col = cols - 1 - panel.col if rtl else panel.col
        found = _region(sheet[panel.side], col / cols, (col + 1) / cols,
                        1 - (panel.row + 1) / rows, 1 - panel.row / rows)
        pages.append(FoldedPage(found.text, found.upright != panel.turned))
    return pages


def folded_reading_order(print_pdf_path: str | Path, scheme: str = "saddle", duplex: str = "short",
                         signature: int | None = None, rtl: bool = False) -> list[str]:
    """First line of text of each page of the folded piece, in reading order."""
    return [page.first_line for page in folded_pages(print_pdf_path, scheme, duplex, signature, rtl)]


def half_sheet_texts(print_pdf_path: str | Path, duplex: str = "short") -> list[tuple[str, str]]:
    """(left, right) text of each printed side of a 2-up PDF, backs in book view."""
    result = []
    for sheet in printed_sheets(print_pdf_path, duplex):
        for side in sheet:
            left, right = _halves(side)
            result.append((left.text.strip(), right.text.strip()))
    return result
