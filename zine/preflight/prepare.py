"""What check and preview look at: the reading PDF, the print PDF(s) and their plan.

A project is built to a temporary folder with the same options as ``zine build``;
a PDF is taken as it is (and, for a preview, imposed in memory as a booklet when
its pages are not already sheets).
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from zine import pdf as pdf_io
from zine.core.errors import InputError, LimitError
from zine.core.files import read_bytes
from zine.core.limits import PAGE_PIXELS, PAGES, PDF_FILE_BYTES, enforce, millions
from zine.core.paper import MM, SHEETS
from zine.impose import Plan
from zine.preflight.sheets import SideInfo, guessed_sides, side_infos

SAME = 1.5  # points of slack when deciding a page is a whole sheet


@dataclass
class Prepared:
    """The PDFs to inspect, and what is known about how they print."""

    source: str
    reading: bytes | None  # reading-order pages (None: the PDF given is already sheets)
    printed: list[tuple[bytes, tuple[int, ...]]] = field(default_factory=list)  # PDF, plan side indexes
    plan: Plan | None = None
    scheme: str | None = None
    sheet: str | None = None
    recipe: str | None = None
    project: object | None = None
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    findings: list = field(default_factory=list)  # what the build found before rendering
    fill: str | None = None  # how the pages fill their sheets (the build's report)

    def sides(self) -> list[SideInfo]:
        """Every printed side by plan index: from the plan, or guessed from a foreign PDF's page count."""
        if self.plan is not None:
            return side_infos(self.plan, self.two_sided)
        return guessed_sides(sum(len(indexes) for _, indexes in self.printed))

    @property
    def two_sided(self) -> bool:
        if self.plan is None:
            return False
        sides = [len(indexes) for indexes in self.plan.outputs.values()]
        return len(sides) == 2 or any(n == 2 * self.plan.sheets for n in sides)


def is_pdf(source: Path) -> bool:
    return source.suffix.lower() == ".pdf" and source.is_file()


def prepare_project(source: Path, sheet: str | None = None, duplex: str | None = None,
                    layout: str | None = None, dpi: float | None = None) -> Prepared:
    """Build ``source`` into a temporary folder and plan its sheets as ``zine build`` does.

    With ``dpi`` (the pages are to be rendered), pages beyond the render limits are refused.
    """
    from zine.pipeline import BuildOptions, impose_options, with_project_sheet
    from zine.pipeline.build import build
    from zine.impose import plan_for
    from zine.layout import load_layout
    from zine.project import load_project

    project = load_project(source)
    # No build cache (the outputs must land in the temporary folder) and no quick preflight:
    # the check runs all of it.
    wanted = with_project_sheet(BuildOptions(layout=layout, sheet=sheet, duplex=duplex, cache=False,
                                             preflight=False), project)
    with tempfile.TemporaryDirectory(prefix="zine-check-") as folder:
        wanted.output = Path(folder) / f"{project.name}.pdf"
        result = build(source, wanted)
        reading = result.reading_pdf.read_bytes()
        printed = [path.read_bytes() for path in result.print_pdfs]
    sizes = pdf_io.page_sizes(reading)
    if dpi is not None:
        check_renderable(sizes, dpi, source)
    imposing = impose_options(load_layout(layout or project.layout, project.root), wanted, project)
    plan = plan_for(sizes, imposing, str(source))
    return Prepared(str(source), reading, list(zip(printed, plan.outputs.values())), plan, imposing.scheme,
                    imposing.sheet, result.recipe, project, result.warnings, result.pages, result.findings,
                    result.fill)


