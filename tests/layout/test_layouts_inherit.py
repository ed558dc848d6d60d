"""Finding, extending and configuring layouts; the ``zine layouts`` commands."""

from __future__ import annotations

import re
import shutil

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from helpers.files import write
from helpers.paths import EXAMPLES

from zine.cli import main
from zine.compose.html import compose
from zine.core.errors import LayoutError
from zine.layout.resolve import load_layout, page_size
from zine.layout.qr import qr_svg
from zine.project.load import load_project

MM = 72 / 25.4
FLYER_TOML = (EXAMPLES / "flyer" / "zine.toml").read_text(encoding="utf-8")


@pytest.fixture
def flyer(tmp_path):
    """A copy of the flyer project that a test may add layouts and options to."""
    target = tmp_path / "flyer"
    shutil.copytree(EXAMPLES / "flyer", target, ignore=shutil.ignore_patterns(".zine-cache"))
    return target


def composed(project_root, layout_name):
    project = load_project(project_root)
    return compose(project, load_layout(layout_name, project.root))


def _without_layout_name(html: str) -> str:
    return re.sub(r'class="layout-[\w-]+', 'class="layout-X', html)


def test_child_with_only_css_composes_like_its_parent_with_css_after(flyer):
    write(flyer / "layouts" / "loud" / "layout.toml", 'extends = "a5-booklet"\ncss = ["extra.css"]\n')
    write(flyer / "layouts" / "loud" / "extra.css", ".cover-subtitle { text-transform: uppercase; }\n")
    parent, child = composed(flyer, "a5-booklet"), composed(flyer, "loud")
    assert child.stylesheets == parent.stylesheets + [flyer / "layouts" / "loud" / "extra.css"]
    assert _without_layout_name(child.html) == _without_layout_name(parent.html)
    assert child.extra_css == parent.extra_css
    assert child.fonts == parent.fonts


