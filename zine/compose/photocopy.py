"""Photocopy-ready images: grayscale or a coarse halftone, made before rendering.

Copiers turn colour into muddy grey and fine screens into blotches, and WeasyPrint
can neither apply CSS ``filter`` nor keep 1-bit images small, so images are
converted here with Pillow: flattened onto white, 8-bit grayscale with
auto-contrast, no larger than their placed size at 300 ppi, and for ``halftone`` a
coarse 45-degree dot screen that survives copying.  Converted copies go into the
project's ``.zine-cache/images/`` named by a hash of what made them; originals are
never touched.
"""

from __future__ import annotations

import hashlib
import io
import math
from pathlib import Path

from zine.compose.images import check_pixels
from zine.core.errors import InputError, OutputError
from zine.core.files import read_bytes, refuse_links, replace_file
from zine.core.limits import PICTURE_FILE_BYTES
from zine.core.model import IMAGE_MODES
from zine.core.pictures import strict_pillow
from zine.core.seal import seal

DEFAULT_MODE = "grayscale"
CACHE = Path(".zine-cache") / "images"
PPI = 300
SCREEN_LPI = 50  # coarse enough that a copy of a copy still shows dots, not mush
SCREEN_PIXELS = 40_000_000  # the turned screen of a halftone: the picture's diagonal squared
VERSION = "1"  # bump when the conversion changes, so old cached copies are not reused


def prepare_image(relative: str, root: Path, mode: str | None = None, width_pt: float | None = None,
                  height_pt: float | None = None, reuse: bool = True) -> str:
    """The image to render in place of ``relative`` (a path under ``root``), as a path under ``root``.

    ``width_pt`` and ``height_pt`` are the largest the image can be placed (points, the
    page); they limit the pixels kept. A copy made before is used again only when
    ``reuse`` is true and it is whole and ours: its seal, kept beside it, still matches
    (a damaged copy would print as a black box, and a copy forged by whoever sent the
    folder as anything at all).
    """
    mode = mode or DEFAULT_MODE
    if mode == "keep":
        return relative
    source = root / relative
    data = read_bytes(source, PICTURE_FILE_BYTES)
    target = root / CACHE / _cache_name(source, data, mode, width_pt, height_pt)
    refuse_links(root, target)
    refuse_links(root, _digest_path(target))
    if not (reuse and _whole(target)):
        converted = _converted(source, data, mode, width_pt, height_pt)
        try:
            replace_file(target, converted)
            replace_file(_digest_path(target), seal(converted).encode())
        except OSError as exc:
            raise OutputError(f"cannot save the photocopy-ready copy of {relative}: {exc.strerror}", target) from exc
    return target.relative_to(root).as_posix()


def _digest_path(target: Path) -> Path:
    return target.with_name(target.name + ".sum")


def _whole(target: Path) -> bool:
    """True when the cached copy is there and is what was written."""
    try:
        return seal(target.read_bytes()).encode() == _digest_path(target).read_bytes()
    except OSError:
        return False


def _converted(source: Path, data: bytes, mode: str, width_pt: float | None, height_pt: float | None) -> bytes:
    """``convert``, with a picture Pillow cannot decode (cut short, say) named as the culprit."""
    from PIL import UnidentifiedImageError

    try:
        return convert(data, mode, width_pt, height_pt, name=source)
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError) as exc:
        raise InputError(f"the picture cannot be read ({exc}): save it again as PNG or JPEG", source) from exc


def convert(data: bytes, mode: str, width_pt: float | None = None, height_pt: float | None = None,
            name: Path | str = "picture") -> bytes:
    """Image bytes -> PNG bytes in ``mode`` ("grayscale" or "halftone").

    A picture over the pixel limit is refused (naming ``name``) before it is decoded.
    """
    from PIL import Image, ImageOps

    with strict_pillow(max_pixels=None), Image.open(io.BytesIO(data)) as image:
        check_pixels(image.size, "the picture", Path(name))
        ImageOps.exif_transpose(image, in_place=True)
        grey = ImageOps.autocontrast(_grey(image), cutoff=0.5)
    grey = _fit(grey, width_pt, height_pt)
    if mode == "halftone":
        grey = halftone(_screenable(grey))
    out = io.BytesIO()
    grey.save(out, format="PNG", optimize=True)
    return out.getvalue()


