"""The render stage, the only package that imports WeasyPrint: laying out and drawing
pages (``engine``), an anthology in cached pieces (``pieces``), worker processes
(``workers``) and the check that a one-sheet layout's pages fit (``fitting``).
"""
