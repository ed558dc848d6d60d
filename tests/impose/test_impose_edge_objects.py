"""Ink in the dead edge, page by page, whatever draws it: rules, text, pictures, curves, forms.

The ink check decides most pages from their drawn objects and renders only what
those leave in doubt; either way a zine maker must get the same answer. Each page
here draws one kind of thing near its bottom edge (which is the sheet's edge once
imposed), or something that only looks like ink there.
"""

from __future__ import annotations

import pikepdf
import pypdfium2 as pdfium
import pytest
from helpers.pdfmaker import A5, pdf_bytes

from zine.impose import ImposeOptions, impose

W, H = A5
PAGES = {
    "a thin dark rule along the edge": (b"0 G 0.5 w 50 3 m 350 3 l S", True),
    "a white page-size box under centred text": (
        f"1 g 0 0 {W} {H} re f 0 g BT /F1 20 Tf 100 300 Td (Mid) Tj ET".encode(), False),
    "a small picture in the corner": (b"q 20 0 0 20 10 2 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\x00\x00\x00 EI Q", True),
    "a dark band clipped away by the page": (b"q 50 100 300 300 re W n 0 g 0 0 419 10 re f Q", False),
    "a curve inside the edge": (b"0 G 1 w 100 5 m 150 0 200 10 250 5 c S", True),
    "light grey text at the edge": (b"0.9 g BT /F1 10 Tf 100 4 Td (light) Tj ET", False),
    "black text at the edge": (b"0 g BT /F1 10 Tf 100 4 Td (dark) Tj ET", True),
    "a dark band drawn by a nested form": (b"q 1 0 0 1 50 1 cm /F0 Do Q", True),
    # PDFium's box of a stroke reaches a whole line width past the line: here into the edge.
    "a thick frame just clear of the edge": (f"0 G 4 w 17 17 {W - 34} {H - 34} re S".encode(), False),
}


def _pdf(contents: list[bytes]) -> bytes:
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    band = pdf.make_stream(b"0 g 0 0 100 5 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=[0, 0, 100, 100])
    for content in contents:
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font), XObject=pikepdf.Dictionary(F0=band))
        pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, W, H], Resources=resources,
            Contents=pdf.make_stream(content + b"\n0 g BT /F1 30 Tf 150 300 Td (P) Tj ET"))))
    return pdf_bytes(pdf)


@pytest.fixture(scope="module")
def imposed():
    return impose(_pdf([content for content, _ in PAGES.values()]), ImposeOptions())


def test_the_warning_names_exactly_the_pages_with_ink_at_the_edge(imposed):
    inked = [number for number, (_, ink) in enumerate(PAGES.values(), 1) if ink]
    assert inked == [1, 3, 5, 7, 8]
    assert len(imposed.warnings) == 1
    assert imposed.warnings[0].startswith("pages 1, 3, 5, 7-8 have ink within 5 mm of the sheet edge")


def test_the_pages_really_print_as_the_warning_says():
    """The test pages themselves, rendered: dark pixels in their bottom 5 mm (the sheet's edge once
    imposed) exactly on the pages expected to be named."""
    document = pdfium.PdfDocument(_pdf([content for content, _ in PAGES.values()]))
    try:
        for number, (_, ink) in enumerate(PAGES.values(), 1):
            image = document[number - 1].render(scale=100 / 72).to_pil().convert("L")
            strip = image.crop((0, image.height - 19, image.width, image.height))  # 5 mm at 100 dpi
            assert (strip.getextrema()[0] < 200) == ink, list(PAGES)[number - 1]
    finally:
        document.close()


@pytest.mark.parametrize("name", ["a thin dark rule along the edge", "a small picture in the corner",
                                  "a curve inside the edge", "a dark band drawn by a nested form"])
def test_a_page_alone_is_named(name):
    clean = PAGES["a white page-size box under centred text"][0]
    imposition = impose(_pdf([clean, clean, PAGES[name][0], clean]), ImposeOptions())
    assert imposition.warnings and imposition.warnings[0].startswith("page 3 has ink within 5 mm")


def test_ink_within_a_wider_margin_only():
    # The rule sits 3 pt (about 1 mm) above the page's edge: inside 2 mm, outside 0.5 mm.
    rule = PAGES["a thin dark rule along the edge"][0]
    data = _pdf([rule] * 4)
    assert impose(data, ImposeOptions(margin_mm=2)).warnings
    assert impose(data, ImposeOptions(margin_mm=0.5)).warnings == ()
