"""No word is hyphenated across a page turn, and no hyphen leaves fewer than three letters on
either side: read back from the PDF, on text made to split words at page feet."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from click.testing import CliRunner
from helpers.files import write

from zine.cli import main

WORDS = ("the council considers extraordinarily uncompromising environmental responsibilities "
         "while neighbourhood organisations demonstrate overwhelmingly constructive understanding of "
         "transportation infrastructure and intergenerational accessibility").split()
HYPHEN_GLYPHS = ("\x02", "\ufffe", "\u00ad", "\u2010", "-")


def article(folder, seed: int):
    paragraphs = []
    for number in range(6):
        count = 70 + (seed * 13 + number * 7) % 40
        paragraphs.append(" ".join(WORDS[(seed + number * 3 + i) % len(WORDS)] for i in range(count)).capitalize() + ".")
    return write(folder / "a.md", "---\ntitle: Words that run on\n---\n" + "\n\n".join(paragraphs) + "\n")


def lowest_lines(data: bytes) -> list[str]:
    """Each page's lowest line of text (page numbers left out), as PDFium reads it."""
    document = pypdfium2.PdfDocument(data)
    try:
        found = []
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            lines = []
            for n in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(n)
                text = textpage.get_text_bounded(left, bottom, right, top).strip()
                if text and not text.isdigit():
                    lines.append((bottom, text))
            found.append(min(lines)[1] if lines else "")
        return found
    finally:
        document.close()


def split_at_page_feet(data: bytes) -> list[int]:
    return [n for n, line in enumerate(lowest_lines(data)[:-1], 1) if line.endswith(HYPHEN_GLYPHS)]


def without_the_layout_fix(monkeypatch):
    """WeasyPrint's own line breaking, as if zine did not end a page before a hyphenated word."""
    import contextlib

    from zine.render import engine

    monkeypatch.setattr(engine, "whole_words_at_page_turns", contextlib.nullcontext)


@pytest.mark.parametrize("seed", [0])
def test_no_word_is_split_across_a_page_turn(tmp_path, seed, monkeypatch):
    from zine.compose.html import compose
    from zine.layout.resolve import load_layout
    from zine.project.load import load_project
    from zine.render.engine import render

    source = article(tmp_path, seed)
    project = load_project(source)
    with monkeypatch.context() as patched:
        without_the_layout_fix(patched)
        once = render(compose(project, load_layout("a5-booklet", project.root)))
    assert split_at_page_feet(once.pdf), "WeasyPrint alone no longer splits a word at a page foot: pick another text"
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--no-impose", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert split_at_page_feet(out.read_bytes()) == []
    document = pypdfium2.PdfDocument(out)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    document.close()
    breaks = re.findall(r"(\w+)[\ufffe\x02](\w+)", text)
    assert breaks and all(len(a) >= 3 and len(b) >= 3 for a, b in breaks), breaks


def two_contributions(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    article(folder, 0).rename(folder / "first.md")
    write(folder / "second.md", "---\ntitle: Short words\n---\n" + " ".join(WORDS * 3).capitalize() + ".\n")
    write(folder / "zine.toml", 'title = "Two"\n\n[[contribution]]\narticle = "first.md"\n\n'
          '[[contribution]]\narticle = "second.md"\n')
    return folder


def counted_layouts(monkeypatch) -> list[list[str]]:
    """The contributions (by id) of each document laid out from now on, in this process."""
    from zine.render import pieces, workers

    laid_out = []
    original = pieces.lay_out

    def counting(document, html):
        laid_out.append(sorted(re.findall(r'\sid="(c\d+)"', html)))
        return original(document, html)

    monkeypatch.setattr(pieces, "lay_out", counting)
    monkeypatch.setattr(workers, "lay_out", counting)
    return laid_out


def test_a_page_ends_before_a_word_it_would_split_in_the_first_layout(tmp_path, monkeypatch):
    """The page ends one word early while it is laid out: nothing is typeset twice."""
    from zine.pipeline.build import BuildOptions, build

    folder = two_contributions(tmp_path)
    laid_out = counted_layouts(monkeypatch)
    out = tmp_path / "two.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=1, cache=False))
    assert split_at_page_feet(out.read_bytes()) == []
    assert laid_out == [["c1", "c2"]], laid_out


def test_a_split_word_is_set_whole_in_its_own_contribution_only(tmp_path, monkeypatch):
    """Where a word still splits at a page foot (the layout leaves a line with a footnote call
    or a picture as it is), the retry typesets again only the contribution where it split: the
    others, which use the same words, keep their pages (and their place in the cache)."""
    from zine.pipeline.build import BuildOptions, build

    folder = two_contributions(tmp_path)
    without_the_layout_fix(monkeypatch)
    laid_out = counted_layouts(monkeypatch)
    out = tmp_path / "two.pdf"
    build(folder, BuildOptions(output=out, impose=False, jobs=1, cache=False))
    assert split_at_page_feet(out.read_bytes()) == []
    assert laid_out[0] == ["c1", "c2"], laid_out  # the whole zine, with a word split in the first
    assert ["c2"] not in laid_out[1:] and ["c1"] in laid_out[1:], laid_out


def mixed_article(folder, seed: int):
    """Paragraphs, lists, quotes and footnotes of long words: pages break both where the text
    runs out of room and earlier, to keep a list item's lines together."""
    import random

    rng = random.Random(seed)

    def sentence(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."

    blocks = []
    for number in range(14):
        kind = rng.random()
        if kind < 0.15:
            blocks.append(f"- {sentence(30)}\n- {sentence(20)}")
        elif kind < 0.3:
            blocks.append(f"> {sentence(50)}")
        elif kind < 0.4:
            blocks.append(f"{sentence(40)} With a note[^{number}] and *{rng.choice(WORDS)}*.\n\n[^{number}]: A note.")
        else:
            blocks.append(sentence(rng.randint(40, 120)))
    return write(folder / "mixed.md", "---\ntitle: Mixed blocks\n---\n\n" + "\n\n".join(blocks) + "\n")


def test_a_page_broken_early_to_keep_lines_together_ends_on_a_whole_word(tmp_path, monkeypatch):
    from zine.compose.html import compose
    from zine.layout.resolve import load_layout
    from zine.project.load import load_project
    from zine.render.engine import render

    project = load_project(mixed_article(tmp_path, 20))
    document = compose(project, load_layout("a5-booklet", project.root))
    with monkeypatch.context() as patched:
        without_the_layout_fix(patched)
        alone = render(document)
    assert split_at_page_feet(alone.pdf), "WeasyPrint alone no longer splits a word at a page foot: pick another seed"
    fixed = render(document)
    assert split_at_page_feet(fixed.pdf) == []
    assert fixed.pages == alone.pages
