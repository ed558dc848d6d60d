"""Fold the printed PDF back (tests/helpers/foldsim.py) and read it: order and orientation."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
from helpers.foldsim import folded_pages, folded_reading_order, half_sheet_texts
from hypothesis import given, settings
from hypothesis import strategies as st
from helpers.pdfmaker import A5, A7, labelled_pdf

from zine.impose import ImposeOptions, impose

PANEL = (280.0, 595.0)  # a trifold panel, about a third of landscape A4


@lru_cache(maxsize=None)
def source(n: int, size: tuple[float, float] = A5) -> bytes:
    return labelled_pdf(n, size)


def expected(n: int, padded: int, blanks: str = "before-back") -> list[str]:
    labels = [f"P{k}" for k in range(1, n + 1)]
    pad = [""] * (padded - n)
    if blanks == "end" or n == 1:
        return labels + pad
    return labels[:-1] + pad + labels[-1:]


def fold(n: int, options: ImposeOptions, size=A5):
    """Impose n labelled pages, write the output(s), fold them back."""
    imposition = impose(source(n, size), options)
    with tempfile.TemporaryDirectory() as folder:
        for suffix, data in imposition.outputs.items():
            (Path(folder) / f"out{suffix}.pdf").write_bytes(data)
        name = "out-fronts.pdf" if options.duplex == "manual" and "-fronts" in imposition.outputs else "out.pdf"
        return folded_pages(Path(folder) / name, options.scheme, options.duplex, options.signature, options.rtl)


def check(pages, n: int, multiple: int, blanks: str = "before-back") -> None:
    assert [p.text.strip() for p in pages] == expected(n, n + (-n % multiple), blanks)
    upside_down = [p.text for p in pages if p.text.strip() and not p.upright]
    assert upside_down == []


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 200), duplex=st.sampled_from(["short", "long", "manual"]),
       blanks=st.sampled_from(["before-back", "end"]))
def test_saddle_folds_in_reading_order(n, duplex, blanks):
    options = ImposeOptions(duplex=duplex, blanks=blanks, margin_mm=0)
    check(fold(n, options), n, 4, blanks)


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 120), signature=st.integers(1, 6), duplex=st.sampled_from(["short", "long"]))
def test_saddle_signatures_fold_in_reading_order(n, signature, duplex):
    options = ImposeOptions(duplex=duplex, signature=signature, margin_mm=0, creep_mm=0.5)
    check(fold(n, options), n, 4)


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 120), duplex=st.sampled_from(["short", "long", "manual"]))
def test_quarter_cut_stack_fold_in_reading_order(n, duplex):
    options = ImposeOptions(scheme="quarter", duplex=duplex, fit=True)
    check(fold(n, options), n, 8)


@pytest.mark.parametrize("n", range(1, 9))
def test_mini8_folds_in_reading_order(n):
    check(fold(n, ImposeOptions(scheme="mini8", margin_mm=0), A7), n, 8)


@pytest.mark.parametrize("n", range(1, 7))
@pytest.mark.parametrize("duplex", ["short", "long", "manual"])
def test_trifold_folds_in_reading_order(n, duplex):
    check(fold(n, ImposeOptions(scheme="trifold", duplex=duplex, fit=True), PANEL), n, 6)


@pytest.mark.parametrize("printed, read", [("short", "long"), ("long", "short")])
def test_fold_simulation_catches_the_wrong_flip(printed, read, tmp_path):
    """The simulation is not blind: a file made for one flip, printed with the other, fails."""
    out = tmp_path / "out.pdf"
    out.write_bytes(impose(source(8), ImposeOptions(duplex=printed, margin_mm=0)).outputs[""])
    pages = folded_pages(out, "saddle", read)
    assert any(p.text.strip() and not p.upright for p in pages)


def test_helpers_for_real_builds(tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(impose(source(8), ImposeOptions(margin_mm=0)).outputs[""])
    assert folded_reading_order(out) == [f"P{k}" for k in range(1, 9)]
    assert half_sheet_texts(out)[:2] == [("P8", "P1"), ("P2", "P7")]


# Right to left: each scheme folded as the mirror image, spine on the right, must read in order.
RTL = [("saddle", A5, 4, {"margin_mm": 0}), ("quarter", (297.64, 419.53), 8, {"fit": True}),
       ("mini8", A7, 8, {"margin_mm": 0}), ("trifold", PANEL, 6, {"fit": True})]


@pytest.mark.parametrize("scheme, size, multiple, extra, n",
                         [(*r, n) for r in RTL for n in (1, 3, 6, 8, 13) if n <= 8 or r[0] in ("saddle", "quarter")
                          if n <= 6 or r[0] != "trifold"])
@pytest.mark.parametrize("duplex", ["short", "long", "manual"])
def test_right_to_left_folds_in_reading_order(scheme, size, multiple, extra, n, duplex):
    options = ImposeOptions(scheme=scheme, duplex=duplex, rtl=True, **extra)
    check(fold(n, options, size), n, multiple)


@pytest.mark.parametrize("scheme, size, multiple, extra", RTL, ids=[r[0] for r in RTL])
def test_right_to_left_is_not_the_left_to_right_fold(scheme, size, multiple, extra):
    """The simulator tells the two apart: a right-to-left piece folded left to right is out of order."""
    n = 6 if scheme == "trifold" else 8
    imposition = impose(source(n, size), ImposeOptions(scheme=scheme, rtl=True, **extra))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "out.pdf").write_bytes(imposition.outputs[""])
        as_ltr = folded_reading_order(Path(folder) / "out.pdf", scheme)
    assert as_ltr != [f"P{k}" for k in range(1, n + 1)]


@settings(max_examples=10, deadline=None)
@given(n=st.integers(1, 120), signature=st.integers(1, 6), duplex=st.sampled_from(["short", "long"]))
def test_right_to_left_signatures_fold_in_reading_order(n, signature, duplex):
    options = ImposeOptions(duplex=duplex, signature=signature, margin_mm=0, creep_mm=0.5, rtl=True)
    check(fold(n, options), n, 4)


def test_right_to_left_saddle_puts_page_one_on_the_left_of_the_outer_front(tmp_path):
    """Bound on the right: the cover (page 1) is the left half of the outside, as an Arabic booklet."""
    out = tmp_path / "out.pdf"
    out.write_bytes(impose(source(8), ImposeOptions(margin_mm=0, rtl=True)).outputs[""])
    assert half_sheet_texts(out) == [("P1", "P8"), ("P7", "P2"), ("P3", "P6"), ("P5", "P4")]
