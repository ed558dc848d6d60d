"""Imposition: put the pages of any PDF on sheets that print, cut and fold right.

``impose(pdf_bytes, ImposeOptions(...))`` returns the imposed PDF(s) as bytes with
a recipe for the copier.  Page order lives in one module per scheme (``saddle``,
``mini8``, ``quarter``, ``trifold``), placement in ``engine``, PDF writing in
``pdfwriter``; ``anypdf`` imposes a PDF file as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from zine.core.paper import SHEETS
from zine.impose.engine import Plan, make_plan
from zine.impose.options import BLANKS, DUPLEX, MARKS, SCHEME_NAMES, ImposeOptions, check_options
from zine.impose.recipe import recipe
from zine.impose.scheme import Scheme

__all__ = ["ImposeOptions", "Imposition", "impose", "plan_for", "SCHEMES", "SHEETS",
           "SCHEME_NAMES", "DUPLEX", "BLANKS", "MARKS"]


# One module per scheme, named as the scheme; SCHEME_NAMES is the one list of them.
SCHEMES: dict[str, Scheme] = {name: import_module(f".{name}", __name__).SCHEME for name in SCHEME_NAMES}


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
    return make_plan(SCHEMES[options.scheme], sizes, options, source_name)


def _edge_warning(look: Callable[[], str | None], sheets: int, source_name: str) -> str | None:
    """The dead-edge warning, its pages drawn in a bounded child process (PDFium has no limits
    of its own; see ``zine.core.bounded``); pages too costly to draw get a warning instead."""
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
    from zine.impose.deadedge import edge_warning
    from zine.impose.stamp import stamp_text
    from zine.impose.pdfwriter import execute_plan

    check_options(options, source_name)  # before the PDF is read: option mistakes come first
    plan, outputs = execute_plan(pdf, lambda sizes: plan_for(sizes, options, source_name), source_name,
                                 stamp=lambda sizes, part: stamp_text(options, sizes, part))
    warning = _edge_warning(lambda: edge_warning(plan, outputs, options.margin_mm), plan.sheets, source_name)
    return Imposition(outputs, plan.sheets, plan.blank_positions, plan.scale, recipe(plan, options),
                      (warning,) if warning else ())
