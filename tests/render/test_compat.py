"""The guarded uses of other libraries' internals: each checked, each put back after use."""

from __future__ import annotations

import ast
import io
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from zine.cli import main
from zine.core.fontsubset import subset_font
from zine.core.pictures import strict_pillow
from zine.render import compat
from helpers.paths import ROOT

ROOT = ROOT


@pytest.fixture
def unchecked(monkeypatch):
    """Forget that the engine was checked in this process, and check it again afterwards."""
    monkeypatch.setattr(compat, "_checked", [])
    yield
    compat._checked.clear()


def test_the_pyproject_range_is_the_tested_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    pins = [d for d in project["project"]["dependencies"] if d.startswith("weasyprint")]
    low, high = compat.TESTED_WEASYPRINT
    assert pins == [f"weasyprint>={low},<{high}"]


def test_a_weasyprint_outside_the_tested_range_stops_the_build_with_one_message(project_copy, unchecked,
                                                                                monkeypatch, tmp_path):
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    out = tmp_path / "flyer.pdf"
    result = CliRunner().invoke(main, ["build", str(project_copy("flyer")), "-o", str(out), "--no-cache"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: WeasyPrint 71.0 is installed; zine is tested with 70.x "
                                     "(pip install 'weasyprint>=70,<71')")
    assert not out.exists()


def test_a_changed_font_subset_method_is_named(unchecked, monkeypatch):
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts.Font, "subset", lambda self, to_unicode: None)
    with pytest.raises(Exception, match="Font.subset is not the one zine knows"):
        compat.check_engine()


def _font_bytes() -> bytes:
    from zine.compose.fonts import font_roots

    root = font_roots(["Source Serif Pro"])[0]
    return sorted(p for p in root.rglob("*") if p.suffix in (".ttf", ".otf"))[0].read_bytes()


def test_fonts_are_cut_down_to_the_glyphs_used_with_their_ids_kept():
    from fontTools.ttLib import TTFont

    data = _font_bytes()
    whole = TTFont(io.BytesIO(data))
    wanted = {whole.getGlyphID(whole.getBestCmap()[ord(c)]) for c in "Keepitopen"}  # letters: each has an outline
    cut = TTFont(io.BytesIO(subset_font(data, wanted)))
    assert len(cut.getGlyphOrder()) == max(wanted) + 1  # ids kept, nothing after the last one used
    assert "GSUB" not in cut and "GPOS" not in cut
    assert len(subset_font(data, wanted)) < len(data) / 4
    assert subset_font(data, wanted) == subset_font(data, wanted)  # the same bytes every time
    drawn = {gid for gid in range(len(cut.getGlyphOrder())) if _has_outline(cut, gid)}
    assert wanted <= drawn and len(drawn - wanted) <= 1  # .notdef keeps its outline


def _has_outline(font, gid: int) -> bool:
    from fontTools.pens.boundsPen import BoundsPen

    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getGlyphOrder()[gid]].draw(pen)
    return pen.bounds is not None


def test_harfbuzz_subsetting_puts_weasyprint_back():
    from weasyprint.pdf import fonts

    original = fonts.Font.subset
    with compat.harfbuzz_subsetting():
        assert fonts.Font.subset is not original
    assert fonts.Font.subset is original


def test_fonts_left_out_puts_weasyprint_back():
    from weasyprint.pdf import fonts

    original = fonts.Font.subset
    with compat.fonts_left_out({}, lambda data: ("d", b"x")):
        assert fonts.Font.subset is not original
    assert fonts.Font.subset is original


@pytest.mark.parametrize("patched", [compat.harfbuzz_subsetting, lambda: compat.fonts_left_out({}, _stand_in)],
                         ids=["harfbuzz_subsetting", "fonts_left_out"])
def test_weasyprint_is_put_back_even_when_writing_fails(patched):
    """(The rest of the process, before and after a whole build: tests/house/test_process.py.)"""
    from weasyprint.pdf import fonts

    original = fonts.Font.subset
    with pytest.raises(RuntimeError), patched():
        assert fonts.Font.subset is not original
        raise RuntimeError("the write failed")
    assert fonts.Font.subset is original


def _stand_in(data: bytes) -> tuple[str, bytes]:
    return "d", b"x"


def test_strict_pillow_refuses_a_picture_over_the_limit_and_restores_the_limit():
    from PIL import Image

    before = Image.MAX_IMAGE_PIXELS
    buffer = io.BytesIO()
    Image.new("L", (300, 300)).save(buffer, "PNG")
    with strict_pillow(max_pixels=10_000), pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(buffer.getvalue())).load()
    assert Image.MAX_IMAGE_PIXELS == before


