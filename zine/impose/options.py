"""The options of an imposition, and their checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from zine.core.errors import ImposeError
from zine.core.paper import SHEETS

SCHEME_NAMES = ("saddle", "mini8", "quarter", "trifold")
DUPLEX = ("short", "long", "manual")
BLANKS = ("before-back", "end")
MARKS = ("crop", "fold", "cut")
MAX_CREEP_MM = 20  # far beyond any stapled booklet: 0.1 mm paper, 200 sheets
MAX_MARGIN_MM = 50


@dataclass(frozen=True)
class ImposeOptions:
    """How to impose: scheme, sheet, duplex flip, marks and the fine adjustments."""

    scheme: str = "saddle"
    sheet: str = "a4"
    duplex: str = "short"
    marks: frozenset[str] = field(default_factory=frozenset)
    creep_mm: float = 0.0
    signature: int | None = None
    blanks: str = "before-back"
    margin_mm: float = 5.0
    fit: bool = False


def check_options(options: ImposeOptions, source: str) -> None:
    """Raise ImposeError for any option outside its range."""
    _choice("scheme", options.scheme, SCHEME_NAMES, source)
    _choice("sheet", options.sheet, tuple(SHEETS), source)
    _choice("duplex", options.duplex, DUPLEX, source)
    _choice("blanks", options.blanks, BLANKS, source)
    for mark in sorted(options.marks):
        _choice("marks", mark, MARKS, source)
    _millimetres("creep", options.creep_mm, MAX_CREEP_MM, source)
    _millimetres("margin", options.margin_mm, MAX_MARGIN_MM, source)
    if options.signature is not None and options.signature < 1:
        raise ImposeError(f"--signature must be 1 sheet or more, not {options.signature}", source)


def _millimetres(option: str, value: float, most: float, source: str) -> None:
    if not 0 <= value < most:  # also refuses nan
        raise ImposeError(f"--{option} must be between 0 and {most} mm, not {value:g}", source)


def _choice(option: str, value: str, allowed: tuple[str, ...], source: str) -> None:
    if value not in allowed:
        raise ImposeError(f"unknown --{option} {value!r}: choose one of {', '.join(allowed)}", source)
