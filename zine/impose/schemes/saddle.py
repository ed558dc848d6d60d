"""Saddle stitch: two pages a side, sheets folded in half and stapled on the fold.

With ``signature`` the padded pages are split into groups of that many sheets, each
folded on its own and stacked (for sewn or glued books); the back cover stays last.
"""

from __future__ import annotations

from zine.impose.scheme import Booklet, Line, Order, OrderOptions, Scheme, depth, padded, saddle_sheets, spread


def order(n: int, options: OrderOptions) -> Order:
    """Sheets for n pages, outermost sheet of each signature first."""
    reading = padded(n, 4, options.blanks)
    per_group = 4 * (options.signature or len(reading) // 4)
    sheets = []
    for start in range(0, len(reading), per_group):
        group = saddle_sheets(reading[start:start + per_group])
        for k, (front, back) in enumerate(group):
            share = depth(k, len(group))
            sheets.append((spread(front, share), spread(back, share)))
    return Order(sheets, reading)


SCHEME = Scheme(
    name="saddle",
    cols=2,
    rows=1,
    two_sided=True,
    order=order,
    help="folded booklet",
    finish="fold in half, staple on the fold",
    finish_groups=("fold each group of {sheets} in half on its own, stack the folded groups in order "
                   "and sew or glue them at the spine"),
    folding=Booklet(),
    lines=(Line("fold", "x", 1),),
    nests=True,
    signatures=True,
)
