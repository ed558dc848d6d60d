"""What a reader finds on paper: whole URLs, no Markdown marks, no invented names.

One small project (an article and a letters page full of web habits: bare
addresses, fenced code, strikethrough, a table and headings in comments, a
reply to a comment left out) is rendered once, and the PDF's text is read back
with PDFium, as a reader copying text out of the PDF would get it.
"""

from __future__ import annotations

import re
from html import unescape

import pypdfium2 as pdfium
import pytest
from helpers.files import write
from hypothesis import given
from hypothesis import strategies as st

from zine.compose.html import compose
from zine.compose.markdown import article_fragment, comment_fragment
from zine.core.urls import LONGEST_PIECE, url_pieces
from zine.layout.resolve import load_layout
from zine.project.load import load_project

URLS = [
    "https://kittys-jones.example.org/2017/03/14/the-nudge-unit-and-behavioural-economics/",
    "https://find-a-therapist.example.net/search?postcode=E1_6AN&radius=10&sort=distance#results",
    "http://www.davids-mail.example.info/introfra.htm",
    "https://tracking.example.com/click?u=aHR0cHM6Ly9leGFtcGxlLm9yZy9sb25nLXRva2Vu&id=a_b-c",
]
LINKED = "https://campaign.example.org/what-you-can-do/write-to-your-councillor"
ARTICLE = f"""---
title: "Reading it back"
lang: en-GB
comments: comments.yaml
pick: ["1", "2", "2.1.1"]
---

Notwithstanding the extraordinarily uncharacteristic recommendations, representatives of
neighbourhood organisations communicated their disappointment comprehensively; the first
source is {URLS[0]} and the council's own page says so too.

You can [write to your councillor]({LINKED}) or e-mail <group@campaign.example.org>.

```
Roses are red,
   violets are blue,
a line of code that runs on and on and on well past the right-hand edge of any A5 page there is
```

The meeting is ~~on Tuesday~~ on Thursday.
"""
COMMENTS = f"""
- text: |
    Try this, it helped me: {URLS[1]}

    # My story

    | Week | Sessions |
    | --- | --- |
    | 1 | 6 |
- text: |
    Another site worth a look {URLS[2]} and this one {URLS[3]}.
  replies:
    - author: Sam
      text: Thanks, I will.
      replies:
        - text: |
            ## Answer

            ~~Never~~ Always ask for the written decision.
"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> str:
    """The rendered project's text, page after page, as PDFium reads it."""
    from zine.render.engine import render

    root = tmp_path_factory.mktemp("readback")
    write(root / "article.md", ARTICLE)
    write(root / "comments.yaml", COMMENTS)
    write(root / "zine.toml", 'title = "Read back"\nlang = "en-GB"\n\n'
                              '[[contribution]]\narticle = "article.md"\n')
    project = load_project(root)
    doc = pdfium.PdfDocument(render(compose(project, load_layout("a5-booklet", root))).pdf)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def joined(text: str) -> str:
    """The text without line ends or spaces: a URL broken across lines reads whole again."""
    return re.sub(r"\s+", "", text)


def test_every_url_of_the_input_prints_whole(printed):
    for url in [*URLS, LINKED]:
        assert url in joined(printed), url


def test_no_hyphen_in_the_text_layer_is_changed(printed):
    # The font has one hyphen glyph; were the automatic hyphen U+2010, every
    # hyphen-minus in a URL would read back as U+2010 too. (A URL's hyphen never
    # ends a line, where PDFium reads it as a soft hyphen: the URLs read back whole.)
    assert "\u2010" not in printed
    assert "kittys-jones" in printed and "the-nudge-unit-and-behavioural" in joined(printed)


def test_bare_urls_become_numbered_notes(printed):
    # In the text the site's name and a note number; the whole address in the notes.
    assert re.search(r"kittys-jones\.\s*example\.\s*org\s*\[1\]", printed)
    assert "Links in the comments" in printed
    notes = printed[printed.index("Links in the comments"):]
    assert [n for n in range(1, 7) if f"[{n}]" in notes] == [3, 4, 5]  # after the article's


