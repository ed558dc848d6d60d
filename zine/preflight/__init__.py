"""Preflight: know a zine will photocopy well before anyone prints it.

``check(source, CheckOptions(...)) -> Report`` builds a project to a temporary
folder (or takes a PDF as it is) and reports, each with where it is: page and
sheet counts and the printing recipe; ink in the copier's dead edge or on a fold;
colour; images under 200 dpi or with transparency; type under 7 pt and lines
under 0.3 pt; light text on a light ground; characters no font can draw; fonts
not embedded; text off the page; links whose address is printed nowhere.

``check`` sits above the build stage: it builds a project to look at it
(``prepare``, which ``zine.preview`` shares). The checks themselves are a leaf below the build, in
``checks``: ``zine build`` runs the quick ones on every build. Pages are read with
pypdfium2 (``checks.scan``, ``checks.ink``), PDF structure through ``zine.pdf``.

Other packages import from here only (each name loads its module when first used): a project or
a PDF prepared to be looked at, checked, and its sheets described. ``check`` itself is imported
from ``zine.preflight.check``: a package attribute cannot be both that module and its function.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".prepare": "prepare_project prepare_pdf Prepared is_pdf",
    ".check": "check_prepared",
    ".sheets": "sheet_lines",
})
