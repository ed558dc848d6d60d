"""Small PDFs made for imposition tests: page k shows a big label "P<k>".

Built directly with pikepdf content streams (Helvetica, no font file) so a test
session makes hundreds of pages in milliseconds.
"""

from __future__ import annotations

import io
import re

import pikepdf
import pypdfium2 as pdfium

A5 = (419.53, 595.28)
A6 = (297.64, 419.53)
A7 = (209.76, 297.64)
A4 = (595.28, 841.89)


def labelled_pdf(n: int, size: tuple[float, float] = A5, sizes: list | None = None,
                 title: str = "Test zine", author: str = "Test author", filler_lines: int = 0,
                 frame: bool = False) -> bytes:
    """A PDF of n pages; page k (1-based) shows "P<k>" in big type near its centre."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding))
    for k in range(1, n + 1):
        width, height = sizes[k - 1] if sizes else size
        content = _label(k, width, height) + _filler(k, width, height, filler_lines)
        if frame:
            content += f"q 0.6 G 1 w 3 3 {width - 6:.2f} {height - 6:.2f} re S Q\n"
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, width, height],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(content.encode()))
        pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo["/Title"] = title
    pdf.docinfo["/Author"] = author
    return pdf_bytes(pdf, deterministic_id=True, compress_streams=True)


def pdf_bytes(pdf: pikepdf.Pdf, **save_options) -> bytes:
    """A pikepdf document saved to bytes."""
    buffer = io.BytesIO()
    pdf.save(buffer, **save_options)
    return buffer.getvalue()


def _label(k: int, width: float, height: float) -> str:
    size = min(width, height) / 6
    return f"BT /F1 {size:.1f} Tf {width * 0.2:.1f} {height * 0.45:.1f} Td (P{k}) Tj ET\n"


def _filler(k: int, width: float, height: float, lines: int) -> str:
    """Lines of small body text, for benchmarks that want text-heavy pages."""
    if not lines:
        return ""
    ops = ["BT /F1 8 Tf 10 TL", f"30 {height - 40:.1f} Td"]
    words = "the quick campaign group prints its zine on the copier at the library"
    for i in range(lines):
        ops.append(f"(Page {k} line {i}: {words} {i * k % 97}) '")
    return "\n".join(ops + ["ET"]) + "\n"


def encrypted_pdf() -> bytes:
    pdf = pikepdf.open(io.BytesIO(labelled_pdf(2)))
    return pdf_bytes(pdf, encryption=pikepdf.Encryption(user="secret", owner="secret"))


def zero_page_pdf() -> bytes:
    return pdf_bytes(pikepdf.new())


def labels_at(pdf: bytes, page: int = 0) -> dict[str, tuple[float, float, float, float]]:
    """Box of each "P<k>" label on a page (left, bottom, right, top of its first letter)."""
    textpage = pdfium.PdfDocument(pdf)[page].get_textpage()
    text = textpage.get_text_range()
    return {word.group(): textpage.get_charbox(word.start()) for word in re.finditer(r"\S+", text)}
