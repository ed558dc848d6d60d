"""Ink in the dead edge read from the page's own content stream gives PDFium's answer.

The check first reads each page's content for ink that is certain (a dark line or
area in the strip) and asks PDFium only about the rest. Whatever it decides that way
must be what PDFium alone says: the pages here are drawn so that some are settled by
the content stream and some must go on (light grey, transparency, CMYK, a clip that
hides the edge, a turned page), imposed with backs turned and not.
"""

from __future__ import annotations

import subprocess
import sys

import pikepdf
import pytest
from helpers.pdfmaker import A5, labelled_pdf, pdf_bytes

from zine.impose import ImposeOptions, impose, plan_for
from zine.impose.deadedge import pages_inking_edge, warning_for
from zine.pdf import page_sizes

W, H = A5
FRAME = f"3 3 {W - 6:.2f} {H - 6:.2f} re S".encode()
PAGES = {  # content -> ink in the dead edge?
    "a mid-grey frame 1 mm inside the edge": (b"0.6 G 1 w " + FRAME, True),
    "a frame just darker than the ink level": (b"0.78 G 1 w " + FRAME, True),
    "a frame just lighter than the ink level": (b"0.785 G 1 w " + FRAME, False),
    "a light grey frame": (b"0.9 G 1 w " + FRAME, False),
    "a dark frame seen through a faint transparency": (b"/GS0 gs 0 G 1 w " + FRAME, False),
    "a dark frame in CMYK": (b"0 0 0 1 K 1 w " + FRAME, True),
    "a dark frame clipped away": (b"q 20 20 380 555 re W n 0 G 1 w " + FRAME + b" Q", False),
    "a half-size frame": (b"q 0.5 0 0 0.5 0 0 cm 0 G 1 w " + FRAME + b" Q", True),
    "a filled band along the foot": (b"0 0 1 rg 0 0 419 4 re f", True),
    "a rule drawn in the safe area": (b"0 G 1 w 100 300 m 300 300 l S", False),
    "a rule after a white page-size box": (b"1 g 0 0 419 595 re f 0 G 2 w 0 1 m 419 1 l S", True),
}
ROTATED = "a frame on a page turned by /Rotate"


def _pdf() -> bytes:
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    faint = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, CA=0.1))
    label = b"\n0 g BT /F1 30 Tf 150 300 Td (P) Tj ET"
    for content, _ in PAGES.values():
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font), ExtGState=pikepdf.Dictionary(GS0=faint))
        pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, W, H], Resources=resources,
            Contents=pdf.make_stream(content + label))))
    # Landscape media turned upright: the frame is in the page's own (unturned) space.
    turned = f"0 G 1 w 3 3 {H - 6:.2f} {W - 6:.2f} re S".encode()
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, H, W], Rotate=90,
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)), Contents=pdf.make_stream(turned + label))))
    return pdf_bytes(pdf)


@pytest.fixture(scope="module")
def source() -> bytes:
    return _pdf()


@pytest.mark.parametrize("options", [ImposeOptions(), ImposeOptions(duplex="long"), ImposeOptions(scheme="quarter"),
                                     ImposeOptions(margin_mm=8)], ids=["short", "long", "quarter", "margin 8"])
def test_the_warning_names_what_pdfium_alone_finds(source, options):
    imposition = impose(source, options)
    plan = plan_for(page_sizes(source), options)
    by_pdfium = pages_inking_edge(plan, imposition.outputs)
    edge = [w for w in imposition.warnings if "sheet edge" in w]
    assert edge == [w for w in [warning_for(by_pdfium, options.margin_mm)] if w]


def test_the_pages_named_are_the_ones_with_ink_at_the_edge(source):
    imposition = impose(source, ImposeOptions())
    inked = [n for n, (_, ink) in enumerate(PAGES.values(), start=1) if ink] + [len(PAGES) + 1]
    assert [w for w in imposition.warnings if "sheet edge" in w] == [warning_for(inked, 5)]


def test_framed_pages_are_checked_without_loading_pdfium(tmp_path):
    """Pages whose content says it for certain need no renderer: PDFium is never loaded."""
    (tmp_path / "in.pdf").write_bytes(labelled_pdf(16, frame=True))
    script = ("import sys; from pathlib import Path; from zine.impose import ImposeOptions, impose; "
              "w = impose(Path(sys.argv[1]).read_bytes(), ImposeOptions()).warnings; "
              "print('pypdfium2' in sys.modules, w[0][:10])")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "in.pdf")], capture_output=True,
                            text=True, check=True)
    assert result.stdout.split() == ["False", "pages", "1-16"]
