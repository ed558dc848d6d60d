"""Read what is on each page with pypdfium2: characters, paths and images, in points.

One pass per page turns PDFium's objects into plain records the rules work on.
Coordinates are PDF points with the origin at the page's lower left.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # left, bottom, right, top
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
DROPPED = (0x00, 0x0D)  # NULs and carriage returns in PDFium's text are not printed
HYPHEN_MARKS = (0x02, 0xFFFE)  # PDFium's marks for a hyphen that ends a line
PLAIN_TEXT = {**dict.fromkeys(DROPPED), **dict.fromkeys(HYPHEN_MARKS, "-")}  # the same, for str.translate


@dataclass(frozen=True)
class Char:
    """One drawn character: its text, box, size in points and fill colour (0-255)."""

    text: str
    box: Box
    size: float
    rgb: tuple[int, int, int]


@dataclass(frozen=True)
class Stroke:
    """A path: its box, stroke width (points, None when only filled) and colours."""

    box: Box
    width: float | None
    stroke_rgb: tuple[int, int, int] | None
    fill_rgb: tuple[int, int, int] | None


@dataclass(frozen=True)
class Picture:
    """An image as placed: pixel size, box on the page, and whether its pixels hold colour."""

    pixels: tuple[int, int]
    box: Box
    coloured: bool

    @property
    def dpi(self) -> float:
        """The lower of horizontal and vertical resolution at the placed size."""
        width, height = self.box[2] - self.box[0], self.box[3] - self.box[1]
        if width <= 0 or height <= 0:
            return math.inf
        return min(self.pixels[0] / (width / 72), self.pixels[1] / (height / 72))


@dataclass
class PageScan:
    """Everything the rules need to know about one page."""

    number: int  # 1-based
    width: float  # as rendered (crop box, page rotation applied)
    height: float
    box: Box = (0.0, 0.0, 0.0, 0.0)  # the visible area in user space: character boxes are in it
    text: str = ""  # everything printed on the page, in reading order
    chars: list[Char] = field(default_factory=list)  # empty when scanned without char_detail
    paths: list[Stroke] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def scan_document(document: pdfium.PdfDocument, objects: bool = True, char_detail: bool = True,
                  texts: Sequence[str] | None = None) -> list[PageScan]:
    """Scan every page of an open document; ``texts``, each page's text already read from the
    same pages (without ``char_detail`` only), spares reading it again."""
    return [scan_page(document[i], i + 1, objects, char_detail, texts[i] if texts and not char_detail else None)
            for i in range(len(document))]


def scan_page(page: pdfium.PdfPage, number: int, objects: bool = True,
              char_detail: bool = True, text: str | None = None) -> PageScan:
    """Text always; each character's box, size and colour with ``char_detail``; paths and
    images too when ``objects``.

    Without ``char_detail`` only the page's text is read (``chars`` stays empty, so
    the rules that measure characters find nothing): ten times cheaper, enough for
    the checks a build runs.
    """
    width, height = page.get_size()
    scan = PageScan(number, width, height, tuple(page.get_cropbox()))
    if char_detail:
        scan.chars = _chars(page.get_textpage())
        scan.text = "".join(c.text for c in scan.chars)
    else:
        scan.text = (page.get_textpage().get_text_range() if text is None else text).translate(PLAIN_TEXT)
    if objects:
        _walk(page.raw, [raw.FPDFPage_GetObject(page.raw, i) for i in range(raw.FPDFPage_CountObjects(page.raw))],
              IDENTITY, scan)
    return scan


def _chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    chars: list[Char] = []
    handle = textpage.raw
    count = textpage.count_chars()
    pending_high = None
    for i in range(count):
        code = raw.FPDFText_GetUnicode(handle, i)
        if raw.FPDFText_IsGenerated(handle, i) == 1:
            # Spaces and line ends PDFium infers from positions: kept so words stay apart.
            if code in (0x20, 0x0A) and chars:
                x, y0, y1 = chars[-1].box[2], chars[-1].box[1], chars[-1].box[3]
                chars.append(Char(chr(code), (x, y0, x, y1), 0.0, (0, 0, 0)))
            continue
        if code in DROPPED:
            continue
        if 0xD800 <= code < 0xDC00:  # the first half of a surrogate pair: wait for the second
            pending_high = code
            continue
        if 0xDC00 <= code < 0xE000 and pending_high is not None:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = None
        if code in HYPHEN_MARKS:
            code = ord("-")
        chars.append(Char(chr(code), textpage.get_charbox(i), _char_size(handle, i), _char_rgb(handle, i)))
    return chars


def _char_size(handle, index: int) -> float:
    matrix = raw.FS_MATRIX()
    size = raw.FPDFText_GetFontSize(handle, index)
    if raw.FPDFText_GetMatrix(handle, index, matrix):
        size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
    return size


def _char_rgb(handle, index: int) -> tuple[int, int, int]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFText_GetFillColor(handle, index, r, g, b, a):
        return (0, 0, 0)
    return (r.value, g.value, b.value)


def _walk(page_handle, handles: list, parent: Matrix, scan: PageScan) -> None:
    for handle in handles:
        kind = raw.FPDFPageObj_GetType(handle)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = [raw.FPDFFormObj_GetObject(handle, i) for i in range(raw.FPDFFormObj_CountObjects(handle))]
            _walk(page_handle, inner, compose(_matrix(handle), parent), scan)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            stroke = _path(handle, parent)
            if stroke is not None:
                scan.paths.append(stroke)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            scan.pictures.append(_picture(page_handle, handle, parent))


def _path(handle, parent: Matrix) -> Stroke | None:
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(handle, fill_mode, stroked)
    if not stroked.value and not fill_mode.value:
        return None  # a clipping path or an invisible one
    box = transform_box(_bounds(handle), parent)
    width = None
    if stroked.value:
        w = ctypes.c_float()
        raw.FPDFPageObj_GetStrokeWidth(handle, w)
        width = w.value * scale_of(compose(_matrix(handle), parent))
    return Stroke(box, width, _object_rgb(handle, raw.FPDFPageObj_GetStrokeColor) if stroked.value else None,
                  _object_rgb(handle, raw.FPDFPageObj_GetFillColor) if fill_mode.value else None)


def _picture(page_handle, handle, parent: Matrix) -> Picture:
    width, height = ctypes.c_uint(), ctypes.c_uint()
    raw.FPDFImageObj_GetImagePixelSize(handle, width, height)
    full = compose(_matrix(handle), parent)
    box = transform_box((0.0, 0.0, 1.0, 1.0), full)
    return Picture((width.value, height.value), box, _image_coloured(handle))


def _image_coloured(handle) -> bool:
    """True when the image's own pixels (not as rendered) hold visible colour."""
    bitmap_handle = raw.FPDFImageObj_GetBitmap(handle)
    if not bitmap_handle:
        return False
    from zine.preflight.checks.ink import is_coloured

    # The wrapper frees PDFium's bitmap when collected; copy the pixels out first.
    try:
        pixels = pdfium.PdfBitmap.from_raw(bitmap_handle).to_pil().copy()
    except Exception:  # noqa: BLE001 - an odd pixel format is not worth failing a check over
        return False
    return is_coloured(pixels)


def _object_rgb(handle, getter) -> tuple[int, int, int] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(handle, r, g, b, a) or a.value == 0:
        return None
    return (r.value, g.value, b.value)


def _matrix(handle) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _bounds(handle) -> Box:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
    return (left.value, bottom.value, right.value, top.value)


def compose(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies ``first`` and then ``then``."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def transform_box(box: Box, m: Matrix) -> Box:
    """The bounding box of ``box`` after the transform ``m``."""
    x0, y0, x1, y1 = box
    points = [(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def scale_of(m: Matrix) -> float:
    """How much ``m`` scales lengths (the square root of its area factor)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
