"""Sheet sizes, in PostScript points, in one table.

Exact ISO sizes (A4 is 595.28 x 841.89 pt) and the US sizes copy shops stock.
Sizes are stored portrait; the engine turns a sheet landscape when the scheme needs it.
"""

from __future__ import annotations

MM = 72 / 25.4

SHEETS: dict[str, tuple[float, float]] = {
    "a4": (595.28, 841.89),
    "a3": (841.89, 1190.55),
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
    "tabloid": (792.0, 1224.0),
}

LABELS = {"a4": "A4", "a3": "A3", "letter": "Letter", "legal": "Legal", "tabloid": "Tabloid"}


def sheet_size(name: str, landscape: bool) -> tuple[float, float]:
    """Width and height of sheet ``name`` in points, turned as asked."""
    short, long = SHEETS[name]
    return (long, short) if landscape else (short, long)


def mm(points: float) -> float:
    """Points to millimetres (for messages)."""
    return points / MM
