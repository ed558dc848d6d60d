"""Sheets as the copier sees them: which side is which, where the folds and cuts run.

Geometry comes from the imposition plan (``zine.impose``); nothing here touches a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from zine.impose import SCHEMES
from zine.impose.engine import Plan


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


def sheet_lines(plan: Plan, scheme_name: str, side_index: int) -> list[SheetLine]:
    """The fold and cut lines of one side, running across the trimmed area."""
    scheme = SCHEMES[scheme_name]
    trim = plan.trim
    columns = _columns(plan, scheme, side_index)
    rows = [trim.top - r * trim.h / scheme.rows for r in range(scheme.rows + 1)]
    lines = []
    for line in scheme.lines:
        if line.axis == "x":
            x = columns[line.boundary]
            lines.append(SheetLine(line.kind, x, trim.y + line.start * trim.h, x, trim.y + line.end * trim.h))
        else:
            y = rows[line.boundary]
            lines.append(SheetLine(line.kind, trim.x + line.start * trim.w, y, trim.x + line.end * trim.w, y))
    return lines


def _columns(plan: Plan, scheme, side_index: int) -> list[float]:
    trim = plan.trim
    if scheme.column_shares is None:
        return [trim.x + c * trim.w / scheme.cols for c in range(scheme.cols + 1)]
    shares = scheme.column_shares(side_index % 2, plan.width)
    return [trim.x + trim.w * sum(shares[:c]) for c in range(scheme.cols + 1)]
