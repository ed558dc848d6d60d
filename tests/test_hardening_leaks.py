"""Nothing reaches a printed PDF that the pages do not show, and no file outside its folder is read."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium

from pdfmaker import pdf_bytes
from zine.impose import ImposeOptions, impose


def _page_with_hidden_extras() -> bytes:
    """One page drawing text with /F1; its resources also reach an attachment and a script."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    unused_font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Courier, A=script))
    attachment = pdf.make_stream(b"private notes", Type=pikepdf.Name.EmbeddedFile)
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 419.53, 595.28],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font, F2=unused_font),
                                     XObject=pikepdf.Dictionary(X1=attachment),
                                     Extra=pikepdf.Dictionary(A=script)),
        Contents=pdf.make_stream(b"BT /F1 40 Tf 100 300 Td (Shown) Tj ET"))
    pdf.pages.append(pikepdf.Page(page))
    return pdf_bytes(pdf)


def test_impose_keeps_only_resources_the_page_content_uses():
    data = impose(_page_with_hidden_extras(), ImposeOptions(scheme="saddle", margin_mm=0)).outputs[""]
    with pikepdf.open(io.BytesIO(data)) as out:
        described = "".join(repr(obj) for obj in out.objects)  # nested dictionaries included
        streams = b"".join(obj.read_bytes() for obj in out.objects if isinstance(obj, pikepdf.Stream))
    assert "/EmbeddedFile" not in described and b"private notes" not in streams
    assert "/JavaScript" not in described and "app.alert" not in described
    assert "Shown" in pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
