"""Imported text survives the trip through Markdown: what a blog showed is what prints."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from zine.compose.markdown import DIALECT, DIALECT_CONFIG
from zine.importers.tomarkdown import html_to_markdown, plain_to_markdown

# Characters Python-Markdown reads as markup, and ordinary ones between them.
ALPHABET = st.sampled_from(list("ab1. #>*_-+=`\\[](){}<>&;!:|~^\"'xy"))
LINE = st.text(alphabet=ALPHABET, min_size=1, max_size=14).map(lambda t: " ".join(t.split()))


def printed(text: str) -> str:
    """The words a reader sees once the build's comment Markdown has rendered them.

    The build's dialect without smart quotes (which change quotes on purpose).
    """
    md = markdown.Markdown(extensions=[e for e in DIALECT if e != "smarty"],
                           extension_configs=DIALECT_CONFIG)
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", md.convert(text))).split())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(LINE.filter(bool), min_size=1, max_size=3), min_size=1, max_size=3))
def test_pasted_text_prints_as_typed(paragraphs):
    expected = " ".join(" ".join(" ".join(p) for p in paragraphs).split())
    assert printed(plain_to_markdown(paragraphs)) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE.filter(bool), min_size=1, max_size=3))
def test_html_text_prints_as_shown(parts):
    source = "".join(f"<p>{html.escape(part)}</p>" for part in parts)
    assert printed(html_to_markdown(source)[0]) == " ".join(" ".join(parts).split())


def test_markup_lookalikes_stay_text():
    lines = [["#hashtag at the start"], ["1. not a list"], ["- not a bullet"],
             ["[^1]: not a footnote"], ["[a]: not a reference"], ["<b>not bold</b>"],
             ["M***, x_y_z and *stars*"], ["==="], ["~~not struck~~"], ["~~~"],
             ["| not | a table |"], ["| --- | --- |"], ["```"]]
    assert printed(plain_to_markdown(lines)) == " ".join(line[0] for line in lines)
