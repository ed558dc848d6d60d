"""Odd input gets one clear error naming the file (or is read as meant), never an internal error."""

from __future__ import annotations

import logging
import warnings

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from helpers.files import write
from zine.cli import main
from zine.compose.html import compose
from zine.core.errors import InputError
from zine.importers import import_source
from zine.layout.resolve import load_layout
from zine.project.articles import read_article
from zine.project.comments import load_comments
from zine.project.load import load_project

ARTICLE = "---\ntitle: Short\n{extra}---\n{body}\n"


def article(root, body="A short article.", extra=""):
    return write(root / "a.md", ARTICLE.format(extra=extra, body=body))


def composed(root):
    project = load_project(root)
    return compose(project, load_layout("a5-booklet", project.root))


def test_a_lone_surrogate_is_named_with_its_file_and_line(tmp_path):
    path = write(tmp_path / "c.yaml", '- text: Fine\n- author: "Ann \\ud800"\n  text: Hi\n')
    with pytest.raises(InputError) as caught:
        load_comments(path)
    assert caught.value.format_message() == (f"{path}:2: the text holds U+D800, which is not a character "
                                             "(half of a UTF-16 pair)")


def test_an_impossible_timestamp_is_not_a_real_date(tmp_path):
    path = write(tmp_path / "c.yaml", "- text: Hi\n  date: !!timestamp 2026-02-30\n")
    with pytest.raises(InputError, match=r"c.yaml:1: 'date' is not a real date: '2026-02-30'"):
        load_comments(path)


def test_null_excerpt_is_no_excerpt(tmp_path):
    path = write(tmp_path / "c.yaml", "- text: Whole comment\n  excerpt: null\n- text: Other\n  excerpt: ~\n")
    assert [c.excerpt for c in load_comments(path)] == [None, None]


def test_utf16_text_is_named_as_such(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(ARTICLE.format(extra="", body="Body").encode("utf-16"))
    with pytest.raises(InputError, match="a.md: the file is UTF-16 text; save it as UTF-8"):
        read_article(path)


@pytest.mark.parametrize("tag,ok", [("en-GB", True), ("pt-BR", True), ("zh-Hant-TW", True),
                                    ("english", False), ("en_GB", False), ("e", False)])
def test_lang_is_a_language_tag(tmp_path, tag, ok):
    path = article(tmp_path, extra=f"lang: {tag}\n")
    if ok:
        assert read_article(path).lang == tag
    else:
        with pytest.raises(InputError, match=f"'lang' must be a language tag such as en, en-GB or pt-BR, not '{tag}'"):
            read_article(path)


def deep_thread(levels: int) -> str:
    return "".join(f"{'    ' * n}- text: level {n}\n{'    ' * n}  replies:\n" for n in range(levels)) + \
        f"{'    ' * levels}- text: leaf\n"


def test_a_comment_thread_deeper_than_a_zine_prints_is_one_error_naming_the_file(tmp_path):
    write(tmp_path / "c.yaml", deep_thread(150))
    article(tmp_path, extra="comments: c.yaml\n")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "a.md"), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1 and "internal error" not in result.output
    assert f"Error: {tmp_path / 'c.yaml'}:" in result.output and "nested too deeply" in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_a_thread_100_deep_reads(tmp_path):
    assert load_comments(write(tmp_path / "c.yaml", deep_thread(99)))[0].replies


def test_a_list_nested_1000_deep_is_one_error_naming_the_line(tmp_path):
    article(tmp_path, body="\n".join("    " * n + "- item" for n in range(1000)))
    with pytest.raises(InputError, match=r"a.md:44: the article has a list nested more than 40 levels deep"):
        composed(tmp_path)


def test_5000_nested_divs_are_one_error_naming_the_article(tmp_path):
    article(tmp_path, body="<div>" * 5000 + "x" + "</div>" * 5000)
    with pytest.raises(InputError, match=r"a.md: the article is nested too deeply"):
        composed(tmp_path)


def test_bidi_controls_are_removed_from_untrusted_text(tmp_path):
    write(tmp_path / "c.yaml", '- author: "Ann \\u202eevil"\n  text: "Fair \\u2067point\\u2069 &#x202E;here &rlm;"\n')
    article(tmp_path, extra="comments: c.yaml\n", body="Body \u202dtext\u202c.")
    html = composed(tmp_path).html
    assert "Ann evil" in html and "Fair point here" in html and "Body text." in html
    for control in ("\u202e", "\u2067", "\u202d", "&#x202E;", "&#x202e;", "&rlm;", "&#8238;"):
        assert control not in html


