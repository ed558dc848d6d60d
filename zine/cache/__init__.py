"""The build cache under ``.zine-cache/``: what was built from what, and the pieces,
fonts and subsets kept between builds (``store``).
"""
