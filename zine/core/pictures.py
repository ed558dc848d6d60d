"""Pictures: which file names are pictures, and Pillow's process-wide settings, held only while needed."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator

from zine.core.limits import PICTURE_PIXELS

RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp"})
PICTURE_SUFFIXES = RASTER_SUFFIXES | {".svg"}
MAX_PIXELS = PICTURE_PIXELS  # a picture larger than this is refused before it is decoded


@contextlib.contextmanager
def strict_pillow(max_pixels: int | None = MAX_PIXELS) -> Iterator[None]:
    """While inside, Pillow refuses pictures over ``max_pixels`` and files cut short, and its
    DecompressionBombWarning is never printed raw. ``None``: Pillow sets no pixel limit, for
    a caller that checks the size itself with an error naming the file and the excess.

    Both are process-wide settings (WeasyPrint itself accepts truncated files),
    so they are set here and put back as they were on the way out."""
    from PIL import Image, ImageFile

    before = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
    Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = max_pixels, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = before
