"""Checks on placed images: resolution at the printed size, transparency, colour.

Images are named by the file they came from: a placed image is matched to the
project's picture files (and their photocopy-ready copies) by pixel size, read
from each regular file's header (never a whole file, a device or a pipe).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from zine.compose import CACHE, original_stem
from zine.core.limits import PICTURE_FILE_BYTES
from zine.core.paper import MM
from zine.core.pictures import RASTER_SUFFIXES, strict_pillow
from zine.preflight.checks.registry import Pages, register, register_code
from zine.preflight.checks.report import WARNING, Finding
from zine.preflight.checks.scan import PageScan

MAX_FILES = 2000
TINY = 3 * MM  # spacers and bullets are not pictures worth checking


def image_names(root: Path | None) -> dict[tuple[int, int], str]:
    """Pixel size -> the project file (relative) an image of that size came from."""
    if root is None:
        return {}
    from PIL import Image, UnidentifiedImageError

    originals, cached = _picture_files(root)
    by_stem = {path.stem: path for path in originals}
    names: dict[tuple[int, int], str] = {}
    for path in cached + originals:
        shown = by_stem.get(original_stem(path) or "", path)
        if not _plain_file(path):
            continue
        try:
            with strict_pillow(max_pixels=None), Image.open(path) as image:  # reads the header only
                names.setdefault(image.size, shown.relative_to(root).as_posix())
        except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
            continue
    return names


def _plain_file(path: Path) -> bool:
    """A regular file no bigger than a picture may be: a pipe would block the check forever."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= PICTURE_FILE_BYTES


def _picture_files(root: Path) -> tuple[list[Path], list[Path]]:
    originals: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        originals += [Path(folder) / f for f in sorted(files) if Path(f).suffix.lower() in RASTER_SUFFIXES]
        if len(originals) > MAX_FILES:
            break
    cache = root / CACHE
    cached = sorted(p for p in cache.iterdir() if p.suffix.lower() in RASTER_SUFFIXES) if cache.is_dir() else []
    return originals[:MAX_FILES], cached[:MAX_FILES]


@register("low-dpi", "a picture printed at too low a resolution (or with transparency, or in colour)",
          also=("transparency", "colour"), order=60)
def _pictures(pages: Pages) -> list[Finding]:
    return image_findings(pages.scans, pages.images, pages.names, pages.options.min_dpi)


def image_findings(scans: list[PageScan], facts: list[dict], names: dict[tuple[int, int], str],
                   min_dpi: float) -> list[Finding]:
    """Low resolution, transparency and colour, once per image and problem."""
    with_alpha = {(f["width"], f["height"]) for f in facts if f["smask"]}
    findings, seen = [], set()
    for scan in scans:
        for picture in scan.pictures:
            w, h = picture.box[2] - picture.box[0], picture.box[3] - picture.box[1]
            if max(w, h) < TINY:
                continue
            file = names.get(picture.pixels)
            name = file or f"an image of {picture.pixels[0]} x {picture.pixels[1]} px"
            problems = []
            if picture.dpi < min_dpi:
                problems.append(("low-dpi", f"{name} prints at {picture.dpi:.0f} dpi at its placed size "
                                 f"({w / MM:.0f} x {h / MM:.0f} mm), under {min_dpi:g} dpi: it comes out "
                                 "soft or blocky; use a larger original or place it smaller"))
            if picture.pixels in with_alpha:
                problems.append(("transparency", f"{name} has transparency: copiers and print drivers can "
                                 "render it as a grey box; flatten it onto white"))
            if picture.coloured:
                problems.append(("colour", f"{name} is in colour: copiers turn it into muddy grey "
                                 "(use images = \"grayscale\" or \"halftone\")"))
            for code, message in problems:
                if (name, code) not in seen:
                    seen.add((name, code))
                    findings.append(Finding(WARNING, code, message, page=scan.number, file=file))
    return findings


register_code("transparency", "a picture with transparency: copiers can print it as a grey box")
