"""The one placement engine: a scheme, page sizes and options become a plan.

A plan is pure data (sheets -> sides -> placements and mark segments, in points),
which ``zine.impose.pdfwriter`` executes.  Nothing here reads or writes a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from zine.core.errors import ImposeError
from zine.core.paper import LABELS, MM, mm, sheet_size
from zine.impose.geometry import Guide, Rect, Segment, bounds
from zine.impose.options import ImposeOptions, creep_for
from zine.impose.scheme import Cell, Line, Order, OrderOptions, Scheme, mirrored
from zine.impose.schemes import names_with
from zine.impose.scissors import scissors

SAME_SIZE = 0.5  # points of difference still counted as one page size
MARK_GAP = 1 * MM  # distance between a mark and the page it serves
MARK_LENGTH = 4 * MM


@dataclass(frozen=True)
class Placement:
    """Source page ``page`` drawn into ``rect`` (turned ``rotate`` degrees), clipped to ``clip``."""

    page: int
    rect: Rect
    scale: float
    rotate: int
    clip: Rect


@dataclass(frozen=True)
class SidePlan:
    """What goes on one printed side: the pages, the printed marks, and where it folds and cuts."""

    placements: tuple[Placement, ...]
    marks: tuple[Segment, ...]
    guides: tuple[Guide, ...] = ()  # every fold and cut line across the trimmed area, printed or not


@dataclass(frozen=True)
class Plan:
    """Everything needed to write the imposed PDF(s)."""

    width: float
    height: float
    trim: Rect
    sides: tuple[SidePlan, ...]  # print order: front 1, back 1, front 2, ...
    outputs: dict[str, tuple[int, ...]]  # file suffix -> indexes into sides
    sheets: int
    scale: float
    blank_positions: tuple[int, ...]
    notes: tuple[str, ...] = ()
    margin: float = 0.0  # the copier's dead edge (points) the pages may reach at full size

    @property
    def two_sided(self) -> bool:
        """Sheets printed on both sides (in one file, or as -fronts and -backs)."""
        return len(self.sides) == 2 * self.sheets

    @property
    def safe(self) -> Rect:
        """The part of the sheet a copier prints: inside the dead edge."""
        m = self.margin
        return Rect(m, m, self.width - 2 * m, self.height - 2 * m)


@dataclass(frozen=True)
class _Grid:
    """Where the cells of each side are, and the scale pages are drawn at."""

    slots: tuple[dict[tuple[int, int], Rect], ...]  # per side: (col, row) -> cell rectangle
    boxes: tuple[dict[tuple[int, int], Rect], ...]  # per side: area a page is centred in
    trim: Rect
    scale: float
    column_edges: tuple[tuple[float, ...], ...]  # per side: x of each column boundary
    row_edges: tuple[float, ...]


def make_plan(scheme: Scheme, sizes: list[tuple[float, float]], options: ImposeOptions,
              source: str = "input") -> Plan:
    """Plan the imposition of pages with ``sizes`` (points) by ``scheme``."""
    _check_scheme_options(scheme, len(sizes), options, source)
    if options.rtl:
        scheme = mirrored(scheme)
    order = scheme.order(len(sizes), OrderOptions(options.blanks, options.signature))
    page = _slot_page_size(sizes, options.fit, source)
    width, height = sheet_size(options.sheet, _landscape(scheme, page))
    grid = _grid(scheme, page, width, height, options, source)
    sides, notes = _sides(scheme, order, sizes, grid, options, width, height)
    return Plan(width, height, grid.trim, tuple(sides), _outputs(scheme, options, len(order.sheets)),
                len(order.sheets), grid.scale, order.blank_positions, notes, options.margin_mm * MM)


def _check_scheme_options(scheme: Scheme, n: int, options: ImposeOptions, source: str) -> None:
    if n == 0:
        raise ImposeError("the PDF has no pages", source)
    if scheme.max_pages and n > scheme.max_pages:
        raise ImposeError(f"{n} pages do not fit the {scheme.name} scheme, which holds at most "
                          f"{scheme.max_pages}: use --scheme {scheme.instead}", source)
    if options.signature and not scheme.signatures:
        folding = names_with("signatures")
        raise ImposeError(f"--signature only applies to the {' and '.join(folding)} "
                          f"scheme{'s' if len(folding) != 1 else ''}, not {scheme.name}", source)
    if options.creep_mm and not scheme.nests:
        raise ImposeError(f"--creep only applies to schemes with nested sheets ({', '.join(names_with('nests'))}), "
                          f"not {scheme.name}", source)


def _slot_page_size(sizes: list[tuple[float, float]], fit: bool, source: str) -> tuple[float, float]:
    """The page size a cell is made for: the (largest) page trim size."""
    empty = next((i for i, (w, h) in enumerate(sizes) if w < 1 or h < 1), None)
    if empty is not None:
        raise ImposeError(f"page {empty + 1} has no area ({_mm_size(sizes[empty])}): its page box is empty",
                          source)
    first = sizes[0]
    odd = next((i for i, (w, h) in enumerate(sizes)
                if abs(w - first[0]) > SAME_SIZE or abs(h - first[1]) > SAME_SIZE), None)
    if odd is not None and not fit:
        raise ImposeError(
            f"pages differ in size: page 1 is {_mm_size(first)}, page {odd + 1} is {_mm_size(sizes[odd])}; "
            f"pass --fit to scale each page into the same cell", source)
    return max(w for w, _ in sizes), max(h for _, h in sizes)


def _landscape(scheme: Scheme, page: tuple[float, float]) -> bool:
    if scheme.landscape is not None:
        return scheme.landscape
    return scheme.cols * page[0] > scheme.rows * page[1]


def _grid(scheme: Scheme, page: tuple[float, float], width: float, height: float,
          options: ImposeOptions, source: str) -> _Grid:
    make = _panel_grid if scheme.panels else _trim_grid
    grid = make(scheme, page, width, height, options.margin_mm * MM)
    if options.fit or grid.scale >= 1 - 1e-6:
        return grid
    # Pages that fit their cells stay at full size: the dead edge is about ink, not page
    # boxes, so the imposed sheets are looked at for ink there afterwards (zine.impose.impose).
    whole = make(scheme, page, width, height, 0.0)
    if whole.scale < 1 - 1e-6:
        if options.fit is False:
            raise ImposeError(_too_big(scheme, page, options), source)
        return grid  # not asked: scaled into the safe area, as pdfjam does, and said (scaled_warning)
    return whole


def _too_big(scheme: Scheme, page: tuple[float, float], options: ImposeOptions) -> str:
    return (f"{scheme.cols * scheme.rows} pages of {_mm_size(page)} do not fit one side of "
            f"{LABELS[options.sheet]} for {scheme.name}: leave out --no-fit to scale them down, "
            f"or pick a bigger --sheet")


def _whole(scale: float) -> float:
    """1 for a scale within a hundredth of a point in a metre of 1: sheet and page sizes are
    rounded to points, so two A4 pages are a hair wider than an A3 sheet."""
    return 1.0 if scale > 1 - 1e-5 else scale


def _trim_grid(scheme: Scheme, page: tuple[float, float], width: float, height: float,
               margin: float) -> _Grid:
    """Cells the size of the page, the whole grid centred on the sheet."""
    pw, ph = page
    scale = _whole(min(1.0, (width - 2 * margin) / (scheme.cols * pw), (height - 2 * margin) / (scheme.rows * ph)))
    cw, ch = pw * scale, ph * scale
    x0, y0 = (width - cw * scheme.cols) / 2, (height - ch * scheme.rows) / 2
    slots = {(c, r): Rect(x0 + c * cw, y0 + (scheme.rows - 1 - r) * ch, cw, ch)
             for c in range(scheme.cols) for r in range(scheme.rows)}
    columns = tuple(x0 + c * cw for c in range(scheme.cols + 1))
    rows = tuple(y0 + (scheme.rows - r) * ch for r in range(scheme.rows + 1))
    trim = Rect(x0, y0, cw * scheme.cols, ch * scheme.rows)
    return _Grid((slots, slots), (slots, slots), trim, scale, (columns, columns), rows)


def _panel_grid(scheme: Scheme, page: tuple[float, float], width: float, height: float,
                margin: float) -> _Grid:
    """Cells that divide the sheet; pages centred in what of a cell lies inside the margin."""
    safe = Rect(margin, margin, width - 2 * margin, height - 2 * margin)
    rows = tuple(height - r * height / scheme.rows for r in range(scheme.rows + 1))
    slots, boxes, columns = [], [], []
    for side in (0, 1):
        shares = scheme.column_shares(side, width) if scheme.column_shares else [1 / scheme.cols] * scheme.cols
        edges = tuple(width * sum(shares[:c]) for c in range(scheme.cols + 1))
        side_slots = {(c, r): Rect(edges[c], rows[r + 1], edges[c + 1] - edges[c], rows[r] - rows[r + 1])
                      for c in range(scheme.cols) for r in range(scheme.rows)}
        slots.append(side_slots)
        boxes.append({key: slot.intersect(safe) for key, slot in side_slots.items()})
        columns.append(edges)
    # Fit against even panels: a narrowed fold-in panel clips its page rather than shrinking it.
    even = _trim_grid(scheme, (width / scheme.cols, height / scheme.rows), width, height, 0)
    room = [slot.intersect(safe) for slot in even.slots[0].values()]
    scale = _whole(min([1.0] + [min(r.w / page[0], r.h / page[1]) for r in room]))
    trim = Rect(0, 0, width, height)
    return _Grid(tuple(slots), tuple(boxes), trim, scale, tuple(columns), rows)


def _sides(scheme: Scheme, order: Order, sizes: list[tuple[float, float]], grid: _Grid,
           options: ImposeOptions, width: float, height: float) -> tuple[list[SidePlan], tuple[str, ...]]:
    turn_backs = _turn_backs(options.duplex, width > height)
    creep = creep_for(options, len(order.sheets)) * MM if scheme.nests else 0.0
    notes: set[str] = set()
    sides = []
    lines: dict[tuple, tuple] = {}  # marks and guides by side and cells: the same on most sheets
    for sheet in order.sheets:
        for index, cells in enumerate(sheet):
            placements = [_place(cell, sizes, grid, index, creep) for cell in cells if cell.page is not None]
            key = (index, tuple((c.col, c.row) for c in cells))
            if key not in lines:
                content = [grid.boxes[index][(c.col, c.row)] for c in cells]
                lines[key] = (tuple(_marks(scheme, grid, index, options, content, width, height, notes)),
                              _guides(scheme, grid, index))
            side = SidePlan(tuple(placements), *lines[key])
            sides.append(_turned(side, width, height) if index == 1 and turn_backs else side)
    return sides, tuple(sorted(notes))


def _turn_backs(duplex: str, landscape: bool) -> bool:
    """Backs are planned for a flip about the vertical axis (a book page).

    On a landscape sheet that is the short edge, on a portrait sheet the long edge;
    the other flip needs every back turned 180 degrees.  Manual duplex tells the
    user to turn the stack like a book page.
    """
    if duplex == "manual":
        return False
    return duplex != ("short" if landscape else "long")


def _place(cell: Cell, sizes: list[tuple[float, float]], grid: _Grid, side: int, creep: float) -> Placement:
    pw, ph = sizes[cell.page]
    slot, box = grid.slots[side][(cell.col, cell.row)], grid.boxes[side][(cell.col, cell.row)]
    w, h = pw * grid.scale, ph * grid.scale
    rect = Rect(box.x + (box.w - w) / 2 + creep * cell.creep, box.y + (box.h - h) / 2, w, h)
    return Placement(cell.page, rect, grid.scale, cell.rotate, slot)


def _turned(side: SidePlan, width: float, height: float) -> SidePlan:
    placements = tuple(Placement(p.page, p.rect.turned(width, height), p.scale, (p.rotate + 180) % 360,
                                 p.clip.turned(width, height)) for p in side.placements)
    return SidePlan(placements, tuple(m.turned(width, height) for m in side.marks),
                    tuple(g.turned(width, height) for g in side.guides))


def _guides(scheme: Scheme, grid: _Grid, side: int) -> tuple[Guide, ...]:
    """The scheme's fold and cut lines on this side, each across the trimmed area."""
    trim, guides = grid.trim, []
    for line in scheme.lines:
        if line.axis == "x":
            x = grid.column_edges[side][line.boundary]
            segment = Segment(x, trim.y + line.start * trim.h, x, trim.y + line.end * trim.h)
        else:
            y = grid.row_edges[line.boundary]
            segment = Segment(trim.x + line.start * trim.w, y, trim.x + line.end * trim.w, y)
        guides.append(Guide(line.kind, segment))
    return tuple(guides)


