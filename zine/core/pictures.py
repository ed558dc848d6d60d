"""Pictures: which file names are pictures, and Pillow's process-wide settings, held only while needed."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp"})
PICTURE_SUFFIXES = RASTER_SUFFIXES | {".svg"}
MAX_PIXELS = 60_000_000  # a picture larger than this is refused before it is decoded


@contextlib.contextmanager
def strict_pillow(max_pixels: int = MAX_PIXELS) -> Iterator[None]:
    """While inside, Pillow refuses pictures over ``max_pixels`` and files cut short.

    Both are process-wide settings (WeasyPrint itself accepts truncated files),
    so they are set here and put back as they were on the way out."""
    from PIL import Image, ImageFile

    before = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
    Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = max_pixels, False
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = before
