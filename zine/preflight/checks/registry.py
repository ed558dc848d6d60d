"""One registry of checks, each with the stable code its findings carry (``zine check --json``).

A check is a function registered under its code.  It runs on the reading pages
(``on=PAGES``: it gets a ``Pages``) or on each printed side (``on=SIDES``: a ``Side``;
a PDF checked as it is has pages for sides) and returns ``Finding``s whose code is
its own (or one of ``also``).  Adding a check is one module in this package:

    from zine.preflight.checks.registry import Pages, register
    from zine.preflight.checks.report import WARNING, Finding

    @register("empty-area", "a large part of a page left empty", order=95)
    def empty_area(pages: Pages) -> list[Finding]:
        return [Finding(WARNING, "empty-area", "...", page=scan.number) for scan in pages.scans if ...]

The modules of this package are found with ``pkgutil`` when the checks are first
run: there is no list to edit.  Checks run by ``order`` (then code); built-in ones
use 10, 20, ... so a new one can sit between them.  Codes that come from elsewhere
(the renderer's warnings, the build's) are registered with ``register_code``.
"""

from __future__ import annotations

import functools
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING

from zine.preflight.checks.report import Finding

if TYPE_CHECKING:  # the build imports this module: PDF engines load only when a check runs
    from zine.preflight.checks.locate import Locator
    from zine.preflight.checks.scan import PageScan

PAGES, SIDES, ELSEWHERE = "pages", "sides", "elsewhere"
_CODE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class Check:
    """A registered check: its code, what it finds, what it runs on, and the function."""

    code: str
    summary: str
    on: str
    run: Callable[..., list[Finding]] | None
    also: tuple[str, ...] = ()  # other codes its findings may carry (a picture check finds colour too)
    order: int = 100


@dataclass
class Pages:
    """What a check on the reading pages gets: the PDF, each page's scan, and where text came from."""

    data: bytes
    scans: list[PageScan]
    locator: Locator
    names: dict  # pixel size -> the project's picture file
    options: object  # zine.preflight.checks.content.CheckOptions
    renders: dict | None = None  # page number -> small render, when the check can afford them
    found: list[Finding] = field(default_factory=list)  # the findings of the checks that ran before

    @cached_property
    def fonts(self) -> list:
        from zine import pdf

        return pdf.font_facts(self.data)

    @cached_property
    def images(self) -> list[dict]:
        from zine import pdf

        return pdf.image_facts(self.data)

    @cached_property
    def links(self) -> list[dict]:
        from zine import pdf

        return pdf.link_annotations(self.data)

    def ground(self, scan: PageScan, box) -> float | None:
        """The mean grey of the render under ``box`` (needs renders)."""
        from zine.preflight.checks import ink

        return ink.mean_grey(self.renders[scan.number], scan.height, self.options.dpi, box)


@dataclass
class Side:
    """What a check on a printed side gets: its scan and render, which side it is, its fold and cut lines."""

    scan: PageScan
    image: object  # a small PIL render
    info: object | None  # zine.preflight.sheets.SideInfo; None for a page of a PDF checked as it is
    lines: list  # zine.preflight.sheets.SheetLine, empty when unknown
    locator: Locator
    options: object


_REGISTERED: dict[str, Check] = {}


def register(code: str, summary: str, *, on: str = PAGES, also: tuple[str, ...] = (),
             order: int = 100) -> Callable:
    """Register the decorated function as the check ``code``."""
    def add(function: Callable[..., list[Finding]]) -> Callable[..., list[Finding]]:
        _add(Check(code, summary, on, function, tuple(also), order))
        return function
    return add


def register_code(code: str, summary: str) -> None:
    """Register a code whose findings come from elsewhere (the renderer, the build)."""
    _add(Check(code, summary, ELSEWHERE, None))


def checks(on: str) -> list[Check]:
    """The checks that run on ``on`` (PAGES or SIDES), in the order they run."""
    found = [check for check in all_checks().values() if check.on == on]
    return sorted(found, key=lambda check: (check.order, check.code))


def all_checks() -> dict[str, Check]:
    """Every registered check and code, by code."""
    _discover()
    return dict(_REGISTERED)


def codes() -> dict[str, str]:
    """Every code a finding may carry -> what it means."""
    return {code: check.summary for code, check in sorted(all_checks().items())}


def run_checks(on: str, context: Pages | Side) -> list[Finding]:
    """Run every check on ``on`` over ``context``; each finding must carry its check's code."""
    findings: list[Finding] = []
    for check in checks(on):
        if isinstance(context, Pages):
            context.found = findings
        made = check.run(context)
        stray = [f.code for f in made if f.code not in (check.code, *check.also)]
        if stray:
            raise ValueError(f"check {check.code!r} made findings with codes it did not register: {stray}")
        findings += made
    return findings


def _add(check: Check) -> None:
    if not _CODE.match(check.code):
        raise ValueError(f"check code {check.code!r}: lower-case words joined by '-'")
    if check.on not in (PAGES, SIDES, ELSEWHERE):
        raise ValueError(f"check {check.code!r}: on must be {PAGES!r} or {SIDES!r}")
    known = _REGISTERED.get(check.code)
    if known is not None and known != check:
        raise ValueError(f"check code {check.code!r} is registered twice")
    _REGISTERED[check.code] = check


@functools.cache
def _discover() -> None:
    """Import every module of this package, so each registers its checks."""
    package = __name__.rpartition(".")[0]
    for module in pkgutil.iter_modules(import_module(package).__path__):
        import_module(f"{package}.{module.name}")
