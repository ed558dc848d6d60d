"""zine check FILE.pdf: seeded single-fault PDFs (made with pikepdf, no renderer) are caught."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers.preflight_seeds import A5, MM, pdf_with, rgb_image, text

from zine.cli import main
from zine.preflight.checks.glyphs import parse_to_unicode
from zine.preflight.checks.locate import Locator, Source, compact
from zine.preflight.check import check

SAFE = 20 * MM  # well inside every margin


def report_for(tmp_path, data: bytes, **options):
    from zine.preflight.checks.content import CheckOptions

    path = tmp_path / "in.pdf"
    path.write_bytes(data)
    return check(path, CheckOptions(**options))


def found(report, code: str):
    return [f for f in report.findings if f.code == code]


def test_text_two_millimetres_from_the_edge(tmp_path):
    report = report_for(tmp_path, pdf_with(text(2 * MM, 300, "Cut off by the copier")))
    edge = found(report, "edge-ink")
    assert len(edge) == 1 and edge[0].severity == "error" and edge[0].page == 1
    assert "from the left edge of the page" in edge[0].message
    assert "Cut off" in edge[0].message
    assert report.exit_code() == 1


def test_the_dead_edge_can_be_set(tmp_path):
    path = tmp_path / "edge.pdf"
    path.write_bytes(pdf_with(f"0.5 w {8 * MM} 100 m {8 * MM} 300 l S\n"))  # a rule 8 mm in
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(path)]).exit_code == 0
    wide = runner.invoke(main, ["check", str(path), "--edge", "10"])
    assert wide.exit_code == 1 and "from the left edge of the page" in wide.output


def test_an_imposed_pdf_is_checked_sheet_by_sheet(tmp_path):
    a4_landscape = (841.89, 595.28)
    report = report_for(tmp_path, pdf_with(text(a4_landscape[0] - 30, 300, "Edge"), size=a4_landscape))
    edge = found(report, "edge-ink")[0]
    assert edge.sheet == 1 and edge.where == "sheet 1 front"
    assert "from the right edge of the sheet" in edge.message


def test_text_inside_the_margins_passes_the_edge_check(tmp_path):
    report = report_for(tmp_path, pdf_with(text(SAFE, 300, "Safe and sound")))
    assert not found(report, "edge-ink")


def test_hairline(tmp_path):
    report = report_for(tmp_path, pdf_with(f"0.1 w {SAFE} 200 m 300 200 l S\n"))
    assert "thinnest 0.10 pt" in found(report, "thin-line")[0].message


def test_half_point_line_is_fine(tmp_path):
    report = report_for(tmp_path, pdf_with(f"0.5 w {SAFE} 200 m 300 200 l S\n"))
    assert not found(report, "thin-line")


def test_colour_photo_at_72_dpi_with_transparency(tmp_path):
    data = pdf_with(f"q 72 0 0 72 {SAFE} 300 cm /Im1 Do Q\n", images={"Im1": rgb_image(72, 72, alpha=True)})
    report = report_for(tmp_path, data)
    assert "72 dpi" in found(report, "low-dpi")[0].message
    assert found(report, "transparency")
    assert found(report, "colour")


def test_grey_image_at_300_dpi_is_fine(tmp_path):
    data = pdf_with(f"q 72 0 0 72 {SAFE} 300 cm /Im1 Do Q\n", images={"Im1": rgb_image(300, 300, (90, 90, 90))})
    report = report_for(tmp_path, data)
    assert not {"low-dpi", "colour", "transparency"} & {f.code for f in report.findings}


def test_small_type_and_coloured_text(tmp_path):
    content = text(SAFE, 300, "tiny words here", size=5) + "1 0 0 rg\n" + text(SAFE, 250, "red words")
    report = report_for(tmp_path, pdf_with(content))
    assert "tiny words" in found(report, "small-type")[0].message
    assert "red words" in found(report, "colour")[0].message


def test_light_text_on_white(tmp_path):
    report = report_for(tmp_path, pdf_with("0.85 g\n" + text(SAFE, 300, "pale grey words", size=12)))
    assert "pale grey" in found(report, "light-text")[0].message


def test_fonts_not_embedded_and_text_off_the_page(tmp_path):
    report = report_for(tmp_path, pdf_with(text(A5[0] - 30, 300, "Runs off the side of the page")))
    assert found(report, "font-not-embedded")[0].message.startswith("font Helvetica is not embedded")
    assert "off the side of the page" in found(report, "clipped")[0].message


def test_link_printed_or_not(tmp_path):
    printed = pdf_with(text(SAFE, 300, "see example.org/a-page"), links=[("https://example.org/a-page", (50, 290, 200, 310))])
    assert not found(report_for(tmp_path, printed), "link-not-printed")
    hidden = pdf_with(text(SAFE, 300, "see here"), links=[("https://example.org/a-page", (50, 290, 200, 310))])
    assert "https://example.org/a-page" in found(report_for(tmp_path, hidden), "link-not-printed")[0].message


def test_booklet_facts_with_a_sheet(tmp_path):
    report = report_for(tmp_path, pdf_with(text(SAFE, 300, "Page"), pages=6), sheet="a4")
    assert (report.pages, report.sheets, report.sheet_label) == (6, 2, "A4")
    assert report.blank_positions == (6, 7)
    assert "flip on short edge" in report.recipe


def test_cli_strict_and_json(tmp_path):
    path = tmp_path / "warn.pdf"
    # A thin line alone is a warning: exit 0 unless --strict.
    path.write_bytes(pdf_with(f"0.1 w {SAFE} 200 m 300 200 l S\n"))
    runner = CliRunner()
    plain = runner.invoke(main, ["check", str(path)])
    assert plain.exit_code == 0, plain.output
    assert "warning: page 1: 1 line(s) thinner than 0.3 pt" in plain.output
    assert runner.invoke(main, ["check", str(path), "--strict"]).exit_code == 1
    data = json.loads(runner.invoke(main, ["check", str(path), "--json"]).output)
    assert data["warnings"] == 1 and data["findings"][0]["code"] == "thin-line"


@pytest.mark.parametrize("content, message", [(b"not a pdf", "not a PDF file")])
def test_bad_pdf_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"Error: {path}: {message}" in result.output


def test_to_unicode_parsing():
    cmap = ("2 beginbfchar\n<0003> <0020>\n<170b> <d83dde2b>\nendbfchar\n"
            "1 beginbfrange\n<0010> <0012> <0041>\nendbfrange\n")
    assert parse_to_unicode(cmap) == {3: " ", 0x170B: "\U0001F62B", 0x10: "A", 0x11: "B", 0x12: "C"}


def test_locator_prefers_the_comment_and_survives_hyphenation():
    article = Source("article.md", None, "x", compact("The branch library opened in 1931 and still serves"))
    comment = Source("comments.yaml", "2.1", "x", compact("I learnt to read at the branch library in 1962"))
    locator = Locator([article, comment])
    assert locator.find_text("learnt to read at the branch li-\nbrary").comment == "2.1"
    assert locator.find_text("opened in 1931 and still").file == "article.md"
    assert locator.find_text("nothing like this anywhere") is None
