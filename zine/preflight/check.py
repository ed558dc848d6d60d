"""``zine check``: build a project (or take a PDF as it is), inspect it, report.

Content checks (type, lines, glyphs, fonts, images, colour, links) run on the
reading-order PDF; the copier checks (dead edge, folds, cuts) on the imposed sheets.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium

from zine.core.bounded import run_bounded
from zine.core.limits import RENDER_MEMORY, RENDER_SECONDS, RENDER_SECONDS_PER_PAGE
from zine.core.paper import LABELS, MM
from zine.preflight.checks import ink
from zine.preflight.checks.characters import warning_line
from zine.preflight.checks.content import CheckOptions, content_findings, without_notdef
from zine.preflight.checks.locate import Locator
from zine.preflight.checks.pictures import image_names
from zine.preflight.checks.report import ERROR, WARNING, Finding, Report
from zine.preflight.checks.scan import PageScan, scan_document
from zine.preflight.prepare import Prepared, is_pdf, prepare_pdf, prepare_project
from zine.preflight.sheets import SideInfo, sheet_lines


def check(source: Path, options: CheckOptions | None = None) -> Report:
    """Check a project (built to a temporary folder) or a PDF as it is."""
    options = options or CheckOptions()
    started = time.perf_counter()
    if is_pdf(source):
        prepared = prepare_pdf(source, options.sheet, options.duplex, dpi=options.dpi)
        report = _bounded(lambda: _check_pdf(prepared, options), prepared)
    else:
        prepared = prepare_project(source, options.sheet, options.duplex, options.layout, dpi=options.dpi)
        report = _bounded(lambda: _check_project(prepared, options), prepared)
    report.findings.sort(key=lambda f: (f.severity != ERROR, f.sheet or 0, f.page or 0))
    report.seconds = time.perf_counter() - started
    return report


def _bounded(inspect, prepared: Prepared) -> Report:
    """The pages drawn and inspected in a child process with a memory cap and a time limit
    (``zine.core.bounded``): PDFium has no limits of its own."""
    seconds = RENDER_SECONDS + RENDER_SECONDS_PER_PAGE * max(prepared.pages, 1)
    return run_bounded(inspect, prepared.source, seconds, RENDER_MEMORY, what="checking the pages")


def _check_project(prepared: Prepared, options: CheckOptions) -> Report:
    plan, project = prepared.plan, prepared.project
    report = Report(source=prepared.source, pages=prepared.pages, sheets=plan.sheets,
                    sheet_label=_sheet_label(prepared.sheet), blank_positions=plan.blank_positions,
                    recipe=prepared.recipe, fill=prepared.fill)
    locator = Locator.for_project(project)
    # Compose's findings come as they are (build prints the same lines among its warnings).
    report.findings += prepared.findings
    composed = {warning_line(f) for f in prepared.findings}
    report.findings += [Finding(WARNING, "render", message) for message in without_notdef(prepared.warnings)
                        if message not in composed]
    report.findings += _inspect_reading(prepared.reading, locator, image_names(project.root), options)
    infos = prepared.sides()
    for data, indexes in prepared.printed:
        report.findings += _inspect_sheets(data, [infos[i] for i in indexes],
                                           [sheet_lines(plan, i) for i in indexes], locator, options)
    return report


def _check_pdf(prepared: Prepared, options: CheckOptions) -> Report:
    """Every page checked as it is: content, and ink at its own edges (and folds, when known)."""
    if prepared.reading is None:
        return _check_sheets(prepared, options)
    data = prepared.reading
    scans, renders = _scan_and_render(data, options.dpi)
    report = Report(source=prepared.source, pages=len(scans), recipe=prepared.recipe)
    if prepared.plan is not None:
        report.sheets, report.sheet_label = prepared.plan.sheets, _sheet_label(prepared.sheet)
        report.blank_positions = prepared.plan.blank_positions
    locator = Locator([])
    report.findings += content_findings(data, scans, locator, {}, options, renders)
    for scan in scans:
        report.findings += _edge_findings(scan, renders[scan.number], None, locator, options)
    return report


def _check_sheets(prepared: Prepared, options: CheckOptions) -> Report:
    """An imposed PDF: each PDF page is a printed side, named by sheet and side."""
    (data, indexes), = prepared.printed
    infos = prepared.sides()
    sides = [infos[i] for i in indexes]
    scans, renders = _scan_and_render(data, options.dpi)
    plan = prepared.plan
    report = Report(source=prepared.source, pages=prepared.pages, recipe=prepared.recipe,
                    sheets=plan.sheets if plan else max(info.sheet for info in sides),
                    sheet_label=_sheet_label(prepared.sheet) if plan else None,
                    blank_positions=plan.blank_positions if plan else ())
    locator = Locator([])
    for finding in content_findings(data, scans, locator, {}, options, renders):
        side = sides[finding.page - 1] if finding.page else None
        report.findings.append(replace(finding, page=None, sheet=side.sheet, side=side.side) if side else finding)
    for scan, info, index in zip(scans, sides, indexes):
        image = renders[scan.number]
        report.findings += _edge_findings(scan, image, info, locator, options)
        if plan is not None:
            report.findings += _fold_findings(scan, image, info, sheet_lines(plan, index), locator, options)
    return report


def _inspect_reading(data: bytes, locator: Locator, names: dict, options: CheckOptions) -> list[Finding]:
    scans, renders = _scan_and_render(data, options.dpi)
    return content_findings(data, scans, locator, names, options, renders)


def _scan_and_render(data: bytes, dpi: float) -> tuple[list[PageScan], dict]:
    """Every page scanned, and rendered small for the ink checks (page number -> image)."""
    document = pdfium.PdfDocument(data)
    try:
        scans = scan_document(document)
        return scans, {s.number: ink.render(document[s.number - 1], dpi) for s in scans}
    finally:
        document.close()


def _inspect_sheets(data: bytes, infos: list[SideInfo], lines: list, locator: Locator,
                    options: CheckOptions) -> list[Finding]:
    document = pdfium.PdfDocument(data)
    findings: list[Finding] = []
    try:
        scans = scan_document(document, objects=False)
        for scan, info, side_lines in zip(scans, infos, lines):
            image = ink.render(document[scan.number - 1], options.dpi)
            findings += _edge_findings(scan, image, info, locator, options)
            findings += _fold_findings(scan, image, info, side_lines, locator, options)
    finally:
        document.close()
    return findings


def _edge_findings(scan: PageScan, image, info: SideInfo | None, locator: Locator,
                   options: CheckOptions) -> list[Finding]:
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
        findings.append(_placed(ERROR, "edge", message, scan, info, box, locator, near))
    return findings


def _fold_findings(scan: PageScan, image, info: SideInfo, lines: list, locator: Locator,
                   options: CheckOptions) -> list[Finding]:
    findings = []
    half = options.fold_mm * MM
    for line in lines:
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
        findings.append(_placed(WARNING, line.kind, message, scan, info, box, locator, near))
    return findings


def _inward(box, edge: str, reach: float = 25 * MM):
    """The ink's box grown away from the edge, so whole words near it are found."""
    x0, y0, x1, y1 = box
    grown = {"left": (x0, y0, x1 + reach, y1), "right": (x0 - reach, y0, x1, y1),
             "bottom": (x0, y0, x1, y1 + reach / 5), "top": (x0, y0 - reach / 5, x1, y1)}
    return grown[edge]


def _placed(severity: str, code: str, message: str, scan: PageScan, info: SideInfo | None, box,
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


def _sheet_label(name: str | None) -> str | None:
    return LABELS.get(name or "", name)
