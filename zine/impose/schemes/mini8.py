"""The classic 8-page one-sheet zine: 4 x 2 panels on one side of a landscape sheet.

Top row turned 180 degrees reads 5 4 3 2, bottom row reads 6 7 8 1 (as pdfimpose's
``onepagezine``).  A slit along the centre between the 1/4 and 3/4 folds lets the
sheet fold into a booklet.
"""

from __future__ import annotations

from zine.impose.scheme import Line, Order, OrderOptions, Panel, Panels, Scheme, padded, panel_row

# Reading position (0-based) shown in each panel, top row then bottom row.
TOP = (4, 3, 2, 1)
BOTTOM = (5, 6, 7, 0)

# Slit and folded, the 8 panels form a loop; a reader walks it from the cover: bottom right,
# up to top right, leftwards along the top row, down to bottom left and right along the
# bottom row.  Folded lengthwise, the top row comes behind the bottom row, upright.
WALK = (Panel(0, 3, 1), Panel(0, 3, 0, True), Panel(0, 2, 0, True), Panel(0, 1, 0, True),
        Panel(0, 0, 0, True), Panel(0, 0, 1), Panel(0, 1, 1), Panel(0, 2, 1))


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
    help="8-page one-sheet zine",
    finish=("fold in eighths, cut the slit along the centre between the quarter folds, "
            "fold lengthwise and push the ends together into a booklet with page 1 on the cover"),
    folding=Panels(WALK),
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
