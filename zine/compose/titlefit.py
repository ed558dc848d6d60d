"""Poster titles: break a title into lines and size it to fill a width, measured from the font file.

A cover title in a display face should run edge to edge. Sizing it in the
browser would take a re-measuring layout (flex, fit-content) on a whole page;
the font's own advance widths give the size before rendering, so the page is
laid out once. Lines break only between words: a poster never hyphenates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from zine.compose.fonts import font_faces
from zine.core.errors import LayoutError
from zine.core.paper import MM

# Advance widths ignore kerning, which only ever tightens display capitals; a
# hair of slack keeps the widest line inside the box whatever the renderer rounds.
SLACK = 0.985
HEIGHT_BOUND_PENALTY = 0.8  # a count of lines the height holds back counts as a fifth smaller


@dataclass(frozen=True)
class FittedTitle:
    """A title broken into lines, at the one size that makes its widest line fill the width."""

    lines: list[str]
    size: float  # points
    leading: float  # line height, in ems
    family: str | None = None  # the script face that draws the title, when the display face cannot

    @property
    def height_mm(self) -> float:
        """How tall the lines stand, at ``leading``."""
        return len(self.lines) * self.size * self.leading / MM


def fit_title(text: str, family: str, width_mm: float, height_mm: float, *, max_pt: float = 120,
              leading: float = 0.92, max_lines: int = 6, upper: bool = True) -> FittedTitle:
    """Lines and size for ``text`` set in ``family`` within ``width_mm`` x ``height_mm``.

    ``upper``: the lines will be printed in capitals (CSS ``text-transform``),
    so they are measured so; the lines keep the text's own case.

    Of every count of lines up to ``max_lines``, the one giving the largest size
    wins (fewer lines on a tie; a count whose lines the height keeps short of the
    width needs a quarter more); the words of each count are spread to make the
    widest line as short as can be. A title too long for ``max_lines`` at a
    readable size simply comes out small: words are never split.
    """
    words = text.split()
    if not words:
        return FittedTitle([], max_pt, leading)
    script = _script_face(text, family)
    if script:  # lines as far apart as the script's letters stand tall, marks included
        leading = max(leading, round(script[1] + 0.06, 2))
    width_of = _measurer(family)
    measure = (lambda line: width_of(line.upper())) if upper else width_of
    width_pt, height_pt = width_mm * MM * SLACK, height_mm * MM
    best: FittedTitle | None = None
    best_score = 0.0
    for count in range(1, min(max_lines, len(words)) + 1):
        lines = _balanced(tuple(words), count, measure)
        widest = max(measure(line) for line in lines)
        size = min(width_pt / widest, height_pt / (count * leading), max_pt)
        # Short of the width a poster title looks lost: prefer lines that fill it.
        score = size if size < height_pt / (count * leading) else size * HEIGHT_BOUND_PENALTY
        if best is None or score > best_score + 0.05:
            best, best_score = FittedTitle(lines, round(size, 2), leading, script and script[0]), score
    return best


def _script_face(text: str, family: str) -> tuple[str, float] | None:
    """The script face that draws the letters of ``text`` ``family`` lacks, and how tall
    (top of the highest mark to foot of the lowest) the text stands in it, in ems; None when
    ``family`` has them all or no script face does."""
    from zine.compose.scripts import faces_for

    _measurer(family)  # fills the cache of the family's characters
    own = _characters(family)
    missing = {c for c in text if ord(c) not in own and not c.isspace()}
    families = faces_for(missing) if missing else []
    if not families:
        return None
    return families[0], _ink_height(text, families[0])


@lru_cache(maxsize=16)
def _characters(family: str) -> frozenset[int]:
    from zine.compose.fonts import covered

    return covered([family])


@lru_cache(maxsize=64)
def _ink_height(text: str, family: str) -> float:
    """From the top of the tallest glyph to the foot of the lowest, ``text`` shaped in ``family``, in ems."""
    import uharfbuzz as hb

    font, per_em = _script_font(family)
    top, foot = 0, 0
    for word in text.split():
        buffer = hb.Buffer()
        buffer.add_str(word)
        buffer.guess_segment_properties()
        hb.shape(font, buffer)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions):
            extents = font.get_glyph_extents(info.codepoint)
            if extents is None:
                continue
            top = max(top, pos.y_offset + extents.y_bearing)
            foot = min(foot, pos.y_offset + extents.y_bearing + extents.height)
    return (top - foot) / per_em


def _balanced(words: tuple[str, ...], count: int, measure) -> list[str]:
    """``words`` in ``count`` lines, the widest line as narrow as can be (dynamic programming)."""

    @lru_cache(maxsize=None)
    def best_from(start: int, lines: int) -> tuple[float, tuple[int, ...]]:
        if lines == 1:
            return measure(" ".join(words[start:])), ()
        found: tuple[float, tuple[int, ...]] | None = None
        for cut in range(start + 1, len(words) - lines + 2):
            rest, cuts = best_from(cut, lines - 1)
            widest = max(measure(" ".join(words[start:cut])), rest)
            if found is None or widest < found[0]:
                found = (widest, (cut, *cuts))
        return found

    cuts = (0, *best_from(0, count)[1], len(words))
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:])]


@lru_cache(maxsize=16)
def _measurer(family: str):
    """A function giving a text's advance width in ems, from the family's regular face."""
    from fontTools.ttLib import TTFont

    faces = font_faces(family)
    if not faces:
        raise LayoutError(f"font family {family!r} has no font files")
    # The upright regular face (a variable font's weight is None: it has them all).
    face = min(faces, key=lambda f: (f.style != "normal", abs((f.weight or 400) - 400)))
    font = TTFont(face.path, lazy=True)
    cmap, advances, per_em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    fallback = advances[cmap.get(ord("M"), font.getGlyphOrder()[0])][0]

    def measure(text: str) -> float:
        if any(ord(c) not in cmap for c in text):
            shaped = _script_width(text, frozenset(cmap))
            if shaped is not None:
                return shaped + sum(advances[cmap[ord(c)]][0] for c in text if ord(c) in cmap) / per_em
        return sum(advances[cmap[ord(c)]][0] if ord(c) in cmap else fallback for c in text) / per_em

    return measure


# A title in a script the display face lacks is drawn by that script's face, and the
# layouts set it bold (a thin Arabic or Devanagari line under a poster face reads as a
# caption): it is measured so, shaped by HarfBuzz, since joining forms and conjuncts
# are not the sum of the letters.
SCRIPT_WEIGHT = 700


def _script_width(text: str, own: frozenset[int]) -> float | None:
    """The width in ems of the characters of ``text`` outside ``own`` (the display face's),
    each run shaped in the script face zine picks for it; None when no script face draws them."""
    import unicodedata

    from zine.compose.scripts import faces_for

    runs: list[str] = []
    for i, char in enumerate(text):
        # A mark or joiner goes with the letter before it, whichever face draws that.
        attached = unicodedata.category(char)[0] == "M" or unicodedata.category(char) == "Cf"
        outside = ord(char) not in own or (attached and i > 0 and ord(text[i - 1]) not in own)
        if outside and runs and i > 0 and (ord(text[i - 1]) not in own or attached):
            runs[-1] += char
        elif outside:
            runs.append(char)
    if not runs:
        return None
    families = faces_for(set("".join(runs)))
    if not families:
        return None
    return sum(_shaped_width(run, tuple(families)) for run in runs)


@lru_cache(maxsize=256)
def _shaped_width(run: str, families: tuple[str, ...]) -> float:
    """``run`` shaped in the first of ``families`` that has its first letter, in ems."""
    import uharfbuzz as hb

    from zine.compose.fonts import covered

    family = next((f for f in families if ord(run[0]) in covered([f])), families[0])
    font, per_em = _script_font(family)
    buffer = hb.Buffer()
    buffer.add_str(run)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    return sum(pos.x_advance for pos in buffer.glyph_positions) / per_em


@lru_cache(maxsize=8)
def _script_font(family: str):
    """The HarfBuzz font of ``family`` at the weight a script title is set in."""
    import uharfbuzz as hb

    faces = font_faces(family)
    face = min(faces, key=lambda f: (f.style != "normal", abs((f.weight or SCRIPT_WEIGHT) - SCRIPT_WEIGHT)))
    hb_face = hb.Face(hb.Blob.from_file_path(str(face.path)))
    font = hb.Font(hb_face)
    if face.weight is None:  # a variable font: every weight, pinned at the one used
        font.set_variations({"wght": SCRIPT_WEIGHT})
    return font, hb_face.upem


def fit_text(text: str, family: str, width_mm: float, height_mm: float, *, max_pt: float = 40,
             min_pt: float = 9, leading: float = 1.15, upper: bool = False) -> FittedTitle:
    """``text`` wrapped (whole words) at the largest size, at most ``max_pt``, whose lines fit
    ``width_mm`` x ``height_mm``: for a quote or a kicker set large in the room a cover has left.

    Below ``min_pt`` it comes out at ``min_pt`` with as many lines as it needs (the
    caller gives it room, or chooses something shorter)."""
    words = text.split()
    if not words:
        return FittedTitle([], min_pt, leading)
    width_of = _measurer(family)
    measure = (lambda line: width_of(line.upper())) if upper else width_of
    width_pt, height_pt = width_mm * MM * SLACK, height_mm * MM
    size = float(max_pt)
    while True:
        lines = _wrapped(words, width_pt / size, measure)
        fits = all(measure(line) <= width_pt / size for line in lines)
        if size <= min_pt or (fits and len(lines) * size * leading <= height_pt):
            return FittedTitle(lines, round(size, 2), leading)
        size = max(min_pt, size - 0.5)


def _wrapped(words: list[str], width_em: float, measure) -> list[str]:
    """Words filled greedily into lines ``width_em`` wide (a word wider than that has a line of its own)."""
    lines: list[str] = []
    for word in words:
        if lines and measure(lines[-1] + " " + word) <= width_em:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
