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
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Iterator

from zine.core.errors import RenderError

TESTED_WEASYPRINT = (70, 71)  # major versions: from 70 up to, not including, 71 (pyproject.toml)
_checked: list[bool] = []


def check_engine() -> None:
    """Stop with one clear message if WeasyPrint is not a version whose internals we have checked."""
    if _checked:
        return
    import weasyprint
    from weasyprint.pdf import fonts

    problems = []
    major = int(weasyprint.__version__.split(".")[0])
    if not TESTED_WEASYPRINT[0] <= major < TESTED_WEASYPRINT[1]:
        problems.append(f"WeasyPrint {weasyprint.__version__} is installed; zine is tested with "
                        f"{TESTED_WEASYPRINT[0]}.x (pip install 'weasyprint>={TESTED_WEASYPRINT[0]},"
                        f"<{TESTED_WEASYPRINT[1]}')")
    elif list(inspect.signature(fonts.Font.subset).parameters) != ["self", "to_unicode", "hinting"] \
            or not {"self.missing", "self.index", "self.file_content"} <= _names_set(fonts.Font.__init__):
        problems.append("WeasyPrint's Font.subset is not the one zine knows")
    elif not hasattr(weasyprint.Page, "__init__") or "_page_box" not in inspect.getsource(weasyprint.Page.__init__):
        problems.append("WeasyPrint's pages no longer keep their page box")
    if problems:
        raise RenderError("; ".join(problems))
    _checked.append(True)


def _names_set(function) -> set[str]:
    source = inspect.getsource(function)
    return {name for name in ("self.missing", "self.index", "self.file_content") if f"{name} =" in source}


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
        if "fvar" in self.tables or self.png or self.svg or getattr(self, "colr", False) \
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
