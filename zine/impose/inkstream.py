"""Ink in the dead edge read straight from a page's content stream, where that is certain.

The writer reads every page's content once already (to trim its resources); the
same instructions (``zine.impose.contentbytes``, or pikepdf's parse) are read here for
the plainest ink there is: straight lines and filled polygons in grey or RGB, as
frames, rules and boxes are drawn. A page found inking a region this way needs no
PDFium at all. Nothing here ever says a page is clean: anything not understood
(ExtGState, other colour spaces, text clipping, curves) only means "not known", and
such pages go on to ``zine.impose.inkobjects`` and a render in the bounded child.
The tests are the ones ``inkobjects`` makes on PDFium's page objects, kept strictly
inside each region, so both always agree.
"""

from __future__ import annotations

INK_LEVEL = 200  # grey (0-255) darker than this is ink, as in a render
_CERTAIN = 1.0  # grey levels of room for PDFium's rounding of colours to whole numbers
_INSIDE = 0.01  # points: a line must pass this far inside a region to count for certain

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Matrix = tuple[float, float, float, float, float, float]

_STROKE, _FILL = frozenset(("S", "s", "B", "B*", "b", "b*")), frozenset(("f", "F", "f*", "B", "B*", "b", "b*"))


def inks(instructions, to_sheet: Matrix, clip: Box, regions: list[Box]) -> bool:
    """True when ``instructions`` (a page's content as (operands, operator name) pairs), drawn
    through ``to_sheet`` and seen through ``clip`` (sheet points), certainly draw a dark line or
    area inside one of ``regions``."""
    state = _State(to_sheet, clip, regions)
    actions = _ACTIONS
    for operands, operator in instructions:
        action = actions.get(operator)
        if action is not None and action(state, operands):
            return state.found
    return False


class _State:
    """The graphics state that matters here: the transform, two greys, the clip box, and the path."""

    def __init__(self, to_sheet: Matrix, clip: Box, regions: list[Box]):
        self.to_sheet, self.regions = to_sheet, regions
        self.found = False
        self.ctm: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        self.stroke: float | None = 0.0  # grey 0-255 on white paper; None when not known
        self.fill: float | None = 0.0
        self.clip: Box | None = clip
        self.saved: list[tuple] = []
        self.path = _Path()
        self.clipping = False

    def push(self) -> None:
        self.saved.append((self.ctm, self.stroke, self.fill, self.clip))

    def pop(self) -> None:
        if self.saved:
            self.ctm, self.stroke, self.fill, self.clip = self.saved.pop()

    def paint(self, operator: str) -> bool:
        """Whether this painting operator certainly inks a region; then the path is spent."""
        path, self.path = self.path, _Path()
        if operator in ("s", "b", "b*"):
            path.close()
        self.found = self.clip is not None and not path.curved and self._inks(operator, path, self.regions)
        if self.clipping:  # W applies after the path is painted
            self.clipping = False
            self.clip = _clipped(self.clip, path, self.to_sheet)
        return self.found

    def _inks(self, operator: str, path: _Path, regions: list[Box]) -> bool:
        lines, closing = path.on_sheet(self.to_sheet)
        stroked = operator in _STROKE and _dark(self.stroke)
        filled = operator in _FILL and _dark(self.fill)
        for region in regions:
            area = _inside(intersect(region, self.clip))
            if area is None:
                continue
            if stroked and any(segment_touches(a, b, area) for a, b in lines):
                return True
            if filled and polygon_touches(lines + closing, area):
                return True
        return False


class _Path:
    """The path being built, in the page's (form's) space after the CTM, as PDFium keeps it."""

    def __init__(self):
        self.points: list[tuple[float, float]] = []
        self.lines: list[tuple] = []
        self.closing: list[tuple] = []
        self.start: tuple[float, float] | None = None
        self.last: tuple[float, float] | None = None
        self.curved = False

    def move(self, point: tuple[float, float]) -> None:
        self._end_subpath()
        self.start = self.last = point
        self.points.append(point)

    def line(self, point: tuple[float, float]) -> None:
        if self.last is not None:
            self.lines.append((self.last, point))
        self.last = point
        self.points.append(point)

    def close(self) -> None:
        if self.start is not None and self.last is not None:
            self.lines.append((self.last, self.start))
            self.last = self.start

    def _end_subpath(self) -> None:
        if self.start is not None and self.last is not None and self.last != self.start:
            self.closing.append((self.last, self.start))  # a filled subpath closes itself

    def on_sheet(self, m: Matrix) -> tuple[list, list]:
        self._end_subpath()
        self.start = None
        move = lambda p: _apply(m, *p)  # noqa: E731 - a one-line mapping
        return ([(move(a), move(b)) for a, b in self.lines], [(move(a), move(b)) for a, b in self.closing])


def _numbers(operands, count: int) -> list[float] | None:
    if len(operands) != count:
        return None
    try:
        return [float(v) for v in operands]
    except (TypeError, ValueError):
        return None


def _cm(state: _State, operands) -> None:
    m = _numbers(operands, 6)
    if m is not None:
        state.ctm = compose(tuple(m), state.ctm)


def _grey_of(operands, count: int) -> float | None:
    values = _numbers(operands, count)
    if values is None or any(not 0 <= v <= 1 for v in values):
        return None
    if count == 1:
        return values[0] * 255
    return (0.299 * values[0] + 0.587 * values[1] + 0.114 * values[2]) * 255  # as PIL turns RGB into grey


