"""Ink in the copier's dead edge, looked for on the imposed sheets themselves.

Pages that fit their cells are placed at full size even when their boxes reach
into the strip a copier leaves unprinted (``--margin``): what matters is whether
anything is drawn there. Each page placed into the strip is looked at once, where
it sits on its side: its drawn objects first (``zine.impose.inkobjects``, no
rendering); only a side holding a page those leave in doubt (pictures, shadings,
curves, transparency near the edge) is rendered, small, and only the part of each
page inside the strip is looked at there, the printed marks painted out first,
since they are meant to sit in the margin. A page found inking the edge once is
not looked at again where else it is placed.

Before any of that, each page's own content stream is read for ink that is certain
(a dark frame or rule in the strip; ``zine.impose.inkstream``), in this process, as
the writer makes the page's form (``CertainInk``): pages found so need no PDFium, and
when every page reaching the strip is found so, no child process is started at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection

from zine.impose import inkstream
from zine.impose.engine import Placement, Plan
from zine.impose.geometry import Rect

DPI = 50  # enough to see a line of text or a frame; an A4 side is 413 x 585 pixels
INK_LEVEL = inkstream.INK_LEVEL  # grey (0-255) darker than this is ink
MEMO_INSTRUCTIONS = 256  # longer instruction lists are read each time, not remembered
MEMO_ANSWERS = 1024  # answers remembered: memory stays bounded whatever the pages draw


class CertainInk:
    """Pages whose own content certainly inks the dead edge, read without PDFium page by page
    as the writer makes each one's form (``read``), so that no page's parsed content is kept."""

    def __init__(self, plan: Plan):
        self.regions = _Regions(plan)
        self.reaching: dict[int, list[Placement]] = {}  # page -> its placements that reach the edge
        for side in plan.sides:
            for placement in side.placements:
                if self.regions.of(placement)[1]:
                    self.reaching.setdefault(placement.page, []).append(placement)
        self.found: set[int] = set()  # 0-based
        self.doubtful: set[int] = set(self.reaching)  # not (yet) found: left for PDFium
        self.answers: dict[tuple, bool] = {}  # pages drawing the same lines in the same place

    def read(self, page: int, content: Callable[[Placement], tuple]) -> None:
        """Read page ``page``: ``content(placement)`` gives its instructions, the matrix to the
        sheet and its form's box on the sheet (``zine.impose.pdfwriter``)."""
        for placement in self.reaching.get(page, ()):
            seen, boxes = self.regions.of(placement)
            instructions, to_sheet, box = content(placement)
            if self._inks(instructions, to_sheet, inkstream.intersect(seen, box), boxes):
                self.found.add(page)
                self.doubtful.discard(page)
                return

    def _inks(self, instructions, to_sheet, clip, boxes: list) -> bool:
        """``inkstream.inks``, asked once for pages whose ink instructions are the same (a frame,
        a rule, a background drawn alike on every page), placed alike: the text is not read."""
        if not isinstance(instructions, tuple) or len(instructions) > MEMO_INSTRUCTIONS:
            return inkstream.inks(instructions, to_sheet, clip, boxes)
        key = (instructions, to_sheet, clip, tuple(boxes))
        answer = self.answers.get(key)
        if answer is None:
            answer = inkstream.inks(instructions, to_sheet, clip, boxes)
            if len(self.answers) < MEMO_ANSWERS:
                self.answers[key] = answer
        return answer

    @property
    def settled(self) -> bool:
        """Whether every page reaching the edge was found inking it (nothing left to look at)."""
        return not self.doubtful


def edge_warning(plan: Plan, outputs: dict[str, bytes], margin_mm: float,
                 known: Collection[int] = ()) -> str | None:
    """A warning naming the pages with ink in the dead edge, or None when there is none;
    ``known`` (0-based) are pages already found inking it."""
    pages = pages_inking_edge(plan, outputs, known)
    return warning_for(pages, margin_mm)


def warning_for(pages: list[int], margin_mm: float) -> str | None:
    """The warning naming ``pages`` (1-based), or None when there are none."""
    if not pages:
        return None
    return (f"{'page' if len(pages) == 1 else 'pages'} {_listed(pages)} {'has' if len(pages) == 1 else 'have'} "
            f"ink within {margin_mm:g} mm of the sheet edge, which copiers leave unprinted: "
            f"pass --fit to scale the pages down into the safe area, or --margin 0 if your printer "
            f"prints that close to the edge")


