"""Designed, not just set: covers and panels without white holes, one call to action everywhere,
writers and sources credited, commenters named as the user asks; all read back from the PDFs."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from click.testing import CliRunner
from helpers.files import write

from zine.cli import main
from zine.preflight.checks.emptyarea import EMPTY_SHARE, blank_band
from helpers.reading import build, page_texts

WORDS = ("the library on the corner opens three days a week and the council plans to close it for good "
         "parents wrote to the paper children drew posters and a hundred people came to the meeting").split()
LAYOUTS = ["a5-booklet", "digest", "mini8", "pamphlet"]
SOURCE = "https://example.org/2026/03/keep-the-library/"
ACTION = ('[action]\nheading = "Join the vigil"\nmeeting = "Saturday 2pm\\nOutside the town hall"\n'
          'where = "The steps by the fountain"\nwhen = "Every Saturday in March"\ncontact = "friends@example.org"\n')
COMMENTS = """\
- id: '1'
  text: I borrowed my first book there, and my daughter did too. Closing it would cut the estate off.
- id: '2'
  author: Margaret Hale
  likes: 4
  text: The reading group meets there every Thursday; where would we go?
  replies:
  - id: '2.1'
    author: John Thornton
    text: The community centre is shut on Thursdays, so nowhere near.
    replies:
    - id: '2.1.1'
      text: Then we should all come to the meeting and say so.
"""


def prose(seed: int, count: int) -> str:
    return " ".join(WORDS[(seed * 5 + i) % len(WORDS)] for i in range(count)).capitalize() + "."


def project(folder, layout: str, paragraphs: int, extra: str = "", pick: str = ""):
    body = "\n\n".join(prose(n, 55) for n in range(paragraphs))
    write(folder / "article.md", "---\ntitle: Keep the library open\nauthor: Ann Writer\n"
          f"source: {SOURCE}\ncomments: comments.yaml\n{pick}---\n{body}\n")
    write(folder / "comments.yaml", COMMENTS)
    write(folder / "zine.toml", f'title = "Keep the library open"\nlayout = "{layout}"\n'
          f'kicker = "Free. Read it. Pass it on."\nplace = "Outside the town hall"\n{extra}'
          f'{ACTION}\n[[contribution]]\narticle = "article.md"\n')
    return folder




def blank_shares(path) -> list[float]:
    """Each page's tallest band without ink, as a share of its height (rendered at 50 dpi)."""
    document = pypdfium2.PdfDocument(path)
    try:
        shares = []
        for index in range(len(document)):
            image = document[index].render(scale=50 / 72).to_pil()
            shares.append(blank_band(image)[1] / image.height)
        return shares
    finally:
        document.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """The four layouts, each with author, source and [action]; the one-sheet ones with a short text."""
    found = {}
    for layout in LAYOUTS:
        folder = project(tmp_path_factory.mktemp(layout), layout, 2 if layout in ("mini8", "pamphlet") else 16,
                         pick="pick: ['1', '2']\n" if layout in ("mini8", "pamphlet") else "")
        output, pdf = build(folder)
        found[layout] = (output, pdf, page_texts(pdf))
    return found


@pytest.mark.parametrize("layout", LAYOUTS)
def test_author_and_source_print(built, layout):
    text = "".join(built[layout][2])
    flat = re.sub(r"\s+", "", text).replace("\ufffe", "").replace("\u2010", "-")
    assert "Ann Writer" in text
    assert re.sub(r"\s+", "", SOURCE) in flat


@pytest.mark.parametrize("layout", LAYOUTS)
def test_covers_have_no_white_band(built, layout):
    pdf = built[layout][1]
    shares = blank_shares(pdf)
    covers = [0, len(shares) - 1] + ([4] if layout == "pamphlet" else [])
    for index in covers:
        assert shares[index] <= EMPTY_SHARE, f"page {index + 1}: blank band {shares[index]:.0%}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_action_lines_kept_and_no_bare_label(built, layout):
    text = "\n".join(built[layout][2])
    lines = [line.strip() for line in text.splitlines()]
    assert "Saturday 2pm" in lines and "Outside the town hall" in lines  # the line break kept
    assert "The steps by the fountain" in text and "Every Saturday in March" in text
    for label in ("Where", "When", "Contact", "Meeting:", "Next meeting"):
        for number, line in enumerate(lines):
            if line.upper() == label.upper():  # a label alone on its line is followed by its words
                assert number + 1 < len(lines) and lines[number + 1], f"bare label {label!r}"
    assert "Meeting:" not in text


def test_slab_title_and_kicker_on_one_sheet_covers(built):
    for layout in ("mini8", "pamphlet"):
        cover = built[layout][2][0]
        assert "KEEP" in cover and "LIBRARY" in cover  # the slab title, in capitals
        assert "OUTSIDE THE TOWN HALL" in cover  # the place
        assert "-\n" not in cover and "\ufffe" not in cover  # never hyphenated


@pytest.mark.parametrize("layout", ["a5-booklet", "digest"])
def test_no_lone_dash(built, layout):
    text = "\n".join(built[layout][2])
    assert not [line for line in text.splitlines() if line.strip() in ("—", "-", "–")]
    assert "Margaret Hale" in text and "4 likes" in text


def test_no_running_head_on_the_opening_page(built):
    texts = built["a5-booklet"][2]
    assert "Keep the library open" in texts[1] and "KEEP THE LIBRARY OPEN" not in texts[1]
    assert any("KEEP THE LIBRARY OPEN" in t for t in texts[2:-1])  # the heads of the pages after it


