"""The options of an imposition, and their checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from zine.core.errors import ImposeError
from zine.core.paper import SHEETS
from zine.impose.schemes import DEFAULT, get_scheme

DUPLEX = ("short", "long", "manual")
BLANKS = ("before-back", "end")
MARKS = ("crop", "fold", "cut")
MAX_CREEP_MM = 20  # far beyond any stapled booklet: 0.1 mm paper, 200 sheets
MAX_MARGIN_MM = 50
MAX_PAPER_MM = 1.0  # card is about 0.3 mm; nothing folds that is thicker
STAPLER_SHEETS = 20  # about what a saddle stapler closes through a fold


@dataclass(frozen=True)
class ImposeOptions:
    """How to impose: scheme, sheet, duplex flip, marks and the fine adjustments."""

    scheme: str = DEFAULT  # a name from zine.impose.schemes
    sheet: str = "a4"
    duplex: str = "short"
    marks: frozenset[str] = field(default_factory=frozenset)
    creep_mm: float = 0.0
    creep_auto: bool = False  # work the creep out from the sheets in a fold and ``paper_mm``
    paper_mm: float = 0.1  # paper thickness: 80 gsm office paper is about 0.1 mm
    signature: int | None = None
    blanks: str = "before-back"
    margin_mm: float = 5.0
    fit: bool | None = None  # True: scale into the safe area; False: refuse pages that do not fit;
    # None: pages that fit stay at 100%, pages that do not are scaled down (with a warning)
    # Fold dashes with no room beyond the pages go this far inside the sheet's edge instead of
    # being left out: a build's own pages keep their folds clear of text (0: left out).
    mark_inset_mm: float = 0.0
    rtl: bool = False  # right to left: the booklet binds on the right (Arabic, Hebrew, Persian, Urdu...)


def check_options(options: ImposeOptions, source: str) -> None:
    """Raise ImposeError for any option outside its range."""
    scheme = get_scheme(options.scheme, source)
    if options.rtl and not scheme.right_to_left:
        raise ImposeError(f"--rtl does not apply to the {scheme.name} scheme", source)
    _choice("sheet", options.sheet, tuple(SHEETS), source)
    _choice("duplex", options.duplex, DUPLEX, source)
    _choice("blanks", options.blanks, BLANKS, source)
    for mark in sorted(options.marks):
        _choice("marks", mark, MARKS, source)
    _millimetres("creep", options.creep_mm, MAX_CREEP_MM, source)
    _millimetres("margin", options.margin_mm, MAX_MARGIN_MM, source)
    if not 0 < options.paper_mm <= MAX_PAPER_MM:
        raise ImposeError(f"--paper-mm must be more than 0 and at most {MAX_PAPER_MM:g} mm, "
                          f"not {options.paper_mm:g}", source)
    if options.signature is not None and options.signature < 1:
        raise ImposeError(f"--signature must be 1 sheet or more, not {options.signature}", source)


def _millimetres(option: str, value: float, most: float, source: str) -> None:
    if not 0 <= value < most:  # also refuses nan
        raise ImposeError(f"--{option} must be between 0 and {most} mm, not {value:g}", source)


def _choice(option: str, value: str, allowed: tuple[str, ...], source: str) -> None:
    if value not in allowed:
        raise ImposeError(f"unknown --{option} {value!r}: choose one of {', '.join(allowed)}", source)


def sheets_per_fold(options: ImposeOptions, sheets: int) -> int:
    """How many sheets are folded together: a signature, or all of them."""
    return min(options.signature or sheets, sheets)


def creep_for(options: ImposeOptions, sheets: int) -> float:
    """The creep (mm) of the innermost sheet of a fold: as given, or worked out for ``creep_auto``.

    Each sheet folded round the ones inside it pushes them out by about one paper
    thickness at the fore-edge, so the innermost of S sheets sticks out (S - 1) x t.
    """
    if not options.creep_auto:
        return options.creep_mm
    return round(options.paper_mm * (sheets_per_fold(options, sheets) - 1), 2)