def _set(attribute: str, count: int | None):
    """A colour operator: the grey it sets, or None (not known) for other colour spaces."""
    def operator(state: _State, operands) -> None:
        setattr(state, attribute, _grey_of(operands, count) if count else None)
    return operator


def _point(state: _State, operands, index: int = 0) -> tuple[float, float] | None:
    values = _numbers(operands[index:index + 2], 2)
    return _apply(state.ctm, *values) if values else None


def _move(state: _State, operands) -> None:
    point = _point(state, operands)
    if point is None:
        state.path.curved = True  # a path we cannot follow: never an answer
    else:
        state.path.move(point)


def _line(state: _State, operands) -> None:
    point = _point(state, operands)
    if point is None:
        state.path.curved = True
    else:
        state.path.line(point)


def _curve(state: _State, operands) -> None:
    state.path.curved = True
    values = _numbers(operands[-2:], 2)
    if values:
        state.path.line(_apply(state.ctm, *values))  # kept for the clip box only


def _rectangle(state: _State, operands) -> None:
    values = _numbers(operands, 4)
    if values is None:
        state.path.curved = True
        return
    x, y, w, h = values
    state.path.move(_apply(state.ctm, x, y))
    for px, py in ((x + w, y), (x + w, y + h), (x, y + h)):
        state.path.line(_apply(state.ctm, px, py))
    state.path.close()


def _clip(state: _State, operands) -> None:
    state.clipping = True


_STATE_OPERATORS = {
    "q": lambda state, operands: state.push(), "Q": lambda state, operands: state.pop(), "cm": _cm,
    "G": _set("stroke", 1), "g": _set("fill", 1), "RG": _set("stroke", 3), "rg": _set("fill", 3),
    "K": _set("stroke", None), "k": _set("fill", None), "CS": _set("stroke", None), "cs": _set("fill", None),
    "SC": _set("stroke", None), "SCN": _set("stroke", None), "sc": _set("fill", None), "scn": _set("fill", None),
    "m": _move, "l": _line, "c": _curve, "v": _curve, "y": _curve, "re": _rectangle,
    "h": lambda state, operands: state.path.close(), "W": _clip, "W*": _clip,
}


def _stop(state: _State, operands) -> bool:
    state.found = False
    return True  # transparency or a text clip may hide what follows: no answer


def _painter(operator: str):
    return lambda state, operands: state.paint(operator)


def _changer(change):
    def action(state: _State, operands) -> bool:
        change(state, operands)
        return False
    return action


# Each operator that matters: what it does to the state; True ends the reading (state.found says why).
_ACTIONS = {"gs": _stop, "Tr": _stop, **{name: _painter(name) for name in _STROKE | _FILL | {"n"}},
            **{name: _changer(change) for name, change in _STATE_OPERATORS.items()}}

OPERATORS = frozenset(_ACTIONS)  # the only operators ``inks`` reads: a parse may leave out the rest


def _dark(grey: float | None) -> bool:
    return grey is not None and grey < INK_LEVEL - _CERTAIN


def _clipped(clip: Box | None, path: _Path, to_sheet: Matrix) -> Box | None:
    """The clip box after a clip path: the box of its points, as ``inkobjects`` reads clip paths."""
    if clip is None or not path.points:
        return clip
    xs, ys = [p[0] for p in path.points], [p[1] for p in path.points]
    return intersect(clip, transform_box((min(xs), min(ys), max(xs), max(ys)), to_sheet))


def compose(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies ``first`` and then ``then``."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def transform_box(box: Box, m: Matrix) -> Box:
    """The bounding box of ``box`` after the transform ``m``."""
    x0, y0, x1, y1 = box
    a, b, c, d, e, f = m
    if b == 0 and c == 0:  # no turn: the usual case, worked out directly
        xa, xb, ya, yb = a * x0 + e, a * x1 + e, d * y0 + f, d * y1 + f
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
    points = [_apply(m, x, y) for x in (x0, x1) for y in (y0, y1)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def intersect(a: Box | None, b: Box | None) -> Box | None:
    """The common part of two boxes; None when they do not meet (or one is None)."""
    if a is None or b is None:
        return None
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] <= box[2] and box[1] <= box[3] else None


def _inside(box: Box | None) -> Box | None:
    """``box`` shrunk a little, so that a line touching it lies certainly within it."""
    if box is None or box[2] - box[0] <= 2 * _INSIDE or box[3] - box[1] <= 2 * _INSIDE:
        return None
    return (box[0] + _INSIDE, box[1] + _INSIDE, box[2] - _INSIDE, box[3] - _INSIDE)


def segment_touches(a: tuple, b: tuple, box: Box) -> bool:
    """True when the segment a-b passes through ``box`` (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def polygon_touches(lines: list, box: Box) -> bool:
    """True when the filled polygon (its edges ``lines``) and ``box`` share any area."""
    if any(segment_touches(a, b, box) for a, b in lines):
        return True
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    crossings = sum(1 for (x0, y0), (x1, y1) in lines
                    if (y0 > cy) != (y1 > cy) and cx < x0 + (cy - y0) * (x1 - x0) / (y1 - y0))
    return crossings % 2 == 1  # even-odd, as ``inkobjects`` tests a fill
