"""A long anthology credits every writer and source: the colophon that does not fit the back
cover flows onto pages of its own before it, never over other text, never off the sheet.
(benchmarks/credits_anthology.py runs the same on 300 contributions.)"""

from __future__ import annotations

import re

import pypdfium2
import pytest
from click.testing import CliRunner
from helpers.files import write

from zine.cli import main
from zine.core.paper import MM
from zine.preflight.checks import ink

COUNT = 60


def anthology(folder, count: int = COUNT):
    """``count`` letters of two lines, each with a writer and a long source address."""
    entries = []
    for n in range(1, count + 1):
        write(folder / f"a{n:03d}.md", f"---\ntitle: Letter {n} from the estate\nauthor: Writer{n} Surname\n"
              f"source: https://letters.example.org/2026/{n:03d}/a-long-address-for-letter-{n}/\n---\n"
              f"The bus runs twice an hour and the council wants to cut it. Letter {n} says no.\n")
        entries.append(f'[[contribution]]\narticle = "a{n:03d}.md"\n')
    write(folder / "zine.toml", 'title = "Letters"\n[action]\nmeeting = "Saturday 2pm\\nThe library"\n'
          'contact = "friends@example.org"\n\n' + "\n".join(entries))
    return folder


def text_boxes(page) -> list[tuple[float, float, float, float]]:
    textpage = page.get_textpage()
    return [textpage.get_rect(i) for i in range(textpage.count_rects())]


def overlapping(boxes, pad: float = 0.3) -> list:
    """Pairs of text boxes whose areas intersect (each shrunk by ``pad`` points)."""
    shrunk = [(l + pad, b + pad, r - pad, t - pad) for l, b, r, t in boxes]
    found = []
    for i, a in enumerate(shrunk):
        for c in shrunk[i + 1:]:
            if a[0] < c[2] and c[0] < a[2] and a[1] < c[3] and c[1] < a[3]:
                found.append((a, c))
    return found


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = anthology(tmp_path_factory.mktemp("letters"))
    out = folder / "letters.pdf"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--no-impose"])
    assert result.exit_code == 0, result.output
    return result.output, pypdfium2.PdfDocument(out)


def test_every_writer_and_source_prints_on_the_credits_pages(letters):
    _, document = letters
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    first = next(i for i, t in enumerate(texts) if "Writers and sources" in t and i > 1)
    credits = re.sub(r"\s+", "", "".join(texts[first:]).replace("\ufffe", "").replace("\u2010", "-"))
    for n in range(1, COUNT + 1):
        assert f"Writer{n}Surname" in credits
        assert f"https://letters.example.org/2026/{n:03d}/a-long-address-for-letter-{n}/" in credits
    assert f"page{first + 1}" in re.sub(r"\s+", "", texts[-1])  # the back cover points to them


def test_back_cover_and_credits_pages_have_no_overlapping_text(letters):
    _, document = letters
    for index in range(len(document) - 4, len(document)):
        assert not overlapping(text_boxes(document[index])), f"page {index + 1}"


def test_back_cover_keeps_clear_of_the_edges(letters):
    _, document = letters
    page = document[len(document) - 1]
    width, height = page.get_size()
    image = ink.render(page, 50)
    for band in ink.edge_bands(width, height, 8):
        assert ink.ink_in(image, height, 50, band) is None, f"ink within 8 mm of the {band.name} edge"
    assert 8 * MM < width
