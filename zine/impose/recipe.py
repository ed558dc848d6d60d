"""The one or two lines that tell a person how to print, cut and fold the result."""

from __future__ import annotations

import math

from zine.core.paper import LABELS
from zine.core.wording import plural
from zine.impose.engine import Plan
from zine.impose.options import STAPLER_SHEETS, ImposeOptions, creep_for, sheets_per_fold
from zine.impose.schemes import get_scheme


def recipe(plan: Plan, options: ImposeOptions) -> str:
    """How to print and finish the imposed sheets."""
    sheets = f"{plan.sheets} sheet{'s' if plan.sheets != 1 else ''} of {LABELS[options.sheet]}"
    finish = _finish(options, plan)
    extra = _extras(plan, options)
    if not plan.two_sided:
        return f"{sheets}, print single-sided, {finish}{extra}"
    if options.duplex == "manual":
        return (f"{sheets}: print the -fronts file single-sided; put the printed stack back in the tray "
                f"turned over like the page of a book (left edge to right, as you look at the printed side), "
                f"first printed sheet fed first again, and print the -backs file; then {finish}{extra}")
    return f"{sheets}, print double-sided, flip on {options.duplex} edge, {finish}{extra}"


def _finish(options: ImposeOptions, plan: Plan) -> str:
    """The scheme's own finishing words (its words for signatures when the sheets make several)."""
    scheme = get_scheme(options.scheme)
    if scheme.signatures and options.signature and plan.sheets > options.signature:
        finish = scheme.finish_groups.format(sheets=plural(options.signature, "sheet"))
    else:
        finish = scheme.finish
    return f"{finish}; {scheme.finish_rtl}" if options.rtl else finish


def _thickness(plan: Plan, options: ImposeOptions) -> list[str]:
    """Schemes folded in signatures have limits: a stapler closes about 20 sheets, and inner pages creep."""
    if not get_scheme(options.scheme).signatures:
        return []
    notes = []
    folded = sheets_per_fold(options, plan.sheets)
    if folded > STAPLER_SHEETS:
        groups = math.ceil(plan.sheets / STAPLER_SHEETS)
        size = math.ceil(plan.sheets / groups)
        notes.append(f"{folded} sheets in one fold are more than a saddle stapler closes (about {STAPLER_SHEETS}): "
                     f"use --signature {size} to fold {groups} groups of up to {size} sheets and sew or glue them")
    creep = creep_for(options, plan.sheets)
    if creep:
        how = f"{folded} sheets of {options.paper_mm:g} mm paper" if options.creep_auto else "--creep"
        notes.append(f"pages moved up to {creep:g} mm toward the spine against creep ({how})")
    elif folded * options.paper_mm >= 1.0:
        stick = round(options.paper_mm * (folded - 1), 1)
        notes.append(f"the inner pages will stick out about {stick:g} mm at the fore-edge: "
                     f"--creep auto moves them in to match")
    return notes


def _extras(plan: Plan, options: ImposeOptions) -> str:
    notes = []
    if plan.scale < 1 - 1e-6:
        notes.append(f"pages scaled to {plan.scale * 100:.0f}%")
    if plan.blank_positions:
        count = len(plan.blank_positions)
        notes.append(f"{count} blank page{'s' if count != 1 else ''} added")
    notes += plan.notes
    notes += _thickness(plan, options)
    if not notes:
        return "."
    text = "; ".join(notes)
    return ".\n" + text[0].upper() + text[1:] + "."
