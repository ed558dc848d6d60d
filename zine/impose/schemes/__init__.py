"""The imposition schemes: one module each in this package, and any an installed package adds.

A scheme is a module with a ``SCHEME`` (a ``zine.impose.scheme.Scheme``) that carries
its page order, its geometry, its help line, its finishing words and what it can do.
The built-in ones are the modules of this package, found with ``pkgutil``; another
package adds its own with an entry point in the group ``zine.schemes`` that names its
Scheme (or a module with a ``SCHEME``), in its ``pyproject.toml``:

    [project.entry-points."zine.schemes"]
    strip = "zine_strip:SCHEME"

Everything that lists schemes (the ``--scheme`` choices and help, the recipe, the
checks of options) asks this module.  The default scheme comes first, then the rest by
name.  A plugin that does not load, or that is not a well-formed scheme, is left out
with a warning (``scheme_problems``), never silently.
"""

from __future__ import annotations

import functools
import os
import pkgutil
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module

from zine.core.errors import ImposeError
from zine.impose.scheme import Booklet, Panels, Scheme

__all__ = ["DEFAULT", "ENTRY_POINT_GROUP", "all_schemes", "get_scheme", "scheme_names", "scheme_problems",
           "names_with", "describe_schemes", "reload_schemes"]

DEFAULT = "saddle"
ENTRY_POINT_GROUP = "zine.schemes"
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}\Z")


@dataclass(frozen=True)
class _Registry:
    schemes: dict[str, Scheme]
    problems: tuple[str, ...]


def all_schemes() -> dict[str, Scheme]:
    """Every usable scheme by name, the default first, then by name."""
    return dict(_registry().schemes)


def scheme_names() -> tuple[str, ...]:
    """The names of every usable scheme, in the order ``all_schemes`` gives."""
    return tuple(_registry().schemes)


def scheme_problems() -> tuple[str, ...]:
    """Why a scheme an installed package offers was left out, one sentence each."""
    return _registry().problems


def get_scheme(name: str, source: str = "input") -> Scheme:
    """The scheme called ``name``; ImposeError naming the choices (and any broken plugin) if none is."""
    schemes = _registry().schemes
    if name not in schemes:
        problems = "".join(f"; {problem}" for problem in scheme_problems())
        raise ImposeError(f"unknown --scheme {name!r}: choose one of {', '.join(schemes)}{problems}", source)
    return schemes[name]


def names_with(capability: str) -> list[str]:
    """The names of the schemes whose ``capability`` attribute is true ("nests", "signatures"...)."""
    return [name for name, scheme in _registry().schemes.items() if getattr(scheme, capability)]


def describe_schemes() -> str:
    """One line for ``--help``: each scheme's name and help words."""
    return "; ".join(f"{name}: {scheme.help}" for name, scheme in _registry().schemes.items()) + "."


def reload_schemes() -> None:
    """Look for schemes again (after a package was installed, or in a test)."""
    _registry.cache_clear()


@functools.cache
def _registry() -> _Registry:
    found: dict[str, Scheme] = {}
    for module in pkgutil.iter_modules(__path__):
        scheme = import_module(f"{__name__}.{module.name}").SCHEME
        problem = _malformed(scheme, module.name)
        if problem:  # a built-in scheme is part of zine: a mistake there is a bug, not a warning
            raise TypeError(f"built-in scheme module {module.name}: {problem}")
        found[module.name] = scheme
    problems = []
    for name, scheme, package, failure in _plugins():
        problem = failure or _malformed(scheme, name)
        if not problem and name in found:
            problem = "the name is taken by another scheme"
        if problem:
            problems.append(f"scheme {name!r} from package {package} left out: {problem}")
        else:
            found[name] = scheme
    ordered = sorted(found, key=lambda name: (name != DEFAULT, name))
    return _Registry({name: found[name] for name in ordered}, tuple(problems))


def _plugins() -> Iterator[tuple[str, object, str, str]]:
    """(name, what it names, package, why it did not load or "") for each entry point of the group."""
    if not _group_mentioned():
        return
    from importlib.metadata import entry_points  # reads every installed package's metadata: only when needed

    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        package = entry.value.split(":")[0]
        try:
            target = entry.load()
        except Exception as exc:  # noqa: BLE001 - any mistake in a plugin: reported, never fatal
            yield entry.name, None, package, f"it does not load ({type(exc).__name__}: {exc})"
            continue
        yield entry.name, getattr(target, "SCHEME", target), package, ""


def _group_mentioned() -> bool:
    """Whether some installed package's entry points may name the group: a quick read of the
    ``entry_points.txt`` files on ``sys.path``, so that a zine with no plugin skips the full scan.
    Anything it cannot read this way (a zip on the path) counts as a mention."""
    marker = ENTRY_POINT_GROUP.encode()
    for folder in sys.path:
        try:
            entries = list(os.scandir(folder or "."))
        except NotADirectoryError:
            return True  # a zip or egg file: only importlib.metadata reads it
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".dist-info", ".egg-info")) and _mentions(entry.path, marker):
                return True
    return False


def _mentions(info: str, marker: bytes) -> bool:
    try:
        with open(os.path.join(info, "entry_points.txt"), "rb") as file:
            return marker in file.read()
    except OSError:
        return False


def _malformed(scheme: object, name: str) -> str:
    """What is wrong with ``scheme`` as a scheme called ``name``; empty when nothing."""
    if not isinstance(scheme, Scheme):
        return f"it names a {type(scheme).__name__}, not a zine.impose.scheme.Scheme"
    if not _NAME.match(name) or scheme.name != name:
        return f"its name {scheme.name!r} must be the module or entry point name, in lower case letters, digits and -"
    if scheme.cols < 1 or scheme.rows < 1:
        return f"it has {scheme.cols} x {scheme.rows} cells"
    if not scheme.help or not scheme.finish:
        return "it has no help line or no finishing words"
    if not isinstance(scheme.folding, (Booklet, Panels)):
        return "its folding is neither a Booklet nor Panels"
    if scheme.signatures and not scheme.finish_groups:
        return "it takes signatures but has no finishing words for them (finish_groups)"
    return ""
