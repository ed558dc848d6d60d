"""PDFs from the wild: locked leaflets, pages of another size, and PDFs that cost
everything to draw. Each ends in a result or one clear error, within a time and memory cap."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from helpers.hostile import font_named_in_latin1, many_pages, many_paths, nested_forms, owner_locked
from helpers.pdfmaker import A4, A5, labelled_pdf
from helpers.bounded import refused, run_bounded
from zine.cli import main
from zine.core import limits
from zine.core.errors import LimitError
from zine.impose import ImposeOptions, impose
from zine.preflight.check import check

LETTER = (612.0, 792.0)


def _page_texts(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


@pytest.mark.parametrize("print_allowed", [True, False])
def test_a_pdf_locked_only_by_its_owner_is_imposed(print_allowed):
    locked = owner_locked(labelled_pdf(8), print_allowed)
    imposition = impose(locked, ImposeOptions(), source_name="leaflet.pdf")
    assert imposition.sheets == 2
    assert "P1" in " ".join(_page_texts(imposition.outputs[""]))
    warned = [w for w in imposition.warnings if "forbid printing" in w]
    assert bool(warned) is not print_allowed


def test_letter_pages_are_scaled_onto_a4_with_one_line_saying_how_to_keep_them_whole():
    imposition = impose(labelled_pdf(8, LETTER), ImposeOptions(), source_name="flyer.pdf")
    assert 0.6 < imposition.scale < 0.7
    (line,) = [w for w in imposition.warnings if "scaled" in w]
    assert line == f"pages scaled to {imposition.scale * 100:.0f}% to fit one side of A4; --sheet tabloid " \
                   "keeps them at 100%, --no-fit stops instead"
    with pikepdf.open(io.BytesIO(imposition.outputs[""])) as out:
        assert [round(float(v)) for v in out.pages[0].mediabox] == [0, 0, 842, 595]


def test_a4_pages_onto_a4_name_a3_and_pages_that_fit_stay_whole():
    scaled = impose(labelled_pdf(4, A4), ImposeOptions(), source_name="flyer.pdf")
    assert any("--sheet a3 keeps them at 100%" in w for w in scaled.warnings)
    whole = impose(labelled_pdf(8, A5), ImposeOptions(), source_name="zine.pdf")
    assert whole.scale == 1 and not any("scaled" in w for w in whole.warnings)


def test_no_fit_refuses_pages_that_do_not_fit(tmp_path):
    source = tmp_path / "flyer.pdf"
    source.write_bytes(labelled_pdf(8, LETTER))
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(tmp_path / "out.pdf"), "--no-fit"])
    assert result.exit_code == 1 and "do not fit one side of A4" in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_impose_of_more_pages_than_any_zine_is_refused_quickly(tmp_path):
    source = tmp_path / "book.pdf"
    source.write_bytes(many_pages(limits.IMPOSE_PAGES + 1))
    result = run_bounded("impose", source, "-o", tmp_path / "out.pdf", cwd=tmp_path)
    refused(result, f"{limits.IMPOSE_PAGES + 1:,} pages, over the limit of {limits.IMPOSE_PAGES:,}")
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("command", ["check", "preview", "impose"])
def test_nested_forms_end_in_one_error_under_a_memory_cap(tmp_path, command):
    source = tmp_path / "bomb.pdf"
    source.write_bytes(nested_forms())
    out = ["-o", tmp_path / ("out" if command == "preview" else "out.pdf")] if command != "check" else []
    result = run_bounded(command, source, *out, cwd=tmp_path)
    if command == "impose":  # the imposed sheets are written; only the look at the dead edge is given up
        assert result.returncode == 0 and "not looked for" in result.stderr, result.stderr
    else:
        refused(result, "bomb.pdf:", "needed more than", "the PDF is too complex")


def test_millions_of_path_operators_stop_at_the_time_limit(tmp_path, monkeypatch):
    from zine.preflight import check as checking
    monkeypatch.setattr(checking, "RENDER_SECONDS", 0)  # the bound, not the size, is tested: 1 s of CPU
    source = tmp_path / "paths.pdf"
    source.write_bytes(many_paths(600_000))
    with pytest.raises(LimitError, match="paths.pdf: checking the pages took more than"):
        check(source)


def test_a_truncated_pdf_to_check_is_one_error(tmp_path):
    data = font_named_in_latin1()
    source = tmp_path / "cut.pdf"
    source.write_bytes(data[: len(data) * 3 // 5])
    result = run_bounded("check", source, cwd=tmp_path)
    refused(result, "cut.pdf: not a readable PDF")


def test_a_font_name_that_is_not_utf8_is_reported_as_written(tmp_path):
    source = tmp_path / "latin.pdf"
    source.write_bytes(font_named_in_latin1())
    result = CliRunner().invoke(main, ["check", str(source)])
    assert "Caf#e9 is not embedded" in result.output, result.output