def prepare_pdf(source: Path, sheet: str | None = None, duplex: str | None = None,
                impose: bool = False, dpi: float | None = None) -> Prepared:
    """A PDF as it is; with ``impose``, reading pages are also imposed as a saddle booklet.

    An imposed PDF is recognised by the stamp zine writes into its print PDFs (and
    then planned again, sides, folds and cuts included), or else by its pages all
    being whole sheets of a known paper size. With ``dpi`` (the pages are to be
    rendered), pages beyond the render limits are refused.
    """
    data = read_bytes(source, PDF_FILE_BYTES)
    sizes = pdf_io.page_sizes(data, str(source))
    if dpi is not None:
        enforce(len(sizes), PAGES, "pages", source, advice=PAGES_ADVICE)
    paper = _paper_sizes(data, source)
    if dpi is not None:
        check_renderable(paper, dpi, source)
    stamped = _stamped(data, len(sizes), str(source))
    if stamped is not None:
        return stamped
    if is_sheets(paper):
        return Prepared(str(source), None, [(data, tuple(range(len(sizes))))], pages=len(sizes))
    prepared = Prepared(str(source), data, pages=len(sizes))
    if impose or sheet:
        _impose_in_memory(prepared, sizes, sheet or "a4", duplex or "short", str(source), impose)
    return prepared


PAGES_ADVICE = "check or preview the pages in parts (no zine has that many)"


def check_renderable(sizes: list[tuple[float, float]], dpi: float, source: Path | str) -> None:
    """Refuse more pages, or larger ones, than rendering each to a picture at ``dpi`` can afford."""
    enforce(len(sizes), PAGES, "pages", source, advice=PAGES_ADVICE)
    for number, (width, height) in enumerate(sizes, 1):
        pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > PAGE_PIXELS:
            fits = math.floor(72 * math.sqrt(PAGE_PIXELS / (width * height)))
            raise LimitError(
                f"page {number} is {width / MM:,.0f} x {height / MM:,.0f} mm: rendered at {dpi:g} dpi it "
                f"takes {millions(pixels)} pixels, over the limit of {millions(PAGE_PIXELS)} by "
                f"{millions(pixels - PAGE_PIXELS)}; a page that size fits at {fits} dpi or less", source)


def _stamped(data: bytes, count: int, source: str) -> Prepared | None:
    """A print PDF zine wrote, with the plan its stamp describes; None for any other PDF."""
    from zine.core.errors import ZineError
    from zine.impose import KEY, plan_for, read_stamp, recipe

    stamp = read_stamp(pdf_io.info_text(data, KEY))
    if stamp is None:
        return None
    try:
        plan = plan_for(stamp.sizes, stamp.options, source)
    except ZineError:
        return None
    indexes = plan.outputs.get(stamp.part)
    if indexes is None or len(indexes) != count:  # edited since: read it as any other PDF
        return None
    options = stamp.options
    return Prepared(source, None, [(data, indexes)], plan, options.scheme, options.sheet,
                    recipe(plan, options), pages=len(stamp.sizes))


def _impose_in_memory(prepared: Prepared, sizes, sheet: str, duplex: str, source: str, write: bool) -> None:
    from zine.core.errors import ImposeError
    from zine.impose import ImposeOptions, impose, plan_for, recipe

    # As ``zine impose`` would: full size when the pages fit, scaled down when they do not.
    options = ImposeOptions(scheme="saddle", sheet=sheet, duplex=duplex)
    try:
        plan = plan_for(sizes, options, source)
    except ImposeError:
        options = ImposeOptions(scheme="saddle", sheet=sheet, duplex=duplex, fit=True)
        plan = plan_for(sizes, options, source)
    prepared.plan, prepared.scheme, prepared.sheet = plan, "saddle", sheet
    prepared.recipe = recipe(plan, options)
    if write:
        outputs = impose(prepared.reading, options, source).outputs
        prepared.printed = [(outputs[suffix], indexes) for suffix, indexes in plan.outputs.items()]


def _paper_sizes(data: bytes, source: Path | str) -> list[tuple[float, float]]:
    """Each page's whole paper (crop box), not its trim: an imposed sheet trims inside the sheet."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:  # qpdf mends more than PDFium reads: a file cut short
        raise InputError(f"not a readable PDF (it may be cut short: {error})", source) from None
    try:
        # By index: loading a page would parse its content, forms and all (see zine.core.bounded).
        return [document.get_page_size(i) for i in range(len(document))]
    finally:
        document.close()


def is_sheets(sizes: list[tuple[float, float]]) -> bool:
    """True when every page is a whole sheet of a known paper size (an imposed PDF)."""
    known = [tuple(size) for size in SHEETS.values()]
    known += [(h, w) for w, h in known]
    return all(any(abs(w - kw) < SAME and abs(h - kh) < SAME for kw, kh in known) for w, h in sizes)
