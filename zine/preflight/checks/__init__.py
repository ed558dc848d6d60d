"""The preflight checks: a leaf below the build stage, so ``zine build`` can run the
quick ones (``content``) on every build. ``zine check`` runs them all.

Other packages import from here only (each name loads its module when first used): the checks
run on a document, the report they make, a page scanned, and ``ink``, the module that renders a
page small and paints out the marks that are meant to be there.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".registry": "run_checks Side SIDES",
    ".content": "CheckOptions content_findings quick_warnings without_notdef",
    ".report": "Report Finding ERROR WARNING",
    ".scan": "PageScan scan_document",
    ".locate": "Locator",
    ".ink": "render EDGE_MM",
    ".emptyarea": "empty_area_findings pages_to_look_at",
    ".characters": "unprintable_findings warning_line",
    ".pictures": "image_names",
})
__all__ = [*__all__, "ink"]  # the module itself, offered whole for its drawing tools
