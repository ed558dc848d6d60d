"""The render stage, the only package that imports WeasyPrint: laying out and drawing
pages (``engine``), an anthology in cached pieces (``pieces``), worker processes
(``workers``), the check that a one-sheet layout's pages fit and which part runs
over (``fitting``), the report of how a booklet fills its sheets (``fillreport``), the
``fill`` setting that tightens the text or prints the layout's pages on blank ones
(``fillpages``), and a document split into pieces at its contributions (``split``).
"""
