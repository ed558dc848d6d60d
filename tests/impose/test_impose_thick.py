"""Thick booklets: the recipe says when one fold is more than a stapler closes; --creep auto."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers.pdfmaker import labelled_pdf
from helpers.pdfmaker import labels_at

from zine.cli import main
from zine.core.paper import MM
from zine.impose import ImposeOptions, impose

ANTHOLOGY = 187  # pages: 47 sheets


@pytest.fixture(scope="module")
def thick():
    return labelled_pdf(ANTHOLOGY)


def test_too_many_sheets_for_one_fold_suggests_signatures(thick):
    recipe = impose(thick, ImposeOptions(margin_mm=0)).recipe
    assert recipe.startswith("47 sheets of A4, print double-sided")
    assert ("47 sheets in one fold are more than a saddle stapler closes (about 20): "
            "use --signature 16 to fold 3 groups of up to 16 sheets and sew or glue them") in recipe
    assert "the inner pages will stick out about 4.6 mm at the fore-edge: --creep auto moves them in" in recipe


def test_signatures_that_a_stapler_closes_are_not_warned_about(thick):
    recipe = impose(thick, ImposeOptions(margin_mm=0, signature=16)).recipe
    assert "more than a saddle stapler closes" not in recipe
    assert "fold each group of 16 sheets in half on its own" in recipe


def test_a_thin_booklet_gets_no_thickness_notes():
    recipe = impose(labelled_pdf(12), ImposeOptions(margin_mm=0)).recipe
    assert recipe == "3 sheets of A4, print double-sided, flip on short edge, fold in half, staple on the fold."


@pytest.mark.parametrize("paper_mm", [0.1, 0.2])
def test_creep_auto_moves_the_innermost_sheet_by_sheets_times_paper(paper_mm):
    pdf = labelled_pdf(40)  # 10 sheets: the innermost sticks out 9 x paper
    plain = impose(pdf, ImposeOptions(margin_mm=0)).outputs[""]
    auto = impose(pdf, ImposeOptions(margin_mm=0, creep_auto=True, paper_mm=paper_mm))
    innermost = 2 * 9  # front of sheet 10 (0-based side index)
    left = labels_at(plain, innermost)
    moved = labels_at(auto.outputs[""], innermost)
    page = next(iter(left))
    assert abs(moved[page][0] - left[page][0]) == pytest.approx(9 * paper_mm * MM, abs=0.05)
    assert labels_at(auto.outputs[""], 0) == labels_at(plain, 0)  # the outermost stays
    assert f"Pages moved up to {9 * paper_mm:g} mm toward the spine against creep (10 sheets of {paper_mm:g} mm paper)" \
        in auto.recipe


def test_cli_takes_creep_auto_and_paper(tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(labelled_pdf(40))
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "out.pdf"),
                                       "--creep", "auto", "--paper-mm", "0.12", "--margin", "0"])
    assert result.exit_code == 0, result.output
    assert "Pages moved up to 1.08 mm toward the spine" in result.output
    bad = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "o.pdf"), "--creep", "lots"])
    assert bad.exit_code == 2 and "'lots' is neither a number of millimetres nor 'auto'" in bad.output


def test_build_takes_signature_and_creep_auto(tmp_path):
    from helpers.paths import EXAMPLES

    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "library"), "-o", str(tmp_path / "f.pdf"),
                                       "--no-cache", "--signature", "1", "--creep", "auto"])
    assert result.exit_code == 0, result.output
    assert "fold each group of 1 sheet in half on its own" in result.output
    crept = CliRunner().invoke(main, ["build", str(EXAMPLES / "library"), "-o", str(tmp_path / "g.pdf"),
                                      "--no-cache", "--creep", "auto"])  # 3 sheets in one fold
    assert crept.exit_code == 0, crept.output
    assert "moved up to 0.2 mm toward the spine against creep (3 sheets of 0.1 mm paper)" in crept.output
