"""Images named by articles: only raster files inside the project, checked before rendering."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from zine.core.errors import InputError
from zine.core.pictures import strict_pillow
from zine.core.sandbox import is_inside

RASTER_FORMATS = {"PNG", "JPEG", "GIF", "WEBP", "TIFF", "BMP"}


def check_image(src: str, article: Path, root: Path, text: str, body_line: int) -> str:
    """Validate one image reference; returns its path relative to the project root."""
    line = _line_of(src, text, body_line)
    parts = urlsplit(src)
    if parts.scheme or src.startswith("/"):
        raise InputError(
            f"image {src!r} is not a file in the project: save it into the project folder "
            "and refer to it by its relative path (nothing is fetched from the network)",
            article, line,
        )
    path = article.parent / unquote(parts.path)
    if not is_inside(path, [root]):
        raise InputError(f"image {src!r} is outside the project folder", article, line)
    if not path.is_file():
        raise InputError(f"image not found: {src}", article, line)
    _check_readable(path, src, article, line)
    return path.resolve().relative_to(root.resolve()).as_posix()


def _check_readable(path: Path, src: str, article: Path, line: int | None) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with strict_pillow(), Image.open(path) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise InputError(f"image {src!r} is broken or not a picture ({exc})", article, line) from exc
    if kind not in RASTER_FORMATS:
        raise InputError(f"image {src!r} is {kind}; use PNG or JPEG", article, line)


def _line_of(needle: str, text: str, body_line: int) -> int | None:
    match = re.search(re.escape(needle), text)
    if not match:
        return None
    return body_line + text.count("\n", 0, match.start())
