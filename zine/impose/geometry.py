"""Plain geometry for plans: rectangles, line segments, turning a side 180 degrees."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in points, origin at the sheet's lower left."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def turned(self, width: float, height: float) -> Rect:
        """This rectangle after turning a width x height sheet 180 degrees."""
        return Rect(width - self.right, height - self.top, self.w, self.h)

    def intersect(self, other: Rect) -> Rect:
        x, y = max(self.x, other.x), max(self.y, other.y)
        return Rect(x, y, max(0.0, min(self.right, other.right) - x), max(0.0, min(self.top, other.top) - y))


@dataclass(frozen=True)
class Segment:
    """A straight mark line; dashed for cut lines."""

    x0: float
    y0: float
    x1: float
    y1: float
    dashed: bool = False

    def turned(self, width: float, height: float) -> Segment:
        return replace(self, x0=width - self.x0, y0=height - self.y0, x1=width - self.x1, y1=height - self.y1)


def bounds(rects: list[Rect]) -> Rect:
    """The smallest rectangle holding all of ``rects``."""
    x, y = min(r.x for r in rects), min(r.y for r in rects)
    return Rect(x, y, max(r.right for r in rects) - x, max(r.top for r in rects) - y)


@dataclass(frozen=True)
class Guide:
    """Where the sheet is folded or cut (``kind``): drawn by previews, checked for ink."""

    kind: str
    segment: Segment

    def turned(self, width: float, height: float) -> Guide:
        return Guide(self.kind, self.segment.turned(width, height))
