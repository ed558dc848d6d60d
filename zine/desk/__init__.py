"""The desk: ``zine serve`` shows a zine as it will print, live, in a local web page, and lets a
group pick comments and switch layout, paper and fill by clicking; ``zine watch`` rebuilds on save.

``picks`` works out the smallest change to a ``pick`` list; ``edits`` writes it (and the
switcher's settings) into the project's own files as they were written; ``state`` builds and
draws what the page shows; ``server`` serves it; ``watch`` is the terminal's version.

Other packages import from here only: ``serve`` (Starlette and uvicorn load when it is first
used). ``watch`` itself is imported from ``zine.desk.watch``: a package attribute cannot be both
that module and its function.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".server": "serve",
})
