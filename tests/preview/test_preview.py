"""zine preview: a PNG per reading page, per printed sheet side (folds drawn) and a contact sheet."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from PIL import Image
from helpers.preflight_seeds import seeded_project

from zine.cli import main
from zine.core.errors import OutputError
from zine.preview.draw import FOLD, preview
from zine.preview.folder import MANIFEST

DPI = 24  # small renders: the tests count images and look for lines, not for detail


@pytest.fixture(scope="module")
def from_reading_pdf(library_build, tmp_path_factory):
    reading, _, _ = library_build
    folder = tmp_path_factory.mktemp("preview")
    return folder, preview(reading, folder, dpi=DPI, thumb=120)


def test_a_png_per_reading_page_and_per_sheet_side(from_reading_pdf):
    folder, result = from_reading_pdf
    assert [p.name for p in result.pages] == [f"page-{n:02d}.png" for n in range(1, 13)]
    assert sorted(p.name for p in result.sides) == sorted(
        f"sheet-{n}-{side}.png" for n in (1, 2, 3) for side in ("front", "back"))
    assert result.contact == folder / "contact-sheet.png"
    assert all(p.is_file() for p in result.pages + result.sides + [result.contact])
    assert "3 sheets of A4" in result.recipe


def test_sheet_sides_are_landscape_with_the_fold_drawn(from_reading_pdf):
    _, result = from_reading_pdf
    side = Image.open(result.sides[0]).convert("RGB")
    assert side.width > side.height
    centre = {side.getpixel((x, y)) for x in range(side.width // 2 - 3, side.width // 2 + 4)
              for y in range(side.height)}
    assert FOLD in centre


def _difference(a, b) -> float:
    """Mean difference of two images of one size, 0 (same) to 255."""
    from PIL import ImageChops, ImageStat

    return sum(ImageStat.Stat(ImageChops.difference(a.convert("L"), b.convert("L"))).mean)


def test_each_page_image_is_that_page(from_reading_pdf, library_build):
    import pypdfium2 as pdfium

    _, result = from_reading_pdf
    document = pdfium.PdfDocument(str(library_build[0]))
    renders = [document[i].render(scale=DPI / 72).to_pil() for i in range(len(document))]
    for number, path in enumerate(result.pages):
        image = Image.open(path)
        closest = min(range(len(renders)), key=lambda i: _difference(image, renders[i].resize(image.size)))
        assert closest == number, f"{path.name} shows page {closest + 1}"


def test_contact_sheet_puts_each_sheet_in_a_column_fronts_above_backs(from_reading_pdf):
    _, result = from_reading_pdf
    contact = Image.open(result.contact).convert("RGB")
    sides = {p.stem: Image.open(p).convert("RGB") for p in result.sides}
    thumb = 120
    height = round(sides["sheet-1-front"].height * thumb / sides["sheet-1-front"].width)
    gap, label = 16, 22
    header = contact.height - 2 * (height + label) - gap  # the recipe's lines above the sheets
    for column, sheet in enumerate((1, 2, 3)):
        for row, side in enumerate(("front", "back")):
            x, y = gap + column * (thumb + gap), header + row * (height + label)
            cell = contact.crop((x, y, x + thumb, y + height))
            expected = sides[f"sheet-{sheet}-{side}"].resize((thumb, height))
            others = [img.resize((thumb, height)) for name, img in sides.items() if name != f"sheet-{sheet}-{side}"]
            assert _difference(cell, expected) < min(_difference(cell, other) for other in others)


def test_an_imposed_pdf_is_previewed_as_its_sheets(library_build, tmp_path):
    _, printed, _ = library_build
    result = preview(printed, tmp_path / "out", dpi=DPI, thumb=100)
    assert result.pages == [] and len(result.sides) == 6 and result.contact.is_file()


def test_images_an_earlier_preview_left_are_removed(library_build, tmp_path):
    reading, printed, _ = library_build
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.png").write_bytes(b"someone else's")
    preview(reading, folder, dpi=DPI, thumb=60)
    result = preview(printed, folder, dpi=DPI, thumb=60)  # no reading pages: the page images go
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in result.sides] + ["contact-sheet.png", "notes.png", MANIFEST])
    assert not any(p.name.startswith("page-") for p in folder.iterdir())


def test_a_project_is_built_and_previewed_from_the_command_line(tmp_path):
    project = seeded_project(tmp_path / "zine")
    out = tmp_path / "images"
    result = CliRunner().invoke(main, ["preview", str(project), "-o", str(out), "--dpi", str(DPI)])
    assert result.exit_code == 0, result.output
    assert "Wrote 4 page images and 2 sheet sides" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST, "contact-sheet.png", "page-01.png", "page-02.png", "page-03.png", "page-04.png",
        "sheet-1-back.png", "sheet-1-front.png"]


def test_output_must_be_a_folder(tmp_path, library_build):
    reading, _, _ = library_build
    blocker = tmp_path / "file.png"
    blocker.write_bytes(b"x")
    with pytest.raises(OutputError, match="file.png: not a folder"):
        preview(reading, blocker, dpi=DPI)
    result = CliRunner().invoke(main, ["preview", str(reading), "-o", str(blocker)])
    assert result.exit_code == 2 and "is a file" in result.output
    assert blocker.read_bytes() == b"x" and list(tmp_path.iterdir()) == [blocker]
