"""Draw docs/img/impose-<scheme>.png: one imposed sheet per scheme (front above back).

    python docs/make_impose_images.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from pdfmaker import A5, A6, A7, labelled_pdf  # noqa: E402

from zine.impose import ImposeOptions, impose  # noqa: E402

DPI = 60
EXAMPLES = {
    "saddle": (8, A5, dict(fit=True, marks=frozenset({"crop", "fold"}))),
    "mini8": (8, A7, dict(fit=True, marks=frozenset({"fold", "cut"}))),
    "quarter": (8, A6, dict(fit=True, duplex="long", marks=frozenset({"crop", "fold", "cut"}))),
    "trifold": (6, (280.0, 595.0), dict(fit=True, marks=frozenset({"fold"}))),
}


def sheet_image(scheme: str) -> Image.Image:
    pages, size, options = EXAMPLES[scheme]
    data = impose(labelled_pdf(pages, size, frame=True), ImposeOptions(scheme=scheme, **options)).outputs[""]
    document = pdfium.PdfDocument(data)
    sides = [document[i].render(scale=DPI / 72).to_pil() for i in range(min(2, len(document)))]
    gap = 12
    image = Image.new("RGB", (sides[0].width, sum(s.height for s in sides) + gap * (len(sides) - 1)), "#888")
    y = 0
    for side in sides:
        image.paste(side, (0, y))
        y += side.height + gap
    return image


def main() -> None:
    for scheme in EXAMPLES:
        target = HERE / "img" / f"impose-{scheme}.png"
        sheet_image(scheme).convert("L").save(target, optimize=True)
        print(target.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
