"""Preflight: know a zine will photocopy well before anyone prints it.

``check(source, CheckOptions(...)) -> Report`` builds a project to a temporary
folder (or takes a PDF as it is) and reports, each with where it is: page and
sheet counts and the printing recipe; ink in the copier's dead edge or on a fold;
colour; images under 200 dpi or with transparency; type under 7 pt and lines
under 0.3 pt; light text on a light ground; characters no font can draw; fonts
not embedded; text off the page; links whose address is printed nowhere.

Pages are read with pypdfium2 (``scan``, ``ink``), PDF structure through
``zine.pdf``; each check is a small function in ``rules``, ``glyphs`` or ``pictures``.
"""

from __future__ import annotations

from .report import ERROR, WARNING, Finding, Report
from .run import CheckOptions, check, quick_findings, quick_warnings

__all__ = ["check", "quick_findings", "quick_warnings", "CheckOptions", "Report", "Finding", "ERROR", "WARNING"]
