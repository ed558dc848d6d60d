"""The render stage, the only package that imports WeasyPrint: laying out and drawing
pages (``engine``), an anthology in cached pieces (``pieces``), worker processes
(``workers``), the check that a one-sheet layout's pages fit and which part runs
over (``fitting``), the report of how a booklet fills its sheets (``fillreport``), the
``fill`` setting that tightens the text or prints the layout's pages on blank ones
(``fillpages``), and a document split into pieces at its contributions (``split``).

Other packages import from here only, and importing this package loads no engine: each name
loads its module when first used.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".pieces": "render_contributions",
    ".workers": "load_engine fork_context work_alone",
    ".fitting": "check_fits",
    ".fillpages": "fill_sheets",
    ".pageturns": "page_turn_words",
    ".pagetext": "page_texts",
    ".split": "contribution_ids contribution_spans",
})
