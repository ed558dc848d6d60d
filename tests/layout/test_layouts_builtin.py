"""Every built-in layout builds its example, read back from the PDFs.

Page and sheet sizes, page counts, ink kept off the sheet edge and the folds,
the folded reading order, QR codes as vectors, and the overflow errors of the
one-sheet layouts. Each build runs once per module.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from helpers.files import write
from helpers.paths import EXAMPLES
from helpers.foldsim import folded_pages

from zine.pipeline.build import BuildOptions, build
from zine.core.errors import LayoutError

MM = 72 / 25.4
EDGE = 5 * MM  # photocopiers lose about 4 mm at each sheet edge
FOLD = 5 * MM  # nothing printed on or near a fold

# layout, example, sheet -> reading page size (mm), print sheet size (mm), scheme
CASES = {
    "a5-booklet": ("library", None, (148, 210), (297, 210), "saddle"),
    "digest": ("library", None, (139.7, 215.9), (279.4, 215.9), "saddle"),
    "mini8": ("flyer", None, (74.25, 105), (297, 210), "mini8"),
    "mini8-letter": ("flyer", "letter", (69.85, 107.95), (279.4, 215.9), "mini8"),
    "pamphlet": ("flyer", None, (99, 210), (297, 210), "trifold"),
    "pamphlet-letter": ("flyer", "letter", (93.13, 215.9), (279.4, 215.9), "trifold"),
}
MAX_PAGES = {"mini8": 8, "trifold": 6}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build each case once: name -> (reading PDF, print PDF, result)."""
    done = {}

    def get(case: str):
        if case not in done:
            example, sheet, *_ = CASES[case]
            out = tmp_path_factory.mktemp(case) / f"{case}.pdf"
            # No build cache: each layout is typeset from scratch, as on a fresh clone.
            result = build(EXAMPLES / example, BuildOptions(output=out, layout=case.removesuffix("-letter"),
                                                            sheet=sheet, cache=False))
            done[case] = (out, result.print_pdfs[0], result)
        return done[case]

    return get


def page_sizes_mm(path) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [tuple(v / MM for v in doc[i].get_size()) for i in range(len(doc))]
    finally:
        doc.close()


def _close(size, expected, tolerance=0.15) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(size, expected))


def char_boxes(path):
    """(page index, page width, page height, char, (left, bottom, right, top)) for visible characters."""
    doc = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                char = text.get_text_range(i, 1)
                if char.strip():
                    yield index, width, height, char, text.get_charbox(i)
    finally:
        doc.close()


def fold_lines(scheme: str, width: float, height: float, side: int) -> tuple[list[float], list[float]]:
    """x of vertical folds and y of horizontal folds (and the mini8 slit) on a printed side."""
    if scheme == "saddle":
        return [width / 2], []
    if scheme == "mini8":
        return [width / 4, width / 2, 3 * width / 4], [height / 2]
    from zine.impose.schemes.trifold import column_shares
    shares = column_shares(side % 2, width)
    return [width * shares[0], width * (shares[0] + shares[1])], []


@pytest.mark.parametrize("case", list(CASES))
def test_pages_and_sheets_have_the_layout_sizes(built, case):
    reading, printed, result = built(case)
    _, _, page_mm, sheet_mm, scheme = CASES[case]
    assert all(_close(size, page_mm) for size in page_sizes_mm(reading))
    assert all(_close(size, sheet_mm) for size in page_sizes_mm(printed))
    if scheme == "saddle":
        assert result.sheets == (result.pages + 3) // 4
        assert len(page_sizes_mm(printed)) == 2 * result.sheets
    else:
        assert result.pages <= MAX_PAGES[scheme]
        assert result.sheets == 1


@pytest.mark.parametrize("case", list(CASES))
def test_no_text_near_sheet_edges_or_folds(built, case):
    _, printed, _ = built(case)
    scheme = CASES[case][4]
    problems = []
    for index, width, height, char, (left, bottom, right, top) in char_boxes(printed):
        if left < EDGE or bottom < EDGE or right > width - EDGE or top > height - EDGE:
            problems.append(f"side {index + 1}: {char!r} within 5 mm of the sheet edge")
        xs, ys = fold_lines(scheme, width, height, index)
        if any(left - FOLD < x < right + FOLD for x in xs) or any(bottom - FOLD < y < top + FOLD for y in ys):
            problems.append(f"side {index + 1}: {char!r} on or near a fold at {left / MM:.0f} mm")
    assert problems == []


@pytest.mark.parametrize("case", list(CASES))
def test_reading_pages_keep_text_inside_the_page(built, case):
    reading, _, _ = built(case)
    outside = [(i + 1, c) for i, w, h, c, (l, b, r, t) in char_boxes(reading)
               if l < 3 * MM or b < 3 * MM or r > w - 3 * MM or t > h - 3 * MM]
    assert outside == []


def _letters(text: str) -> str:
    """Letters and digits only: PDF text order differs around hyphens and superscripts."""
    return re.sub(r"\W", "", text)


