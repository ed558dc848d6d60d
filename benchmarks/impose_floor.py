"""The floor for imposing: pikepdf only placing pages, two A5 pages a side of A4, saddle order.

No checks, no resource trimming, no marks, no metadata: each page becomes a form
XObject and is drawn once where a saddle-stitched booklet puts it. Whatever
``zine impose`` costs beyond this is its own work. Used by ``bench_impose.py``.
"""

from __future__ import annotations

import io

import pikepdf

A4_LANDSCAPE = (841.89, 595.28)


def saddle_sides(count: int) -> list[tuple[int | None, int | None]]:
    """(left, right) 0-based pages of each side, outermost sheet first; None is a blank."""
    total = -(-count // 4) * 4
    pages = [n if n < count else None for n in range(total)]
    sides = []
    for k in range(total // 4):
        sides.append((pages[total - 1 - 2 * k], pages[2 * k]))
        sides.append((pages[2 * k + 1], pages[total - 2 - 2 * k]))
    return sides


def place_pages(data: bytes) -> bytes:
    """The imposed PDF: every page drawn at full size, centred in its half of the sheet."""
    source = pikepdf.open(io.BytesIO(data))
    pages = list(source.pages)
    bundle = source.make_indirect(pikepdf.Array([page.as_form_xobject() for page in pages]))
    out = pikepdf.new()
    forms = list(out.copy_foreign(bundle))
    width, height = A4_LANDSCAPE
    kids = []
    for left, right in saddle_sides(len(pages)):
        ops, xobjects = [], pikepdf.Dictionary()
        for slot, page in ((0, left), (1, right)):
            if page is None:
                continue
            box = [float(v) for v in pages[page].mediabox]
            pw, ph = box[2] - box[0], box[3] - box[1]
            x = width / 2 - pw if slot == 0 else width / 2
            ops.append(f"q 1 0 0 1 {x - box[0]:.3f} {(height - ph) / 2 - box[1]:.3f} cm /P{page} Do Q")
            xobjects[f"/P{page}"] = forms[page]
        kids.append(out.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, Parent=out.Root.Pages, MediaBox=[0, 0, width, height],
            Resources=pikepdf.Dictionary(XObject=xobjects), Contents=out.make_stream("\n".join(ops).encode()))))
    # The page list set at once: qpdf's pages.append costs in proportion to the pages already
    # there, and zine does the same (without it the floor would be 20% slower at 2,048 pages).
    out.Root.Pages.Kids = pikepdf.Array(kids)
    out.Root.Pages.Count = len(kids)
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()
