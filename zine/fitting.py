"""Fixed-size layouts (one sheet: mini8, pamphlet) must hold their text, or say what to cut.

A layout's ``max_pages`` is the number of pages its sheet holds. When the text
runs longer, the words that spilled past the last running-text page are what
must go: that count, read back from the rendered PDF, is the advice.
"""

from __future__ import annotations

import math

from .compose import Composed
from .errors import LayoutError


def check_fits(document: Composed, pdf: bytes, pages: int) -> None:
    """Raise LayoutError when the rendered document has more pages than its layout holds."""
    budget = document.max_pages
    if not budget or pages <= budget:
        return
    tail = min(document.fixed_tail, budget - 1)
    # Running text that should have ended on page (budget - tail) ran on to (pages - tail).
    spilled = words_on_pages(pdf, range(budget - tail, pages - tail))
    cut = max(10, math.ceil(spilled * 1.1 / 10) * 10)
    over = pages - budget
    raise LayoutError(
        f"too much text for the {document.layout_name} layout: it holds {budget} pages and this "
        f"needs {pages} ({over} {'page' if over == 1 else 'pages'} over); cut about {cut} words "
        f"(or fewer comments), or use a booklet layout such as a5-booklet",
        _first_origin(document),
    )


def words_on_pages(pdf: bytes, indexes: range) -> int:
    """Words of text on the given 0-based pages of a PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        total = 0
        for index in indexes:
            if 0 <= index < len(document):
                text = document[index].get_textpage().get_text_range()
                total += len(text.split())
        return total
    finally:
        document.close()


def _first_origin(document: Composed):
    return next(iter(document.origins.values()), None)
