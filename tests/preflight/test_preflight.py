"""zine check on real builds: the bundled example is clean; each seeded fault is caught and named."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from helpers.preflight_seeds import seeded_project

from zine.cli import main
from zine.preflight.checks.scan import scan_document
from zine.render import page_texts
from zine.preflight.check import check
from helpers.paths import EXAMPLES

EXAMPLES = EXAMPLES


@pytest.fixture(scope="module")
def library_report():
    return check(EXAMPLES / "library")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    folder = seeded_project(tmp_path_factory.mktemp("seeded") / "zine")
    return folder, check(folder)


def codes(report) -> list[str]:
    return [f.code for f in report.findings]


def one(report, code: str):
    found = [f for f in report.findings if f.code == code]
    assert found, f"no {code!r} finding in:\n{report.to_text()}"
    return found[0]


def test_example_passes_clean(library_report):
    assert library_report.findings == [], library_report.to_text()
    assert library_report.exit_code(strict=True) == 0
    assert (library_report.pages, library_report.sheets, library_report.sheet_label) == (12, 3, "A4")
    assert "flip on short edge" in library_report.recipe
    assert "Clean" in library_report.to_text()


def test_seeded_faults_fail_the_check(seeded):
    _, report = seeded
    assert report.exit_code() == 1
    assert report.pages == 4 and report.sheets == 1


def test_colour_image_is_named(seeded):
    _, report = seeded
    finding = [f for f in report.findings if f.code == "colour" and f.file == "images/colour.png"]
    assert finding, report.to_text()
    assert "images/colour.png is in colour" in finding[0].message


def test_text_near_the_sheet_edge_is_an_error_with_its_sheet_page_and_file(seeded):
    _, report = seeded
    edge = one(report, "edge-ink")
    assert edge.severity == "error"
    assert edge.sheet == 1 and edge.side in ("front", "back") and edge.page in (2, 3)
    assert edge.file == "article.md"
    distance = float(edge.message.split("ink ")[1].split(" mm")[0])
    assert 1.0 <= distance <= 3.5
    assert "edge of the sheet" in edge.message


def test_text_on_the_fold_is_a_warning(seeded):
    _, report = seeded
    fold = one(report, "fold-ink")
    assert fold.severity == "warning" and fold.sheet == 1
    assert "of the fold line" in fold.message and fold.file == "article.md"


def test_five_point_type_is_caught(seeded):
    _, report = seeded
    small = one(report, "small-type")
    assert "5.0 pt" in small.message and "Small print" in small.message
    assert small.file == "article.md"


def test_hairline_rule_is_caught(seeded):
    _, report = seeded
    assert "thinnest 0.10 pt" in one(report, "thin-line").message


def test_symbol_no_font_has_prints_as_its_name_with_a_warning(seeded):
    _, report = seeded
    named = one(report, "no-font")  # a mahjong tile: emoji print as glyphs of Noto Emoji, this one has none
    assert named.severity == "warning"
    assert "U+1F005" in named.message and "it prints as [mahjong tile green dragon]" in named.message
    assert (named.comment, named.file) == ("1.1", "comments.yaml")
    assert "comment 1.1 in comments.yaml" in report.to_text()
    assert "missing-glyph" not in codes(report)  # no box is printed
    assert ".notdef" not in report.to_text()


def test_low_resolution_photo_is_named_with_its_dpi(seeded):
    _, report = seeded
    low = one(report, "low-dpi")
    assert low.file == "images/photo.jpg"
    assert "72 dpi" in low.message


def test_link_whose_address_is_not_printed(seeded):
    _, report = seeded
    assert "https://example.org/council-papers-2026" in one(report, "link-not-printed").message


def test_nothing_else_is_reported(seeded):
    _, report = seeded
    # empty-area: the seeded zine has a short title, no kicker, no quote and no call to action
    assert sorted(set(codes(report))) == sorted({"colour", "edge-ink", "fold-ink", "small-type", "thin-line", "no-font",
                                                 "low-dpi", "link-not-printed", "empty-area"}), report.to_text()


def test_json_report_names_the_comment(seeded):
    _, report = seeded
    data = json.loads(report.to_json())
    assert data["errors"] >= 1 and data["warnings"] >= 6 and data["sheets"] == 1
    named = next(f for f in data["findings"] if f["code"] == "no-font")
    assert named["comment"] == "1.1" and "comment 1.1" in named["where"]


def test_build_prints_the_cheap_warnings(seeded, tmp_path):
    folder, report = seeded
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "s.pdf"), "--no-impose"])
    assert result.exit_code == 0, result.output
    # The emoji no font has: the same words and the same severity as in `zine check`.
    named = one(report, "no-font")
    assert f"Warning: comment 1.1 in comments.yaml: {named.message}\n" in result.output
    assert f"warning: comment 1.1 in comments.yaml: {named.message}\n" in report.to_text()
    assert "thinner than 0.3 pt" in result.output
    assert "dpi at its placed size" in result.output
    # Type size needs every character measured: that is for `zine check`, not every build.
    assert "under 7 pt" not in result.output
    assert ".notdef" not in result.output  # the renderer's note gives way to the named finding


def test_the_quick_scan_reads_the_same_text_as_the_full_one(library_build):
    reading, _, _ = library_build
    document = pdfium.PdfDocument(reading.read_bytes())
    try:
        full, quick = scan_document(document), scan_document(document, char_detail=False)
        # A build hands over the text it read back for the page turns and the fill report.
        shared = scan_document(document, char_detail=False, texts=page_texts(reading.read_bytes()))
    finally:
        document.close()
    assert all("library" in scan.text.casefold() for scan in full[1:3])
    assert [scan.text for scan in quick] == [scan.text for scan in full] == [scan.text for scan in shared]
    assert all(scan.chars for scan in full) and not any(scan.chars for scan in quick)


@pytest.mark.parametrize("char, said", [("\U0001F62B", "emoji \U0001F62B U+1F62B (TIRED FACE)"),
                                        ("\u25e6", "symbol \u25e6 U+25E6 (WHITE BULLET)"),
                                        ("\ue000", "character \ue000 U+E000")])
def test_a_character_without_a_glyph_is_named_for_what_it_is(char, said):
    from zine.preflight.checks.rules import describe_char

    assert describe_char(char) == said
