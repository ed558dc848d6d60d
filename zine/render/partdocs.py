"""The documents an anthology is typeset in, a part at a time (``zine.render.pieces``).

- A group of consecutive pieces: the front without its contents entries (the
  cover and whatever else the front sets), an empty page when the first piece
  must start on the other side, then the pieces, the first one's page counter
  moved on to its page number in the whole zine (``@page :nth()``).
- The frame: the front (or that light front) with one empty stand-in page per
  contribution carrying its id on the page number of its start, for the
  contents page, and the back.
"""

from __future__ import annotations

import re

from zine.render.split import Split

FILLER = '<div class="zine-filler" style="break-before: page"{}>{}</div>'
CUT_MARK = "zine-cut"  # marks the first page after the front in a frame document
# An entry of the contents: a list item linking to a contribution (compose gives them ids c1, c2...).
CONTENTS_ENTRY = re.compile(r'<li\b[^>]*>(?:(?!</?li\b).)*?href="#c\d+"(?:(?!</?li\b).)*?</li>\s*', re.DOTALL)


def light_front(front: str) -> str:
    """The front without its contents entries: for 300 contributions, 25 pages fewer to lay out."""
    return CONTENTS_ENTRY.sub("", front)


def pieces_document(split: Split, indexes: list[int], start: int, front: str, before: int,
                    footnotes_before: int) -> tuple[str, int]:
    """The document of consecutive pieces ``indexes``, the first starting on page ``start`` of
    the zine, after ``front`` (``before`` pages); and how many of its pages come before them."""
    parity = (start - 1 - before) % 2  # one empty page keeps left pages left and right pages right
    # The first page of the piece counts the pages of the zine before it.
    css = f"@page :nth({before + parity + 1}) {{ counter-increment: page {start - before - parity} !important }}"
    counters = ""
    if footnotes_before:
        # Footnotes are numbered through the whole zine, not per contribution.
        counters = f'<div style="counter-increment: footnote {footnotes_before}"></div>'
    pieces = "".join(split.pieces[n] + (split.gaps[n] if n != indexes[-1] else "") for n in indexes)
    html = split.with_style(css) + front + FILLER.format("", "") * parity + counters + pieces + split.tail
    return html, before + parity


def frame_document(split: Split, front: str, front_pages: int, anchors: list[int], back_start: int,
                   with_back: bool = True) -> tuple[str, int]:
    """``front``, one stand-in page per contribution (on the page number of its start), the back
    (unless not ``with_back``); and the index of the back's first page."""
    rules, stubs, previous = [], [], front_pages
    for number, (ident, page) in enumerate(zip(split.ids, anchors), 1):
        rules.append(f"@page :nth({front_pages + number}) {{ counter-increment: page {page - previous} !important }}")
        mark = f'<span id="{CUT_MARK}"></span>' if number == 1 else ""
        stubs.append(FILLER.format(f' id="{ident}"', mark))
        previous = page
    count = len(anchors)
    parity = (back_start - (front_pages + count + 1)) % 2  # the back starts on its own side
    back_index = front_pages + count + parity  # 0-based
    moved_on = back_start - previous - parity
    rules.append(f"@page :nth({back_index + 1}) {{ counter-increment: page {moved_on} !important }}")
    back = FILLER.format("", "") * parity + split.back if with_back else ""
    html = split.with_style("\n".join(rules)) + front + "".join(stubs) + back + split.tail
    return html, back_index


def fronts_apart(split: Split, light: str) -> bool:
    """Whether the front and the back can be laid out apart (the back after the light front):
    the front points to nothing in the back, and the back to nothing the contents entries hold."""
    in_entries = _ids(split.front) - _ids(light)
    return not (_links(split.front) & _ids(split.back)) and not (_links(split.back) & in_entries)


def _ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def _links(html: str) -> set[str]:
    """The ids that links in ``html`` point to."""
    return set(re.findall(r'href="#([^"]+)"', html))
