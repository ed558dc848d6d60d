"""The checks on printed sides: ink in the copier's dead edge, and on fold and cut lines.

Each side comes rendered small (``ink.render``) with its fold and cut lines from the
imposition plan; a finding names the sheet and side, the page whose slot holds the
ink, and the file and comment its text came from.
"""

from __future__ import annotations

from zine.core.paper import MM
from zine.preflight.checks import ink
from zine.preflight.checks.locate import Locator
from zine.preflight.checks.registry import SIDES, Side, register, register_code
from zine.preflight.checks.report import ERROR, WARNING, Finding
from zine.preflight.checks.scan import PageScan


@register("edge-ink", "ink in the copier's unprintable edge of a sheet (or of a page checked as it is)",
          on=SIDES, order=10)
def edge_ink(side: Side) -> list[Finding]:
    """Ink nearer the sheet's edge than the copier prints."""
    scan, image, info, locator, options = side.scan, side.image, side.info, side.locator, side.options
    findings = []
    for band in ink.edge_bands(scan.width, scan.height, options.edge_mm):
        box = ink.ink_in(image, scan.height, options.dpi, band)
        if box is None:
            continue
        distance = {"left": box[0], "right": scan.width - box[2], "bottom": box[1],
                    "top": scan.height - box[3]}[band.name] / MM
        what = "sheet" if info else "page"
        near = _inward(box, band.name)
        message = (f"ink {max(distance, 0):.1f} mm from the {band.name} edge of the {what}"
                   f"{_quoted(scan, near)}: copiers leave about {options.edge_mm:g} mm at the edge unprinted")
        findings.append(_placed(ERROR, "edge-ink", message, scan, info, box, locator, near))
    return findings


@register("fold-ink", "ink on a fold line, where it cracks or hides in the fold", on=SIDES, also=("cut-ink",),
          order=20)
def fold_ink(side: Side) -> list[Finding]:
    """Ink within a few millimetres of the side's fold and cut lines."""
    scan, image, info, locator, options = side.scan, side.image, side.info, side.locator, side.options
    findings = []
    half = options.fold_mm * MM
    for line in side.lines:
        vertical = line.x0 == line.x1
        x0, x1 = sorted((line.x0, line.x1))
        y0, y1 = sorted((line.y0, line.y1))
        band = ink.Band(line.kind, (x0 - half, y0, x1 + half, y1) if vertical else (x0, y0 - half, x1, y1 + half))
        box = ink.ink_in(image, scan.height, options.dpi, band)
        if box is None:
            continue
        near = (box[0] - 8 * MM, box[1], box[2] + 8 * MM, box[3]) if vertical else box
        message = (f"ink within {options.fold_mm:g} mm of the {line.kind} line{_quoted(scan, near)}: "
                   f"it {'cracks or hides in the fold' if line.kind == 'fold' else 'gets cut through'}")
        findings.append(_placed(WARNING, f"{line.kind}-ink", message, scan, info, box, locator, near))
    return findings


register_code("cut-ink", "ink on a cut line, where it gets cut through")


def _inward(box, edge: str, reach: float = 25 * MM):
    """The ink's box grown away from the edge, so whole words near it are found."""
    x0, y0, x1, y1 = box
    grown = {"left": (x0, y0, x1 + reach, y1), "right": (x0 - reach, y0, x1, y1),
             "bottom": (x0, y0, x1, y1 + reach / 5), "top": (x0, y0 - reach / 5, x1, y1)}
    return grown[edge]


def _placed(severity: str, code: str, message: str, scan: PageScan, info, box,
            locator: Locator, near) -> Finding:
    source = next(filter(None, (locator.find_text(run) for run in _text_in(scan, near))), None)
    page = info.page_at(box) if info else scan.number
    return Finding(severity, code, message, page=page, sheet=info.sheet if info else None,
                   side=info.side if info else None, file=source.file if source else None,
                   comment=source.comment if source else None)


def _text_in(scan: PageScan, box, pad: float = 2.0) -> list[str]:
    """The runs of text (one per line, longest first) whose characters touch ``box``."""
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    runs: list[str] = []
    last = -2
    for index, c in enumerate(scan.chars):
        if c.box[0] < x1 and c.box[2] > x0 and c.box[1] < y1 and c.box[3] > y0:
            if index != last + 1:
                runs.append("")
            runs[-1] += c.text
            last = index
    runs = [" ".join(run.split()) for run in runs]
    return sorted((run for run in runs if run), key=len, reverse=True)


def _quoted(scan: PageScan, box) -> str:
    runs = _text_in(scan, box)
    if not runs:
        return ""
    text = runs[0]
    return f" ({text[:37] + '…' if len(text) > 38 else text!r})"
