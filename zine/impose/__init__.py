"""Imposition: put the pages of any PDF on sheets that print, cut and fold right.

``impose(pdf_bytes, ImposeOptions(...))`` returns the imposed PDF(s) as bytes with
a recipe for the copier.  Each scheme (page order, geometry, finishing words) is a
module of ``zine.impose.schemes``, or comes from a package by entry point; placement
is in ``engine``, PDF writing in ``pdfwriter``; ``anypdf`` imposes a PDF file as it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from zine.core.paper import SHEETS
from zine.impose.engine import Plan, make_plan
from zine.impose.options import BLANKS, DUPLEX, MARKS, ImposeOptions, check_options
from zine.impose.recipe import recipe
from zine.impose.scheme import Scheme
from zine.impose.schemes import all_schemes, get_scheme, scheme_names, scheme_problems

__all__ = ["ImposeOptions", "Imposition", "impose", "plan_for", "SCHEMES", "SHEETS",
           "DUPLEX", "BLANKS", "MARKS", "Scheme", "all_schemes", "get_scheme", "scheme_names"]


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


def impose(pdf: bytes, options: ImposeOptions, source_name: str = "input") -> Imposition:
    """Impose the PDF ``pdf``; errors name ``source_name``."""
    from zine.impose.deadedge import edge_warning
    from zine.impose.stamp import stamp_text
    from zine.impose.pdfwriter import execute_plan

    check_options(options, source_name)  # before the PDF is read: option mistakes come first
    plan, outputs = execute_plan(pdf, lambda sizes: plan_for(sizes, options, source_name), source_name,
                                 stamp=lambda sizes, part: stamp_text(options, sizes, part))
    warnings = scheme_problems() + ((edge_warning(plan, outputs, options.margin_mm),))
    return Imposition(outputs, plan.sheets, plan.blank_positions, plan.scale, recipe(plan, options),
                      tuple(warning for warning in warnings if warning))