def _private_names_zine_defines() -> set[str]:
    """Every ``_name`` zine itself defines: functions, classes, variables, attributes, arguments."""
    names = set()
    for path in (ROOT / "zine").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


# Names with a leading underscore that are documented, public API of the standard library.
DOCUMENTED = {"_exit"}  # os._exit: how a forked child ends without running the parent's clean-up


def foreign_private_names(source: str, ours: set[str]) -> list[str]:
    """The ``x._name`` (or ``getattr(x, "_name")``) that ``source`` reads and zine does not define,
    whatever the variable is called: another library's private parts."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("getattr", "setattr", "hasattr") \
                and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
            name = node.args[1].value
        else:
            continue
        if name.startswith("_") and not name.startswith("__") and name not in ours | DOCUMENTED:
            found.append(name)
    return found


def test_other_libraries_private_names_are_used_in_compat_only():
    ours = _private_names_zine_defines()
    offenders = {path.relative_to(ROOT).as_posix(): found for path in (ROOT / "zine").rglob("*.py")
                 if path.name != "compat.py" and (found := foreign_private_names(path.read_text("utf-8"), ours))}
    assert offenders == {}
    assert "_page_box" in foreign_private_names((ROOT / "zine/render/compat.py").read_text("utf-8"), ours)


@pytest.mark.parametrize("line", ["box = p._page_box", "self.pages[0]._page_box.children",
                                  "getattr(item, '_page_box', None)", "weasyprint.text._fonts_cache"])
def test_the_private_name_rule_sees_any_variable(line):
    assert foreign_private_names(line, _private_names_zine_defines())


def _font_attributes_used() -> set[str]:
    """Each attribute compat.py reads or writes on a WeasyPrint font (``font.x``, ``self.x``)."""
    import ast

    tree = ast.parse((ROOT / "zine" / "render" / "compat.py").read_text("utf-8"))
    used = {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ("font", "self")}
    used |= {node.args[1].value for node in ast.walk(tree)  # getattr(font, "name", ...)
             if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr"
             and isinstance(node.args[0], ast.Name) and node.args[0].id in ("font", "self")}
    return used


def test_the_engine_check_covers_every_font_attribute_compat_uses():
    used = _font_attributes_used()
    assert {"file_content", "tables", "png", "svg"} <= used  # the reader sees what compat reads
    assert used <= set(compat.FONT_ATTRIBUTES)


def test_a_font_attribute_weasyprint_no_longer_sets_is_named(unchecked, monkeypatch):
    from weasyprint.pdf import fonts

    def __init__(self, pango_font, description, font_size):  # a Font that lost .png and .svg
        self.file_content = self.index = self.missing = self.tables = self.colr = None

    monkeypatch.setattr(fonts.Font, "__init__", __init__)
    with pytest.raises(Exception, match="Font no longer sets png, svg, which zine relies on"):
        compat.check_engine()


def test_link_rectangles_are_read_as_weasyprint_writes_them():
    """A link to another page, laid out for real: the rectangle zine keeps (to put the link back
    when pages are written apart) is the one WeasyPrint writes for the whole document."""
    import weasyprint
    import pikepdf

    from zine.render.engine import LaidOut, loose_links

    html = ("<style>@page{size:100mm 100mm;margin:10mm} a{display:inline-block;margin-left:20mm;"
            "width:30mm;height:8mm}</style><p style='margin-top:15mm'><a href='#far'>to the far page</a></p>"
            "<p style='break-before:page' id='far'>far</p>")
    document = weasyprint.HTML(string=html).render()
    [[page, *rect, target]] = loose_links(LaidOut(2, {}, [], [], [], document=document), [0])
    with pikepdf.open(io.BytesIO(document.write_pdf())) as pdf:
        [written] = [[float(v) for v in annot.Rect] for annot in pdf.pages[0].Annots]
    assert (page, target) == (0, "far")
    assert rect == pytest.approx(written, abs=0.01)
    assert abs(rect[2] - rect[0]) == pytest.approx(30 / 25.4 * 72, abs=0.01)  # the link is 30 mm wide


def test_a_change_of_link_rectangles_is_named(unchecked, monkeypatch):
    import weasyprint.anchors

    monkeypatch.setattr(weasyprint.anchors, "rectangle_aabb", lambda matrix, x, y, w, h: (x, y, w, h))
    with pytest.raises(Exception, match="link rectangles are no longer two corners"):
        compat.check_engine()
