"""The guarded uses of other libraries' internals: each checked, each put back after use."""

from __future__ import annotations

import io
import os
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from zine.cli import main
from zine.core.pictures import strict_pillow
from zine.render import compat

ROOT = Path(__file__).resolve().parent.parent


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


def _subset(data: bytes) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True,
                             desubroutinize=True)
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=list(range(60)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def test_dropping_tables_first_gives_the_same_font_and_is_undone():
    from fontTools import subset

    original = subset.Subsetter.subset
    data = _font_bytes()
    plain = _subset(data)
    with compat.drop_tables_first():
        assert subset.Subsetter.subset is not original
        patched = _subset(data)
    assert subset.Subsetter.subset is original
    assert patched == plain


def test_fonts_left_out_puts_weasyprint_back():
    from weasyprint.pdf import fonts

    original = fonts.Font.subset
    with compat.fonts_left_out({}, lambda data: ("d", b"x")):
        assert fonts.Font.subset is not original
    assert fonts.Font.subset is original


def test_a_render_leaves_no_process_wide_setting_behind(project_copy, tmp_path):
    from fontTools import subset
    from PIL import Image, ImageFile

    before = (os.environ.get("SOURCE_DATE_EPOCH"), subset.Subsetter.subset, Image.MAX_IMAGE_PIXELS,
              ImageFile.LOAD_TRUNCATED_IMAGES)
    result = CliRunner().invoke(main, ["build", str(project_copy("library")), "-o", str(tmp_path / "l.pdf"),
                                       "--no-cache", "--no-impose"])
    assert result.exit_code == 0, result.output
    assert (os.environ.get("SOURCE_DATE_EPOCH"), subset.Subsetter.subset, Image.MAX_IMAGE_PIXELS,
            ImageFile.LOAD_TRUNCATED_IMAGES) == before


def test_strict_pillow_refuses_a_picture_over_the_limit_and_restores_the_limit():
    from PIL import Image

    before = Image.MAX_IMAGE_PIXELS
    buffer = io.BytesIO()
    Image.new("L", (300, 300)).save(buffer, "PNG")
    with strict_pillow(max_pixels=10_000), pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(buffer.getvalue())).load()
    assert Image.MAX_IMAGE_PIXELS == before


def test_the_only_private_weasyprint_name_used_is_in_compat():
    """Every ``._private`` attribute of a WeasyPrint object is read in the compat module only."""
    offenders = []
    for path in (ROOT / "zine").rglob("*.py"):
        if path.name == "compat.py":
            continue
        offenders += [f"{path.name}: {m}" for m in re.findall(r"\b(?:page|laid|document)\._[a-z]\w*", path.read_text())]
    assert offenders == []
