"""QR codes for paper: vector SVG, big enough to scan from a photocopy.

A code is drawn as one SVG path (no bitmap to blur), its symbol at least
20 mm wide, with the 4-module quiet zone scanners need around it.
"""

from __future__ import annotations

import segno
from markupsafe import Markup

MIN_SIZE_MM = 20.0
QUIET_ZONE = 4  # modules


def qr_svg(data: str, size_mm: float = 22.0) -> str:
    """An inline ``<svg>`` whose symbol (quiet zone not counted) is ``size_mm`` wide."""
    size_mm = max(float(size_mm), MIN_SIZE_MM)
    code = segno.make(data, error="m", micro=False)
    modules = code.symbol_size(border=0)[0]
    scale = round(size_mm / modules, 4)
    return code.svg_inline(scale=scale, border=QUIET_ZONE, unit="mm", svgclass="qr",
                           lineclass=None, dark="#000", light="#fff")


def qr_filter(data: str | None, size_mm: float = 22.0) -> Markup:
    """Jinja filter ``{{ url | qr }}``; empty for a missing URL."""
    return Markup(qr_svg(str(data), size_mm)) if data else Markup("")
