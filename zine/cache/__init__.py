"""The build cache under ``.zine-cache/``: what was built from what, and the pieces,
fonts and subsets kept between builds (``store``).

Other packages import from here only: the cache of a build and its stores of pieces, and the
ledger of outputs written.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".store": "BuildCache PartStore PartEntry",
    ".ledger": "OutputLedger",
})
