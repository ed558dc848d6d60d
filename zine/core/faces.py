"""A package's face: the names it offers other packages, loaded from their modules on first use.

A stage whose modules are heavy (WeasyPrint, PDFium, a web server) cannot import them all in its
``__init__`` without making ``zine --help`` and every lighter command pay for them, so its face
is a table, name -> module, read by a module ``__getattr__`` (PEP 562). Nothing is cached on the
package: each use asks the module, so the face never disagrees with the module it names.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable


def lazy_face(package: str, homes: dict[str, str]) -> tuple[list[str], Callable, Callable]:
    """``__all__``, ``__getattr__`` and ``__dir__`` for ``package``, from module -> its names.

    ``homes`` maps a module of the package, relative (``".comments"``), to the names it offers,
    space-separated, in the order ``__all__`` lists them.
    """
    where = {name: module for module, names in homes.items() for name in names.split()}

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(where[name], package), name)

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(where))

    return list(where), __getattr__, __dir__
