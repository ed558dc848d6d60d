"""Cut-and-stack, 4-up: two spreads a side, sheets cut in half, stacked, folded once.

Take the saddle order for 8 pages per sheet: virtual sheet k of the nest goes to
row k // P of physical sheet k % P (P sheets).  After cutting, the pile of top halves
goes on the pile of bottom halves and the whole stack is folded once and stapled.
"""

from __future__ import annotations

from zine.impose.scheme import Booklet, Line, Order, OrderOptions, Scheme, Side, depth, padded, saddle_sheets, spread


def order(n: int, options: OrderOptions) -> Order:
    """Physical sheets for n pages."""
    reading = padded(n, 8, options.blanks)
    nest = saddle_sheets(reading)
    count = len(nest) // 2
    sheets = [tuple(_spread_of(nest, p, side, 0) + _spread_of(nest, count + p, side, 1) for side in (0, 1))
              for p in range(count)]
    return Order(sheets, reading)


def _spread_of(nest: list, k: int, side: int, row: int) -> Side:
    """Virtual sheet k's front (side 0) or back (1), as the cells of ``row``."""
    return spread(nest[k][side], depth(k, len(nest)), row)


SCHEME = Scheme(
    name="quarter",
    cols=2,
    rows=2,
    two_sided=True,
    order=order,
    help="4-up cut and stack",
    finish=("cut along the dashed line, put the pile of top halves on the pile of bottom halves, "
            "fold in half with page 1 outside, staple on the fold"),
    # The pile of top halves goes outside the pile of bottom halves.
    folding=Booklet(bands=((0.0, 0.5), (0.5, 1.0))),
    lines=(Line("cut", "y", 1), Line("fold", "x", 1)),
    nests=True,
)
