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
- ``drop_tables_first``: fontTools' ``Subsetter.subset`` is wrapped so that the
  tables WeasyPrint asks it to drop (GSUB, GPOS) are dropped before fontTools
  decodes them: about 0.4 s less per font per document, fonts byte-identical
  (``benchmarks/bench_subset.py`` measures it against plain fontTools and
  HarfBuzz's own subsetter). Set and undone around each render.
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
    elif list(inspect.signature(fonts.Font.subset).parameters) != ["self", "to_unicode", "hinting"]:
        problems.append("WeasyPrint's Font.subset is not the one zine knows")
    elif not hasattr(weasyprint.Page, "__init__") or "_page_box" not in inspect.getsource(weasyprint.Page.__init__):
        problems.append("WeasyPrint's pages no longer keep their page box")
    if problems:
        raise RenderError("; ".join(problems))
    _checked.append(True)


@contextlib.contextmanager
def drop_tables_first() -> Iterator[None]:
    """While inside, fontTools drops the tables it is told to drop before decoding them."""
    from fontTools import subset

    original = subset.Subsetter.subset
    if getattr(original, "drops_first", False):  # already inside (a nested render)
        yield
        return

    def subset_dropping_first(self, font):
        if "GPOS" in font and "kern" in font and not self.options.legacy_kern:
            del font["kern"]  # what fontTools itself does with 'kern' beside GPOS
        for tag in [t for t in font.keys() if t != "GlyphOrder" and t.strip() in self.options.drop_tables]:
            del font[tag]
        return original(self, font)

    subset_dropping_first.drops_first = True
    subset.Subsetter.subset = subset_dropping_first
    try:
        yield
    finally:
        subset.Subsetter.subset = original


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
