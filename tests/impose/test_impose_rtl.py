"""Right-to-left imposition from the command line, and what check and preview read back.

The fold orders themselves are checked by the fold simulator in test_impose_fold.py;
here: ``zine impose --rtl`` on any PDF, the recipe saying the booklet binds on the
right, the trifold's narrow flap and fold lines moving to the other side, and the
stamp carrying the direction so that check and preview plan the same sheets.
"""

from __future__ import annotations

import pikepdf
import pytest
from click.testing import CliRunner
from helpers.foldsim import folded_reading_order, half_sheet_texts
from helpers.pdfmaker import A5, A7, labelled_pdf

from zine.cli import main
from zine.impose import ImposeOptions, impose, plan_for
from zine.impose.stamp import KEY
from zine.preflight.prepare import prepare_pdf
from zine.preflight.sheets import sheet_lines

PANEL = (280.0, 595.0)


def impose_cli(tmp_path, pdf: bytes, *args: str):
    source = tmp_path / "in.pdf"
    source.write_bytes(pdf)
    out = tmp_path / "out.pdf"
    return CliRunner().invoke(main, ["impose", str(source), "-o", str(out), *args]), out


@pytest.mark.parametrize("duplex", ["short", "long"])
def test_impose_rtl_makes_a_booklet_bound_on_the_right(tmp_path, duplex):
    result, out = impose_cli(tmp_path, labelled_pdf(10), "--rtl", "--duplex", duplex)
    assert result.exit_code == 0, result.output
    assert "fold in half, staple on the fold; it binds on the right, for reading right to left" in result.output
    assert folded_reading_order(out, "saddle", duplex, rtl=True) == \
        ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "", "", "P10"]
    # Page 1 (the cover) sits where a left-to-right booklet has its back cover: left of the outer front.
    assert half_sheet_texts(out, duplex)[0] == ("P1", "P10")


def test_without_rtl_nothing_changes(tmp_path):
    result, out = impose_cli(tmp_path, labelled_pdf(8))
    assert "binds on the right" not in result.output
    assert half_sheet_texts(out)[0] == ("P8", "P1")
    with pikepdf.open(out) as pdf:  # the stamp of a left-to-right PDF is as it always was
        assert "rtl" not in str(pdf.docinfo[KEY])


def test_impose_rtl_mini8_recipe_and_order(tmp_path):
    result, out = impose_cli(tmp_path, labelled_pdf(8, A7), "--rtl", "--scheme", "mini8", "--margin", "0")
    assert result.exit_code == 0, result.output
    assert "into a booklet with page 1 on the cover; it binds on the right" in result.output
    assert folded_reading_order(out, "mini8", rtl=True) == [f"P{k}" for k in range(1, 9)]


def test_rtl_trifold_moves_the_narrow_flap_and_its_folds_to_the_other_side():
    ltr = plan_for([PANEL] * 6, ImposeOptions(scheme="trifold", fit=True))
    rtl = plan_for([PANEL] * 6, ImposeOptions(scheme="trifold", fit=True, rtl=True))
    width = ltr.width
    for side in (0, 1):
        ltr_folds = sorted(g.segment.x0 for g in ltr.sides[side].guides)
        rtl_folds = sorted(g.segment.x0 for g in rtl.sides[side].guides)
        assert rtl_folds == pytest.approx(sorted(width - x for x in ltr_folds))
        assert rtl_folds != pytest.approx(ltr_folds)  # the flap is 2 mm narrower: not symmetric
    # The flap (page 5) is on the right of the outside, the cover (page 1) on the left.
    outside = {p.page + 1: p.clip for p in rtl.sides[0].placements}
    assert outside[1].x < outside[6].x < outside[5].x
    assert outside[5].w < outside[1].w


def test_rtl_creep_pulls_pages_toward_the_spine_still():
    plain = plan_for([A5] * 16, ImposeOptions(margin_mm=0, rtl=True))
    crept = plan_for([A5] * 16, ImposeOptions(margin_mm=0, rtl=True, creep_mm=2))
    centre = plain.width / 2
    inner = plain.sides[-1]  # the innermost sheet's back
    for before, after in zip(inner.placements, crept.sides[-1].placements):
        assert abs(after.rect.x + after.rect.w / 2 - centre) < abs(before.rect.x + before.rect.w / 2 - centre)


def test_check_and_preview_read_an_rtl_print_pdf_as_it_was_imposed(tmp_path):
    options = ImposeOptions(scheme="trifold", fit=True, rtl=True)
    path = tmp_path / "print.pdf"
    path.write_bytes(impose(labelled_pdf(6, PANEL), options).outputs[""])
    prepared = prepare_pdf(path)
    assert prepared.plan is not None
    planned = plan_for([PANEL] * 6, options)
    assert [round(line.x0, 1) for line in sheet_lines(prepared.plan, 0)] == \
        [round(g.segment.x0, 1) for g in planned.sides[0].guides]
    assert "for reading right to left" in prepared.recipe


def test_rtl_on_a_scheme_that_says_it_cannot_is_an_error(tmp_path, monkeypatch):
    from dataclasses import replace

    from zine.impose.schemes import all_schemes, get_scheme

    one_way = {**all_schemes(), "saddle": replace(get_scheme("saddle"), right_to_left=False)}
    monkeypatch.setattr("zine.impose.schemes.all_schemes", lambda: one_way)
    monkeypatch.setattr("zine.impose.options.get_scheme", lambda name, source: one_way[name])
    result, out = impose_cli(tmp_path, labelled_pdf(4), "--rtl")
    assert result.exit_code == 1
    assert "Error: in.pdf: --rtl does not apply to the saddle scheme" in result.output.replace(str(tmp_path) + "/", "")
    assert not out.exists()
