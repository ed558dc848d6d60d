"""What is on the pages, whatever paper they end up on: the checks a build can afford too.

``zine build`` runs ``quick_warnings`` on every build (no character boxes, so the
checks that need them find nothing there); ``zine check`` runs ``content_findings``
with renders as part of its full report.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

from zine import pdf as pdf_io
from zine.core.paper import MM
from zine.preflight.checks import ink, rules
from zine.preflight.checks.characters import warning_line
from zine.preflight.checks.glyphs import not_embedded, undrawable_characters
from zine.preflight.checks.locate import Locator
from zine.preflight.checks.pictures import image_findings, image_names
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


def quick_findings(reading: bytes, project=None) -> list[Finding]:
    """The checks a build can afford: glyphs, fonts, lines, images, links.

    The pages' text is read without each character's box, size and colour, so
    the checks that need them (small type, clipped or coloured text) find
    nothing here: they are left to ``zine check``.
    """
    document = pdfium.PdfDocument(reading)
    try:
        scans = scan_document(document, char_detail=False)
        locator = Locator.for_project(project) if project else Locator([])
        names = image_names(project.root if project else None)
        return content_findings(reading, scans, locator, names, CheckOptions())
    finally:
        document.close()


def quick_warnings(render_warnings: list[str], reading: bytes, project=None) -> list[str]:
    """A build's warnings: the renderer's, then the quick findings as one line each."""
    findings = quick_findings(reading, project)
    return without_notdef(render_warnings) + [warning_line(f) for f in findings]


def without_notdef(warnings: list[str]) -> list[str]:
    """The renderer's missing-glyph notes go: the glyph check names the character and its comment."""
    return [w for w in warnings if ".notdef" not in w]


def content_findings(data: bytes, scans: list[PageScan], locator: Locator, names: dict,
                     options: CheckOptions, renders: dict | None = None) -> list[Finding]:
    """Everything about what is on the pages, whatever paper they end up on."""
    fonts = pdf_io.font_facts(data)
    findings = rules.undrawable(undrawable_characters(fonts), scans, locator)
    findings += rules.unembedded_fonts(not_embedded(fonts))
    findings += rules.clipped_text(scans, locator)
    findings += rules.small_type(scans, locator, options.min_type_pt)
    findings += rules.coloured_text(scans, locator)
    findings += rules.thin_lines(scans, options.min_line_pt)
    findings += image_findings(scans, pdf_io.image_facts(data), names, options.min_dpi)
    findings += rules.coloured_drawings(scans)
    if renders is not None:
        findings += rules.light_text(scans, locator, _ground(renders, options.dpi))
        findings += _other_colour(scans, renders, findings, options.dpi)
    findings += rules.unprinted_links(pdf_io.link_annotations(data), scans)
    return findings


def _ground(renders: dict, dpi: float):
    def ground(scan: PageScan, box) -> float | None:
        return ink.mean_grey(renders[scan.number], scan.height, dpi, box)
    return ground


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
