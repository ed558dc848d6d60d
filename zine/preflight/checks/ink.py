"""Look at rendered pages as a copier would: ink near edges and folds, colour, light text.

Pages are rendered small (50 dpi by default) with pypdfium2 and inspected with
Pillow: enough to see where ink is, cheap enough to run on every check.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageChops

from zine.core.paper import MM

EDGE_MM = 5.0  # an office copier's dead edge: it prints nothing this close to the sheet's edge
INK_LEVEL = 200  # grey value (0-255) darker than this counts as ink
CHROMA_LEVEL = 48  # spread between colour channels that reads as colour, not grey


@dataclass(frozen=True)
class Band:
    """A strip of the page to keep free of ink: a name and a box in points (x0, y0, x1, y1)."""

    name: str
    box: tuple[float, float, float, float]


def render(page: pdfium.PdfPage, dpi: float = 50) -> Image.Image:
    """The page as an RGB image at ``dpi``."""
    return page.render(scale=dpi / 72, may_draw_forms=False).to_pil().convert("RGB")


def paint_out(image: Image.Image, marks, page_height: float, dpi: float) -> Image.Image:
    """The image with zine's own printed marks (fold dashes, cut lines, scissors) painted
    white, so the ink checks see only what the pages put there."""
    from PIL import ImageDraw

    scale = dpi / 72
    draw = ImageDraw.Draw(image)
    for mark in marks:
        draw.line((mark.x0 * scale, (page_height - mark.y0) * scale, mark.x1 * scale,
                   (page_height - mark.y1) * scale), fill="white", width=3)
    return image


def edge_bands(width: float, height: float, edge_mm: float) -> list[Band]:
    """The four strips along the sheet edges that a copier cannot print."""
    d = edge_mm * MM
    return [Band("left", (0, 0, d, height)), Band("right", (width - d, 0, width, height)),
            Band("bottom", (0, 0, width, d)), Band("top", (0, height - d, width, height))]


def ink_in(image: Image.Image, page_height: float, dpi: float, band: Band) -> tuple[float, float, float, float] | None:
    """The box (points) of the ink inside ``band``, or None when it is clean."""
    scale = dpi / 72
    x0, y0, x1, y1 = band.box
    crop = (round(x0 * scale), round((page_height - y1) * scale), round(x1 * scale), round((page_height - y0) * scale))
    if crop[2] <= crop[0] or crop[3] <= crop[1]:
        return None
    grey = image.crop(crop).convert("L")
    found = grey.point(lambda v: 255 if v < INK_LEVEL else 0).getbbox()
    if found is None:
        return None
    left, upper, right, lower = found
    return (x0 + left / scale, y1 - lower / scale, x0 + right / scale, y1 - upper / scale)


def coloured_box(image: Image.Image, page_height: float, dpi: float) -> tuple[float, float, float, float] | None:
    """The box (points) around every coloured pixel of a page render, or None."""
    mask = _chroma(image).point(lambda v: 255 if v > CHROMA_LEVEL else 0)
    found = mask.getbbox()
    if found is None:
        return None
    scale = dpi / 72
    left, upper, right, lower = found
    return (left / scale, page_height - lower / scale, right / scale, page_height - upper / scale)


def is_coloured(image: Image.Image) -> bool:
    """True when a visible share of the image is coloured rather than grey."""
    if image.mode in ("1", "L", "I", "F", "I;16"):
        return False
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        image = flat
    small = image.convert("RGB")
    small.thumbnail((160, 160))
    histogram = _chroma(small).histogram()
    coloured = sum(histogram[CHROMA_LEVEL + 1:])
    return coloured >= max(4, small.width * small.height // 500)


def mean_grey(image: Image.Image, page_height: float, dpi: float,
              box: tuple[float, float, float, float]) -> float | None:
    """Average grey (0 black - 255 white) of the render under ``box`` (points)."""
    scale = dpi / 72
    x0, y0, x1, y1 = box
    crop = (int(x0 * scale), int((page_height - y1) * scale), int(x1 * scale) + 1, int((page_height - y0) * scale) + 1)
    region = image.crop(crop).convert("L")
    histogram = region.histogram()
    total = sum(histogram)
    return sum(i * n for i, n in enumerate(histogram)) / total if total else None


def _chroma(image: Image.Image) -> Image.Image:
    """Per pixel, the largest difference between two colour channels."""
    r, g, b = image.convert("RGB").split()
    return ImageChops.lighter(ImageChops.lighter(ImageChops.difference(r, g), ImageChops.difference(g, b)),
                              ImageChops.difference(r, b))
