"""What is on the pages, whatever paper they end up on: the checks a build can afford too.

``zine build`` runs ``quick_warnings`` on every build (no character boxes, so the
checks that need them find nothing there); ``zine check`` runs ``content_findings``
with renders as part of its full report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium

from zine.core.paper import MM
from zine.preflight.checks import ink, rules
from zine.preflight.checks.characters import warning_line
from zine.preflight.checks.locate import Locator
from zine.preflight.checks.pictures import image_names
from zine.preflight.checks.registry import PAGES, Pages, register, register_code, run_checks
from zine.preflight.checks.report import WARNING, Finding
from zine.preflight.checks.scan import PageScan, scan_document


@dataclass(frozen=True)
class CheckOptions:
    """What to check against; the defaults suit office copiers."""

    sheet: str | None = None
    duplex: str | None = None
    layout: str | None = None
    edge_mm: float = ink.EDGE_MM
    fold_mm: float = 2.0  # keep this clear on each side of a fold or cut
    min_dpi: float = 200
    min_type_pt: float = 7.0
    min_line_pt: float = 0.3
    dpi: float = 50  # resolution of the renders the ink checks look at


def quick_findings(reading: bytes, project=None, texts: Sequence[str] | None = None) -> list[Finding]:
    """The checks a build can afford: glyphs, fonts, lines, images, links.

    The pages' text is read without each character's box, size and colour, so
    the checks that need them (small type, clipped or coloured text) find
    nothing here: they are left to ``zine check``. ``texts``, each page's text
    as the build already read it back from the same pages, spares reading it again.
    """
    document = pdfium.PdfDocument(reading)
    try:
        scans = scan_document(document, char_detail=False, texts=texts)
        locator = Locator.for_project(project) if project else Locator([])
        names = image_names(project.root if project else None)
        return content_findings(reading, scans, locator, names, CheckOptions())
    finally:
        document.close()


def quick_warnings(render_warnings: list[str], reading: bytes, project=None,
                   texts: Sequence[str] | None = None) -> list[str]:
    """A build's warnings: the renderer's, then the quick findings as one line each."""
    findings = quick_findings(reading, project, texts)
    return without_notdef(render_warnings) + [warning_line(f) for f in findings]


def without_notdef(warnings: list[str]) -> list[str]:
    """The renderer's missing-glyph notes go: the glyph check names the character and its comment."""
    return [w for w in warnings if ".notdef" not in w]


def content_findings(data: bytes, scans: list[PageScan], locator: Locator, names: dict,
                     options: CheckOptions, renders: dict | None = None) -> list[Finding]:
    """Everything about what is on the pages, whatever paper they end up on: every check
    registered on the pages (``zine.preflight.checks.registry``)."""
    return run_checks(PAGES, Pages(data, scans, locator, names, options, renders))


register_code("render", "a warning of the renderer (WeasyPrint)")


@register("colour", "text, drawings or pictures in colour: copiers turn colour into grey", order=70)
def _colour(pages: Pages) -> list[Finding]:
    findings = rules.coloured_text(pages.scans, pages.locator) + rules.coloured_drawings(pages.scans)
    if pages.renders is not None:
        findings += _other_colour(pages.scans, pages.renders, pages.found + findings, pages.options.dpi)
    return findings


def _other_colour(scans: list[PageScan], renders: dict, found: list[Finding], dpi: float) -> list[Finding]:
    """Colour seen in the render that no text, drawing or image check explained."""
    explained = {f.page for f in found if f.code == "colour"}
    findings = []
    for scan in scans:
        if scan.number in explained:
            continue
        box = ink.coloured_box(renders[scan.number], scan.height, dpi)
        if box is not None:
            findings.append(Finding(WARNING, "colour", f"something coloured around {box[0] / MM:.0f}-"
                                    f"{box[2] / MM:.0f} mm across, {(scan.height - box[3]) / MM:.0f} mm "
                                    "down: copiers turn colour into grey", page=scan.number))
    return findings