@pytest.mark.parametrize("case", list(CASES))
def test_folded_sheets_read_in_page_order(built, case):
    reading, printed, result = built(case)
    scheme = CASES[case][4]
    doc = pdfium.PdfDocument(str(reading))
    texts = [_letters(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    doc.close()
    folded = [_letters(page.text) for page in folded_pages(printed, scheme)]
    # Blank pages pad the piece just before the back cover, which stays last.
    blanks = len(folded) - len(texts)
    expected = texts[:-1] + [""] * blanks + texts[-1:]
    assert [f[:40] for f in folded] == [e[:40] for e in expected]
    assert all(page.upright for page in folded_pages(printed, scheme) if page.text.strip())


def test_mini8_has_cover_article_quotes_and_back(built):
    reading, _, _ = built("mini8")
    doc = pdfium.PdfDocument(str(reading))
    texts = [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    assert "SAVE SORREL LANE LIBRARY" in texts[0]  # the slab title, in capitals
    assert "Neighbours say" in "".join(texts[1:-1])
    assert "Copy it, fold it, pass it on." in texts[-1]
    assert _qr_sizes_mm(doc[len(doc) - 1]), "the back carries a QR code for the source"
    doc.close()


def test_pamphlet_has_front_action_panel_and_quotes(built):
    reading, _, _ = built("pamphlet")
    doc = pdfium.PdfDocument(str(reading))
    texts = [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    assert "SAVE SORREL LANE LIBRARY" in texts[0]  # the slab title, in capitals
    action = next(i for i, t in enumerate(texts) if "What you can do" in t)
    # A short text: the panel it leaves over gets the layout's page, so the action panel is the flap.
    assert len(texts) == 6 and action == 4, texts
    assert "Get involved" in texts[3]  # the panel left over (no [action] here: room to write it in)
    # The section headed "Can't make it?" moved out of the article onto the action panel.
    assert "Can’t make it?" in texts[action]
    assert all("Can’t make it?" not in t for t in texts[1:action])
    assert _qr_sizes_mm(doc[action])
    quotes = next(i for i, t in enumerate(texts) if "What people say" in t)
    assert 0 < quotes < action and "Joanne" in texts[quotes]
    assert "Copy it, fold it, pass it on." in texts[-1]
    doc.close()


def _qr_sizes_mm(page) -> list[float]:
    """Square vector paths 20-40 mm wide (a QR code); the page holds no bitmap."""
    found = []
    for obj in page.get_objects(max_depth=4):
        assert obj.type != pdfium_raw.FPDF_PAGEOBJ_IMAGE, "the QR code must be vector, not an image"
        if obj.type == pdfium_raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            w, h = (right - left) / MM, (top - bottom) / MM
            if 20 <= w <= 40 and abs(w - h) < 1.5:
                found.append(w)
    return found


def _long_flyer(tmp_path, repeat: int):
    project = tmp_path / "long"
    body = (EXAMPLES / "flyer" / "article.md").read_text(encoding="utf-8")
    front, text = body.split("---\n", 2)[1:]
    write(project / "article.md", f"---\n{front}---\n" + text * repeat)
    write(project / "comments.yaml", (EXAMPLES / "flyer" / "comments.yaml").read_text(encoding="utf-8"))
    write(project / "zine.toml", 'title = "Too long"\ndate = "2026-10-21"\n\n[[contribution]]\narticle = "article.md"\n')
    return project


@pytest.mark.parametrize("layout, pages", [("mini8", 8), ("pamphlet", 6)])
def test_too_much_text_says_how_many_words_to_cut(tmp_path, layout, pages):
    project = _long_flyer(tmp_path, 3)
    with pytest.raises(LayoutError) as caught:
        build(project, BuildOptions(output=tmp_path / "out.pdf", layout=layout, cache=False))
    message = caught.value.format_message()
    assert f"holds {pages} pages" in message
    assert "cut about" in message and "words" in message
    words = int(message.split("cut about ")[1].split()[0])
    assert 10 <= words <= 3 * 300
    assert not (tmp_path / "out.pdf").exists()


EXTRA = ("The library is also where people come to get warm. Last winter the branch opened its doors as a "
         "warm space on the coldest days, with soup from the cafe next door and a volunteer on hand to help "
         "with energy bills. More than forty people used it in January alone, many of them older people "
         "living on their own. Nobody has said where they would go instead.")


def test_cutting_the_advised_words_makes_it_fit(tmp_path):
    project = _long_flyer(tmp_path, 1)
    article = project / "article.md"
    article.write_text(article.read_text(encoding="utf-8") + ("\n\n" + EXTRA) * 3 + "\n",
                       encoding="utf-8")
    options = BuildOptions(output=tmp_path / "out.pdf", layout="mini8", impose=False, cache=False)
    with pytest.raises(LayoutError) as caught:
        build(project, options)
    advised = int(caught.value.format_message().split("cut about ")[1].split()[0])
    assert advised <= 60, "a text one page over needs a few lines cut, not pages"
    words = article.read_text(encoding="utf-8").split(" ")
    article.write_text(" ".join(words[:-advised]) + "\n", encoding="utf-8")
    assert build(project, options).pages <= 8