def test_import_prints_no_parser_warnings(tmp_path):
    page = tmp_path / "saved.html"
    page.write_text("https://example.org/2026/keep-the-library-open.html", encoding="utf-8")  # a link, saved
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(InputError, match="not a web page"):
            import_source(page, tmp_path / "out")
    assert [str(w.message) for w in caught if w.category.__module__.startswith("bs4")] == []


@pytest.fixture(scope="module")
def reprint_1950(tmp_path_factory):
    """An article dated 1950 with combining marks no font has, built (reading PDF only)."""
    from zine.pipeline.build import BuildOptions, build

    root = tmp_path_factory.mktemp("reprint")
    write(root / "a.md", "---\ntitle: Reprint\ndate: 1950-05-01\n---\nCafe\u20d0 x\u1ac1y.\n")
    return build(root / "a.md", BuildOptions(output=root / "out.pdf", impose=False)), root / "out.pdf"


def test_dates_before_1904_build(tmp_path):
    from zine.pipeline.build import BuildOptions, build

    write(tmp_path / "a.md", "---\ntitle: Reprint\ndate: 1850-05-01\n---\nThe charter.\n")
    result = build(tmp_path / "a.md", BuildOptions(output=tmp_path / "out.pdf", impose=False))
    assert result.pages >= 1 and (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_dates_before_1970_print_no_font_timestamp_lines(reprint_1950, caplog):
    _, pdf = reprint_1950
    with caplog.at_level(logging.WARNING):
        result = CliRunner().invoke(main, ["check", str(pdf)])
    assert result.exit_code in (0, 1), result.output
    assert "timestamp seems very low" not in caplog.text + result.output


def test_combining_marks_no_font_has_are_warned_about(reprint_1950):
    """(U+0350 and U+1AB0 print: Noto Sans, the bundled fallback, has them; these two it has not.)"""
    result, pdf = reprint_1950
    warned = " ".join(result.warnings)
    assert "U+20D0" in warned and "U+1AC1" in warned
    assert "it prints as [combining left harpoon above]" in warned  # named, not a box over the e
    document = pdfium.PdfDocument(pdf.read_bytes())
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    assert "\u20d0" not in text and "Cafe[combining left harpoon above]" in text


def test_nesting_the_typesetter_cannot_take_is_an_error_naming_the_article(tmp_path):
    from zine.pipeline.build import BuildOptions, build
    from zine.core.errors import RenderError

    layout = tmp_path / "layouts" / "deep"
    write(layout / "layout.toml", 'name = "deep"\nextends = "a5-booklet"\n')
    write(layout / "zine.html", '{% extends "!a5-booklet/zine.html" %}{% block cover %}'
                                + "<div>" * 400 + "Deep" + "</div>" * 400 + "{% endblock %}")
    path = article(tmp_path)
    with pytest.raises(RenderError) as caught:
        build(path, BuildOptions(output=tmp_path / "out.pdf", layout="deep", impose=False))
    assert caught.value.format_message() == f"{path}: the document is nested too deeply to typeset"


def test_a_nul_in_a_picture_path_is_one_error_naming_the_article(tmp_path):
    from click.testing import CliRunner

    from zine.cli import main

    article = tmp_path / "a.md"
    article.write_text("---\ntitle: T\n---\nText.\n\n![x](images/a%00.png)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {article}:6: image 'images/a%00.png' is not a file name")
    assert not (tmp_path / "o.pdf").exists()


@pytest.mark.parametrize("line, message", [
    ('max_pages = "8"', "'max_pages' must be a whole number, not '8'"),
    ("css = \"style.css\"", "'css' must be a list, not 'style.css'"),
    ("[choices]\nfont_size = 9", "choices for 'font_size' must be a list, not 9"),
])
def test_a_layout_value_of_the_wrong_kind_is_named(tmp_path, line, message):
    from click.testing import CliRunner

    from zine.cli import main

    layout = tmp_path / "layouts" / "mine"
    layout.mkdir(parents=True)
    (layout / "layout.toml").write_text(f'extends = "a5-booklet"\n{line}\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: T\n---\nText.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(article), "--layout", str(layout), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1, result.output
    assert result.output.strip() == f"Error: {layout / 'layout.toml'}: {message}"
