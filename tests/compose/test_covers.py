"""Booklet covers and back covers, read back from the reading PDF.

The slab cover's title is set in the display face, fills the width of the
cover without running past it, and never splits a word; the kicker, place and
date are printed; the photo cover prints the picture made photocopy-ready; the
back cover prints the call to action from zine.toml above the colophon.
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import ImageChops
import pytest
from click.testing import CliRunner
from helpers.files import write

from zine.pipeline.build import BuildOptions, build
from zine.cli import main

MM = 72 / 25.4
# A title of long words: a hyphenating or wrapping cover would split some of them.
TITLE = "Councillors approve unaccountable redevelopment notwithstanding overwhelming neighbourhood opposition"
KICKER = "Free. Copy it. Pass it on."
CONFIG = f'''title = "{TITLE}"
subtitle = "What the plans mean for the estate"
date = "2026-11-07"
lang = "en-GB"
kicker = "{KICKER}"
place = "Brackenford"
{{extra}}
[action]
heading = "Come to the meeting"
meeting = "Tuesday 10 November, 7pm, Mill Road hall"
contact = "estate-action@example.org"

[[contribution]]
article = "article.md"
'''
ARTICLE = "---\ntitle: The plans\nauthor: Sam\n---\n\nThe council met on Monday. " + "Words about the plans. " * 30


def make_project(folder, extra: str = ""):
    write(folder / "zine.toml", CONFIG.replace("{extra}", extra))
    write(folder / "article.md", ARTICLE)
    return folder


@pytest.fixture(scope="module")
def covers(tmp_path_factory):
    """Build the project once per cover kind: kind -> open reading PDF."""
    from PIL import Image

    done = {}

    def get(kind: str):
        if kind not in done:
            folder = tmp_path_factory.mktemp(kind)
            extra = f'cover = "march.png"\n[layout_options]\ncover = "{kind}"\n' if kind != "slab" else ""
            make_project(folder, extra)
            Image.new("RGB", (600, 400), (200, 40, 40)).save(folder / "march.png")
            out = folder / "out.pdf"
            build(folder, BuildOptions(output=out, impose=False, cache=False))
            done[kind] = pdfium.PdfDocument(str(out))
        return done[kind]

    yield get
    for document in done.values():
        document.close()


def page_text(document, index: int) -> str:
    return document[index].get_textpage().get_text_range()


def title_chars(document) -> list[tuple[str, tuple, str]]:
    """(character, box, font name) of each character of the title on the cover."""
    page = document[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    start = text.upper().find(TITLE.split()[0].upper())
    end = text.upper().find(TITLE.split()[-1].upper()) + len(TITLE.split()[-1])
    return [(text[i], textpage.get_charbox(i), font_name(textpage, i))
            for i in range(start, end) if not text[i].isspace()]


def font_name(textpage, index: int) -> str:
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    length = pdfium_raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, ctypes.byref(flags))
    return buffer.raw[:max(0, length - 1)].decode("latin-1")


def test_slab_cover_prints_title_kicker_place_and_date(covers):
    cover = " ".join(page_text(covers("slab"), 0).split()).upper()
    for word in TITLE.split():
        assert word.upper() in cover
    assert KICKER.upper() in cover
    assert "BRACKENFORD" in cover and "7 NOVEMBER 2026" in cover


def test_slab_title_never_splits_a_word(covers):
    lines = [line.strip() for line in page_text(covers("slab"), 0).upper().splitlines() if line.strip()]
    words = {word.upper() for word in TITLE.split()}
    title_lines = [line for line in lines if set(line.split()) <= words]
    assert " ".join(title_lines).split() == TITLE.upper().split()
    assert not any(re.search(r"[-\u2010\u00ad]$", line) for line in lines)


def test_slab_title_is_the_display_face(covers):
    fonts = {font for _, _, font in title_chars(covers("slab"))}
    assert fonts and all("Anton" in font for font in fonts), fonts


def test_slab_title_fills_the_width_and_stays_inside_it(covers):
    document = covers("slab")
    width = document[0].get_size()[0]
    boxes = [box for _, box, _ in title_chars(document)]
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    assert left >= 14 * MM and right <= width - 11 * MM  # the cover page's margins: 15 mm fold side, 12 mm
    assert right - left > 0.9 * (width - 27 * MM)  # edge to edge, as on a poster


def test_plain_cover_keeps_the_body_faces(covers):
    fonts = {font for _, _, font in title_chars(covers("plain"))}
    assert fonts and not any("Anton" in font for font in fonts)


def test_photo_cover_prints_the_picture_in_grey(covers):
    document = covers("photo")
    pictures = [obj for obj in document[0].get_objects() if obj.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE]
    assert len(pictures) == 1
    red, green, _ = pictures[0].get_bitmap().to_pil().convert("RGB").split()
    assert ImageChops.difference(red, green).getbbox() is None  # the red picture came out grey
    left, bottom, right, top = pictures[0].get_bounds()
    assert top - bottom > 60 * MM  # half the cover, not a thumbnail
    assert "Anton" in title_chars(document)[0][2]


def test_back_cover_has_the_call_to_action_and_the_colophon(covers):
    document = covers("slab")
    back = " ".join(page_text(document, len(document) - 1).split())
    assert "COME TO THE MEETING" in back.upper()
    assert "Tuesday 10 November, 7pm, Mill Road hall" in back
    assert "estate-action@example.org" in back
    assert "PASS IT ON" in back.upper()
    assert "Typeset with zine" in back  # the colophon


def test_unknown_action_field_is_an_error_naming_it(tmp_path):
    folder = make_project(tmp_path / "p")
    text = (folder / "zine.toml").read_text(encoding="utf-8")
    write(folder / "zine.toml", text.replace("[action]\n", "[action]\nphone = \"0123\"\n"))
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1
    assert "zine.toml" in result.output and "'phone'" in result.output and "contact" in result.output
    assert not (tmp_path / "out.pdf").exists()


def test_unknown_cover_kind_is_an_error_listing_the_kinds(tmp_path):
    folder = make_project(tmp_path / "p", '[layout_options]\ncover = "glossy"\n')
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1
    assert "'glossy'" in result.output and "'slab'" in result.output and "'photo'" in result.output


def test_slab_title_prints_emphasis_as_words_and_quotes_curly(tmp_path):
    article = write(tmp_path / "piece.md", "---\ntitle: \"*Don't* close Mill Road\"\n---\n\nSome words.\n")
    build(article, BuildOptions(output=tmp_path / "out.pdf", impose=False, cache=False))
    document = pdfium.PdfDocument(str(tmp_path / "out.pdf"))
    try:
        cover = " ".join(page_text(document, 0).split())
    finally:
        document.close()
    assert "DON\u2019T CLOSE MILL ROAD" in cover and "*" not in cover
