"""Photocopy-ready images: 8-bit grayscale or a coarse halftone, cached, originals untouched."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from zine.compose.photocopy import CACHE, convert, halftone, original_stem, prepare_image
from helpers.paths import EXAMPLES

EXAMPLES = EXAMPLES


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.fixture
def colour_photo() -> bytes:
    size = (900, 600)
    channels = (Image.linear_gradient("L").resize(size).point(lambda v: 60 + v // 2),
                Image.new("L", size, 120), Image.radial_gradient("L").resize(size).point(lambda v: 80 + v // 3))
    return png(Image.merge("RGB", channels))


def test_grayscale_is_8_bit_grey_with_full_contrast(colour_photo):
    grey = opened(convert(colour_photo, "grayscale"))
    assert grey.mode == "L"
    low, high = grey.getextrema()
    assert low <= 5 and high >= 250  # auto-contrast stretched a dull photo to black and white


def test_size_is_limited_to_the_placed_width_at_300_ppi(colour_photo):
    grey = opened(convert(colour_photo, "grayscale", width_pt=72))  # one inch
    assert grey.size == (300, 200)
    assert opened(convert(colour_photo, "grayscale", width_pt=720)).size == (900, 600)  # never enlarged


def test_halftone_is_a_coarse_screen_of_pure_black_and_white(colour_photo):
    dots = opened(convert(colour_photo, "halftone"))
    assert dots.mode == "L" and dots.size == (900, 600)
    histogram = dots.histogram()
    assert sum(histogram[1:255]) == 0  # no greys left for a copier to blotch
    assert histogram[0] > 0 and histogram[255] > 0


def test_halftone_dots_follow_the_tone():
    ramp = Image.linear_gradient("L").rotate(90).resize((600, 300))  # dark left .. light right
    dots = halftone(ramp)
    left, right = dots.crop((0, 0, 150, 300)), dots.crop((450, 0, 600, 300))
    ink = lambda part: part.histogram()[0] / (part.width * part.height)  # noqa: E731
    assert ink(left) > ink(right) + 0.4


def test_transparency_is_flattened_onto_white():
    clear = Image.new("RGBA", (40, 40), (255, 0, 0, 0))
    grey = opened(convert(png(clear), "grayscale"))
    assert grey.mode == "L" and "transparency" not in grey.info
    assert grey.getextrema() == (255, 255)


def test_prepare_caches_in_the_project_and_keeps_the_original(tmp_path, colour_photo):
    original = tmp_path / "pics" / "photo.png"
    original.parent.mkdir()
    original.write_bytes(colour_photo)
    first = prepare_image("pics/photo.png", tmp_path, "grayscale", 144)
    assert first.startswith(CACHE.as_posix() + "/") and first.endswith(".png")
    assert original_stem(tmp_path / first) == "photo"
    assert original.read_bytes() == colour_photo
    made = (tmp_path / first).stat().st_mtime_ns
    assert prepare_image("pics/photo.png", tmp_path, "grayscale", 144) == first
    assert (tmp_path / first).stat().st_mtime_ns == made  # reused, not made again
    assert prepare_image("pics/photo.png", tmp_path, "halftone", 144) != first
    assert prepare_image("pics/photo.png", tmp_path, "keep", 144) == "pics/photo.png"
    assert [p.name for p in (tmp_path / CACHE).iterdir() if p.name.startswith(".")] == []


def test_a_picture_cut_short_is_one_error_naming_it(tmp_path, colour_photo):
    import weasyprint  # noqa: F401 - it tells Pillow to accept cut-short files: they must still be refused

    from zine.core.errors import InputError

    whole = io.BytesIO()
    opened(colour_photo).save(whole, format="JPEG")
    broken = tmp_path / "cut.jpg"
    broken.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    with pytest.raises(InputError, match=r"cut\.jpg: the picture cannot be read \(image file is truncated"):
        prepare_image("cut.jpg", tmp_path, "grayscale")
    assert not (tmp_path / CACHE).exists() or not list((tmp_path / CACHE).iterdir())


def test_a_cache_that_cannot_be_written_is_one_error(tmp_path, colour_photo):
    from zine.core.errors import OutputError

    (tmp_path / "photo.png").write_bytes(colour_photo)
    (tmp_path / CACHE.parent).mkdir()
    (tmp_path / CACHE).write_bytes(b"a file where the cache folder goes")
    with pytest.raises(OutputError, match="cannot save the photocopy-ready copy of photo.png"):
        prepare_image("photo.png", tmp_path, "grayscale")


def test_compose_renders_the_converted_copy(tmp_path):
    from zine.compose.html import compose
    from zine.layout.resolve import load_layout
    from zine.project.load import load_project

    project_dir = tmp_path / "library"
    shutil.copytree(EXAMPLES / "library", project_dir, ignore=shutil.ignore_patterns(".zine-cache"))
    config = project_dir / "zine.toml"
    config.write_text('images = "halftone"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    before = (project_dir / "images" / "branch.png").read_bytes()
    project = load_project(project_dir)
    html = compose(project, load_layout(project.layout, project.root)).html
    cached = list((project_dir / CACHE).glob("branch.halftone.*.png"))
    assert len(cached) == 1
    assert f'src="{cached[0].relative_to(project_dir).as_posix()}"' in html
    assert 'src="images/branch.png"' not in html
    assert (project_dir / "images" / "branch.png").read_bytes() == before


def test_a_layout_default_is_used_and_checked(tmp_path):
    from zine.compose.html import compose
    from zine.core.errors import LayoutError
    from zine.layout.resolve import load_layout
    from zine.project.load import load_project

    project_dir = tmp_path / "library"
    shutil.copytree(EXAMPLES / "library", project_dir, ignore=shutil.ignore_patterns(".zine-cache"))
    layout_dir = project_dir / "layouts" / "dots"
    layout_dir.mkdir(parents=True)
    manifest = layout_dir / "layout.toml"
    manifest.write_text('name = "dots"\nextends = "a5-booklet"\nimages = "halftone"\n', encoding="utf-8")
    project = load_project(project_dir)
    compose(project, load_layout("layouts/dots", project.root))
    assert list((project_dir / CACHE).glob("branch.halftone.*.png"))
    manifest.write_text('name = "dots"\nextends = "a5-booklet"\nimages = "sepia"\n', encoding="utf-8")
    with pytest.raises(LayoutError, match="'images' must be one of keep, grayscale, halftone, not 'sepia'"):
        compose(project, load_layout("layouts/dots", project.root))
