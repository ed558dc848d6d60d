"""``zine check``: build a project (or take a PDF as it is), inspect it, report.

Content checks (type, lines, glyphs, fonts, images, colour, links) run on the
reading-order PDF; the copier checks (dead edge, folds, cuts) on the imposed sheets.
Both are the checks registered in ``zine.preflight.checks.registry``.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium

from zine.core.bounded import run_bounded
from zine.core.limits import RENDER_MEMORY, RENDER_SECONDS, RENDER_SECONDS_PER_PAGE
from zine.core.paper import LABELS
from zine.preflight.checks import (
    ERROR,
    SIDES,
    WARNING,
    CheckOptions,
    Finding,
    Locator,
    PageScan,
    Report,
    Side,
    content_findings,
    empty_area_findings,
    image_names,
    ink,
    pages_to_look_at,
    run_checks,
    scan_document,
    warning_line,
    without_notdef,
)
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


def check_prepared(prepared: Prepared, options: CheckOptions | None = None) -> Report:
    """Check a project already built (by the desk), as ``check`` checks one it builds."""
    started = time.perf_counter()
    report = _check_project(prepared, options or CheckOptions())
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
    report.findings += _inspect_reading(prepared.reading, locator, image_names(project.root), options,
                                        prepared.scheme)
    infos = prepared.sides()
    for data, indexes in prepared.printed:
        report.findings += _inspect_sheets(data, [infos[i] for i in indexes],
                                           [sheet_lines(plan, i) for i in indexes], locator, options,
                                           [plan.sides[i].marks for i in indexes])
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
        report.findings += _side_findings(scan, renders[scan.number], None, [], locator, options)
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
        lines = sheet_lines(plan, index) if plan is not None else []
        image = renders[scan.number]
        if plan is not None:  # zine's own marks are meant to be there
            image = ink.paint_out(image, plan.sides[index].marks, scan.height, options.dpi)
        report.findings += _side_findings(scan, image, info, lines, locator, options)
    return report


def _inspect_reading(data: bytes, locator: Locator, names: dict, options: CheckOptions,
                     scheme: str | None = None) -> list[Finding]:
    scans, renders = _scan_and_render(data, options.dpi)
    return content_findings(data, scans, locator, names, options, renders) + _empty_areas(scans, renders, scheme)


def _empty_areas(scans: list[PageScan], renders: dict, scheme: str | None) -> list[Finding]:
    heights = {scan.number: scan.height for scan in scans}
    return empty_area_findings(renders, heights, pages_to_look_at(len(scans), scheme))


def _scan_and_render(data: bytes, dpi: float) -> tuple[list[PageScan], dict]:
    """Every page scanned, and rendered small for the ink checks (page number -> image)."""
    document = pdfium.PdfDocument(data)
    try:
        scans = scan_document(document)
        return scans, {s.number: ink.render(document[s.number - 1], dpi) for s in scans}
    finally:
        document.close()


def _inspect_sheets(data: bytes, infos: list[SideInfo], lines: list, locator: Locator,
                    options: CheckOptions, marks: list) -> list[Finding]:
    document = pdfium.PdfDocument(data)
    findings: list[Finding] = []
    try:
        scans = scan_document(document, objects=False)
        for scan, info, side_lines, side_marks in zip(scans, infos, lines, marks):
            image = ink.paint_out(ink.render(document[scan.number - 1], options.dpi), side_marks,
                                  scan.height, options.dpi)
            findings += _side_findings(scan, image, info, side_lines, locator, options)
    finally:
        document.close()
    return findings


def _side_findings(scan: PageScan, image, info: SideInfo | None, lines: list, locator: Locator,
                   options: CheckOptions) -> list[Finding]:
    """Every check registered on printed sides (dead edge, folds, cuts) over one side."""
    return run_checks(SIDES, Side(scan, image, info, lines, locator, options))


def _sheet_label(name: str | None) -> str | None:
    return LABELS.get(name or "", name)
