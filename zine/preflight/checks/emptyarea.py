"""Empty areas: a cover or panel with a white band across it reads as unfinished.

Each page to look at is rendered small (the ink checks' renders, 50 dpi by
default); the tallest run of pixel rows with no ink, as a share of the page's
height, is its blank band. A band over ``EMPTY_SHARE`` is a warning
("empty-area"). Covers are looked at in every layout (the first and last
pages); every page of a one-sheet layout is a panel and looked at too, while
a booklet's inner pages are left to the fill report.
"""

from __future__ import annotations

from PIL import Image

from zine.core.paper import MM
from zine.preflight.checks.ink import INK_LEVEL
from zine.preflight.checks.report import WARNING, Finding

CODE = "empty-area"
EMPTY_SHARE = 0.35  # of the page's height
ONE_SHEET_SCHEMES = ("mini8", "trifold")  # every page is a panel of the one sheet


def blank_band(image: Image.Image) -> tuple[int, int]:
    """(first row, row count) of the tallest run of rows without ink in ``image``."""
    ink = image.convert("L").point(lambda v: 255 if v < INK_LEVEL else 0)
    width, height = ink.size
    best, start = (0, 0), None
    for row in range(height + 1):
        clear = row < height and ink.crop((0, row, width, row + 1)).getbbox() is None
        if clear and start is None:
            start = row
        elif not clear and start is not None:
            if row - start > best[1]:
                best = (start, row - start)
            start = None
    return best


def pages_to_look_at(pages: int, scheme: str | None) -> list[int]:
    """1-based pages that are covers or panels: all of a one-sheet layout, else the first and last."""
    if scheme in ONE_SHEET_SCHEMES:
        return list(range(1, pages + 1))
    return sorted({1, pages}) if pages else []


def empty_area_findings(renders: dict, heights: dict, pages: list[int]) -> list[Finding]:
    """A warning for each of ``pages`` (1-based, rendered in ``renders``; ``heights`` in points)
    whose blank band is taller than EMPTY_SHARE of the page."""
    findings = []
    for page in pages:
        image = renders.get(page)
        if image is None:
            continue
        _, rows = blank_band(image)
        share = rows / image.height
        if share > EMPTY_SHARE:
            band_mm = heights[page] * share / MM
            findings.append(Finding(WARNING, CODE, (
                f"empty area: a blank band {share:.0%} of the page's height ({band_mm:.0f} mm) runs across it; "
                f"a cover or panel reads as finished with no band over {EMPTY_SHARE:.0%} (give it a quote, "
                "a picture, the call to action, or a shorter page)"), page=page))
    return findings
