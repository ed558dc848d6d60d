"""Images named by articles: only raster files inside the project, checked before rendering."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from zine.core.errors import InputError, LimitError
from zine.core.files import megabytes
from zine.core.limits import PICTURE_FILE_BYTES, PICTURE_PIXELS, millions
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
    if "\x00" in unquote(parts.path):
        raise InputError(f"image {src!r} is not a file name (it holds a NUL character)", article, line)
    path = article.parent / unquote(parts.path)
    if not is_inside(path, [root]):
        raise InputError(f"image {src!r} is outside the project folder", article, line)
    if not path.exists():
        raise InputError(f"image not found: {src}", article, line)
    _check_file(path, src, article, line)
    _check_readable(path, src, article, line)
    return path.resolve().relative_to(root.resolve()).as_posix()


def _check_file(path: Path, src: str, article: Path, line: int | None) -> None:
    """A regular file of a size a picture can have: never a device, a pipe or a folder."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"image {src!r} is not a regular file (a folder, a device or a pipe)", article, line)
    if info.st_size > PICTURE_FILE_BYTES:
        raise LimitError(f"image {src!r} is {megabytes(info.st_size)}, over the limit of "
                         f"{megabytes(PICTURE_FILE_BYTES)} by {megabytes(info.st_size - PICTURE_FILE_BYTES)}; "
                         "save it smaller (as JPEG, or with fewer pixels)", article, line)


def _check_readable(path: Path, src: str, article: Path, line: int | None) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with strict_pillow(max_pixels=None), Image.open(path) as image:
            kind = image.format
            check_pixels(image.size, f"image {src!r}", article, line)
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise InputError(f"image {src!r} is broken or not a picture ({exc})", article, line) from exc
    if kind not in RASTER_FORMATS:
        raise InputError(f"image {src!r} is {kind}; use PNG or JPEG", article, line)


def check_pixels(size: tuple[int, int], what: str, path: Path, line: int | None = None) -> None:
    """Refuse a picture with more pixels than converting or printing it can afford."""
    width, height = size
    if width * height > PICTURE_PIXELS:
        raise LimitError(
            f"{what} is {width:,} x {height:,} px ({millions(width * height)} pixels), over the limit of "
            f"{millions(PICTURE_PIXELS)} by {millions(width * height - PICTURE_PIXELS)}; scale it down "
            "(a whole A4 page at 300 dpi needs 8.7 million)", path, line)


def _line_of(needle: str, text: str, body_line: int) -> int | None:
    match = re.search(re.escape(needle), text)
    if not match:
        return None
    return body_line + text.count("\n", 0, match.start())
