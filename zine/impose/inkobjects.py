"""Ink near a sheet's edge, read from PDFium's page objects instead of a render.

Every placed page is a form XObject on its imposed side. Its objects (text, paths,
nested forms) are walked with their matrices and clip paths into sheet points and
tested against the parts of the dead edge the page reaches (``regions``):

- text: ink where its glyph boxes (PDFium's object bounds) touch a region, unless
  invisible or too light to print;
- paths made of straight lines (rectangles, rules, frames): ink where a line, as
  wide as it is stroked, or the filled area touches a region, unless too light;
- anything else that touches a region (pictures, shadings, curves, patterns,
  transparency) is left in doubt, for ``zine.impose.deadedge`` to render.

Ink a later object paints over in white still counts: a page that hides ink that
way at its very edge is rare enough to warn about.
"""

from __future__ import annotations

import ctypes
from contextlib import contextmanager

import pypdfium2.raw as raw

from zine.impose.inkstream import INK_LEVEL, compose, polygon_touches, segment_touches, transform_box

INK, CLEAN, DOUBT = "ink", "clean", "doubt"

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Matrix = tuple[float, float, float, float, float, float]

_FLOATS = [ctypes.c_float() for _ in range(4)]
_UINTS = [ctypes.c_uint() for _ in range(4)]
_INTS = [ctypes.c_int() for _ in range(2)]


@contextmanager
def forms_on_side(document, number: int):
    """The form objects drawn on page ``number`` of an open PDFium document, while it is loaded."""
    handle = raw.FPDF_LoadPage(document.raw, number)
    try:
        yield side_forms(handle)
    finally:
        raw.FPDF_ClosePage(handle)


def side_forms(page_handle) -> list:
    """The form objects drawn on a side, in drawing order (one per placement)."""
    objects = (raw.FPDFPage_GetObject(page_handle, i) for i in range(raw.FPDFPage_CountObjects(page_handle)))
    return [o for o in objects if raw.FPDFPageObj_GetType(o) == raw.FPDF_PAGEOBJ_FORM]


def placement_verdict(form, seen: Box, regions: list[Box]) -> str:
    """INK, CLEAN or DOUBT for one placed page: is anything drawn inside ``regions`` (sheet points),
    looking only at what shows through ``seen`` (the page's cell)?"""
    if not regions:
        return CLEAN
    return _walk(form, _matrix(form), seen, regions)


def _walk(form, matrix: Matrix, clip: Box, regions: list[Box]) -> str:
    doubt = False
    get_object, get_bounds = raw.FPDFFormObj_GetObject, raw.FPDFPageObj_GetBounds
    left, bottom, right, top = _FLOATS
    for index in range(raw.FPDFFormObj_CountObjects(form)):
        obj = get_object(form, index)
        # Most objects are nowhere near the edge: their bounds alone say so, and cost least.
        get_bounds(obj, left, bottom, right, top)
        box = _intersect(transform_box((left.value, bottom.value, right.value, top.value), matrix), clip)
        if box is None or not any(_overlaps(box, r) for r in regions):
            continue
        verdict = _object(obj, matrix, clip, regions, box)
        if verdict is INK:
            return INK
        doubt = doubt or verdict is DOUBT
    return DOUBT if doubt else CLEAN


def _object(obj, matrix: Matrix, clip: Box, regions: list[Box], box: Box) -> str:
    """The verdict on one object whose visible ``box`` (sheet points) touches a region."""
    own = _clip_box(obj)
    if own is not None:
        clip = _intersect(clip, transform_box(own, matrix))
        box = _intersect(box, clip) if clip is not None else None
    touched = [r for r in regions if box is not None and _overlaps(box, r)]
    if not touched:
        return CLEAN
    kind = raw.FPDFPageObj_GetType(obj)
    if kind == raw.FPDF_PAGEOBJ_FORM:
        if raw.FPDFPageObj_HasTransparency(obj):
            return DOUBT  # drawn through a soft mask or blend mode: only a render shows it
        return _walk(obj, compose(_matrix(obj), matrix), clip, touched)
    if kind == raw.FPDF_PAGEOBJ_TEXT:
        return _text(obj)
    if kind == raw.FPDF_PAGEOBJ_PATH:
        return _path(obj, matrix, clip, touched)
    return DOUBT


