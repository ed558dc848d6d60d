"""Fixed-size layouts (one sheet: mini8, pamphlet) must hold their text, or say what to cut.

A layout's ``max_pages`` is the number of pages its sheet holds. When the text
runs longer, the words that spilled past the last running-text page are what
must go: that count, read back from the rendered PDF, is the advice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from zine.compose.html import Composed
from zine.core.errors import LayoutError
from zine.core.wording import plural


def check_fits(document: Composed, pdf: bytes, pages: int) -> None:
    """Raise LayoutError when the rendered document has more pages than its layout holds."""
    budget = document.max_pages
    if not budget or pages <= budget:
        return
    tail = min(document.fixed_tail, budget - 1)
    # Running text that should have ended on page (budget - tail) ran on to (pages - tail).
    spilled = text_on_pages(pdf, range(budget - tail, pages - tail))
    running = text_on_pages(pdf, range(1, budget - tail))
    per_line = running.words / max(running.lines, 1)
    # A spilled line of URLs or a heading is one or two words but still a line.
    needed = max(spilled.words, spilled.lines * per_line)
    cut = max(10, math.ceil(needed * 1.1 / 10) * 10)
    over = pages - budget
    raise LayoutError(
        f"too much text for the {document.layout_name} layout: it holds {budget} pages and this "
        f"needs {pages} ({plural(over, 'page')} over); cut about {cut} words "
        f"(or fewer comments), or use a booklet layout such as a5-booklet",
        _first_origin(document),
    )


@dataclass
class TextAmount:
    """How much text some pages hold."""

    words: int = 0
    lines: int = 0


def text_on_pages(pdf: bytes, indexes: range) -> TextAmount:
    """Words and lines of text on the given 0-based pages of a PDF (page numbers left out)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    amount = TextAmount()
    try:
        for index in indexes:
            if 0 <= index < len(document):
                lines = document[index].get_textpage().get_text_range().splitlines()
                lines = [line for line in lines if line.strip() and not line.strip().isdigit()]
                amount.lines += len(lines)
                amount.words += sum(len(line.split()) for line in lines)
        return amount
    finally:
        document.close()


def _first_origin(document: Composed):
    return next(iter(document.origins.values()), None)
