"""Typography that serves print: hyphenation by lang, and nothing wider than the page.

One awkward article (a long URL, a run-on word, a wide table, a long code line,
footnotes, a pull quote, a nested list) is rendered once in a5-booklet and once in digest, and
every character is checked to lie inside the page's text area.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest
from helpers.files import write

from zine.compose.html import compose
from zine.layout.resolve import load_layout
from zine.project.load import load_project

MM = 72 / 25.4
PARAGRAPH = ("Notwithstanding the extraordinarily uncharacteristic recommendations, representatives "
             "of neighbourhood organisations communicated their disappointment comprehensively. ")
ARTICLE = f"""---
title: "Awkward material"
author: "Test Group"
date: 2026-01-05
lang: en-GB
source: "https://example.org/awkward"
---

{PARAGRAPH * 6}

See https://example.org/an/extremely/long/address/that/has/no/natural/break/points/in/it/at/all/?query=somethingverylongindeed&and=more&utm_source=newsletter&utm_campaign=nothing
and the word Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochllanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch.[^1]

| Ward | Year | Visits | Loans | Staff | Hours | Events | Notes on everything that happened |
|------|------|--------|-------|-------|-------|--------|-----------------------------------|
| Greyfield-and-Sorrel-Lane-North | 2019 | 41000 | 52000 | 4.5 | 52 | 310 | a very long note that should wrap inside its cell rather than push the table off the page |
| East | 2025 | 19500 | 23000 | 1.0 | 21 | 40 | see https://example.org/a/long/url/inside/a/table/cell/that/cannot/break/anywhere/at/all |

    this_is_a_long_line_of_code = call_something(with_many_arguments, and_more_arguments, and_even_more_of_them_here)

> A pull quote with a long URL https://example.org/another/very/long/path/without/spaces/at/all/whatsoever/anywhere
{{.pull}}

{PARAGRAPH * 4}

- Outer point
    - Inner point
        - Deeper point

[^1]: A footnote with https://example.org/a/footnote/url/that/is/long/enough/to/need/wrapping/in/the/note.
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("awkward")
    write(root / "article.md", ARTICLE)
    write(root / "zine.toml", 'title = "Awkward"\ndate = "2026-01-05"\nlang = "en-GB"\n\n'
                              '[[contribution]]\narticle = "article.md"\n')
    return root


@pytest.fixture(scope="module", params=["a5-booklet", "digest"])
def rendered(request, project):
    from zine.render.engine import render

    loaded = load_project(project)
    result = render(compose(loaded, load_layout(request.param, loaded.root)))
    doc = pdfium.PdfDocument(result.pdf)
    yield request.param, doc
    doc.close()


def test_every_character_stays_inside_the_text_area(rendered):
    # The layouts' margins are all 14 mm or more; allow running heads and
    # page numbers, which sit in the margins, 8 mm from the edge.
    name, doc = rendered
    outside = []
    for index in range(len(doc)):
        page = doc[index]
        width, height = page.get_size()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            char = text.get_text_range(i, 1)
            if char.strip() and (left < 8 * MM or right > width - 8 * MM or bottom < 8 * MM
                                 or top > height - 8 * MM):
                outside.append((index + 1, char, round(left / MM), round(right / MM)))
    assert outside == []


def test_long_words_and_urls_are_all_printed(rendered):
    _, doc = rendered
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    flat = "".join(text.split()).replace("\u2010", "").replace("-", "").replace("\u00ad", "")
    assert "utm_campaign=nothing" in flat
    assert "and_even_more_of_them_here)" in flat
    assert "pushthetableoffthepage" in flat
    assert "need/wrapping/in/the/note" in flat  # the URL, in the notes (its "." ends the sentence)


def test_british_english_is_hyphenated(rendered):
    _, doc = rendered
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    # PDFium reads the hyphen (a hyphen-minus) ending a line as a soft hyphen,
    # U+FFFE, and joins the word's halves; other readers keep it at the line end.
    hyphenated = re.findall(r"[a-z]\ufffe[a-z]|[a-z][-\u2010\u00ad]\r?\n[a-z]", text)
    assert len(hyphenated) >= 3, "justified en-GB text should hyphenate long words"


def test_nested_lists_are_marked_with_characters_the_text_face_has(rendered):
    """The browser's circle and square bullets are missing from most text faces (empty boxes)."""
    _, doc = rendered
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    markers = [line.strip() for line in text.splitlines() if line.strip() in ("\u2022", "\u2013", "\u00b7",
                                                                            "\u25e6", "\u25aa")]
    assert markers == ["\u2022", "\u2013", "\u00b7"], markers
