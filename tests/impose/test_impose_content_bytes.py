"""Page content read from its bytes, without pikepdf's parser, says what the parser says.

Imposing reads each page's content stream itself (``zine.impose.contentbytes``): the
resource names it may use, to cut the page's resources down, and the lines it draws,
for the dead-edge check. Odd but valid syntax (escaped names, comments, nested strings,
inline images, text objects) must never drop a resource the page draws with, and the
instructions read must be pikepdf's, or none at all (then pikepdf parses the page).
"""

from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium
import pytest
from helpers.pdfmaker import A5, pdf_bytes

from zine.impose import ImposeOptions, contentbytes, impose
from zine.impose.inkstream import OPERATORS

W, H = A5
STREAMS = {
    "a frame": b"q 0.6 G 1 w 3 3 413.53 589.28 re S Q",
    "text objects around a rule": b"BT /F1 12 Tf 20 20 Td (a string) Tj ET 0 G 0 1 m 419 1 l S "
                                  b"BT [(x) -5 <4142>] TJ 3 Tr ET 5 5 m",
    "a nested string": b"BT (a (nested) string) Tj ET 0 G 0 1 m 419 1 l S",
    "operands reset by other operators": b"1 2 BT 3 4 m 5 [6 7] true 8 l 9 (a) <41> 1 0 0 1 0 0 cm /N 1 2 3 re",
    "numbers pikepdf reads as operators": b"1.e5 2 m - 3 4 l . 1 2 m 007 3 m -.5 +.5 m",
    "a dictionary operand": b"/Span <</MCID 0 /A <41>>> BDC 1 2 m EMC",
    "vertical tab and NUL as space": b"1\x0b2 m 3\x004 l",
    "a comment": b"1 2 m % 3 4 l\n5 6 l",
    "an inline image": b"BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI 1 2 m",
    "a long integer": b"99999999999999999999999 2 m",
    "a string with an escaped bracket": b"(a\\)b) Tj 1 2 m (c\\\\) 3 4 l",
    "a brace": b"1 2 { 3 4 m",
}


def _pikepdf_reading(data: bytes) -> tuple:
    pdf = pikepdf.new()
    stream = pdf.make_stream(data)
    found = []
    for instruction in pikepdf.parse_content_stream(stream, " ".join(sorted(OPERATORS))):
        operands = []
        for value in instruction.operands:
            try:
                operands.append(value if isinstance(value, bool) or value is None else float(value))
            except TypeError:
                operands.append(None)
        found.append((tuple(operands), str(instruction.operator)))
    return tuple(found)


@pytest.mark.parametrize("data", list(STREAMS.values()), ids=list(STREAMS))
def test_instructions_read_from_bytes_are_pikepdfs_or_none(data):
    wanted = {name.encode(): name for name in OPERATORS}
    mine = contentbytes.instructions(data, wanted)
    assert mine is None or mine == _pikepdf_reading(data)


def test_plain_content_is_read_from_bytes():
    """The usual content (numbers, names, strings, arrays, text objects) is not left to pikepdf."""
    wanted = {name.encode(): name for name in OPERATORS}
    for name in ("a frame", "text objects around a rule", "operands reset by other operators"):
        assert contentbytes.instructions(STREAMS[name], wanted) == _pikepdf_reading(STREAMS[name])


def _page_pdf(contents: list[bytes]) -> bytes:
    """Pages each drawing with fonts, a form and colour spaces named in odd ways."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    form = pdf.make_stream(b"BT /F1 20 Tf 10 10 Td (Inform) Tj ET", Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Form, BBox=[0, 0, 200, 200],
                           Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    for content in contents:
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font, F2=font), XObject=pikepdf.Dictionary(X1=form),
                                       ColorSpace=pikepdf.Dictionary(CS0=pikepdf.Name.DeviceGray))
        pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, W, H], Resources=resources, Contents=pdf.make_stream(content))))
    return pdf_bytes(pdf, compress_streams=True)


PAGES = [
    b"BT /F#31 30 Tf 100 300 Td (Escaped) Tj ET",  # /F#31 is /F1
    b"q 100 100 cm %a comment\n/X1 Do Q",
    b"BT /F2 30 Tf 100 300 Td (A (nested) string) Tj ET",
    b"q 50 0 0 50 100 100 cm BI /W 1 /H 1 /CS /CS0 /BPC 8 ID \x00 EI Q",
]


def test_resources_drawn_with_in_odd_ways_are_kept():
    out = impose(_page_pdf(PAGES), ImposeOptions(margin_mm=0)).outputs[""]
    document = pdfium.PdfDocument(out)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    for word in ("Escaped", "Inform", "A (nested) string"):
        assert word in text
    imposed = pikepdf.open(io.BytesIO(out))
    forms = [form for page in imposed.pages for form in page.Resources.XObject.values()]
    kept = [{category: set(table.keys()) for category, table in form.Resources.items() if category != "/ProcSet"}
            for form in forms]
    assert {"/Font": {"/F1"}} in kept and {"/XObject": {"/X1"}} in kept and {"/Font": {"/F2"}} in kept
    assert {"/ColorSpace": {"/CS0"}} in kept  # named only in the inline image
