"""Draw docs/img/layout-<name>.png, a preview of each built-in layout, and
docs/img/cover-<kind>.png, each cover of the booklet layouts with the back cover.

Booklets show the cover and the first spread; the one-sheet layouts show the
printed sheet (outside above inside for the pamphlet), as it comes off the copier.
The covers are the library example's, with its drawing as the cover picture for
``photo``.

    python docs/make_layout_previews.py
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
DPI = 56
GAP = 10
# layout -> (example, which PDF to show, pages (0-based) or None for all)
PREVIEWS = {
    "a5-booklet": ("library", "reading", [0, 1, 2]),
    "digest": ("library", "reading", [0, 1, 2]),
    "mini8": ("flyer", "print", None),
    "pamphlet": ("flyer", "print", None),
}


def pages(path: Path, indexes: list[int] | None, across: bool) -> Image.Image:
    document = pdfium.PdfDocument(str(path))
    chosen = [i % len(document) for i in indexes] if indexes is not None else range(len(document))
    images = [document[i].render(scale=DPI / 72).to_pil().convert("L") for i in chosen]
    document.close()
    if across:
        size = (sum(i.width for i in images) + GAP * (len(images) - 1), max(i.height for i in images))
    else:
        size = (max(i.width for i in images), sum(i.height for i in images) + GAP * (len(images) - 1))
    sheet = Image.new("L", size, 136)
    offset = 0
    for image in images:
        sheet.paste(image, (offset, 0) if across else (0, offset))
        offset += (image.width if across else image.height) + GAP
    return sheet


def preview(name: str, folder: Path) -> Path:
    example, which, indexes = PREVIEWS[name]
    out = folder / f"{name}.pdf"
    result = build(EXAMPLES / example, BuildOptions(output=out, layout=name, cache=False))
    source = out if which == "reading" else result.print_pdfs[0]
    target = HERE / "img" / f"layout-{name}.png"
    pages(source, indexes, across=which == "reading").save(target, optimize=True)
    return target


COVERS = {"slab": False, "photo": True, "plain": False}  # kind -> with the cover picture
COVER_PICTURE = "images/branch.png"


def cover_preview(kind: str, folder: Path) -> Path:
    """The cover of one kind beside the back cover, from a copy of the library example."""
    project = folder / f"cover-{kind}"
    shutil.copytree(EXAMPLES / "library", project, ignore=shutil.ignore_patterns(".zine-cache"))
    config = project / "zine.toml"
    text = config.read_text(encoding="utf-8")
    if COVERS[kind]:
        text = f'cover = "{COVER_PICTURE}"\n' + text
    config.write_text(text.replace("[[contribution]]", f'[layout_options]\ncover = "{kind}"\n\n[[contribution]]', 1),
                      encoding="utf-8")
    out = folder / f"cover-{kind}.pdf"
    build(project, BuildOptions(output=out, impose=False, cache=False))
    target = HERE / "img" / f"cover-{kind}.png"
    pages(out, [0, -1], across=True).save(target, optimize=True)
    return target


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in PREVIEWS:
            print(preview(name, Path(folder)))
        for kind in COVERS:
            print(cover_preview(kind, Path(folder)))


if __name__ == "__main__":
    main()