def test_child_css_applies_after_the_parents_in_the_pdf(flyer):
    from zine.render.engine import render

    write(flyer / "layouts" / "loud" / "layout.toml", 'extends = "a5-booklet"\ncss = ["extra.css"]\n')
    write(flyer / "layouts" / "loud" / "extra.css", ".cover-subtitle { text-transform: uppercase; }\n")
    texts = {}
    for name in ("a5-booklet", "loud"):
        rendered = render(composed(flyer, name))
        doc = pdfium.PdfDocument(rendered.pdf)
        texts[name] = [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
        doc.close()
    assert len(texts["loud"]) == len(texts["a5-booklet"])
    assert "PUBLIC MEETING, THURSDAY 5 NOVEMBER" in texts["loud"][0]
    assert "Public meeting, Thursday 5 November" in texts["a5-booklet"][0]
    assert texts["loud"][1:] == texts["a5-booklet"][1:]


def test_child_template_overrides_one_block_and_keeps_the_rest(flyer):
    write(flyer / "layouts" / "mine" / "layout.toml", 'extends = "a5-booklet"\n')
    write(flyer / "layouts" / "mine" / "zine.html",
          '{% extends "!a5-booklet/zine.html" %}\n'
          '{% block back %}<section class="back-cover"><p>Printed by the Friends</p>'
          '{{ super() }}</section>{% endblock %}\n')
    html = composed(flyer, "mine").html
    assert "Printed by the Friends" in html
    assert "Copy it, fold it, pass it on." in html  # super(): the parent's colophon
    assert 'class="cover-title"' in html  # the cover block is the parent's
    assert 'class="contribution"' in html


def test_child_overrides_a_block_of_a_shared_partial(flyer):
    write(flyer / "layouts" / "mine" / "layout.toml", 'extends = "a5-booklet"\n')
    write(flyer / "layouts" / "mine" / "article.html",
          '{% extends "!a5-booklet/article.html" %}\n'
          '{% block article_head %}<h1 class="article-title">[{{ piece.title }}]</h1>{% endblock %}\n')
    html = composed(flyer, "mine").html
    assert '<h1 class="article-title">[Save Sorrel Lane Library: public meeting]</h1>' in html
    assert 'class="byline"' not in html
    assert "From the comments" in html  # the other blocks are untouched


def test_layout_by_path_and_by_name_in_zine_toml(flyer, tmp_path):
    write(tmp_path / "elsewhere" / "plain" / "layout.toml", 'extends = "a5-booklet"\ndescription = "x"\n')
    project = load_project(flyer)
    by_path = load_layout(str(tmp_path / "elsewhere" / "plain"), project.root)
    assert by_path.name == "plain" and by_path.origin == "path"
    write(flyer / "layouts" / "house" / "layout.toml", 'extends = "digest"\n')
    (flyer / "zine.toml").write_text('layout = "house"\n' + FLYER_TOML, encoding="utf-8")
    document = composed(flyer, load_project(flyer).layout)
    assert 'class="layout-house' in document.html
    assert "size: 396.00pt 612.00pt" in document.extra_css  # half-letter, from digest


def test_project_layout_shadows_a_builtin_of_the_same_name(flyer):
    write(flyer / "layouts" / "mini8" / "layout.toml", 'extends = "a5-booklet"\ndescription = "mine"\n')
    layout = load_layout("mini8", flyer)
    assert layout.origin == "project" and layout.setting("description") == "mine"


def test_unknown_layout_lists_names_and_places(flyer):
    with pytest.raises(LayoutError) as caught:
        load_layout("zigzag", flyer)
    message = caught.value.format_message()
    for name in ("a5-booklet", "digest", "mini8", "pamphlet"):
        assert name in message
    assert str(flyer / "layouts") in message
    assert "built-in layouts" in message and "zine.layouts" in message


def test_layouts_from_an_entry_point(monkeypatch, tmp_path):
    import zine.layout.resolve as layouts

    write(tmp_path / "plugin" / "layout.toml", 'extends = "a5-booklet"\ndescription = "from a package"\n')

    class Entry:
        name, value = "plugged", "someone_layouts:FOLDER"

        def load(self):
            return str(tmp_path / "plugin")

    monkeypatch.setattr(layouts, "entry_points", lambda group: [Entry()] if group == "zine.layouts" else [])
    layout = load_layout("plugged")
    assert layout.setting("description") == "from a package"
    assert layout.origin == "package someone_layouts"


@pytest.mark.parametrize("options, expected", [
    ("font_size = 7", "option 'font_size' must be one of 9, 9.5, 10, 10.5, 11, 12, not 7"),
    ("qr = \"yes\"", "option 'qr' must be true or false, not 'yes'"),
    ("colour = \"red\"", "layout 'a5-booklet' has no option 'colour'; its options: columns, comments_title, cover, "
                         "font_size, labels, line_height, link_notes, qr, show_likes, start_right"),
])
def test_option_errors_name_the_option_and_valid_values(flyer, options, expected):
    text = 'layout = "a5-booklet"\n' + FLYER_TOML + f"\n[layout_options]\n{options}\n"
    (flyer / "zine.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        composed(flyer, "a5-booklet")
    line = text.split("\n").index(options) + 1  # the line that sets the option
    assert caught.value.format_message() == f"{flyer / 'zine.toml'}:{line}: {expected}"


def test_options_reach_templates_and_css(flyer):
    (flyer / "zine.toml").write_text('layout = "a5-booklet"\n' + FLYER_TOML + '\n[layout_options]\n'
                                     'font_size = 11\nqr = true\nstart_right = true\nshow_likes = false\n',
                                     encoding="utf-8")
    document = composed(flyer, "a5-booklet")
    assert "--font-size: 11;" in document.extra_css
    assert "opt-start-right" in document.html and "opt-qr" in document.html
    assert '<svg width="' in document.html  # the source's QR code
    assert "likes" not in document.html


@pytest.mark.parametrize("spec, expected_mm", [
    ("a6", (105, 148)), ("half-letter", (139.7, 215.9)), ("120 x 170 mm", (120, 170)),
    ("5.5x8.5in", (139.7, 215.9)),
])
def test_page_sizes(tmp_path, spec, expected_mm):
    write(tmp_path / "l" / "layout.toml", f'page = "{spec}"\n')
    width, height = page_size(load_layout(str(tmp_path / "l")))
    assert (round(width / MM, 1), round(height / MM, 1)) == expected_mm


def test_bad_page_size_is_named(tmp_path):
    write(tmp_path / "l" / "layout.toml", 'page = "huge"\n')
    with pytest.raises(LayoutError, match="page 'huge' is not a page size: use one of a3, a4, a5"):
        page_size(load_layout(str(tmp_path / "l")))


def test_panel_page_follows_the_sheet():
    mini8 = load_layout("mini8")
    assert [round(v / MM, 1) for v in page_size(mini8)] == [74.2, 105.0]
    assert [round(v / MM, 1) for v in page_size(mini8, "letter")] == [69.8, 107.9]
    assert [round(v / MM, 1) for v in page_size(load_layout("pamphlet"), "a4")] == [99.0, 210.0]


def test_qr_code_is_vector_and_at_least_20_mm():
    svg = qr_svg("https://example.org/a/long/path/to/the/original/article/", size_mm=10)
    width = float(re.search(r'width="([\d.]+)mm"', svg).group(1))
    module = float(re.search(r'scale\(([\d.]+)\)', svg).group(1))  # one module, in mm
    assert width - 8 * module >= 19.99  # the symbol, without its 4-module quiet zone each side
    assert "<image" not in svg and "<path" in svg


def test_layouts_command_lists_the_builtins(flyer):
    result = CliRunner().invoke(main, ["layouts", "--project", str(flyer)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["NAME", "PAGE", "SHEET", "SCHEME", "FROM"]
    rows = {line.split()[0]: line.split()[1:5] for line in lines[1:]}
    assert rows["a5-booklet"] == ["a5", "a4", "saddle", "built-in"]
    assert rows["digest"] == ["half-letter", "letter", "saddle", "built-in"]
    assert rows["mini8"] == ["panel", "a4", "mini8", "built-in"]
    assert rows["pamphlet"] == ["panel", "a4", "trifold", "built-in"]


def test_layouts_show_lists_options_and_blocks():
    result = CliRunner().invoke(main, ["layouts", "show", "digest"])
    assert result.exit_code == 0, result.output
    assert "extends: a5-booklet" in result.output
    assert "font_size = 10  one of 9, 9.5, 10, 10.5, 11, 12  # body text, in points" in result.output
    assert "base.html: head, cover, contents, body, contribution, fill, back" in result.output
    assert "article.html: article_head, article_body, link_notes, source_qr, comments" in result.output


def test_layouts_copy_then_build_from_the_copy(flyer, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["layouts", "copy", "pamphlet", str(flyer / "layouts" / "leaflet")])
    assert result.exit_code == 0, result.output
    assert 'name = "leaflet"' in (flyer / "layouts" / "leaflet" / "layout.toml").read_text(encoding="utf-8")
    assert "What you can do" in composed(flyer, "leaflet").html
    again = runner.invoke(main, ["layouts", "copy", "pamphlet", str(flyer / "layouts" / "leaflet")])
    assert again.exit_code == 1 and "not empty" in again.output
    child = runner.invoke(main, ["layouts", "copy", "digest", str(flyer / "layouts" / "kid"), "--extend"])
    assert child.exit_code == 0, child.output
    kid = load_layout("kid", flyer)
    assert kid.parent.name == "digest" and kid.stylesheets[-1].name == "extra.css"


def test_a_half_point_size_among_the_choices_is_accepted_where_the_default_is_whole(flyer):
    (flyer / "zine.toml").write_text(FLYER_TOML + "\n[layout]\nname = \"a5-booklet\"\n\n[layout.options]\n"
                                     "font_size = 9.5\n", encoding="utf-8")
    assert "--font-size: 9.5;" in composed(flyer, "a5-booklet").extra_css


@pytest.mark.parametrize("load, why", [
    (lambda: (_ for _ in ()).throw(ImportError("no module named 'someone_theme'")),
     "it does not load: ImportError: no module named 'someone_theme'"),
    (lambda: "/nowhere/at/all", "no layout.toml in /nowhere/at/all"),
])
def test_a_broken_layout_package_is_an_error_when_asked_and_a_row_in_the_list(monkeypatch, tmp_path, load, why):
    import zine.layout.resolve as layouts
    from zine.layout.catalog import list_layouts

    class Entry:
        name, value = "plugged", "someone_layouts:FOLDER"

        def load(self):
            return load()

    monkeypatch.setattr(layouts, "entry_points", lambda group: [Entry()] if group == "zine.layouts" else [])
    with pytest.raises(LayoutError) as caught:
        load_layout("plugged")
    assert caught.value.format_message() == f"layout 'plugged' from package someone_layouts (broken: {why})"
    row = next(r for r in list_layouts() if r.name == "plugged")
    assert (row.description, row.origin) == (f"(broken: {why})", "package someone_layouts")
    assert load_layout("a5-booklet").name == "a5-booklet"  # the others still work
