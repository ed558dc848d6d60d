"""The text of rendered pages as PDFium reads it back, read once per PDF: runs of text with
their boxes for the page turns (``pageturns``) and the fill report (``fillreport``), and
each page's whole text for the build's quick preflight (loading a page's text is the
costly part, so the three share one reading)."""

from __future__ import annotations

import functools

Run = tuple[float, float, float, float, str]  # left, bottom, right, top, text


def text_runs(pdf: bytes) -> tuple[tuple[Run, ...], ...]:
    """Each page's runs of text as (left, bottom, right, top, text)."""
    return _read(pdf)[0]


def page_texts(pdf: bytes) -> tuple[str, ...]:
    """Each page's text in reading order, as PDFium extracts it (nothing taken out)."""
    return _read(pdf)[1]


@functools.lru_cache(maxsize=1)
def _read(pdf: bytes) -> tuple[tuple[tuple[Run, ...], ...], tuple[str, ...]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        pages = [_page(document[index]) for index in range(len(document))]
    finally:
        document.close()
    return tuple(runs for runs, _ in pages), tuple(text for _, text in pages)


def _page(page) -> tuple[tuple[Run, ...], str]:
    textpage = page.get_textpage()
    rects = [textpage.get_rect(index) for index in range(textpage.count_rects())]
    runs = tuple((left, bottom, right, top, textpage.get_text_bounded(left, bottom, right, top).strip())
                 for left, bottom, right, top in rects)
    return runs, textpage.get_text_range()
