"""Pages made elsewhere impose at full size; ink in the copier's dead edge is warned about.

The PDFs here are made by tests/helpers/pdfmaker.py, not by zine: ordinary A5 and A7
pages with white margins of their own, and pages with a frame drawn 1 mm inside
their edge (ink a copier cannot print once the page sits at a sheet edge).
"""

from __future__ import annotations

import io

import pikepdf
import pytest
from click.testing import CliRunner
from helpers.foldsim import folded_reading_order
from helpers.pdfmaker import A5, A6, A7, labelled_pdf

from zine.cli import main
from zine.core.paper import MM
from zine.impose import ImposeOptions, impose, plan_for
from zine.impose.deadedge import pages_inking_edge


def impose_cli(tmp_path, data: bytes, *args: str):
    source = tmp_path / "in.pdf"
    source.write_bytes(data)
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "out.pdf"), *args])
    return result, tmp_path / "out.pdf"


def page_boxes(path) -> list[tuple[float, float]]:
    with pikepdf.open(path) as pdf:
        return [tuple(float(v) for v in page.mediabox[2:]) for page in pdf.pages]


def test_a5_booklet_on_a4_needs_no_flag(tmp_path):
    result, out = impose_cli(tmp_path, labelled_pdf(10, A5))
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output and "scaled" not in result.output
    assert page_boxes(out) == [(841.89, 595.28)] * 6  # 3 sheets, both sides
    assert folded_reading_order(out) == [f"P{k}" for k in range(1, 10)] + ["", "", "P10"]


def test_a7_mini8_needs_no_flag(tmp_path):
    result, out = impose_cli(tmp_path, labelled_pdf(7, A7), "--scheme", "mini8")
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output
    assert folded_reading_order(out, "mini8") == [f"P{k}" for k in range(1, 7)] + ["", "P7"]


def test_pages_sit_at_full_size_centred_on_the_sheet():
    plan = plan_for([A5] * 4, ImposeOptions())
    assert plan.scale == 1.0
    left, right = (p.rect for p in plan.sides[0].placements)
    assert (left.w, left.h) == pytest.approx(A5)
    assert left.right == pytest.approx(841.89 / 2) and right.x == pytest.approx(841.89 / 2)


def test_ink_in_the_dead_edge_is_warned_about_naming_the_pages(tmp_path):
    result, out = impose_cli(tmp_path, labelled_pdf(10, A5, frame=True))
    assert result.exit_code == 0 and out.is_file()
    assert ("Warning: pages 1-10 have ink within 5 mm of the sheet edge, which copiers leave unprinted: "
            "pass --fit to scale the pages down into the safe area, or --margin 0 if your printer "
            "prints that close to the edge") in result.output


def test_only_the_pages_with_edge_ink_are_named():
    framed = labelled_pdf(8, A7, frame=True)
    plain = labelled_pdf(8, A7)
    with pikepdf.open(io.BytesIO(plain)) as pdf, pikepdf.open(io.BytesIO(framed)) as ink:
        for k in (2, 5):  # pages 3 and 6 get the frame
            pdf.pages[k].Contents = pdf.make_stream(ink.pages[k].Contents.read_bytes())
        buffer = io.BytesIO()
        pdf.save(buffer)
    imposition = impose(buffer.getvalue(), ImposeOptions(scheme="mini8"))
    assert imposition.warnings and imposition.warnings[0].startswith("pages 3, 6 have ink within 5 mm")


@pytest.mark.parametrize("options", [ImposeOptions(fit=True), ImposeOptions(margin_mm=0)])
def test_fit_or_no_margin_means_no_warning(options):
    imposition = impose(labelled_pdf(4, A5, frame=True), options)
    assert imposition.warnings == ()


def test_fit_still_scales_into_the_margin():
    imposition = impose(labelled_pdf(4, A5, frame=True), ImposeOptions(fit=True))
    assert imposition.scale < 0.96 and "Pages scaled to 95%" in imposition.recipe


def test_margin_sets_how_deep_the_dead_edge_is():
    # The frame sits 3 pt (about 1 mm) inside each page edge: inside a 2 mm edge, outside a 0.5 mm one.
    data = labelled_pdf(4, A6, frame=True)
    assert impose(data, ImposeOptions(scheme="quarter", margin_mm=2)).warnings
    assert impose(data, ImposeOptions(scheme="quarter", margin_mm=0.5)).warnings == ()


def test_printed_marks_in_the_margin_are_not_ink_of_a_page():
    imposition = impose(labelled_pdf(8, A6), ImposeOptions(scheme="quarter", marks=frozenset({"cut", "fold"})))
    plan = plan_for([A6] * 8, ImposeOptions(scheme="quarter", marks=frozenset({"cut", "fold"})))
    assert any(side.marks for side in plan.sides)  # the marks are there, and are not taken for ink
    assert pages_inking_edge(plan, imposition.outputs) == []


def test_quarter_has_fold_marks_beside_the_cut():
    plan = plan_for([A6] * 8, ImposeOptions(scheme="quarter", marks=frozenset({"fold"}), margin_mm=0))
    middle, fold = 841.89 / 2, 595.28 / 2
    at_cut = [m for m in plan.sides[0].marks if abs(m.x0 - fold) < 0.01 and abs((m.y0 + m.y1) / 2 - middle) < 10 * MM]
    assert len(at_cut) == 2
    below, above = sorted(at_cut, key=lambda m: m.y0)
    assert max(below.y0, below.y1) < middle < min(above.y0, above.y1)
