"""Every use of another library's internals, in one guarded place.

zine's fastest paths rest on things WeasyPrint and fontTools do not offer
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
- ``whole_words_at_page_turns``: WeasyPrint's line layout of a block and its
  search for an earlier page break are wrapped while a document is laid out,
  so that a page ending in a word hyphenated across the turn ends before that
  word instead (its last line set again with hyphenation off, or one line
  fewer kept). Reading the pages back and setting the contribution again cost
  a second layout, about a quarter of a build; CSS has no way to say it
  (``hyphenate-limit-last`` is not in WeasyPrint). Each laid-out line gets a
  ``zine_text_of`` attribute: the line box its skip stack points into.
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
# The parameters of WeasyPrint's block._linebox_layout and block.find_earlier_page_break, and the
# first of inline.iter_line_boxes, which ``whole_words_at_page_turns`` calls by position.
LINEBOX_PARAMETERS = ["context", "box", "index", "child", "new_children", "page_is_empty", "absolute_boxes",
                      "fixed_boxes", "adjoining_margins", "bottom_space", "position_y", "skip_stack",
                      "first_letter_style", "first_line_style", "draw_bottom_decoration", "max_lines"]
ITER_LINES_PARAMETERS = ["context", "box", "position_y", "bottom_space", "skip_stack", "containing_block"]
EARLIER_BREAK_PARAMETERS = ["context", "children", "absolute_boxes", "fixed_boxes"]


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
    from weasyprint.layout import block, inline

    if list(inspect.signature(fonts.Font.subset).parameters) != ["self", "to_unicode", "hinting"]:
        return "Font.subset is not the one zine knows"
    font_init = inspect.getsource(fonts.Font.__init__)
    unset = [name for name in FONT_ATTRIBUTES if f"self.{name} =" not in font_init]
    if unset:
        return f"Font no longer sets {', '.join(unset)}"
    if "self._page_box =" not in inspect.getsource(weasyprint.Page.__init__):
        return "pages no longer keep their page box"
    if list(inspect.signature(block._linebox_layout).parameters) != LINEBOX_PARAMETERS \
            or list(inspect.signature(inline.iter_line_boxes).parameters)[:6] != ITER_LINES_PARAMETERS \
            or list(inspect.signature(block.find_earlier_page_break).parameters) != EARLIER_BREAK_PARAMETERS:
        return "its line layout is not the one zine knows"
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


@contextlib.contextmanager
def whole_words_at_page_turns() -> Iterator[None]:
    """While inside, a page (never a column) whose last line would end in a word hyphenated
    across the turn ends before that word.

    A page broken where its text runs out of room: the last line is set again with
    hyphenation off. A page broken earlier, to keep a heading or a list with what
    follows (WeasyPrint's ``find_earlier_page_break``): it keeps a line fewer."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import block

    original_lines, original_earlier = block._linebox_layout, block.find_earlier_page_break

    def linebox_layout(context, box, index, child, new_children, page_is_empty, absolute_boxes, fixed_boxes,
                       adjoining_margins, bottom_space, position_y, skip_stack, first_letter_style,
                       first_line_style, draw_bottom_decoration, max_lines):
        laid_before = len(new_children)
        result = original_lines(context, box, index, child, new_children, page_is_empty, absolute_boxes,
                                fixed_boxes, adjoining_margins, bottom_space, position_y, skip_stack,
                                first_letter_style, first_line_style, draw_bottom_decoration, max_lines)
        for line in new_children[laid_before:]:
            line.zine_text_of = child  # what its skip stack points into, for ``find_earlier_page_break``
        abort, stop, _resume_at, *after = result
        if not stop or abort or not new_children or context.in_column:
            return result
        first = len(new_children) == 1 and skip_stack is None  # the paragraph's first line
        before = new_children[-2].resume_at if len(new_children) > 1 else skip_stack
        line = _line_without_hyphen(context, box, child, new_children[-1], bottom_space, before,
                                    (first_letter_style, first_line_style) if first else (None, None))
        if line is None:
            return result
        line.zine_text_of = child
        new_children[-1] = line
        return (abort, stop, {index: line.resume_at}, *after)

    def find_earlier_page_break(context, children, absolute_boxes, fixed_boxes):
        result = original_earlier(context, children, absolute_boxes, fixed_boxes)
        if not result or context.in_column or not isinstance(children[0], boxes.LineBox):
            return result
        kept, orphans = result[0], children[0].style["orphans"]
        while len(kept) > orphans and _splits_a_word(kept[-1], getattr(kept[-1], "zine_text_of", None)):
            kept = kept[:-1]
        if len(kept) == len(result[0]):
            return result
        block.remove_placeholders(context, result[0][len(kept):], absolute_boxes, fixed_boxes)
        return kept, {0: kept[-1].resume_at}

    block._linebox_layout, block.find_earlier_page_break = linebox_layout, find_earlier_page_break
    try:
        yield
    finally:
        block._linebox_layout, block.find_earlier_page_break = original_lines, original_earlier


def _line_without_hyphen(context, box, child, last, bottom_space, skip_stack, first_styles):
    """``last`` (a laid-out line of ``child``) set again from ``skip_stack`` with hyphenation
    off, when it ends in a hyphenated word and holds only text; else None."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.inline import iter_line_boxes

    if not _splits_a_word(last, child) or any(
            not isinstance(part, (boxes.LineBox, boxes.InlineBox, boxes.TextBox)) or part.footnote
            for part in last.descendants()):
        return None  # a float, a picture or a footnote call would be laid out twice
    with _hyphenation_off():
        lines = iter_line_boxes(context, child, last.position_y, bottom_space, skip_stack, box, [], [],
                                *first_styles)
        line, resume_at = next(lines, (None, None))
        lines.close()
    if line is None or resume_at is None or line.height > last.height:
        return None
    line.resume_at = resume_at
    return None if _splits_a_word(line, child) else line  # a word longer than the line: leave the hyphen


def _splits_a_word(laid, line) -> bool:
    """Whether ``laid``, a laid-out line of the line box ``line``, ends in a hyphen WeasyPrint
    added inside a word (never one the text has, nor a break between letters of a script
    that needs no hyphen, such as Chinese or Thai)."""
    from weasyprint.formatting_structure import boxes

    last = next((part for part in reversed(list(laid.descendants())) if isinstance(part, boxes.TextBox)), None)
    hyphen = last.style["hyphenate_character"] if last is not None else ""
    return bool(hyphen) and last.text.endswith(hyphen) and _ends_mid_word(line, laid.resume_at)


def _ends_mid_word(line, resume_at) -> bool:
    """Whether a line of ``line``'s text that stops at ``resume_at`` (a skip stack) stops
    between two letters of a word: a hyphenated break, never one at a space or a hyphen."""
    box, stack = line, resume_at
    while stack and len(stack) == 1:
        (position, stack), = stack.items()
        if stack is None:
            text = getattr(box, "text", None)
            if not isinstance(text, str):
                return False
            encoded = text.encode()
            head = encoded[:position].decode(errors="ignore").rstrip("\xad")
            tail = encoded[position:].decode(errors="ignore")
            return bool(head and tail) and head[-1].isalpha() and tail[0].isalpha()
        children = getattr(box, "children", ())
        if position >= len(children):
            return False
        box = children[position]
    return False


@contextlib.contextmanager
def _hyphenation_off() -> Iterator[None]:
    """While inside, WeasyPrint breaks lines as if every text had ``hyphens: none``."""
    from weasyprint.layout import inline

    original = inline.split_first_line

    def split_first_line(text, style, *args, **kwargs):
        saved = style["hyphens"]
        style["hyphens"] = "none"
        try:
            return original(text, style, *args, **kwargs)
        finally:
            style["hyphens"] = saved

    inline.split_first_line = split_first_line
    try:
        yield
    finally:
        inline.split_first_line = original
