"""Pictures: which file names are pictures, and Pillow's process-wide settings, held only while needed
(``strict_pillow``, which ``zine.core.process`` owns with the other process-wide settings)."""

from __future__ import annotations

from zine.core.limits import PICTURE_PIXELS
from zine.core.process import strict_pillow

__all__ = ["RASTER_SUFFIXES", "PICTURE_SUFFIXES", "MAX_PIXELS", "strict_pillow"]

RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp"})
PICTURE_SUFFIXES = RASTER_SUFFIXES | {".svg"}
MAX_PIXELS = PICTURE_PIXELS  # a picture larger than this is refused before it is decoded
