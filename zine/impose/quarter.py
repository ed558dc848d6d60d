"""Cut-and-stack, 4-up: two spreads a side, sheets cut in half, stacked, folded once.

Take the saddle order for 8 pages per sheet: virtual sheet k of the nest goes to
row k // P of physical sheet k % P (P sheets).  After cutting, the pile of top halves
goes on the pile of bottom halves and the whole stack is folded once and stapled.
"""

from __future__ import annotations

from .scheme import Cell, Line, Order, OrderOptions, Scheme, depth, padded, saddle_sheets


def order(n: int, options: OrderOptions) -> Order:
    """Physical sheets for n pages."""
    reading = padded(n, 8, options.blanks)
    nest = saddle_sheets(reading)
    count = len(nest) // 2
    sheets = []
    for p in range(count):
        rows = [(nest[p], 0, depth(p, len(nest))), (nest[count + p], 1, depth(count + p, len(nest)))]
        front = tuple(cell for (f, _), row, share in rows for cell in _spread(f, row, share))
        back = tuple(cell for (_, b), row, share in rows for cell in _spread(b, row, share))
        sheets.append((front, back))
    return Order(sheets, reading)


def _spread(pair: list, row: int, share: float) -> tuple[Cell, Cell]:
    left, right = pair
    return (Cell(left, 0, row, creep=share), Cell(right, 1, row, creep=-share))


SCHEME = Scheme(
    name="quarter",
    cols=2,
    rows=2,
    two_sided=True,
    order=order,
    lines=(Line("cut", "y", 1), Line("fold", "x", 1)),
    nests=True,
)
