"""Letter-fold (trifold) pamphlet: 3 panels a side on one landscape sheet.

Outside, left to right: inside flap (page 5), back cover (6), front cover (1);
inside: pages 2, 3, 4.  The flap, the outside left panel (inside right), folds in
first and is 2 mm narrower so the cover closes over it cleanly.
"""

from __future__ import annotations

from zine.core.paper import MM
from zine.impose.scheme import Line, Order, OrderOptions, Panel, Panels, Scheme, padded, panel_row

NARROWER = 2 * MM
OUTSIDE = (4, 5, 0)  # reading positions (0-based) on the outside, left to right
INSIDE = (1, 2, 3)
# Folded, the cover (outside right) is on top; it opens to the inside, left to right,
# then the flap (outside left) and the back (outside middle).
WALK = (Panel(0, 2, 0), Panel(1, 0, 0), Panel(1, 1, 0), Panel(1, 2, 0), Panel(0, 0, 0), Panel(0, 1, 0))


def order(n: int, options: OrderOptions) -> Order:
    """Outside side, then the inside side."""
    reading = padded(n, 6, options.blanks)
    return Order([(panel_row(reading, OUTSIDE), panel_row(reading, INSIDE))], reading)


def column_shares(side: int, width: float) -> list[float]:
    """Panel widths as shares of the sheet width; the flap is the narrow one."""
    wide = (width + NARROWER) / 3 / width
    narrow = 1 - 2 * wide
    return [narrow, wide, wide] if side == 0 else [wide, wide, narrow]


SCHEME = Scheme(
    name="trifold",
    cols=3,
    rows=1,
    two_sided=True,
    order=order,
    help="6-panel letter fold",
    finish="fold the narrower panel (page 5 outside) in first, then fold the cover (page 1) over it",
    finish_rtl="it folds on the right, for reading right to left (the narrower panel is on the right outside)",
    folding=Panels(WALK),
    panels=True,
    landscape=True,
    max_pages=6,
    instead="saddle",
    lines=(Line("fold", "x", 1), Line("fold", "x", 2)),
    column_shares=column_shares,
)
