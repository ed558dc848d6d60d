"""The classic 8-page one-sheet zine: 4 x 2 panels on one side of a landscape sheet.

Top row turned 180 degrees reads 5 4 3 2, bottom row reads 6 7 8 1 (as pdfimpose's
``onepagezine``).  A slit along the centre between the 1/4 and 3/4 folds lets the
sheet fold into a booklet.
"""

from __future__ import annotations

from zine.impose.scheme import Line, Order, OrderOptions, Scheme, padded, panel_row

# Reading position (0-based) shown in each panel, top row then bottom row.
TOP = (4, 3, 2, 1)
BOTTOM = (5, 6, 7, 0)


def order(n: int, options: OrderOptions) -> Order:
    """The one side of the one sheet."""
    reading = padded(n, 8, options.blanks)
    return Order([(panel_row(reading, TOP, 0, rotate=180) + panel_row(reading, BOTTOM, 1),)], reading)


SCHEME = Scheme(
    name="mini8",
    cols=4,
    rows=2,
    two_sided=False,
    order=order,
    panels=True,
    landscape=True,
    max_pages=8,
    instead="saddle (or quarter)",
    lines=(
        Line("fold", "x", 1),
        Line("fold", "x", 2),
        Line("fold", "x", 3),
        Line("fold", "y", 1),
        Line("cut", "y", 1, 0.25, 0.75),
    ),
)
