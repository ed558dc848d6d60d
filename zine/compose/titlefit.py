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
            best, best_score = FittedTitle(lines, round(size, 2), leading), score
    return best


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
        return sum(advances[cmap[ord(c)]][0] if ord(c) in cmap else fallback for c in text) / per_em

    return measure


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
