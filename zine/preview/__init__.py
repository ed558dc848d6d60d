"""``zine preview``: the pages and printed sheets of a zine as PNG images, with the copier's
dead edge, folds and cuts drawn on (``draw``), written to a folder zine owns (``folder``).
"""