def _marks(scheme: Scheme, grid: _Grid, side: int, options: ImposeOptions, content: list[Rect],
           width: float, height: float, notes: set[str]) -> list[Segment]:
    marks: list[Segment] = []
    wanted, area = options.marks, bounds(content)
    for line in scheme.lines:
        if line.kind in wanted:
            marks += _line_marks(line, grid, side, area, (width, height, options.mark_inset_mm * MM), notes)
        if line.kind == "fold" and "fold" in wanted:
            marks += _fold_marks_at_cuts(scheme, line, grid, side)
    if "crop" in wanted:
        marks += _crop_marks(grid.trim, width, height, notes)
    return marks


def _line_marks(line: Line, grid: _Grid, side: int, area: Rect, sheet: tuple[float, float, float],
                notes: set[str]) -> list[Segment]:
    """A dashed cut line along its whole run (with scissors where a slit starts inside the
    sheet), or short fold dashes beyond the pages (or ``inset`` inside the sheet edge)."""
    width, height, inset = sheet
    vertical = line.axis == "x"
    at = grid.column_edges[side][line.boundary] if vertical else grid.row_edges[line.boundary]
    full = height if vertical else width
    if line.kind == "cut":
        # A cut that runs to the grid's edge runs on to the sheet's edge.
        lo, size = (grid.trim.y, grid.trim.h) if vertical else (grid.trim.x, grid.trim.w)
        start = 0.0 if line.start == 0 else lo + line.start * size
        end = full if line.end == 1 else lo + line.end * size
        return [_segment(vertical, at, start, end, dashed=True)] + (scissors(vertical, at, start) if start else [])
    first, last = (area.y, area.top) if vertical else (area.x, area.right)
    runs = [(max(0.0, first - MARK_GAP - MARK_LENGTH), first - MARK_GAP),
            (last + MARK_GAP, min(full, last + MARK_GAP + MARK_LENGTH))]
    dashes = [_segment(vertical, at, a, b) for a, b in runs if b - a >= MM]
    if len(dashes) < 2 and inset:
        dashes = [_segment(vertical, at, inset, inset + MARK_LENGTH),
                  _segment(vertical, at, full - inset - MARK_LENGTH, full - inset)]
    if len(dashes) < 2:
        notes.add("some fold marks were left out: no room beyond the pages (raise --margin)")
    return dashes


