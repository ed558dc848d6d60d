"""Layouts as data: finding and inheriting them (``resolve``), their options and page
sizes, the catalogue ``zine layouts`` shows (``catalog``), Jinja2 filters (``filters``) and
QR codes (``qr``). The layouts themselves live in the ``layouts/`` data folder
(``zine/data/layouts`` in a wheel), apart from this code.

Other packages import from here only: a layout found and loaded with its options, context, CSS
and page size; the catalogue; the filters and the template loader the pages are written with.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".resolve": "Layout load_layout available_layouts resolve_options option_choices layout_context layout_css page_size",
    ".catalog": "list_layouts copy_layout layout_blocks option_notes",
    ".filters": "FILTERS",
    ".loader": "ContainedLoader",
})
