"""``zine preview``: see what the copier will produce before printing anything.

Writes a PNG per reading page, a PNG per printed sheet side with the copier's dead
edge shaded and the fold and cut lines drawn, and one contact sheet of all sides
(fronts above backs).  Pages are rendered with pypdfium2 and drawn on with Pillow.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from zine.core.bounded import run_bounded
from zine.core.limits import RENDER_MEMORY, RENDER_SECONDS, RENDER_SECONDS_PER_PAGE
from zine.core.paper import MM

FOLD = (0, 120, 215)  # screen colours: these images are never printed
CUT = (215, 40, 40)
DEAD_EDGE = (255, 120, 120, 60)


@dataclass
class PreviewResult:
    """The images written, and how the sheets print."""

    pages: list[Path]
    sides: list[Path]
    contact: Path | None
    recipe: str | None


@dataclass
class SideImage:
    """One printed side, rendered and marked up."""

    sheet: int
    back: bool
    image: object  # PIL.Image.Image
    pages: tuple[int, ...] = ()  # reading pages on this side, left to right as printed

    @property
    def label(self) -> str:
        """'sheet 2 back'."""
        return f"sheet {self.sheet} {'back' if self.back else 'front'}"


def preview(source: Path, folder: Path, sheet: str | None = None, duplex: str | None = None,
            layout: str | None = None, dpi: float = 96, thumb: int = 360) -> PreviewResult:
    """Render ``source`` (a project or a PDF) into PNGs in ``folder``."""
    from zine.preflight import is_pdf, prepare_pdf, prepare_project
    from zine.preview.folder import make_folder, refuse_input_folder, write_images, written_before
    from zine.project import load_project

    project = None if is_pdf(source) else load_project(source)
    protected = project.inputs if project is not None else [source]
    ours = written_before(folder)
    refuse_input_folder(folder, project.root if project is not None else None, protected, ours)
    if project is None:
        prepared = prepare_pdf(source, sheet, duplex, impose=True, dpi=dpi)
    else:
        prepared = prepare_project(source, sheet, duplex, layout, dpi=dpi)
    make_folder(folder)
    # PDFium has no limits of its own: the pages are drawn in a child process with a memory
    # cap and a time limit (see zine.core.bounded); only the PNG files come back.
    seconds = RENDER_SECONDS + RENDER_SECONDS_PER_PAGE * max(prepared.pages, 1) * 2
    files, page_paths, side_paths, contact = run_bounded(
        lambda: _draw(prepared, folder, dpi, thumb), prepared.source, seconds, RENDER_MEMORY,
        what="drawing the preview")
    write_images(folder, files, protected, ours)
    return PreviewResult(page_paths, side_paths, contact, prepared.recipe)


def _draw(prepared, folder: Path, dpi: float, thumb: int):
    """The PNG files of a preview by path, and the paths of the pages, sides and contact sheet."""
    files: dict[Path, bytes] = {}
    pages = _render_all(prepared.reading, dpi) if prepared.reading is not None else []
    width = max(2, len(str(len(pages))))
    page_paths = [folder / f"page-{n:0{width}d}.png" for n in range(1, len(pages) + 1)]
    files.update({path: _png(image) for path, image in zip(page_paths, pages)})
    sides = side_images(prepared, dpi)
    side_paths = [folder / f"{s.label.replace(' ', '-')}.png" for s in sides]
    files.update({path: _png(s.image) for path, s in zip(side_paths, sides)})
    contact = folder / "contact-sheet.png" if sides else None
    if contact:
        files[contact] = _png(contact_sheet(sides, thumb, prepared.recipe))
    return files, page_paths, side_paths, contact


def side_images(prepared, dpi: float) -> list[SideImage]:
    """Each printed side, rendered, with dead edge, folds and cuts drawn on it."""
    from zine.preflight import sheet_lines

    infos = prepared.sides()
    sides = []
    for data, indexes in prepared.printed:
        for index, image in zip(indexes, _render_all(data, dpi)):
            info = infos[index]
            lines = sheet_lines(prepared.plan, index) if prepared.plan is not None else []
            sides.append(SideImage(info.sheet, info.side == "back", _annotate(image, lines, dpi),
                                   _left_to_right(info)))
    return sides


def contact_sheet(sides: list[SideImage], thumb: int = 360, caption: str | None = None, per_row: int = 6):
    """All sides on one image: each sheet a column, fronts above backs, rows of ``per_row`` sheets."""
    from PIL import Image, ImageDraw

    sheets = sorted({s.sheet for s in sides})
    scale = thumb / max(s.image.width for s in sides)
    tw, th = thumb, round(max(s.image.height for s in sides) * scale)
    gap, label_h = 16, 22
    has_backs = any(s.back for s in sides)
    band_h = (th + label_h) * (2 if has_backs else 1) + gap
    bands = [sheets[i:i + per_row] for i in range(0, len(sheets), per_row)]
    header = 30 + 18 * (caption.count("\n") + 1) if caption else gap
    width = gap + min(len(sheets), per_row) * (tw + gap)
    canvas = Image.new("RGB", (width, header + len(bands) * band_h), "white")
    draw = ImageDraw.Draw(canvas)
    font = _font(14)
    if caption:
        draw.multiline_text((gap, 10), caption, fill=(0, 0, 0), font=font, spacing=4)
    for band_no, band in enumerate(bands):
        for col, sheet in enumerate(band):
            for side in (s for s in sides if s.sheet == sheet):
                x = gap + col * (tw + gap)
                y = header + band_no * band_h + (th + label_h if side.back else 0)
                small = side.image.resize((tw, round(side.image.height * scale)))
                canvas.paste(small, (x, y))
                draw.rectangle((x - 1, y - 1, x + small.width, y + small.height), outline=(150, 150, 150))
                pages = f"  (pages {', '.join(map(str, side.pages))})" if side.pages else ""
                draw.text((x, y + small.height + 3), side.label + pages, fill=(0, 0, 0), font=font)
    return canvas


def _left_to_right(info) -> tuple[int, ...]:
    return tuple(page for page, box in sorted(info.rects, key=lambda r: (-round(r[1][1]), r[1][0])))


def _annotate(image, lines, dpi: float):
    """Shade the copier's dead edge; draw folds (dashed blue) and cuts (dashed red)."""
    from PIL import Image, ImageDraw

    from zine.preflight.checks import EDGE_MM

    scale = dpi / 72
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    edge = round(EDGE_MM * MM * scale)
    w, h = image.size
    for box in ((0, 0, w, edge), (0, h - edge, w, h), (0, edge, edge, h - edge), (w - edge, edge, w, h - edge)):
        draw.rectangle(box, fill=DEAD_EDGE)
    marked = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    pen = ImageDraw.Draw(marked)
    for line in sorted(lines, key=lambda line: line.kind == "cut"):
        start = (line.x0 * scale, h - line.y0 * scale)
        end = (line.x1 * scale, h - line.y1 * scale)
        if line.kind == "fold":
            _dashed(pen, start, end, FOLD, max(2, round(dpi / 48)))
        else:  # drawn over any fold it runs along, thicker and in shorter dashes
            _dashed(pen, start, end, CUT, max(3, round(dpi / 32)), dash=8, gap=4)
    return marked


