"""Faces for the scripts a zine's text is written in, taken from font packages with no step.

A layout names the faces it is designed in (Latin ones, mostly). Arabic,
Hebrew, Bengali, Tamil... text, and emoji, are drawn by the packaged Noto face
of that script (``zine.compose.fonts.script_families``), added after the
layout's own faces and only when the text has characters they draw, so an
English zine loads no font more than before. CJK faces are large and come with
an extra: CJK text without one stops with the command that installs it.

Italic text takes an italic face that has the script's glyphs before an
upright one: when the layout's italic face lacks characters of the text
(Cyrillic in Source Serif's italic) that the fallback italic (Noto Sans) has,
those glyphs are merged into the layout's italic for this zine.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from zine.compose.fonts import FontFace, covered, font_faces, script_families
from zine.core.errors import InputError, LayoutError

ITALIC_WEIGHTS = (400, 700)  # the italics layouts set (a semibold italic keeps its own glyphs)

# The order faces are tried in when more than one draws a character: scripts first,
# emoji before the symbols face (so a heart prints as the emoji, not a dingbat).
_FIRST = ("Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali",
          "Noto Sans Tamil", "Noto Sans CJK")
_LAST = ("Noto Emoji", "Noto Sans Symbols")
CJK_INSTALL = "pip install 'zine[cjk]'"
# Han, kana and Hangul letters: CJK text. (CJK punctuation or a full-width "！" alone in other
# text is no reason to install a CJK font: without one it prints as its name.)
_CJK = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3040, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF),
        (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def script_order() -> list[str]:
    """The installed script faces, in the order they are tried."""
    names = list(script_families())
    middle = sorted(n for n in names if n not in _FIRST and n not in _LAST)
    return [n for n in _FIRST if n in names] + middle + [n for n in _LAST if n in names]


def faces_for(missing: set[str]) -> list[str]:
    """The script faces that draw ``missing`` characters (none the zine's faces have), fewest first found."""
    chosen: list[str] = []
    left = {ord(ch) for ch in missing}
    for family in script_order():
        if not left:
            break
        drawn = left & covered([family])
        if drawn:
            chosen.append(family)
            left -= drawn
    return chosen


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a Han, kana or Hangul letter."""
    code = ord(char)
    return any(start <= code <= end for start, end in _CJK)


def check_cjk_font(missing: set[str], where: Path | None, chosen: list[str]) -> None:
    """CJK text with no CJK face installed is one error naming the command that installs one."""
    cjk = sorted(ch for ch in missing if is_cjk(ch))
    if cjk and not any("CJK" in family for family in chosen):
        sample = "".join(cjk[:3])
        raise InputError(f"the text has Chinese, Japanese or Korean characters ({sample}...) and no CJK font "
                         f"is installed: {CJK_INSTALL}", where)


def italic_fills(layout_families: list[str], fallbacks: list[str], used: set[str]) -> dict[str, str]:
    """For each italic face of the layout's families that lacks characters of the text ``used``
    which the first fallback family's italic has: that face with those glyphs added, as a data:
    URL to load instead of the face's file (face path -> URL). Empty for most zines."""
    candidates = {ord(ch) for ch in used if _has_italics(ord(ch))}
    source = next((face for family in fallbacks for face in _italics(family)), None) if candidates else None
    if source is None:
        return {}
    has = covered_file(source.path)
    wanted = candidates & has
    fills = {}
    for family in layout_families:
        for face in _italics(family):
            own = covered_file(face.path)
            if not wanted - own or face.weight not in ITALIC_WEIGHTS or face.path.suffix != ".ttf":
                continue
            # Whole blocks of 256, not only the characters used: fontconfig picks a face for a
            # run of Cyrillic by whether it covers Russian (or the language of the run) first.
            blocks = {code >> 8 for code in wanted - own}
            lacking = frozenset(code for code in has - own if code >> 8 in blocks)
            try:
                fills[str(face.path)] = _filled(face.path, source.path, lacking, face.weight)
            except Exception:  # noqa: BLE001 - a font that cannot be filled keeps its own italic
                continue  # (fontTools and HarfBuzz raise many kinds on fonts they cannot take)
    return fills


def _has_italics(code: int) -> bool:
    """Whether the character is of a script with italic faces of its own: Latin, Greek,
    Cyrillic (beyond ASCII, which every italic has); not Indic scripts, say."""
    return 0x80 <= code < 0x530 or 0x1D00 <= code < 0x2000


@lru_cache(maxsize=16)
def _filled(path: Path, source: Path, points: frozenset[int], weight: int) -> str:
    """The font at ``path`` with the glyphs of ``points`` copied in from ``source`` (a variable
    font pinned at ``weight``), as a data: URL.

    One face, not a second one under the family's name: fontconfig ranks faces by the
    languages they cover before their slant, and the renderer's PDF writer keys fonts by
    family, style and weight, so a lent face would be passed over or mistaken for the other.
    The glyphs are copied with their widths, not their kerning."""
    import base64
    import io

    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    face = hb.Face(source.read_bytes())
    request = hb.SubsetInput()
    request.unicode_set.update(sorted(points))
    request.flags = hb.SubsetFlags.NO_HINTING
    for tag in ("GSUB", "GPOS", "GDEF"):  # glyphs and widths are copied, not the layout rules
        request.sets(hb.SubsetInputSets.DROP_TABLE_TAG).add(int.from_bytes(tag.encode(), "big"))
    request.pin_all_axes_to_default(face)  # a variable font is pinned at the weight wanted
    request.pin_axis_location(face, "wght", weight)
    fill = TTFont(io.BytesIO(hb.subset(face, request).blob.data), recalcTimestamp=False)
    base = TTFont(path, recalcBBoxes=False, recalcTimestamp=False)  # quick, and the same bytes every time
    _copy_glyphs(fill, base)
    out = io.BytesIO()
    base.save(out)
    return "data:font/ttf;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _copy_glyphs(fill, base) -> None:
    """Every glyph ``fill`` maps a character to (and their components) into ``base``, renamed,
    with their advance widths; ``base``'s own characters stay its own."""
    if base["head"].unitsPerEm != fill["head"].unitsPerEm:
        raise ValueError("fonts of other sizes of em are not mixed")
    names = {name: f"zf.{name}" for name in fill.getGlyphOrder() if name != ".notdef"}
    order = base.getGlyphOrder() + list(names.values())
    glyf, hmtx = base["glyf"], base["hmtx"]
    for old, new in names.items():
        glyph = fill["glyf"][old]
        if glyph.isComposite():
            for component in glyph.components:
                component.glyphName = names.get(component.glyphName, component.glyphName)
        glyf.glyphs[new] = glyph
        advance, lsb = fill["hmtx"][old]
        hmtx[new] = (advance, lsb)
    base.setGlyphOrder(order)
    glyf.glyphOrder = order
    own = base.getBestCmap()
    for table in base["cmap"].tables:
        if table.isUnicode():
            for code, name in fill.getBestCmap().items():
                if code not in own and (table.format != 4 or code <= 0xFFFF):
                    table.cmap[code] = names[name]
    if "post" in base:
        base["post"].formatType = 3.0  # no glyph names to keep in step


def _italics(family: str) -> list[FontFace]:
    try:
        return [f for f in font_faces(family) if f.style == "italic"]
    except LayoutError:  # a family that is not installed has no italic to lend or fill
        return []


def covered_file(path: Path) -> frozenset[int]:
    """The characters one font file draws."""
    return covered([], [path])
