"""zine preview: a PNG per reading page, per printed sheet side (folds drawn) and a contact sheet."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from PIL import Image
from preflight_seeds import seeded_project

from zine.cli import main
from zine.core.errors import OutputError
from zine.preflight.preview import FOLD, preview

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


def test_contact_sheet_puts_fronts_above_backs(from_reading_pdf):
    _, result = from_reading_pdf
    contact = Image.open(result.contact)
    side = Image.open(result.sides[0])
    thumb_height = round(side.height * 120 / side.width)
    assert contact.width >= 3 * 120 and contact.height >= 2 * thumb_height  # three columns, two rows


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
        [p.name for p in result.sides] + ["contact-sheet.png", "notes.png"])
    assert not any(p.name.startswith("page-") for p in folder.iterdir())


def test_a_project_is_built_and_previewed_from_the_command_line(tmp_path):
    project = seeded_project(tmp_path / "zine")
    out = tmp_path / "images"
    result = CliRunner().invoke(main, ["preview", str(project), "-o", str(out), "--dpi", str(DPI)])
    assert result.exit_code == 0, result.output
    assert "Wrote 4 page images and 2 sheet sides" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "contact-sheet.png", "page-01.png", "page-02.png", "page-03.png", "page-04.png",
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
