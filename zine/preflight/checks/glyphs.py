"""Characters no font could draw: the renderer fell back to an empty or missing glyph.

WeasyPrint writes text as glyph ids of subset TrueType fonts with a ToUnicode map.
When no font has a character it still writes an id, but one the embedded font does
not hold (or an empty outline): the copy shows a blank or a box.  We compare each
mapped glyph id with the embedded font program (fontTools).
"""

from __future__ import annotations

import io
import logging
import re
import struct
import unicodedata
from functools import lru_cache

from zine.core.process import quiet_logger

INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf"}  # categories a blank glyph is right for
# Combining marks are drawn (a font without them prints a box over the letter), except these
# marks that only choose a form: variation selectors, the grapheme joiner, Mongolian selectors.
INVISIBLE_MARKS = re.compile("[\u034f\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
HEX = r"<([0-9A-Fa-f]+)>"


def undrawable_characters(fonts: list[dict]) -> dict[str, list[str]]:
    """Each character drawn with no real glyph, with the fonts it was set in.

    ``fonts`` are the PDF's font facts (``zine.pdf.font_facts``).
    """
    found: dict[str, list[str]] = {}
    for font in fonts:
        for char in _missing_in(font):
            found.setdefault(char, []).append(_plain_name(font["name"]))
    return found


def not_embedded(fonts: list[dict]) -> list[tuple[str, list[int]]]:
    """Fonts the PDF names but does not carry: (name, pages)."""
    return [(_plain_name(f["name"]), f["pages"]) for f in fonts if not f["embedded"]]


def _missing_in(font: dict) -> list[str]:
    if font["subtype"] != "/Type0" or not font["identity_gids"] or not font["to_unicode"]:
        return []
    used = {gid: visible for gid, text in parse_to_unicode(font["to_unicode"]).items()
            if (visible := [c for c in text if _needs_ink(c)])}
    drawable = _drawable(font["program"], used)
    if drawable is None:
        return []
    return [char for gid, visible in used.items() if gid not in drawable for char in visible]


def _needs_ink(char: str) -> bool:
    return unicodedata.category(char) not in INVISIBLE and not INVISIBLE_MARKS.match(char)


def _drawable(program: bytes | None, gids) -> set[int] | None:
    """Which of ``gids`` have an outline in an embedded TrueType/OpenType font.

    Only the glyphs the text uses are looked at, through the glyph offsets
    (``loca``): a subset keeps every glyph id, and decoding them all is slow.
    """
    outlines = _outlines(program) if program else None
    if outlines is None:
        return None
    count, offsets = outlines
    if offsets is None:
        return {gid for gid in gids if 0 < gid < count}
    return {gid for gid in gids if 0 < gid < count and offsets[gid] != offsets[gid + 1]}


@lru_cache(maxsize=32)
def _outlines(program: bytes) -> tuple[int, object] | None:
    """(glyph count, glyph offsets or None for a font without ``glyf``) of a font program.

    A merged anthology has one font file shared by a font dictionary per piece:
    the file is read once, not once per dictionary."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with _quiet_font_reader():
            font = TTFont(io.BytesIO(program), lazy=True)
            count = font["maxp"].numGlyphs
            return (count, None) if "glyf" not in font else (count, font["loca"].locations)
    except (TTLibError, KeyError, AssertionError, ValueError, IndexError, struct.error):
        return None


def _quiet_font_reader():
    """fontTools logs oddities of the fonts it reads (a creation date before 1970, say) as
    bare lines on the terminal; a font is only read here to see which glyphs it draws."""
    return quiet_logger("fontTools", logging.ERROR)


def parse_to_unicode(cmap: str) -> dict[int, str]:
    """Character code -> text from a ToUnicode CMap (bfchar and bfrange sections)."""
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rf"{HEX}\s*{HEX}", block):
            mapping[int(code, 16)] = _utf16(text)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, rest in re.findall(rf"{HEX}\s*{HEX}\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            _add_range(mapping, int(lo, 16), int(hi, 16), rest)
    return mapping


def _add_range(mapping: dict[int, str], lo: int, hi: int, rest: str) -> None:
    if hi - lo > 65535:
        return
    if rest.startswith("["):
        for offset, text in enumerate(re.findall(HEX, rest)):
            mapping[lo + offset] = _utf16(text)
        return
    start = _utf16(rest.strip("<>"))
    if not start:
        return
    for offset in range(hi - lo + 1):
        mapping[lo + offset] = start[:-1] + chr(ord(start[-1]) + offset)


def _utf16(hex_text: str) -> str:
    data = bytes.fromhex(hex_text if len(hex_text) % 2 == 0 else "0" + hex_text)
    return data.decode("utf-16-be", "replace")


def _plain_name(name: str) -> str:
    """'ABCDEF+Source-Serif-Pro' -> 'Source-Serif-Pro' (drop the subset tag)."""
    return name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name