def halftone(grey, lpi: int = SCREEN_LPI, ppi: int = PPI):
    """A dot screen at 45 degrees: each cell's dot covers as much as the cell is dark."""
    from PIL import Image, ImageDraw

    cell = max(3, round(ppi / lpi))
    turned = grey.rotate(45, expand=True, fillcolor=255, resample=Image.Resampling.BILINEAR)
    cols, rows = math.ceil(turned.width / cell), math.ceil(turned.height / cell)
    means = turned.resize((cols, rows), Image.Resampling.BOX)
    screen = Image.new("L", (cols * cell, rows * cell), 255)
    draw = ImageDraw.Draw(screen)
    for row in range(rows):
        for col in range(cols):
            darkness = 1 - means.getpixel((col, row)) / 255
            if darkness > 0.04:
                radius = cell * math.sqrt(darkness / math.pi)
                cx, cy = col * cell + cell / 2, row * cell + cell / 2
                draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=0)
    back = screen.rotate(-45, expand=True, fillcolor=255, resample=Image.Resampling.BILINEAR)
    left, top = (back.width - grey.width) // 2, (back.height - grey.height) // 2
    dots = back.crop((left, top, left + grey.width, top + grey.height))
    # Snap to black and white: grey fringes from turning would copy as a fine screen again.
    return dots.point(lambda v: 0 if v < 128 else 255)


def _grey(image):
    """8-bit grey with transparent pixels turned to white paper (no soft masks reach the PDF),
    making as few full-size copies as it can: one in RGBA is 240 MB at the pixel limit."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        with_alpha = image if image.mode in ("RGBA", "LA") else image.convert("RGBA")
        paper = Image.new("L", image.size, 255)
        paper.paste(with_alpha.convert("L"), mask=with_alpha.getchannel("A"))
        return paper
    if image.mode in ("1", "I", "I;16", "F", "CMYK", "YCbCr", "LAB", "HSV"):
        return image.convert("RGB").convert("L")
    return image.convert("L")


def _fit(grey, width_pt: float | None, height_pt: float | None):
    """No more pixels than the largest placed size holds at PPI (a tall strip is as tall as the page)."""
    scales = [most / size for most, size in ((_pixels(width_pt), grey.width), (_pixels(height_pt), grey.height))
              if most and size > most]
    return _scaled(grey, min(scales)) if scales else grey


def _screenable(grey):
    """Small enough that the turned screen (the picture's diagonal squared) stays under SCREEN_PIXELS."""
    turned = (grey.width + grey.height) ** 2 / 2
    return _scaled(grey, math.sqrt(SCREEN_PIXELS / turned)) if turned > SCREEN_PIXELS else grey


def _pixels(points: float | None) -> int | None:
    return max(1, round(points / 72 * PPI)) if points else None


def _scaled(grey, factor: float):
    from PIL import Image

    size = (max(1, round(grey.width * factor)), max(1, round(grey.height * factor)))
    return grey.resize(size, Image.Resampling.LANCZOS)


def _cache_name(source: Path, data: bytes, mode: str, width_pt: float | None, height_pt: float | None) -> str:
    key = hashlib.sha256()
    key.update(data)
    key.update(f"|{mode}|{round(width_pt or 0, 1)}|{round(height_pt or 0, 1)}|{VERSION}".encode())
    return f"{source.stem}.{mode}.{key.hexdigest()[:16]}.png"


def original_stem(cached: Path) -> str | None:
    """For a converted copy, the stem of the original file it came from."""
    parts = cached.name.split(".")
    return ".".join(parts[:-3]) if len(parts) >= 4 and parts[-3] in IMAGE_MODES else None
