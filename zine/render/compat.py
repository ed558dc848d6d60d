"""Every use of another library's internals, in one guarded place.

zine's fastest paths rest on three things WeasyPrint and fontTools do not offer
as public API. Each is named here with what it buys, and ``check_engine()``
verifies, before the first render, that WeasyPrint's version is one we test and
that each patched surface still looks as expected, so an upgrade stops the build
with one clear message instead of writing a wrong PDF.

- ``fonts_left_out``: WeasyPrint's ``Font.subset`` is replaced while the pieces
  of an anthology are written, so each piece carries a placeholder instead of
  a subsetted font and ``zine.pdf.merge`` subsets each font once for the whole
  zine (subsetting costs about 0.1-0.4 s a font for every PDF written).
- ``harfbuzz_subsetting``: WeasyPrint's ``Font.subset`` is replaced while pages
  are written, so fonts are cut down by HarfBuzz's subsetter from the
  ``uharfbuzz`` wheel, as WeasyPrint itself does on machines that have the
  system's libharfbuzz-subset, instead of its fontTools fallback: 48 faces in
  0.09 s instead of 51 s (fontTools) or 17.5 s (fontTools with the dropped
  tables dropped before decoding, the patch this replaced), output within 0.1%
  of the size (``python benchmarks/bench_subset.py``).
- ``blank_pages``: a laid-out page's root box (``page._page_box``) tells
  whether the page was left blank; WeasyPrint has no public flag for it.
- ``link_boxes``: ``Page.links`` rectangles are documented as (x, y, width,
  height) but WeasyPrint 70 makes them (x1, y1, x2, y2), two corners
  (``weasyprint.anchors.rectangle_aabb``), and writes its own link annotations
  from them so (``weasyprint.pdf.anchors.add_links``); zine reads them as its
  writer does, and checks that the shape is still two corners.

Every ``Font`` attribute read or written here is listed in ``FONT_ATTRIBUTES``
and checked to be set by ``Font.__init__``.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Iterator

from zine.core.errors import RenderError

TESTED_WEASYPRINT = (70, 71)  # major versions: from 70 up to, not including, 71 (pyproject.toml)
# Every attribute of WeasyPrint's pdf.fonts.Font this module uses (tests/render/test_compat.py reads
# the module to hold it to this list).
FONT_ATTRIBUTES = ("file_content", "index", "missing", "tables", "png", "svg", "colr")
_checked: list[bool] = []


def check_engine() -> None:
    """Stop with one clear message if WeasyPrint is not a version whose internals we have checked."""
    if _checked:
        return
    import weasyprint

    low, high = TESTED_WEASYPRINT
    if not low <= int(weasyprint.__version__.split(".")[0]) < high:
        raise RenderError(f"WeasyPrint {weasyprint.__version__} is installed; zine is tested with {low}.x "
                          f"(pip install 'weasyprint>={low},<{high}')")
    problem = _changed_surface(weasyprint)
    if problem:
        raise RenderError(f"WeasyPrint {weasyprint.__version__}: {problem}, which zine relies on")
    _checked.append(True)


def _changed_surface(weasyprint) -> str | None:
    """What of the internals used below no longer looks as expected, or None."""
    from weasyprint.pdf import fonts

    from weasyprint.anchors import rectangle_aabb

    if list(inspect.signature(fonts.Font.subset).parameters) != ["self", "to_unicode", "hinting"]:
        return "Font.subset is not the one zine knows"
    font_init = inspect.getsource(fonts.Font.__init__)
    unset = [name for name in FONT_ATTRIBUTES if f"self.{name} =" not in font_init]
    if unset:
        return f"Font no longer sets {', '.join(unset)}"
    if "self._page_box =" not in inspect.getsource(weasyprint.Page.__init__):
        return "pages no longer keep their page box"
    if tuple(rectangle_aabb(None, 1, 2, 3, 4)) != (1, 2, 4, 6):
        return "link rectangles are no longer two corners (x1, y1, x2, y2)"
    return None


@contextlib.contextmanager
def harfbuzz_subsetting() -> Iterator[None]:
    """While inside, WeasyPrint subsets fonts with HarfBuzz (the ``uharfbuzz`` wheel), not fontTools."""
    from weasyprint.pdf import fonts

    original = fonts.Font.subset
    fonts.Font.subset = _subset_with_harfbuzz
    try:
        yield
    finally:
        fonts.Font.subset = original


def _subset_with_harfbuzz(font, to_unicode, hinting) -> None:
    """WeasyPrint's own HarfBuzz path (taken when the system has libharfbuzz-subset), through the wheel."""
    if not to_unicode:
        return
    from zine.core.fontsubset import subset_font

    font.file_content = subset_font(font.file_content, set(to_unicode), hinting=hinting,
                                    notdef_outline=bool(font.missing), index=font.index)


@contextlib.contextmanager
def fonts_left_out(found: dict[str, bytes], placeholder_for) -> Iterator[None]:
    """While inside, WeasyPrint writes ``placeholder_for(font bytes)`` instead of each subsetted
    font it can leave out, and ``found`` gets digest -> font bytes."""
    from weasyprint.pdf import fonts

    original = fonts.Font.subset
    replaced: list[tuple[object, bytes]] = []

    def placeholder(self, to_unicode, hinting):
        # Variable, colour and CFF fonts take WeasyPrint's own path.
        if "fvar" in self.tables or self.png or self.svg or self.colr \
                or self.file_content[:4] == b"OTTO":
            return original(self, to_unicode, hinting)
        digest, stand_in = placeholder_for(self.file_content)
        found[digest] = self.file_content
        replaced.append((self, self.file_content))
        self.file_content = stand_in

    fonts.Font.subset = placeholder
    try:
        yield
    finally:
        fonts.Font.subset = original
        for font, content in replaced:  # the laid-out document may be written again
            font.file_content = content


def blank_pages(document) -> list[bool]:
    """Which pages of a laid-out WeasyPrint document were left blank (an empty root box)."""
    return [not page._page_box.children[0].children for page in document.pages]


def link_boxes(page) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    """(kind, target, (x1, y1, x2, y2)) of each link on a laid-out page, in CSS pixels from the top left."""
    return [(kind, target, tuple(rectangle)) for kind, target, rectangle, _box in page.links]
