"""Acting on how a booklet fills its sheets (the ``fill`` setting).

- ``tighten``: set the text tighter in the steps the layout allows (its
  ``line_height`` choices, then ``font_size`` by half points, never below 9 pt)
  until the zine needs a sheet less; the loosest setting that does it wins.
  Trials are only laid out, not drawn; the chosen one is built as usual.
- ``page``: put the pages the layout provides (``fill_pages``: a "get involved"
  page, cut-out flyers, notes) where blank pages would be.
- ``off``: only the report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from zine.compose import Composed
from zine.core.model import Project
from zine.layout import Layout, option_choices, resolve_options
from zine.render.engine import Rendered, lay_out
from zine.render.fillreport import SheetFill, measure_fill

MIN_BODY_PT = 9.0
PAGE_NAMES = {"involved": "get-involved", "flyer": "cut-out flyer", "notes": "notes", "quote": "quote", "pass": "pass-it-on"}
OPTION_WORDS = {"line_height": ("line height", ""), "font_size": ("body type", " pt")}


@dataclass
class Filled:
    """What the build goes on with: the project and document as finally set, their pages, the fill."""

    project: Project
    document: Composed
    rendered: Rendered
    fill: SheetFill | None


def fill_sheets(mode: str, project: Project, layout: Layout, document: Composed, rendered: Rendered,
                make: Callable[..., Composed], render: Callable[[Composed], Rendered]) -> Filled:
    """Measure the fill and, as ``mode`` asks, tighten the text or fill the blank pages.

    ``make(project, fill_pages)`` composes the document again as the build does;
    ``render`` typesets it.

    A one-sheet layout short of pages always gets its fill pages (whatever ``mode``
    says), so that its fixed last panels land where they fold.
    """
    if document.max_pages and rendered.pages < document.max_pages:
        return _pad_sheet(Filled(project, document, rendered, None), layout, make, render)
    fill = measure_fill(project, document, rendered.pdf, rendered.pages, layout.setting("scheme"))
    done = Filled(project, document, rendered, fill)
    if fill is None or not fill.blanks or mode == "off":
        return done
    fill.tried = mode
    if mode == "tighten" and fill.sheets == 1:
        return done  # one sheet is the least: its message says so
    if mode == "tighten":
        return _tighten(done, layout, make, render)
    return _fill_pages(done, layout, make, render)


def _tighten(done: Filled, layout: Layout, make, render) -> Filled:
    """The loosest step that saves a sheet; pages it leaves over get the layout's pages.

    Whole pages move at once (a letters page starts on a new page, so a tighter
    article can free two), which is why a page may be left over.
    """
    fill = done.fill
    target = (fill.sheets - 1) * fill.per_sheet
    options = resolve_options(layout, done.project.layout_options, done.project.config_path)
    steps = tighten_steps(layout, options)
    counted: dict[int, int] = {}

    def fits(index: int) -> bool:
        counted[index] = _laid_pages(done.project, make, steps[index])
        return counted[index] <= target

    chosen = _loosest_that_fits(len(steps), fits)
    if chosen is None:
        fill.changed = _could_not(steps, options)
        return done
    step = steps[chosen]
    project = dataclasses.replace(done.project, layout_options={**done.project.layout_options, **step})
    extra = _fill_kinds(layout, -counted[chosen] % fill.per_sheet)
    document = make(project, extra)
    rendered = render(document)
    new = measure_fill(project, document, rendered.pdf, rendered.pages, layout.setting("scheme"))
    over = f"; {_filled_words(extra)} {'fills' if len(extra) == 1 else 'fill'} what is left over" if extra else ""
    new.changed, new.tried = f"Set tighter to save a sheet: {_changes(options, step)}{over}.", "tighten"
    return Filled(project, document, rendered, new)


def tighten_steps(layout: Layout, options: dict) -> list[dict]:
    """Option settings from a little tighter to the tightest: leading first, then type size."""
    choices = option_choices(layout)
    steps: list[dict] = []
    lead = options.get("line_height")
    leads = sorted((v for v in choices.get("line_height", ()) if lead is not None and v < lead), reverse=True)
    steps += [{"line_height": v} for v in leads]
    size = options.get("font_size")
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        allowed = choices.get("font_size") or [size - k / 2 for k in range(1, 2 * int(size))]
        sizes = sorted((v for v in allowed if MIN_BODY_PT <= v < size and float(2 * v).is_integer()), reverse=True)
        tightest = {"line_height": leads[-1]} if leads else {}
        steps += [{**tightest, "font_size": v} for v in sizes]
    return steps


def _loosest_that_fits(count: int, fits: Callable[[int], bool]) -> int | None:
    """The first of ``count`` steps that fits, each step setting no more pages than the one before."""
    if not count or not fits(count - 1):
        return None
    low, high = 0, count - 1
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return high


def _laid_pages(project: Project, make, step: dict) -> int:
    trial = dataclasses.replace(project, layout_options={**project.layout_options, **step})
    document = make(trial)
    return lay_out(document, document.html).pages


def _changes(options: dict, step: dict) -> str:
    said = []
    for key, value in step.items():
        name, unit = OPTION_WORDS.get(key, (key, ""))
        said.append(f"{name} {options[key]:g}{unit} -> {value:g}{unit}")
    return ", ".join(said)


def _could_not(steps: list[dict], options: dict) -> str:
    if not steps:
        return "--fill tighten: this layout allows no tighter setting."
    return f"--fill tighten could not save a sheet (tried down to {_changes(options, steps[-1])}); nothing changed."


def _fill_pages(done: Filled, layout: Layout, make, render) -> Filled:
    fill = done.fill
    chosen = _fill_kinds(layout, fill.blanks)
    if not chosen:
        fill.changed = f"--fill page: the {layout.name} layout provides no pages to fill with."
        return done
    document = make(done.project, chosen)
    rendered = render(document)
    new = measure_fill(done.project, document, rendered.pdf, rendered.pages, layout.setting("scheme"))
    where = "a blank page" if len(chosen) == 1 else "blank pages"
    new.changed, new.tried = f"Printed {_filled_words(chosen)} where {where} would be.", "page"
    return Filled(done.project, document, rendered, new)


def _pad_sheet(done: Filled, layout: Layout, make, render) -> Filled:
    """Fill pages before a one-sheet layout's fixed panels (a pamphlet's flap and back)."""
    kinds = list(layout.setting("fill_pages") or [])
    if not kinds and done.document.fixed_tail < 2:
        return done  # only the back is fixed: the imposition's blanks go before it anyway
    missing = done.document.max_pages - done.rendered.pages
    chosen = [kinds[min(n, len(kinds) - 1)] for n in range(missing)] if kinds else ["blank"] * missing
    # A layout's first fill may run on below the end of the text (a panel the text left half
    # empty): then the pages are still short, and the next of its kinds goes in as well.
    for _attempt in range(len(kinds) + 1):
        document = make(done.project, chosen)
        rendered = render(document)
        if rendered.pages >= done.document.max_pages:
            break
        chosen = chosen + [kinds[min(len(chosen), len(kinds) - 1)] if kinds else "blank"]
    return Filled(done.project, document, rendered, None)


def _fill_kinds(layout: Layout, blanks: int) -> list[str]:
    """The layout's pages for ``blanks`` blank pages, in its order (the last one repeats)."""
    kinds = list(layout.setting("fill_pages") or [])
    return [kinds[min(n, len(kinds) - 1)] for n in range(blanks)] if kinds else []


def _filled_words(kinds: list[str]) -> str:
    names = ", ".join(PAGE_NAMES.get(kind, kind) for kind in kinds)
    return f"the layout's {names} {'page' if len(kinds) == 1 else 'pages'}"
