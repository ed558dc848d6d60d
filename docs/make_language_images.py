"""Draw docs/img/languages-rtl-sheets.png: the printed sheets of the Hebrew-English example,
a right-to-left booklet (each sheet's front beside its back), and
docs/img/languages-examples.png: the first pages of the four language examples.

    python docs/make_language_images.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from zine.pipeline.build import BuildOptions, build

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
DPI = 50
GAP = 14


def built(name: str, folder: Path):
    copy = folder / name
    shutil.copytree(EXAMPLES / name, copy)
    return build(copy, BuildOptions(output=folder / f"{name}.pdf", cache=False))


def pages(path: Path, which: range | None = None, dpi: float = DPI) -> list[Image.Image]:
    document = pdfium.PdfDocument(path)
    return [document[i].render(scale=dpi / 72).to_pil() for i in (which or range(len(document)))]


def grid(rows: list[list[Image.Image]]) -> Image.Image:
    width = max(sum(im.width for im in row) + GAP * (len(row) - 1) for row in rows)
    height = sum(max(im.height for im in row) for row in rows) + GAP * (len(rows) - 1)
    image = Image.new("RGB", (width, height), "#888")
    y = 0
    for row in rows:
        x = 0
        for im in row:
            image.paste(im, (x, y))
            x += im.width + GAP
        y += max(im.height for im in row) + GAP
    return image


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="zine-docs-") as folder:
        result = built("hebrew-english", Path(folder))
        sides = pages(result.print_pdfs[0])
        grid([sides[i:i + 2] for i in range(0, len(sides), 2)]).save(HERE / "img" / "languages-rtl-sheets.png")
        firsts = []
        for name in ("arabic-leaflet", "hebrew-english", "bengali-mini8", "hindi-booklet"):
            reading = built(name, Path(folder)).reading_pdf if name != "hebrew-english" else result.reading_pdf
            firsts += pages(reading, range(2), dpi=36)
        grid([firsts[:4], firsts[4:]]).save(HERE / "img" / "languages-examples.png")


if __name__ == "__main__":
    main()
