"""Ink in the copier's dead edge, looked for on the imposed sheets themselves.

Pages that fit their cells are placed at full size even when their boxes reach
into the strip a copier leaves unprinted (``--margin``): what matters is whether
anything is drawn there. Only the sides where a page reaches the strip are
rendered (small, with pypdfium2), and only the part of each page inside the strip
is looked at; the printed marks are painted out first, since they are meant to
sit in the margin.
"""

from __future__ import annotations

import math

from zine.impose.engine import Placement, Plan
from zine.impose.geometry import Rect

DPI = 50  # enough to see a line of text or a frame; an A4 side is 413 x 585 pixels
INK_LEVEL = 200  # grey (0-255) darker than this is ink


def edge_warning(plan: Plan, outputs: dict[str, bytes], margin_mm: float) -> str | None:
    """A warning naming the pages with ink in the dead edge, or None when there is none."""
    pages = pages_inking_edge(plan, outputs)
    if not pages:
        return None
    return (f"{'page' if len(pages) == 1 else 'pages'} {_listed(pages)} {'has' if len(pages) == 1 else 'have'} "
            f"ink within {margin_mm:g} mm of the sheet edge, which copiers leave unprinted: "
            f"pass --fit to scale the pages down into the safe area, or --margin 0 if your printer "
            f"prints that close to the edge")


def pages_inking_edge(plan: Plan, outputs: dict[str, bytes]) -> list[int]:
    """1-based source pages that put ink inside the plan's dead edge on some sheet."""
    import pypdfium2 as pdfium

    found: set[int] = set()
    for suffix, indexes in plan.outputs.items():
        wanted = [(number, index) for number, index in enumerate(indexes) if plan.reaching_edge(index)]
        if not wanted:
            continue
        document = pdfium.PdfDocument(outputs[suffix])
        try:
            for number, index in wanted:
                image = _render(document[number], plan, index)
                found.update(p.page + 1 for p in plan.reaching_edge(index) if _inked(image, p, plan))
        finally:
            document.close()
    return sorted(found)


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
