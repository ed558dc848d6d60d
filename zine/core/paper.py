"""Paper and units in one place: millimetres, the paper sizes zine knows, and the sheets it prints on.

Sizes are stored portrait, in millimetres; sheets are the sizes copy shops stock,
given in PostScript points (A4 is 595.28 x 841.89 pt). The engine turns a sheet
landscape when the scheme needs it.
"""

from __future__ import annotations

MM = 72 / 25.4  # points in a millimetre

PAPER_MM: dict[str, tuple[float, float]] = {
    "a3": (297, 420), "a4": (210, 297), "a5": (148, 210), "a6": (105, 148), "a7": (74, 105),
    "letter": (215.9, 279.4), "half-letter": (139.7, 215.9), "legal": (215.9, 355.6),
    "tabloid": (279.4, 431.8), "quarter-letter": (107.95, 139.7),
}

LABELS = {"a4": "A4", "a3": "A3", "letter": "Letter", "legal": "Legal", "tabloid": "Tabloid"}  # the sheets

SHEETS: dict[str, tuple[float, float]] = {
    name: (round(PAPER_MM[name][0] * MM, 2), round(PAPER_MM[name][1] * MM, 2)) for name in LABELS
}


def sheet_size(name: str, landscape: bool) -> tuple[float, float]:
    """Width and height of sheet ``name`` in points, turned as asked."""
    short, long = SHEETS[name]
    return (long, short) if landscape else (short, long)


def mm(points: float) -> float:
    """Points to millimetres (for messages)."""
    return points / MM
