"""Built sheets carry the marks a first-time maker needs: mini8's slit (dashed, with scissors)
and the fold dashes, inside the part of the sheet a copier prints, never on the text; `zine
check` knows them as zine's own. Read back from the rendered print sheet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from zine.cli import main
from helpers.paths import EXAMPLES

EXAMPLE = EXAMPLES / "flyer"
DPI = 100
MM = DPI / 25.4  # pixels a millimetre


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    """The flyer as mini8, with the layout's marks and with --no-marks: (print PDF, grey image)."""
    folder = tmp_path_factory.mktemp("marks") / "flyer"
    shutil.copytree(EXAMPLE, folder)
    made = {}
    for name, flags in (("marked", []), ("plain", ["--no-marks"])):
        out = folder.parent / f"{name}.pdf"
        result = CliRunner().invoke(main, ["build", str(folder), "--layout", "mini8", "-o", str(out), *flags])
        assert result.exit_code == 0, result.output
        printed = out.with_name(f"{name}-print.pdf")
        image = pdfium.PdfDocument(str(printed))[0].render(scale=DPI / 72).to_pil().convert("L")
        made[name] = (printed, image)
    return made


def dark(image, x: float, y: float) -> bool:
    return image.getpixel((round(x), round(y))) < 200  # thin lines render grey


def test_the_slit_prints_dashed_from_quarter_to_three_quarters(sheets):
    for name, expected in (("marked", True), ("plain", False)):
        image = sheets[name][1]
        middle = image.height // 2
        row = [any(dark(image, x, middle + dy) for dy in (-2, -1, 0, 1, 2)) for x in range(image.width)]
        slit = row[round(image.width * 0.3):round(image.width * 0.7)]
        # Dashes: ink and gaps alternate all along the slit, and none of it beyond the quarter folds.
        assert (0.3 < sum(slit) / len(slit) < 0.8) is expected, name
        outer = row[round(image.width * 0.05):round(image.width * 0.2)]
        assert sum(outer) <= 3 * MM  # at most the scissors' handles before the slit starts


def inked_near(image, x: float, y: float) -> bool:
    """Ink within two pixels across a vertical fold line at ``x``."""
    return any(dark(image, int(x) + dx, y) for dx in range(-2, 3))


def test_the_folds_are_marked_just_inside_the_copiers_reach(sheets):
    image = sheets["marked"][1]
    for x in (image.width / 4, image.width / 2, 3 * image.width / 4):
        for y in (7 * MM, image.height - 7 * MM):
            assert inked_near(image, x, y), (x, y)
        # Nothing in the copier's dead edge itself.
        assert not any(inked_near(image, x, y) for y in (2 * MM, image.height - 2 * MM))
    assert not inked_near(sheets["plain"][1], image.width / 4, 7 * MM)


def test_check_reports_no_edge_ink_and_no_ink_on_the_folds_for_the_marked_sheet(sheets):
    result = CliRunner().invoke(main, ["check", str(sheets["marked"][0])])
    assert "edge of the sheet" not in result.output and "of the fold line" not in result.output, result.output
    assert "of the cut line" not in result.output, result.output
