"""The compose stage: a project and a layout become one HTML document (``html``), from
Markdown (``markdown``), pictures checked and made photocopy-ready (``images``,
``photocopy``) and the fonts the layout asks for (``fonts``).

Other packages import from here only: the composed document, the fonts it names, the words kept
whole, and where photocopy-ready pictures are kept.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".html": "compose Composed",
    ".fonts": "font_face_css font_roots fontconfig_xml",
    ".nohyphen": "protect_words",
    ".photocopy": "CACHE original_stem",
})
