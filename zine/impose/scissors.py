"""A scissors mark drawn in thin lines, where a slit starts, so a first-time maker cuts the
right line: two round handles and two blades crossing, pointing along the cut."""

from __future__ import annotations

import math

from zine.core.paper import MM
from zine.impose.geometry import Segment

SIZE = 6 * MM  # from the handles' far side to the blades' tips
_RING = 10  # straight pieces that draw a handle's ring


def scissors(vertical: bool, at: float, start: float) -> list[Segment]:
    """Scissors on the cut line at ``at`` (an x for a vertical line, else a y), the blades'
    tips at ``start`` and the handles behind it, pointing the way the cut goes."""

    def point(along: float, across: float) -> tuple[float, float]:
        return (at + across, start + along) if vertical else (start + along, at + across)

    def line(a: tuple[float, float], b: tuple[float, float]) -> Segment:
        (x0, y0), (x1, y1) = point(*a), point(*b)
        return Segment(x0, y0, x1, y1)

    marks = []
    radius = 0.16 * SIZE
    for side in (1, -1):
        centre = (-0.8 * SIZE, side * 0.24 * SIZE)
        ring = [(centre[0] + radius * math.cos(2 * math.pi * k / _RING),
                 centre[1] + radius * math.sin(2 * math.pi * k / _RING)) for k in range(_RING + 1)]
        marks += [line(ring[k], ring[k + 1]) for k in range(_RING)]
        # Each blade runs from its handle, through the pivot, to the tip on the other side.
        marks.append(line((centre[0] + radius, side * 0.2 * SIZE), (0.0, -side * 0.07 * SIZE)))
    return marks
