"""``zine build``: read -> compose -> render -> impose -> write, top to bottom (``build``).
"""