def pages_inking_edge(plan: Plan, outputs: dict[str, bytes], known: Collection[int] = ()) -> list[int]:
    """1-based source pages that put ink inside the plan's dead edge on some sheet;
    ``known`` (0-based) are found already and not looked at."""
    found: set[int] = set(known)
    regions = _Regions(plan)
    for suffix, indexes in plan.outputs.items():
        wanted = [(number, index) for number, index in enumerate(indexes)
                  if any(regions.of(p)[1] and p.page not in found for p in plan.sides[index].placements)]
        if not wanted:
            continue
        import pypdfium2 as pdfium  # here, in the bounded child: the parent never loads PDFium

        document = pdfium.PdfDocument(outputs[suffix])
        try:
            for number, index in wanted:
                reaching = [p for p in plan.sides[index].placements if p.page not in found and regions.of(p)[1]]
                found.update(_side_inking(document, number, plan, index, reaching, regions))
        finally:
            document.close()
    return sorted(p + 1 for p in found)


class _Regions:
    """Per place on a side: what of the page shows there, and the whole render pixels of it
    inside the dead edge (sheet points). Pages sit in few places, so each is worked out once."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.known: dict[tuple, tuple] = {}

    def of(self, placement: Placement) -> tuple[tuple[float, float, float, float], list]:
        r, c = placement.rect, placement.clip
        key = (r.x, r.y, r.w, r.h, c.x, c.y, c.w, c.h)
        if key not in self.known:
            seen = r.intersect(c)
            strips = _strips(seen, self.plan.safe) if seen.w > 0 and seen.h > 0 else []
            boxes = [box for box in (_pixel_box(strip, self.plan.height) for strip in strips) if box]
            self.known[key] = ((seen.x, seen.y, seen.right, seen.top), boxes)
        return self.known[key]


def _side_inking(document, number: int, plan: Plan, index: int, reaching: list[Placement],
                 regions: _Regions) -> set[int]:
    """0-based pages of ``reaching`` (on side ``index``, PDF page ``number``) with ink in the dead edge."""
    from zine.impose import inkobjects

    placements = plan.sides[index].placements
    if not reaching:
        return set()
    with inkobjects.forms_on_side(document, number) as forms:
        if len(forms) != len(placements):  # not a side as the writer draws it: look at all of it
            doubtful, inked = reaching, set()
        else:
            form_of = {id(p): form for p, form in zip(placements, forms)}
            verdicts = [(p, inkobjects.placement_verdict(form_of[id(p)], *regions.of(p))) for p in reaching]
            inked = {p.page for p, verdict in verdicts if verdict is inkobjects.INK}
            doubtful = [p for p, verdict in verdicts if verdict is inkobjects.DOUBT and p.page not in inked]
    if doubtful:
        image = _render(document[number], plan, index)
        inked.update(p.page for p in doubtful if _inked(image, p, plan))
    return inked


def _pixel_box(strip: Rect, height: float) -> tuple[float, float, float, float] | None:
    """The whole render pixels inside ``strip``, in sheet points: what ``_dark`` would look at."""
    scale = DPI / 72
    left, top = math.ceil(strip.x * scale), math.ceil((height - strip.top) * scale)
    right, bottom = math.floor(strip.right * scale), math.floor((height - strip.y) * scale)
    if right <= left or bottom <= top:
        return None
    return (left / scale, height - bottom / scale, right / scale, height - top / scale)


def _render(page, plan: Plan, index: int):
    """The side as a grey image, with its printed marks painted over in white."""
    from PIL import ImageDraw

    scale = DPI / 72
    image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("L")
    draw = ImageDraw.Draw(image)
    for mark in plan.sides[index].marks:
        draw.line((mark.x0 * scale, (plan.height - mark.y0) * scale, mark.x1 * scale,
                   (plan.height - mark.y1) * scale), fill=255, width=3)
    return image


def _inked(image, placement: Placement, plan: Plan) -> bool:
    """True when the visible part of ``placement`` has ink outside the safe area."""
    seen = placement.rect.intersect(placement.clip)
    return any(_dark(image, strip, plan.height) for strip in _strips(seen, plan.safe))


def _strips(seen: Rect, safe: Rect) -> list[Rect]:
    """The parts of ``seen`` beyond each side of ``safe``."""
    strips = [Rect(seen.x, seen.y, safe.x - seen.x, seen.h), Rect(safe.right, seen.y, seen.right - safe.right, seen.h),
              Rect(seen.x, seen.y, seen.w, safe.y - seen.y), Rect(seen.x, safe.top, seen.w, seen.top - safe.top)]
    return [strip for strip in strips if strip.w > 0 and strip.h > 0]


def _dark(image, strip: Rect, height: float) -> bool:
    # Whole pixels only: a pixel shared with the safe area may be grey from ink that is fine.
    scale = DPI / 72
    box = (math.ceil(strip.x * scale), math.ceil((height - strip.top) * scale),
           math.floor(strip.right * scale), math.floor((height - strip.y) * scale))
    if box[2] <= box[0] or box[3] <= box[1]:
        return False
    return image.crop(box).getextrema()[0] < INK_LEVEL


def _listed(pages: list[int]) -> str:
    """'1-4, 7, 9-10': runs of pages as ranges."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
