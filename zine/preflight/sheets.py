"""Sheets as the copier sees them: which side is which, where the folds and cuts run.

Geometry comes from the imposition plan (``zine.impose``); nothing here touches a PDF.
A PDF imposed elsewhere has no plan: its sides are told apart by their count.
"""

from __future__ import annotations

from dataclasses import dataclass

from zine.impose import Plan


@dataclass(frozen=True)
class SideInfo:
    """One printed side: sheet number, 'front'/'back', and where each page (1-based) sits on it."""

    sheet: int
    side: str
    rects: tuple[tuple[int, tuple[float, float, float, float]], ...]  # (page, (x0, y0, x1, y1))

    def page_at(self, box: tuple[float, float, float, float]) -> int | None:
        """The page whose slot holds most of ``box``."""
        best, area = None, 0.0
        for page, (x0, y0, x1, y1) in self.rects:
            w = min(x1, box[2]) - max(x0, box[0])
            h = min(y1, box[3]) - max(y0, box[1])
            if w >= 0 and h >= 0 and w * h >= area:
                best, area = page, w * h
        return best


@dataclass(frozen=True)
class SheetLine:
    """A fold or cut line on a side, from (x0, y0) to (x1, y1) in points."""

    kind: str
    x0: float
    y0: float
    x1: float
    y1: float


def side_infos(plan: Plan, two_sided: bool) -> list[SideInfo]:
    """Every side in print order (front 1, back 1, front 2 ... or fronts only)."""
    infos = []
    for index, side in enumerate(plan.sides):
        sheet, back = (index // 2 + 1, index % 2 == 1) if two_sided else (index + 1, False)
        rects = tuple((p.page + 1, (p.rect.x, p.rect.y, p.rect.right, p.rect.top)) for p in side.placements)
        infos.append(SideInfo(sheet, "back" if back else "front", rects))
    return infos


def sheet_lines(plan: Plan, side_index: int) -> list[SheetLine]:
    """The fold and cut lines of one side, as the plan placed them (turned backs included)."""
    return [SheetLine(g.kind, g.segment.x0, g.segment.y0, g.segment.x1, g.segment.y1)
            for g in plan.sides[side_index].guides]


def guessed_sides(count: int) -> list[SideInfo]:
    """The sides of an imposed PDF zine did not make, read from its page count alone.

    An even count is taken as sheets printed on both sides (front, back, front ...),
    as booklets are; an odd count as one side per sheet.
    """
    if count > 1 and count % 2 == 0:
        return [SideInfo(n // 2 + 1, "back" if n % 2 else "front", ()) for n in range(count)]
    return [SideInfo(n + 1, "front", ()) for n in range(count)]
