"""Imposition: put the pages of any PDF on sheets that print, cut and fold right.

``impose(pdf_bytes, ImposeOptions(...))`` returns the imposed PDF(s) as bytes with
a recipe for the copier.  Each scheme (page order, geometry, finishing words) is a
module of ``zine.impose.schemes``, or comes from a package by entry point; placement
is in ``engine``, PDF writing in ``pdfwriter``; ``anypdf`` imposes a PDF file as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from zine.core.errors import ImposeError
from zine.core.faces import lazy_face
from zine.core.paper import LABELS, SHEETS
from zine.impose.engine import Plan, make_plan
from zine.impose.options import BLANKS, DUPLEX, MARKS, ImposeOptions, check_options
from zine.impose.recipe import recipe
from zine.impose.scheme import Scheme
from zine.impose.schemes import all_schemes, describe_schemes, get_scheme, names_with, scheme_names, scheme_problems

# Imposing a PDF file as it is, and the stamp an imposed PDF carries, load (with pikepdf) when used.
_with_pdf_files, __getattr__, _ = lazy_face(__name__, {".anypdf": "impose_file", ".stamp": "read_stamp KEY"})
__all__ = ["ImposeOptions", "Imposition", "impose", "plan_for", "Plan", "recipe", "SCHEMES", "SHEETS",
           "DUPLEX", "BLANKS", "MARKS", "Scheme", "all_schemes", "get_scheme", "scheme_names",
           "scheme_problems", "names_with", "describe_schemes", *_with_pdf_files]


class _Schemes(Mapping):
    """Every scheme by name, as ``zine.impose.schemes`` finds them when asked."""

    def __getitem__(self, name: str) -> Scheme:
        return all_schemes()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(scheme_names())

    def __len__(self) -> int:
        return len(scheme_names())


SCHEMES: Mapping[str, Scheme] = _Schemes()


@dataclass(frozen=True)
class Imposition:
    """The imposed PDF(s) and what a person needs to know to print them."""

    outputs: dict[str, bytes]  # file-name suffix ("" or "-fronts"/"-backs") -> PDF
    sheets: int
    blank_positions: tuple[int, ...]  # 1-based reading positions of padding blanks
    scale: float
    recipe: str
    warnings: tuple[str, ...] = ()  # e.g. ink in the copier's dead edge


def plan_for(sizes: list[tuple[float, float]], options: ImposeOptions, source_name: str = "input") -> Plan:
    """The placement plan for pages of ``sizes`` (points), without any PDF work."""
    check_options(options, source_name)
    return make_plan(get_scheme(options.scheme, source_name), sizes, options, source_name)


def scaled_warning(plan: Plan, options: ImposeOptions, sizes: list[tuple[float, float]]) -> str | None:
    """One line when pages were scaled down without --fit: the scale, and how to keep 100%."""
    if options.fit is not None or plan.scale >= 1 - 1e-6:
        return None
    bigger = next((name for name in sorted(SHEETS, key=lambda n: SHEETS[n][0] * SHEETS[n][1])
                   if _fits_whole(sizes, replace(options, sheet=name, fit=False))), None)
    keep = f"--sheet {bigger} keeps them at 100%, " if bigger else ""
    return (f"pages scaled to {plan.scale * 100:.0f}% to fit one side of {LABELS[options.sheet]}; "
            f"{keep}--no-fit stops instead")


def _fits_whole(sizes: list[tuple[float, float]], options: ImposeOptions) -> bool:
    try:
        return plan_for(sizes, options).scale >= 1 - 1e-6
    except ImposeError:
        return False


def _edge_warning(plan: Plan, outputs: dict[str, bytes], ink, margin_mm: float, source_name: str) -> str | None:
    """The dead-edge warning. Pages whose content says it for certain were read as the writer
    made them (``ink``, a ``zine.impose.deadedge.CertainInk``); the rest are drawn in a bounded
    child process (PDFium has no limits of its own; see ``zine.core.bounded``), and pages too
    costly to draw get a warning instead."""
    from zine.impose.deadedge import edge_warning, warning_for

    if ink.settled:
        return warning_for(sorted(page + 1 for page in ink.found), margin_mm)
    known = frozenset(ink.found)
    return _bounded_look(lambda: edge_warning(plan, outputs, margin_mm, known), plan.sheets, source_name)


def _bounded_look(look: Callable[[], str | None], sheets: int, source_name: str) -> str | None:
    from zine.core.bounded import run_bounded
    from zine.core.errors import LimitError
    from zine.core.limits import RENDER_MEMORY, RENDER_SECONDS, RENDER_SECONDS_PER_PAGE

    try:
        return run_bounded(look, source_name, RENDER_SECONDS + RENDER_SECONDS_PER_PAGE * sheets, RENDER_MEMORY,
                           what="looking for ink in the copier's dead edge")
    except LimitError as error:
        return f"{error.reason}: not looked for"


def impose(pdf: bytes, options: ImposeOptions, source_name: str = "input") -> Imposition:
    """Impose the PDF ``pdf``; errors name ``source_name``."""
    from zine.impose.deadedge import CertainInk
    from zine.impose.stamp import stamp_text
    from zine.impose.pdfwriter import execute_plan

    check_options(options, source_name)  # before the PDF is read: option mistakes come first
    found: list = []
    ink: list = []

    def planner(sizes):
        plan = plan_for(sizes, options, source_name)
        found.append(sizes)
        ink.append(CertainInk(plan))
        return plan

    plan, outputs, permission = execute_plan(pdf, planner, source_name,
                                             stamp=lambda sizes, part: stamp_text(options, sizes, part),
                                             read=lambda page, content: ink[0].read(page, content))
    warnings = (*scheme_problems(), permission, scaled_warning(plan, options, found[0]),
                _edge_warning(plan, outputs, ink[0], options.margin_mm, source_name))
    return Imposition(outputs, plan.sheets, plan.blank_positions, plan.scale, recipe(plan, options),
                      tuple(w for w in warnings if w))