def _text(obj) -> str:
    mode = raw.FPDFTextObj_GetTextRenderMode(obj)
    if mode in (raw.FPDF_TEXTRENDERMODE_INVISIBLE, raw.FPDF_TEXTRENDERMODE_CLIP):
        return CLEAN
    filled = mode in (raw.FPDF_TEXTRENDERMODE_FILL, raw.FPDF_TEXTRENDERMODE_FILL_STROKE,
                      raw.FPDF_TEXTRENDERMODE_FILL_CLIP, raw.FPDF_TEXTRENDERMODE_FILL_STROKE_CLIP)
    stroked = not filled or mode in (raw.FPDF_TEXTRENDERMODE_FILL_STROKE, raw.FPDF_TEXTRENDERMODE_FILL_STROKE_CLIP)
    dark = _dark(obj, filled, stroked)
    return dark if isinstance(dark, str) else INK if any(dark) else CLEAN


def _dark(obj, filled: bool, stroked: bool) -> tuple[bool, bool] | str:
    """Whether the fill and the stroke (each when used) are dark enough to print as ink;
    DOUBT when PDFium cannot say."""
    if raw.FPDFPageObj_HasTransparency(obj):
        return DOUBT  # a blend mode or soft mask: only a render shows what it gives
    dark = []
    for used, getter in ((filled, raw.FPDFPageObj_GetFillColor), (stroked, raw.FPDFPageObj_GetStrokeColor)):
        grey = _grey(obj, getter) if used else 255.0
        if grey is None:
            return DOUBT  # a pattern, or a colour PDFium does not give as RGB
        dark.append(grey < INK_LEVEL)
    return dark[0], dark[1]


def _grey(obj, getter) -> float | None:
    r, g, b, a = _UINTS
    if not getter(obj, r, g, b, a):
        return None
    luma = 0.299 * r.value + 0.587 * g.value + 0.114 * b.value  # as PIL turns RGB into grey
    return 255 - a.value / 255 * (255 - luma)  # on white paper


def _path(obj, matrix: Matrix, clip: Box, regions: list[Box]) -> str:
    fill, stroke = _INTS
    if not raw.FPDFPath_GetDrawMode(obj, fill, stroke):
        return DOUBT
    filled, stroked = bool(fill.value), bool(stroke.value)
    if not filled and not stroked:
        return CLEAN  # a clipping path, or one drawn with nothing
    dark = _dark(obj, filled, stroked)
    if isinstance(dark, str):
        return dark
    filled, stroked = dark  # only what prints dark counts from here on
    if not filled and not stroked:
        return CLEAN
    full = compose(_matrix(obj), matrix)
    found = _straight_lines(obj, full)
    if found is None:
        return DOUBT  # curves: their boxes say too little
    lines, closing = found
    half = _stroke_width(obj) * scale_of(full) / 2 if stroked else 0.0
    for region in regions:
        area = _intersect(region, clip)
        if area is None:
            continue
        if stroked and any(segment_touches(a, b, _grown(area, half)) for a, b in lines):
            return INK
        if filled and polygon_touches(lines + closing, area):
            return INK
    return CLEAN


def _straight_lines(obj, matrix: Matrix) -> tuple[list, list] | None:
    """The path's drawn segments in sheet points, and the lines a fill closes its open subpaths
    with; None when it curves."""
    x, y = _FLOATS[0], _FLOATS[1]
    a, b, c, d, e, f = matrix
    get_segment, get_type, get_point, get_close = (raw.FPDFPath_GetPathSegment, raw.FPDFPathSegment_GetType,
                                                   raw.FPDFPathSegment_GetPoint, raw.FPDFPathSegment_GetClose)
    lines, closing, start, last = [], [], None, None
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = get_segment(obj, index)
        kind = get_type(segment)
        if kind == raw.FPDF_SEGMENT_BEZIERTO or not get_point(segment, x, y):
            return None
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if start is not None and last != start:
                closing.append((last, start))  # a filled subpath closes itself
            start = point
        elif last is not None:
            lines.append((last, point))
        last = point
        if get_close(segment) and start is not None:
            lines.append((point, start))
            last = start
    if start is not None and last is not None and last != start:
        closing.append((last, start))
    return lines, closing


def _stroke_width(obj) -> float:
    width = _FLOATS[0]
    return width.value if raw.FPDFPageObj_GetStrokeWidth(obj, width) else 1.0






def _clip_box(obj) -> Box | None:
    """The box of the object's own clip path (in its holder's space), or None when it has none."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    box = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            if raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, path, index), x, y):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            # Every path of a clip clips: the area is inside all of them.
            box = _intersect(box, (min(xs), min(ys), max(xs), max(ys))) if box else (min(xs), min(ys), max(xs), max(ys))
            if box is None:
                return (0.0, 0.0, 0.0, 0.0)
    return box


def _matrix(obj) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)








def scale_of(m: Matrix) -> float:
    """How much ``m`` scales lengths (the square root of its area factor)."""
    return abs(m[0] * m[3] - m[1] * m[2]) ** 0.5


def _intersect(a: Box, b: Box) -> Box | None:
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] <= box[2] and box[1] <= box[3] else None


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _grown(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)
