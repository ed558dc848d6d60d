"""What a scheme is: page order, sheet geometry and finishing, as plain data.

A scheme module describes one way of putting pages on sheets: how many cells a side
has, which page goes in which cell (``None`` is a padding blank), which cells are
turned 180 degrees, where its fold and cut lines run, the words that tell a person
how to finish the printed sheets, and how the paper is cut and folded (which the
fold simulator in the tests follows).  It never touches a PDF; ``zine.impose.engine``
turns a scheme into positions on a real sheet.  The schemes themselves are modules
of ``zine.impose.schemes`` (see docs/schemes.md to add one).

Backs are always described as the reader sees them after turning the sheet over
like the page of a book (about its vertical axis).  The engine turns them 180
degrees when the chosen duplex flip is the other one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Cell:
    """One page position on one side of a sheet; row 0 is the top row."""

    page: int | None  # 0-based source page, None for a padding blank
    col: int
    row: int
    rotate: int = 0  # 0 or 180 degrees
    creep: float = 0.0  # signed share of the creep shift: +1 moves the page fully right


Side = tuple[Cell, ...]
SheetOrder = tuple[Side, ...]  # (front,) or (front, back)


@dataclass(frozen=True)
class Line:
    """A fold or cut line on a column (axis "x") or row (axis "y") boundary."""

    kind: str  # "fold" or "cut"
    axis: str  # "x": vertical line at column boundary; "y": horizontal at row boundary
    boundary: int
    start: float = 0.0  # extent along the line, as a share of the grid
    end: float = 1.0


@dataclass(frozen=True)
class Order:
    """Sheets in print order, and the padded reading sequence they were made from."""

    sheets: list[SheetOrder]
    reading: list[int | None]

    @property
    def blank_positions(self) -> tuple[int, ...]:
        """1-based reading positions that are padding blanks."""
        return tuple(i + 1 for i, page in enumerate(self.reading) if page is None)


@dataclass(frozen=True)
class OrderOptions:
    """The options page order depends on."""

    blanks: str = "before-back"
    signature: int | None = None


@dataclass(frozen=True)
class Booklet:
    """Finished as a folded booklet: the sheets (of each signature) are cut across into
    ``bands``, the pile of each band goes on the next, and the stack is folded in half
    down the middle.  Bands are (top, bottom) shares of the sheet height measured from
    the top, the outermost pile first; one band is an uncut sheet.
    """

    bands: tuple[tuple[float, float], ...] = ((0.0, 1.0),)


@dataclass(frozen=True)
class Panel:
    """One panel of a sheet folded into panels: side 0 front / 1 back, column, row from the top;
    ``turned`` when it stands upside down on the flat sheet and upright once folded."""

    side: int
    col: int
    row: int
    turned: bool = False


@dataclass(frozen=True)
class Panels:
    """Finished as one sheet folded into panels: the panels in the order a reader meets them."""

    walk: tuple[Panel, ...]


Folding = Booklet | Panels


@dataclass(frozen=True)
class Scheme:
    """A complete imposition scheme: geometry, an order function, and how to finish it."""

    name: str
    cols: int
    rows: int
    two_sided: bool
    order: Callable[[int, OrderOptions], "Order"]
    help: str = ""  # a few words for ``zine impose --help``: "folded booklet"
    finish: str = ""  # the recipe's finishing words: "fold in half, staple on the fold"
    # Finishing words when the sheets are folded in separate signatures; {sheets} is "2 sheets".
    finish_groups: str = ""
    folding: Folding = Booklet()  # how the paper is cut and folded, as the fold simulator follows it
    # True: cells divide the sheet itself (folded sheets); False: a cell is the page trim size.
    panels: bool = False
    landscape: bool | None = None  # None: follow the shape of the grid
    max_pages: int | None = None
    instead: str = ""  # scheme to suggest when a one-sheet scheme gets too many pages
    lines: tuple[Line, ...] = ()
    nests: bool = False  # sheets are folded inside each other, so creep applies
    signatures: bool = False  # sheets can be folded in groups (--signature); a stapler's limit applies
    # Right to left (--rtl): the engine imposes the mirror image, which binds on the right.
    right_to_left: bool = True
    finish_rtl: str = "it binds on the right, for reading right to left"
    # Column widths as shares of the grid, per side (0 front, 1 back); None: equal.
    column_shares: Callable[[int, float], Sequence[float]] | None = field(default=None)


def mirrored(scheme: Scheme) -> Scheme:
    """The scheme's mirror image: the same sheets read right to left, bound on the right.

    Every cell moves to the mirrored column on its side (backs are described as the
    reader sees them, so a mirror of each side is a mirror of the sheet), creep pulls
    the other way, narrow columns and fold and cut lines move with their cells.  Pages
    stay upright: only where they go changes.
    """
    last = scheme.cols - 1

    def order(n: int, options: OrderOptions) -> Order:
        ltr = scheme.order(n, options)
        sheets = [tuple(tuple(replace(cell, col=last - cell.col, creep=-cell.creep) for cell in side)
                        for side in sheet) for sheet in ltr.sheets]
        return Order(sheets, ltr.reading)

    shares = scheme.column_shares
    return replace(scheme, order=order, lines=tuple(_mirrored_line(line, scheme.cols) for line in scheme.lines),
                   column_shares=(lambda side, width: list(reversed(shares(side, width)))) if shares else None)


def _mirrored_line(line: Line, cols: int) -> Line:
    if line.axis == "x":
        return replace(line, boundary=cols - line.boundary)
    return replace(line, start=1 - line.end, end=1 - line.start)


def padded(n: int, size: int, blanks: str) -> list[int | None]:
    """Pages 0..n-1 padded with blanks to a multiple of ``size``.

    By default the blanks go just before the back cover so the last page stays the
    outside back; ``blanks="end"`` puts them after it, as most other tools do.
    """
    missing = -n % size
    pages: list[int | None] = list(range(n))
    if blanks == "end" or n < 2:
        return pages + [None] * missing
    return pages[:-1] + [None] * missing + pages[-1:]


def saddle_sheets(pages: Sequence[int | None]) -> list[tuple[list, list]]:
    """Fronts and backs ([left, right]) of the sheets of one folded signature.

    Sheet 0 is the outermost.  With L the 1-based page list and N its length,
    front = [L[N-2s], L[2s+1]] and back = [L[2s+2], L[N-2s-1]].
    """
    n = len(pages)
    sheets = []
    for s in range(n // 4):
        front = [pages[n - 1 - 2 * s], pages[2 * s]]
        back = [pages[2 * s + 1], pages[n - 2 - 2 * s]]
        sheets.append((front, back))
    return sheets


def spread(pair: Sequence[int | None], share: float, row: int = 0) -> tuple[Cell, Cell]:
    """The left and right cell of a folded spread; creep pulls both toward the spine."""
    left, right = pair
    return (Cell(left, 0, row, creep=share), Cell(right, 1, row, creep=-share))


def panel_row(reading: Sequence[int | None], positions: Sequence[int], row: int = 0,
              rotate: int = 0) -> Side:
    """One row of panels, left to right, showing the given reading positions."""
    return tuple(Cell(reading[i], col, row, rotate) for col, i in enumerate(positions))


def depth(k: int, count: int) -> float:
    """How far sheet k of ``count`` nested sheets sits inside: 0 outermost, 1 innermost."""
    return k / (count - 1) if count > 1 else 0.0
