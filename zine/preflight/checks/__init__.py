"""The preflight checks: a leaf below the build stage, so ``zine build`` can run the
quick ones (``content``) on every build. ``zine check`` runs them all.
"""