@pytest.fixture(scope="module")
def naming(tmp_path_factory) -> dict:
    found = {}
    for mode in ("initials", "anonymous"):
        folder = project(tmp_path_factory.mktemp(mode), "a5-booklet", 2, pick="pick: ['1', '2.1']\n")
        found[mode] = "".join(page_texts(build(folder, "--commenters", mode)[1]))
    folder = project(tmp_path_factory.mktemp("toml"), "a5-booklet", 2, extra='commenters = "initials"\n')
    found["toml"] = "".join(page_texts(build(folder)[1]))
    return found


@pytest.mark.parametrize("mode", ["initials", "anonymous", "toml"])
def test_commenters_names_do_not_print(naming, mode):
    text = naming[mode]
    for name in ("Margaret", "Hale", "John", "Thornton"):
        assert name not in text
    assert ("M. H." in text) == (mode != "anonymous")


def test_anonymous_says_a_reader_only_for_signed_comments(naming):
    text = naming["anonymous"]
    assert text.count("A reader") == 1  # John Thornton's reply; comment 1 was never signed
    assert "Replying to the comment that begins" in text  # 2.1 answers 2, which is not printed


def test_fill_report_names_a_white_page_of_start_right(tmp_path):
    entries = ""
    for number in range(1, 4):
        write(tmp_path / f"a{number}.md", f"---\ntitle: Piece {number}\n---\n{prose(number, 40)}\n")
        entries += f'\n[[contribution]]\narticle = "a{number}.md"\n'
    write(tmp_path / "zine.toml", 'title = "Three pieces"\n[layout_options]\nstart_right = true\n' + entries)
    output, pdf = build(tmp_path)
    texts = page_texts(pdf)
    empty = [n for n, t in enumerate(texts[1:-1], 2) if not t.strip()]
    assert empty, "the layout left no white page to report"
    said = re.search(r"Pages? ([\d, and]+) (?:has|have) no text", output)
    assert said, output
    assert [int(n) for n in re.findall(r"\d+", said.group(1))] == empty


def test_import_names_what_it_did_not_find(tmp_path):
    paste = tmp_path / "page.txt"
    paste.write_text("Keep the library open\n\n" + "\n\n".join(prose(n, 50) for n in range(3)) + "\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(paste), "-o", str(tmp_path / "p1"), "--allow-no-comments"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].strip().startswith("no author, source address or date found")
    result = CliRunner().invoke(main, ["import", str(paste), "-o", str(tmp_path / "p2"), "--allow-no-comments",
                                       "--author", "Ann Writer", "--source", SOURCE])
    assert result.exit_code == 0, result.output
    assert "no author found" not in result.output and "no date found" in result.output
    article = (tmp_path / "p2" / "keep-the-library-open.md").read_text(encoding="utf-8")
    assert "author: Ann Writer" in article and SOURCE in article
    bad = CliRunner().invoke(main, ["import", str(paste), "-o", str(tmp_path / "p3"), "--allow-no-comments",
                                    "--source", "example.org"])
    assert bad.exit_code == 1 and "Error: --source must be a web address" in bad.output
    assert not (tmp_path / "p3").exists()


def one_word_title(folder):
    """A title of one long word: it fills the width long before the height."""
    config = folder / "zine.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('title = "Keep the library open"',
                                                                 'title = "Unaffordable"'), encoding="utf-8")
    return folder


def test_a_four_word_title_fills_the_cover_in_four_lines(built):
    cover = built["a5-booklet"][2][0].split()
    assert cover[:4] == ["KEEP", "THE", "LIBRARY", "OPEN"]


def test_a_short_title_leaves_the_cover_to_the_pull_quote_or_an_editors_excerpt(tmp_path):
    quoted = one_word_title(project(tmp_path / "pull", "a5-booklet", 3))
    article = quoted / "article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n> Nobody asks what you are buying.\n{.pull}\n",
                       encoding="utf-8")
    cover = " ".join(page_texts(build(quoted)[1])[0].split())
    assert "Nobody asks what you are buying." in cover and cover.count("FREE. READ IT.") == 1  # kicker kept small
    trimmed = one_word_title(project(tmp_path / "excerpt", "a5-booklet", 3))
    comments = trimmed / "comments.yaml"
    comments.write_text(comments.read_text(encoding="utf-8").replace(
        "  text: The reading group", "  excerpt: Where would the reading group go?\n  text: The reading group"),
        encoding="utf-8")
    cover = " ".join(page_texts(build(trimmed)[1])[0].split())
    assert "Where would the reading group go?" in cover
    plain = " ".join(page_texts(build(one_word_title(project(tmp_path / "none", "a5-booklet", 3)))[1])[0].split())
    assert "FREE. READ IT. PASS IT ON." in plain  # nothing to quote: the kicker set large


@pytest.mark.parametrize("line, message", [
    ('commenters = "nicknames"', "'commenters' must be one of names, initials, anonymous, not 'nicknames'"),
    ('[action]\nqr = "example.org/join"', "[action] qr must be a web address starting http:// or https://"),
    ('[action]\nvenue = "the hall"', "[action] has no field 'venue'; its fields: heading, meeting, where, when"),
])
def test_a_wrong_setting_is_one_error_naming_zine_toml(tmp_path, line, message):
    write(tmp_path / "a.md", "---\ntitle: A piece\n---\nSome words.\n")
    write(tmp_path / "zine.toml", f'title = "A zine"\n{line}\n\n[[contribution]]\narticle = "a.md"\n')
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "z.pdf")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"Error: {tmp_path / 'zine.toml'}:") and message in result.output, result.output
    assert not (tmp_path / "z.pdf").exists()
