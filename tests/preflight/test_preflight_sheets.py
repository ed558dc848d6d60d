"""Imposed PDFs in check and preview: sides named "sheet N front/back", folds where the plan put them.

A print PDF zine wrote carries its imposition (a document-info stamp); a PDF
imposed elsewhere is read by its sheet size and page count. The PDFs are made
with tests/helpers/pdfmaker.py and imposed by ``zine.impose``; findings and images are
read back from what check and preview produce.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from PIL import Image
from helpers.pdfmaker import A4, A5, labelled_pdf

from zine.impose import ImposeOptions, impose
from zine.preflight.checks.content import CheckOptions
from zine.preflight.prepare import prepare_pdf
from zine.preview.draw import FOLD, preview
from zine.preflight.check import check
from zine.preflight.sheets import sheet_lines

LANDSCAPE_A4 = (A4[1], A4[0])
SIDE_LABELS = [f"sheet {n} {side}" for n in (1, 2, 3) for side in ("front", "back")]


def imposed(tmp_path, pages: int, size=A5, **options):
    """Impose framed pages (ink at every page edge) and write the print PDF."""
    imposition = impose(labelled_pdf(pages, size, frame=True), ImposeOptions(**options))
    path = tmp_path / "print.pdf"
    path.write_bytes(imposition.outputs[""])
    return path


def edge_sides(report) -> list[str]:
    """Each side named by an edge finding, once, in the order of the report."""
    names = []
    for finding in report.findings:
        if finding.code == "edge-ink" and f"sheet {finding.sheet} {finding.side}" not in names:
            names.append(f"sheet {finding.sheet} {finding.side}")
    return names


def test_check_names_the_sides_of_zines_own_print_pdf(tmp_path):
    report = check(imposed(tmp_path, 12))
    assert (report.pages, report.sheets, report.sheet_label) == (12, 3, "A4")
    assert "3 sheets of A4, print double-sided, flip on short edge" in report.recipe
    assert sorted(edge_sides(report)) == sorted(SIDE_LABELS)
    assert {f.page for f in report.findings if f.code == "edge-ink"} <= set(range(1, 13))


def test_check_names_the_sides_of_a_pdf_imposed_elsewhere(tmp_path):
    path = tmp_path / "sheets.pdf"
    path.write_bytes(labelled_pdf(6, LANDSCAPE_A4, frame=True))  # six landscape A4 pages: 3 sheets, 2 sides
    report = check(path, CheckOptions())
    assert report.sheets == 3
    assert sorted(edge_sides(report)) == sorted(SIDE_LABELS)
    assert max(f.sheet for f in report.findings if f.sheet) == 3


def test_preview_names_the_sides_of_an_imposed_pdf(tmp_path):
    result = preview(imposed(tmp_path, 12), tmp_path / "out", dpi=24, thumb=100)
    assert [p.name for p in result.sides] == [f"{label.replace(' ', '-')}.png" for label in SIDE_LABELS]
    assert "flip on short edge" in result.recipe


def fold_columns(png) -> list[int]:
    """x of the fold-coloured pixels along a few rows across a preview image (the lines are dashed)."""
    image = Image.open(png).convert("RGB")
    rows = [round(image.height * share / 10) for share in range(2, 9)]
    return sorted({x for y in rows for x in range(image.width) if image.getpixel((x, y)) == FOLD})


def printed_folds(path, side: int) -> list[float]:
    """x of the vertical fold marks printed on a side (the marks are the page's path objects)."""
    page = pdfium.PdfDocument(str(path))[side]
    xs = set()
    for obj in page.get_objects(max_depth=0):
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH:
            left, _, right, _ = obj.get_bounds()
            if right - left < 2:
                xs.add(round((left + right) / 2, 1))
    return sorted(xs)


@pytest.mark.parametrize("duplex", ["short", "long"])
def test_trifold_fold_lines_follow_the_printed_marks_on_turned_backs(tmp_path, duplex):
    path = imposed(tmp_path, 6, (280, 595), scheme="trifold", duplex=duplex, fit=True, marks=frozenset({"fold"}))
    prepared = prepare_pdf(path)
    assert prepared.plan is not None
    for side in (0, 1):
        lines = sorted(round(line.x0, 1) for line in sheet_lines(prepared.plan, side))
        assert len(lines) == 2  # a trifold folds twice
        assert lines == pytest.approx(printed_folds(path, side), abs=0.2)


def test_trifold_back_preview_draws_the_folds_mirrored_for_long_edge(tmp_path):
    short = preview(imposed(tmp_path, 6, (280, 595), scheme="trifold", fit=True), tmp_path / "s", dpi=72)
    long_path = tmp_path / "long"
    long_path.mkdir()
    long = preview(imposed(long_path, 6, (280, 595), scheme="trifold", duplex="long", fit=True),
                   tmp_path / "l", dpi=72)
    width = Image.open(short.sides[1]).width
    short_back, long_back = fold_columns(short.sides[1]), fold_columns(long.sides[1])
    assert short_back and long_back
    # The long-edge back is the short-edge back turned round: its folds sit mirrored (within a pixel or two).
    assert sorted(width - 1 - x for x in short_back) == pytest.approx(sorted(long_back), abs=2)
    assert abs(min(short_back) - min(long_back)) > 2  # the 2 mm narrower flap moves with the turn
