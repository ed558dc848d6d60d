"""The cache is a help, never a hazard: damaged or hand-edited cache files mean work done again."""

from __future__ import annotations

import json

from PIL import Image

from helpers.files import write
from zine.pipeline.build import BuildOptions, build
from zine.cache.store import CACHE_DIR
from zine.compose.html import compose
from zine.compose.photocopy import convert, prepare_image
from zine.layout.resolve import load_layout
from zine.project.load import load_project


def test_a_manifest_edited_by_hand_means_a_rebuild(tmp_path):
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Short\n---\nA short article.\n")
    options = BuildOptions(output=tmp_path / "zine.pdf", impose=False)
    build(root, options)
    manifest = next((root / CACHE_DIR).glob("build-*.json"))
    data = json.loads(manifest.read_text())
    del data["summary"]["pages"]
    manifest.write_text(json.dumps(data))
    result = build(root, options)
    assert not result.up_to_date and result.pages >= 1


def _picture(root):
    (root / "pics").mkdir(parents=True)
    Image.new("RGB", (60, 40), (40, 160, 90)).save(root / "pics" / "stall.png")
    return (root / "pics" / "stall.png").read_bytes()


def test_a_damaged_cached_picture_is_made_again(tmp_path):
    original = _picture(tmp_path)
    cached = tmp_path / prepare_image("pics/stall.png", tmp_path, "grayscale")
    cached.write_bytes(cached.read_bytes()[:40])  # cut short, as by a full disc
    assert tmp_path / prepare_image("pics/stall.png", tmp_path, "grayscale") == cached
    assert cached.read_bytes() == convert(original, "grayscale")


def test_without_the_cache_no_cached_picture_is_used(tmp_path):
    _picture(tmp_path / "proj")
    write(tmp_path / "proj" / "a.md", "---\ntitle: Short\n---\n![stall](pics/stall.png)\n")
    project = load_project(tmp_path / "proj")
    layout = load_layout("a5-booklet", project.root)
    compose(project, layout)
    cached = next((project.root / CACHE_DIR / "images").glob("*.png"))
    Image.new("L", (60, 40), 0).save(cached)  # a wrong copy, its seal left as it was
    compose(project, layout, cache=False)
    assert Image.open(cached).getextrema() != (0, 0)  # without the cache it is made again
