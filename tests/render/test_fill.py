"""Fitting the sheets: the fill report, --fill tighten and --fill page, read back from the PDFs."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from click.testing import CliRunner
from helpers.files import write

from zine.cli import main
from helpers.prose import WORDS, text
from helpers.reading import build, page_texts


def project(folder, paragraphs: int, comments: list[int] = (), fill: str | None = None):
    """An article of 60-word paragraphs and comments of the given lengths."""
    body = "\n\n".join(text(n, 60) for n in range(paragraphs))
    write(folder / "article.md", f"---\ntitle: Keep the number 9 running\ncomments: comments.yaml\n---\n{body}\n")
    write(folder / "comments.yaml", "".join(f"- author: Reader {n}\n  text: {text(70 + n, length)}\n"
                                            for n, length in enumerate(comments, 1)) or "[]\n")
    setting = f'fill = "{fill}"\n' if fill else ""
    write(folder / "zine.toml", f'title = "Keep the number 9 running"\n{setting}'
                                '[[contribution]]\narticle = "article.md"\n')
    return folder




def sheets(path) -> int:
    document = pypdfium2.PdfDocument(path.with_name(path.stem + "-print.pdf"))
    try:
        return len(document) // 2
    finally:
        document.close()


@pytest.fixture(scope="module")
def nine_pages(tmp_path_factory):
    """Nine pages (cover, seven of text, back): three sheets with three blank pages."""
    return project(tmp_path_factory.mktemp("nine"), 53)


def test_every_build_says_how_the_pages_fill_their_sheets(nine_pages):
    output, out = build(nine_pages)
    pages = page_texts(out)
    assert len(pages) == 9 and sheets(out) == 3
    said = re.search(r"Page (\d+) is ([\w -]+) and 3 blank pages follow: cut about (\d+) words "
                     r"\(at the end of the article, page 8\) to save a sheet", output)
    assert said, output
    assert int(said.group(1)) == 8  # the last page of text, before the back cover
    # The words to cut are the words on that page, give or take its running head and number.
    on_page = len(pages[7].split())
    assert on_page - 10 <= int(said.group(3)) <= on_page * 1.1 + 10


def test_fill_tighten_saves_a_sheet_and_says_what_it_changed(nine_pages):
    output, out = build(nine_pages, "--fill", "tighten")
    pages = page_texts(out)
    assert sheets(out) == 2 and len(pages) == 8
    assert re.search(r"Set tighter to save a sheet: line height 1.38 -> 1.\d+", output), output
    assert "no blank page" in output
    assert all(page.strip() for page in pages), "a page is white"


def test_fill_page_prints_the_layouts_pages_instead_of_blank_paper(nine_pages):
    output, out = build(nine_pages, "--fill", "page")
    pages = page_texts(out)
    assert len(pages) == 12 and sheets(out) == 3
    assert all(page.strip() for page in pages), "a page is white"
    # In the layout's order, before the back cover, which stays last.
    assert "Get involved" in pages[8] and "Cut along the dashed lines" in pages[9] and "Notes" in pages[10]
    assert "Copy it, fold it, pass it on." in pages[11]
    assert "Printed the layout's get-involved, cut-out flyer, notes pages where blank pages would be" in output


def test_zine_toml_sets_fill_and_the_command_line_wins(tmp_path):
    folder = project(tmp_path / "p", 6, fill="page")
    output, out = build(folder, "--no-impose")
    assert len(page_texts(out)) == 4 and "no blank page" in output
    output, out = build(folder, "--no-impose", "--fill", "off")
    assert len(page_texts(out)) == 3 and "1 blank page follows" in output


def test_an_unknown_fill_is_an_error_naming_zine_toml(tmp_path):
    folder = project(tmp_path / "p", 2, fill="squeeze")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "z.pdf")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {folder / 'zine.toml'}:2: 'fill' must be one of off, tighten, page, "
                                    f"not 'squeeze'")


def test_the_comment_named_to_cut_saves_the_sheet(tmp_path):
    folder = project(tmp_path / "p", 31, comments=[30, 1150, 300])  # the letters page runs on after the article
    output, out = build(folder, "--no-impose")
    assert len(page_texts(out)) == 9
    said = re.search(r'cut about (\d+) words \(comment (\S+) has (\d+); "(\S+)" in pick leaves it out\) '
                     r'to save a sheet', output)
    assert said, output
    cut, named, words, advice = int(said.group(1)), said.group(2), int(said.group(3)), said.group(4)
    assert named == "3" and words == 300 >= cut  # Reader 3 wrote 300 words
    output, out = build(folder, "--no-impose", "--pick", advice)  # the pick the advice gives, as written
    assert len(page_texts(out)) == 8 and "no blank page" in output


def test_check_reports_the_fill(nine_pages):
    result = CliRunner().invoke(main, ["check", str(nine_pages)])
    assert re.search(r"^Fill: Page 8 is [\w -]+ and 3 blank pages follow: cut about \d+ words", result.output, re.M), \
        result.output


def test_in_an_anthology_the_page_named_is_the_one_to_pull_back(tmp_path):
    """Each article starts a new page, so the words to cut are where an article's last page is short."""
    import math

    folder = tmp_path / "three"
    entries = ""
    for number, (name, paragraphs) in enumerate([("A", 10), ("B", 9), ("C", 10)]):
        write(folder / f"{name}.md", f"---\ntitle: Article {name}\n---\n"
              + "\n\n".join(text(number * 10 + k, 60) for k in range(paragraphs)) + "\n")
        entries += f'[[contribution]]\narticle = "{name}.md"\n'
    write(folder / "zine.toml", 'title = "Three"\n' + entries)
    output, out = build(folder, "--no-impose")
    assert len(page_texts(out)) == 9
    said = re.search(r"cut about (\d+) words \((\d+) on page (\d+), the end of “Article (\w)”\)", output)
    assert said, output
    cut, page, name = int(said.group(1)), int(said.group(3)), said.group(4)
    assert (name, page) == ("B", 6)  # B runs onto page 6 by a paragraph and a half, A and C by more
    # Cutting that many words from the end of that article saves the sheet.
    article = folder / f"{name}.md"
    paragraphs = article.read_text().rstrip("\n").split("\n\n")
    article.write_text("\n\n".join(paragraphs[:len(paragraphs) - math.ceil(cut / 60)]) + "\n")
    output, out = build(folder, "--no-impose")
    assert len(page_texts(out)) == 8 and "no blank page" in output
