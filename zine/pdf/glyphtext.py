"""Every drawn glyph has text in the PDF: the parts of a letter stand for an invisible mark.

A shaped script draws one letter with several glyphs (an Arabic letter and its
dots, a Devanagari conjunct and its vowel sign). The renderer gives the
letter's text to the first glyph and none to the others, and some readers
(PDFium, in browsers) then show the other glyphs' codes as stray letters when
text is copied or searched. Each glyph with no text is given U+034F COMBINING
GRAPHEME JOINER: invisible, ignored by search, and transparent to Arabic joining
and Indic shaping if the text is pasted somewhere.
"""

from __future__ import annotations

import re

import pikepdf

from zine.pdf.facts import page_fonts

INVISIBLE_TEXT = b"<034F>"
_NO_TEXT = re.compile(rb"(<[0-9A-Fa-f]+>)[ \t]*<>")


def give_every_glyph_text(doc: pikepdf.Pdf) -> None:
    """Rewrite each font's ToUnicode map so no glyph maps to empty text."""
    seen: set = set()
    for page in doc.pages:
        for font in page_fonts(page.obj, seen):
            to_unicode = font.get("/ToUnicode")
            if not isinstance(to_unicode, pikepdf.Stream):
                continue
            text = to_unicode.read_bytes()
            filled = _NO_TEXT.sub(rb"\1 " + INVISIBLE_TEXT, text)
            if filled != text:
                to_unicode.write(filled)