def _fold_marks_at_cuts(scheme: Scheme, fold: Line, grid: _Grid, side: int) -> list[Segment]:
    """Where a cut divides the sheet across a fold (quarter), each piece gets fold dashes at
    the cut too, on the fold line itself (there is no room beside the pages there)."""
    vertical = fold.axis == "x"
    at = grid.column_edges[side][fold.boundary] if vertical else grid.row_edges[fold.boundary]
    marks = []
    for cut in scheme.lines:
        if cut.kind != "cut" or cut.axis == fold.axis or (cut.start, cut.end) != (0.0, 1.0):
            continue
        across = grid.row_edges[cut.boundary] if vertical else grid.column_edges[side][cut.boundary]
        for a, b in ((across - MARK_GAP - MARK_LENGTH, across - MARK_GAP),
                     (across + MARK_GAP, across + MARK_GAP + MARK_LENGTH)):
            marks.append(_segment(vertical, at, a, b))
    return marks


def _crop_marks(trim: Rect, width: float, height: float, notes: set[str]) -> list[Segment]:
    """Short lines beyond each trim corner, in line with the trim edges."""
    marks = []
    left = (max(0.0, trim.x - MARK_GAP - MARK_LENGTH), trim.x - MARK_GAP)
    right = (trim.right + MARK_GAP, min(width, trim.right + MARK_GAP + MARK_LENGTH))
    below = (max(0.0, trim.y - MARK_GAP - MARK_LENGTH), trim.y - MARK_GAP)
    above = (trim.top + MARK_GAP, min(height, trim.top + MARK_GAP + MARK_LENGTH))
    for a, b in (left, right):
        if b - a >= MM:
            marks += [_segment(False, y, a, b) for y in (trim.y, trim.top)]
    for a, b in (below, above):
        if b - a >= MM:
            marks += [_segment(True, x, a, b) for x in (trim.x, trim.right)]
    if not marks and (trim.w < width - 1 or trim.h < height - 1):
        notes.add("crop marks were left out: no room beyond the pages (raise --margin)")
    return marks


def _segment(vertical: bool, at: float, a: float, b: float, dashed: bool = False) -> Segment:
    return Segment(at, a, at, b, dashed) if vertical else Segment(a, at, b, at, dashed)


def _outputs(scheme: Scheme, options: ImposeOptions, sheets: int) -> dict[str, tuple[int, ...]]:
    """Which sides go in which file: one file, or fronts and backs for manual duplex."""
    if not scheme.two_sided:
        return {"": tuple(range(sheets))}
    if options.duplex == "manual":
        return {"-fronts": tuple(range(0, 2 * sheets, 2)), "-backs": tuple(range(1, 2 * sheets, 2))}
    return {"": tuple(range(2 * sheets))}


def _mm_size(size: tuple[float, float]) -> str:
    return f"{mm(size[0]):.0f} x {mm(size[1]):.0f} mm"