def test_no_markdown_syntax_is_printed(printed):
    for mark in ("```", "~~", "| --- |", "# My story", "## Answer", "](http"):
        assert mark not in printed, mark
    assert re.search(r"Roses are red,\r\n *violets are blue,\r\n", printed)  # lines kept
    assert "My story" in printed and "Sessions" in printed


def test_comments_without_author_print_no_name(printed):
    assert "A reader" not in printed and "Anonymous" not in printed
    assert "Replying to Sam:" in printed


def test_reply_to_a_comment_left_out_names_its_opening_words(tmp_path):
    from zine.project.comments import load_comments, pick_comments

    comments = load_comments(write(tmp_path / "c.yaml", COMMENTS.replace("author: Sam\n      ", "")))
    printed = {p.comment.id: p.replying_to for p in pick_comments(comments, ["1", "2.1.1"])}
    assert printed["2.1.1"] == "the comment that begins “Thanks, I will.”"


@given(st.text(alphabet="abc-_./?&=#:%~", max_size=80) | st.from_regex(r"[a-]{25,70}", fullmatch=True))
def test_url_pieces_rejoin_to_the_url_and_never_end_in_a_hyphen(url):
    pieces = url_pieces(url)
    assert "".join(pieces) == url
    for piece, after in zip(pieces, pieces[1:]):
        # A line may end after / . ? & = _ #, before -, or (a last resort) in a long run.
        assert piece[-1] in "/.?&=_#" or after[0] == "-" or len(piece + after) > LONGEST_PIECE, pieces
        assert not piece.endswith("-") or set(piece) == {"-"}  # only a run of hyphens must


def test_comment_markdown_dialect():
    html = comment_fragment("# Title\n\n```\na\n  b\n```\n\n~~x~~ ~5 km\n\n| A | B |\n| --- | --- |\n"
                            "| 1 | 2 |\n", "k1").html
    assert "<h4>Title</h4>" in html  # below the comments' own h2 title
    assert "<pre" in html and "a\n  b" in html
    assert "<del>x</del> ~5 km" in html
    assert "<td>1</td>" in html


def test_a_layout_without_notes_prints_urls_inline_and_whole():
    fragment = article_fragment(f"See {URLS[0]} and [this]({LINKED}).", "c1", link_notes=False)
    assert fragment.links == []
    text = re.sub(r"<[^>]+>", "", fragment.html)
    assert URLS[0] in text and f"this ({LINKED})" in text
    assert "<wbr>" in fragment.html and "link-ref" not in fragment.html


def test_quotes_in_one_sheet_layouts_carry_their_link_notes(tmp_path):
    write(tmp_path / "article.md", ARTICLE.replace('pick: ["1", "2", "2.1.1"]\n', ""))
    write(tmp_path / "comments.yaml", COMMENTS)
    write(tmp_path / "zine.toml", 'title = "Quotes"\n\n[[contribution]]\narticle = "article.md"\n')
    project = load_project(tmp_path)
    html = compose(project, load_layout("pamphlet", tmp_path)).html
    quotes = html[html.index('<section class="quotes"'):]
    quotes = quotes[:quotes.index("</section>\n</section>")]
    text = unescape(re.sub(r"<[^>]+>", "", quotes))
    assert "Links in the quotes" in text
    assert "[3]" + URLS[1] in text  # numbered on from the article's notes
    assert "A reader" not in html


@pytest.mark.parametrize("words", ["friends-of-sorrel-lane.example.org", "friends-of-sorrel-lane.example.org/join"])
def test_link_words_that_are_its_address_are_set_as_an_address(words):
    """A link written [site.org](https://site.org/) is an address on paper: never hyphenated."""
    html = article_fragment(f"Everything is at [{words}](https://{words}/).", "c1").html
    address = re.search(r'<span class="url">(.*?)</span></a><sup', html)
    assert address is not None, html
    assert unescape(re.sub(r"<[^>]+>", "", address.group(1))) == words.split("/")[0]
