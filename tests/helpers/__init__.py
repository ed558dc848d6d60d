"""What several test modules share, imported as ``helpers.NAME`` (no test module imports
another): where things are (``paths``), small files (``files``), PDFs made to order
(``pdfmaker``, ``hostile``), a preflight project with one of each finding
(``preflight_seeds``) and a paper-folding simulator that reads pages back (``foldsim``)."""