def _dashed(draw, start, end, colour, width: int, dash: float = 12, gap: float = 7) -> None:
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    if length == 0:
        return
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    at = 0.0
    while at < length:
        stop = min(at + dash, length)
        draw.line((x0 + ux * at, y0 + uy * at, x0 + ux * stop, y0 + uy * stop), fill=colour, width=width)
        at = stop + gap


def render_pages(data: bytes, dpi: float, numbers: list[int] | None = None) -> dict:
    """Pages of a PDF (0-based ``numbers``; None: all) as Pillow images at ``dpi``, by number."""
    import pypdfium2 as pdfium

    from zine.preflight.checks import render

    document = pdfium.PdfDocument(data)
    try:
        wanted = range(len(document)) if numbers is None else numbers
        return {n: render(document[n], dpi) for n in wanted}
    finally:
        document.close()


def marked_side(image, lines, dpi: float):
    """A rendered printed side with the dead edge shaded and folds and cuts drawn, as a preview shows it."""
    return _annotate(image, lines, dpi)


def pages_on_side(info) -> tuple[int, ...]:
    """The reading pages on a printed side, left to right as printed."""
    return _left_to_right(info)


def _render_all(data: bytes, dpi: float) -> list:
    import pypdfium2 as pdfium

    from zine.preflight.checks import render

    document = pdfium.PdfDocument(data)
    try:
        return [render(document[i], dpi) for i in range(len(document))]
    finally:
        document.close()


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
