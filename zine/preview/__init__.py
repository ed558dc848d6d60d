"""``zine preview``: the pages and printed sheets of a zine as PNG images, with the copier's
dead edge, folds and cuts drawn on (``draw``), written to a folder zine owns (``folder``).

Other packages import from here only (PDFium loads when a name is first used): the preview
written, and pages and sheet sides drawn.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".draw": "preview render_pages pages_on_side marked_side",
})
