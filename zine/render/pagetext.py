"""The text of rendered pages as PDFium reads it back: runs of text with their boxes, read
once per PDF for the page turns (``pageturns``) and the fill report (``fillreport``)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def text_runs(pdf: bytes) -> tuple[tuple[tuple[float, float, float, float, str], ...], ...]:
    """Each page's runs of text as (left, bottom, right, top, text), read once for the page
    turns and the fill report of the same pages."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return tuple(_runs(document[index]) for index in range(len(document)))
    finally:
        document.close()


def _runs(page) -> tuple[tuple[float, float, float, float, str], ...]:
    textpage = page.get_textpage()
    rects = [textpage.get_rect(index) for index in range(textpage.count_rects())]
    return tuple((left, bottom, right, top, textpage.get_text_bounded(left, bottom, right, top).strip())
                 for left, bottom, right, top in rects)
