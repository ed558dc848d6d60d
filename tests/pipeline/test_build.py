"""zine build end to end: the example folds right, and the CLI speaks clearly."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from helpers.files import write
from helpers.paths import EXAMPLES
from helpers.foldsim import folded_reading_order, half_sheet_texts

from zine.cli import main

A4_LANDSCAPE = (841.9, 595.3)
A5 = (419.5, 595.3)


def page_texts(path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    doc.close()
    return texts


def sizes(path) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(str(path))
    found = [tuple(round(v, 1) for v in doc[i].get_size()) for i in range(len(doc))]
    doc.close()
    return found


def test_reading_pdf_is_a5_in_order(library_build):
    reading, _, result = library_build
    assert result.pages >= 8
    assert set(sizes(reading)) == {A5}
    texts = page_texts(reading)
    assert "KEEP SORREL LANE OPEN" in " ".join(texts[0].split())  # the slab cover sets it in capitals
    assert "From the comments" in "".join(texts[-4:])
    assert "Copy it, fold it, pass it on." in texts[-1]


def test_print_pdf_is_a4_landscape_sheets(library_build):
    reading, printed, result = library_build
    pages = len(page_texts(reading))
    sheets = (pages + 3) // 4
    assert sizes(printed) == [A4_LANDSCAPE] * (2 * sheets)
    assert result.sheets == sheets
    assert "flip on short edge" in result.recipe


def test_folded_booklet_reads_in_order_with_back_cover_last(library_build):
    reading, printed, _ = library_build
    expected = [text.strip() for text in page_texts(reading)]
    folded = folded_reading_order(printed, scheme="saddle", duplex="short")
    nonblank = [line for line in folded if line]
    assert len(folded) % 4 == 0
    assert len(nonblank) == len(expected)
    for line, page in zip(nonblank, expected):
        assert line and line in page
    assert folded[-1] and folded[-1] in expected[-1], "back cover must stay last"
    assert folded[0] in expected[0]


def test_half_sheets_hold_one_page_each_side_of_the_fold(library_build):
    reading, printed, _ = library_build
    pages = page_texts(reading)
    sides = half_sheet_texts(printed)
    # The outermost sheet: back cover on the left, cover on the right.
    assert "Copy it, fold it" in sides[0][0]
    assert "KEEP SORREL LANE OPEN" in " ".join(sides[0][1].split())
    assert "Copy it, fold it" not in sides[0][1]
    assert pages[1].split()[0] in sides[1][0]


def test_build_is_byte_identical_twice(tmp_path):
    runner = CliRunner()
    for name in ("one", "two"):
        result = runner.invoke(main, ["build", str(EXAMPLES / "flyer"), "-o", str(tmp_path / f"{name}.pdf")])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()
    assert (tmp_path / "one-print.pdf").read_bytes() == (tmp_path / "two-print.pdf").read_bytes()


def test_cli_prints_what_it_wrote_and_the_recipe(tmp_path):
    out = tmp_path / "f.pdf"
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "flyer"), "-o", str(out),
                                       "--html", str(tmp_path / "f.html")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Wrote {out} (4 pages)",
        f"Wrote {tmp_path / 'f-print.pdf'} (1 sheet)",
        "1 sheet of A4, print double-sided, flip on short edge, fold in half, staple on the fold.",
        "The 4 pages fill 1 sheet: no blank page.",
    ]
    assert len(page_texts(out)) == 4 and len(page_texts(tmp_path / "f-print.pdf")) == 2  # 1 sheet, 2 sides
    assert "<html" in (tmp_path / "f.html").read_text()


def test_lone_article_builds_without_zine_toml(tmp_path):
    article = write(tmp_path / "piece.md", "---\ntitle: A lone piece\n---\nJust some words.\n")
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "p.pdf"), "--no-impose"])
    assert result.exit_code == 0, result.output
    assert "A LONE PIECE" in " ".join(page_texts(tmp_path / "p.pdf")[0].split())
    assert not (tmp_path / "p-print.pdf").exists()


@pytest.mark.parametrize("args,messages", [
    (["missing-folder"], ["Error: missing-folder: no such file or folder"]),
    (["{x}", "--layout", "no-such-layout"],
     ["unknown layout 'no-such-layout'; available: ", "a5-booklet", "mini8", "built-in layouts"]),
])
def test_cli_errors_are_one_line_without_traceback(tmp_path, args, messages):
    article = write(tmp_path / "a.md", "---\ntitle: T\n---\nBody\n")
    args = [a.replace("{x}", str(article)) for a in args]
    result = CliRunner().invoke(main, ["build", *args, "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    for message in messages:
        assert message in result.output
    assert not (tmp_path / "o.pdf").exists()


def test_failed_build_keeps_previous_output(tmp_path):
    article = write(tmp_path / "a.md", "---\ntitle: T\n---\nBody\n")
    out = tmp_path / "o.pdf"
    out.write_bytes(b"previous good pdf")
    write(article, "---\ntitle: T\ndate: 2023-02-30\n---\nBody\n")
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(out)])
    assert result.exit_code == 1 and "not a real date" in result.output
    assert out.read_bytes() == b"previous good pdf"
    assert not (tmp_path / "o-print.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "o.pdf"]


def test_output_over_an_input_is_refused(tmp_path):
    article = write(tmp_path / "a.md", "---\ntitle: T\n---\nBody\n")
    before = article.read_bytes()
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(article)])
    assert result.exit_code == 2 and "would hold a PDF file: give a name ending in .pdf" in result.output
    (tmp_path / "out.pdf").symlink_to(article)  # a PDF name that leads to the article
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1
    assert "refusing to write over an input file" in result.output
    assert article.read_bytes() == before


def test_missing_and_broken_images_are_named(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: T\n---\nText\n\n![x](pics/none.png)\n")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "a.md"), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert "a.md:6: image not found: pics/none.png" in result.output
    (tmp_path / "bad.png").write_bytes(b"\x89PNG not really")
    write(tmp_path / "a.md", "---\ntitle: T\n---\n![x](bad.png)\n")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "a.md"), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1 and "a.md:4: image 'bad.png' is broken" in result.output


@pytest.mark.parametrize("expression", ["zine.nope.deeper", "zine.title + 1", "1 // 0"])
def test_template_error_names_template_and_line(tmp_path, expression):
    layout = tmp_path / "layouts" / "broken"
    write(layout / "layout.toml", 'name = "broken"\nextends = "a5-booklet"\n')
    write(layout / "zine.html", '{% extends "!a5-booklet/zine.html" %}\n{% block cover %}\n{{ '
          + expression + ' }}\n{% endblock %}\n')
    write(tmp_path / "a.md", "---\ntitle: T\n---\nBody\n")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "a.md"), "--layout", str(layout),
                                       "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert "zine.html:3: template error" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_missing_cover_image_names_zine_toml_line(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: T\n---\nBody\n")
    write(tmp_path / "zine.toml", 'title = "Z"\ncover = "pics/cover.png"\n[[contribution]]\narticle = "a.md"\n')
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert "zine.toml:2: image not found: pics/cover.png" in result.output


def test_debug_shows_traceback(tmp_path):
    result = CliRunner().invoke(main, ["--debug", "build", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "Traceback" in result.output or "Traceback" in (result.stderr or "")


def test_outputs_are_ordinary_files_to_share(tmp_path):
    import os

    article = write(tmp_path / "a.md", "---\ntitle: T\n---\nBody\n")
    previous = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "o.pdf"), "--no-impose"])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o.pdf").stat().st_mode & 0o777 == 0o644
