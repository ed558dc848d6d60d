"""Page order and placement as data: every page once, blanks only as padding, measured orders."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from helpers.pdfmaker import A5, A7

from zine.core.errors import ImposeError
from zine.impose import SCHEMES, ImposeOptions, plan_for
from zine.impose.scheme import OrderOptions

MOST = 200  # pages tried in a scheme that takes any number


def capacity(scheme: str) -> int:
    return SCHEMES[scheme].max_pages or MOST


def per_sheet(scheme: str) -> int:
    """Cells on a whole sheet: the multiple the pages are padded to."""
    described = SCHEMES[scheme]
    return described.cols * described.rows * (2 if described.two_sided else 1)


def sides_as_pages(scheme: str, n: int, **options) -> list[list[list[int | None]]]:
    """Each sheet's sides as rows of 1-based pages (None for blanks), backs in book view."""
    order = SCHEMES[scheme].order(n, OrderOptions(**options))
    result = []
    for sheet in order.sheets:
        for side in sheet:
            rows = {}
            for cell in side:
                rows.setdefault(cell.row, {})[cell.col] = None if cell.page is None else cell.page + 1
            result.append([[row[c] for c in sorted(row)] for _, row in sorted(rows.items())])
    return result


def spreads(scheme: str, n: int, **options) -> list[list[int | None]]:
    return [side[0] for side in sides_as_pages(scheme, n, **options)]


# --- orders measured against pdfimpose 2.10 (see the field notes) ------------------------------

@pytest.mark.parametrize("n, expected", [
    (8, [[8, 1], [2, 7], [6, 3], [4, 5]]),
    (10, [[10, 1], [2, None], [None, 3], [4, 9], [8, 5], [6, 7]]),
    (12, [[12, 1], [2, 11], [10, 3], [4, 9], [8, 5], [6, 7]]),
])
def test_saddle_order_matches_pdfimpose_last_1(n, expected):
    assert spreads("saddle", n) == expected


def test_saddle_signatures_keep_back_cover_last():
    # pdfimpose hardcover --group 2 --last 1, second signature of a 13-page booklet
    assert spreads("saddle", 13, signature=2)[4:] == [[13, 9], [10, None], [None, 11], [12, None]]


def test_saddle_blanks_at_end_when_asked():
    assert spreads("saddle", 10, blanks="end") == [[None, 1], [2, None], [10, 3], [4, 9], [8, 5], [6, 7]]


def test_mini8_order_matches_onepagezine():
    assert sides_as_pages("mini8", 8) == [[[5, 4, 3, 2], [6, 7, 8, 1]]]
    top = [c for c in SCHEMES["mini8"].order(8, OrderOptions()).sheets[0][0] if c.row == 0]
    assert {c.rotate for c in top} == {180}


def test_mini8_pads_before_back_cover():
    assert sides_as_pages("mini8", 6) == [[[5, 4, 3, 2], [None, None, 6, 1]]]


def test_quarter_is_saddle_order_spread_over_cells():
    # One sheet: virtual sheet 0 on the top row, virtual sheet 1 on the bottom row.
    assert sides_as_pages("quarter", 8) == [[[8, 1], [6, 3]], [[2, 7], [4, 5]]]
    # Two sheets: virtual sheet k goes to row k // 2 of sheet k % 2.
    sixteen = sides_as_pages("quarter", 16)
    assert sixteen[0] == [[16, 1], [12, 5]] and sixteen[2] == [[14, 3], [10, 7]]


def test_trifold_panels():
    assert sides_as_pages("trifold", 6) == [[[5, 6, 1]], [[2, 3, 4]]]


# --- properties over page counts ---------------------------------------------------------------

OPTIONS = st.fixed_dictionaries({
    "duplex": st.sampled_from(["short", "long", "manual"]),
    "blanks": st.sampled_from(["before-back", "end"]),
    "marks": st.frozensets(st.sampled_from(["crop", "fold", "cut"])),
    "margin_mm": st.sampled_from([0.0, 5.0]),
    "rtl": st.booleans(),
})


@st.composite
def cases(draw):
    scheme = draw(st.sampled_from(sorted(SCHEMES)))
    n = draw(st.integers(1, capacity(scheme)))
    options = draw(OPTIONS)
    if SCHEMES[scheme].signatures:
        options["signature"] = draw(st.none() | st.integers(1, 12))
    if SCHEMES[scheme].nests:
        options["creep_mm"] = draw(st.sampled_from([0.0, 1.2]))
    return scheme, n, options


@settings(max_examples=300, deadline=None)
@given(cases())
def test_every_page_placed_exactly_once(case):
    scheme, n, options = case
    size = A7 if SCHEMES[scheme].panels else A5
    plan = plan_for([size] * n, ImposeOptions(scheme=scheme, fit=True, **options))
    placed = [p.page for side in plan.sides for p in side.placements]
    assert sorted(placed) == list(range(n))
    # Every side lands in exactly one output file.
    used = sorted(i for sides in plan.outputs.values() for i in sides)
    assert used == list(range(len(plan.sides)))


@settings(max_examples=300, deadline=None)
@given(cases())
def test_blanks_only_pad_and_back_cover_stays_last(case):
    scheme, n, options = case
    order_options = OrderOptions(options["blanks"], options.get("signature"))
    reading = SCHEMES[scheme].order(n, order_options).reading
    pages = [p for p in reading if p is not None]
    assert pages == list(range(n))
    assert len(reading) - n == -n % per_sheet(scheme)  # the fewest blanks that make whole sheets
    if options["blanks"] == "end" or n == 1:
        assert reading[:n] == list(range(n))
    else:
        assert reading[-1] == n - 1
        assert reading[:n - 1] == list(range(n - 1))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 200), st.integers(1, 12))
def test_signatures_add_no_sheets(n, signature):
    plan = plan_for([A5] * n, ImposeOptions(signature=signature, margin_mm=0))
    assert plan.sheets == -(-n // 4)  # signatures never add sheets beyond the padding to 4


def test_one_sheet_schemes_refuse_extra_pages():
    with pytest.raises(ImposeError, match="9 pages do not fit the mini8 scheme, which holds at most 8: "
                                         r"use --scheme saddle \(or quarter\)"):
        plan_for([A7] * 9, ImposeOptions(scheme="mini8"))
    with pytest.raises(ImposeError, match="7 pages do not fit the trifold scheme, which holds at most 6: "
                                         "use --scheme saddle"):
        plan_for([A7] * 7, ImposeOptions(scheme="trifold", fit=True))
