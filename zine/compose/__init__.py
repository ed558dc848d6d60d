"""The compose stage: a project and a layout become one HTML document (``html``), from
Markdown (``markdown``), pictures checked and made photocopy-ready (``images``,
``photocopy``) and the fonts the layout asks for (``fonts``).
"""
