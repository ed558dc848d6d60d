"""``zine build``: read -> compose -> render -> impose -> write, top to bottom (``build``).

Other packages import from here only: the options of a build, the imposition they ask for and
the project sheet. ``build`` itself is imported from ``zine.pipeline.build``: a package
attribute cannot be both that module and its function.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".build": "BuildOptions impose_options with_project_sheet",
})
