"""``zine build``: read -> compose -> render -> impose -> write, top to bottom."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from zine.cache import BuildCache, OutputLedger
from zine.compose import compose
from zine.core.direction import is_rtl
from zine.core.files import write_outputs
from zine.core.targets import check_targets
from zine.layout import load_layout, resolve_options
from zine.preflight.checks import Locator, unprintable_findings, warning_line
from zine.project import load_project


# A build option that changes how a build runs, never what it writes: left out of the cache key.
# Every other option is in the key by itself (cache_settings), so a new one cannot be forgotten.
HOW_NOT_WHAT = {"cache_key": False}
PAGE_TURN_TRIES = 3  # settings tried to keep every word whole across page turns


@dataclass
class BuildOptions:
    """What the user asked for on the command line."""

    output: Path | None = None
    layout: str | None = None
    impose: bool = True
    html: Path | None = None
    sheet: str | None = None
    duplex: str | None = None
    cache: bool = field(default=True, metadata=HOW_NOT_WHAT)  # skip unchanged work, using <project>/.zine-cache/
    # Processes for an anthology's contributions (None: one per core).
    jobs: int | None = field(default=None, metadata=HOW_NOT_WHAT)
    preflight: bool = True  # add the preflight warnings that need no rendering
    pick: list[str] | None = None  # the comments to print, instead of the project's pick
    fill: str | None = None  # off | tighten | page (None: the project's zine.toml, else off)
    signature: int | None = None  # saddle: fold groups of this many sheets
    creep: float | str = 0.0  # millimetres, or "auto" (from the sheets in a fold and paper_mm)
    paper_mm: float = 0.1  # paper thickness for creep "auto"
    marks: bool | None = None  # fold and cut marks on the print sheets (None: as the layout says)
    commenters: str | None = None  # names | initials | anonymous (None: the project's zine.toml)


@dataclass
class BuildResult:
    """What a build wrote and what a person should know about it."""

    reading_pdf: Path
    print_pdfs: list[Path]
    pages: int
    sheets: int | None
    recipe: str | None
    seconds: float
    warnings: list[str] = field(default_factory=list)
    up_to_date: bool = False  # nothing had changed: the outputs were already right
    findings: list = field(default_factory=list)  # compose's own findings (also in ``warnings``)
    fill: str | None = None  # how the pages fill their sheets, and what --fill did


def build(source: Path, options: BuildOptions | None = None) -> BuildResult:
    """Build a project, a folder of articles or one article into PDFs."""
    options = options or BuildOptions()
    started = time.perf_counter()
    project = load_project(source, options.pick)
    options = with_project_sheet(options, project)
    if options.commenters:
        project.commenters = options.commenters
    layout = load_layout(options.layout or project.layout, project.root)
    project.notes += layout_notes(project, layout)
    ledger = OutputLedger(project.root)
    places = {"guarded": [project.root, *layout.folders], "owned": ledger.owned()}
    # The paths known now are checked before any work, all of them again before writing.
    check_targets([reading_path(options.output, project.name), *([options.html] if options.html else [])],
                  project.inputs, **places)
    cache = BuildCache(project.root, cache_settings(project, layout, options), layout.folders, options.cache)
    if cache.up_to_date():  # before WeasyPrint or pikepdf are even imported
        return _unchanged(cache.summary(), time.perf_counter() - started)
    from zine import pdf
    from zine.impose import impose

    filled = _typeset(project, layout, options, cache)
    project, document, rendered = filled.project, filled.document, filled.rendered
    # Finding where a character came from reads every source: only when there is one to find.
    composed = unprintable_findings(document.unprintable, Locator.for_project(project)) if document.unprintable else []
    reading = _finish(pdf, rendered.pdf, project)
    outputs = {reading_path(options.output, project.name): reading}
    imposition = None
    if options.impose:
        imposition = impose(reading, impose_options(layout, options, project), source_name=str(source))
        outputs.update(_print_paths(reading_path(options.output, project.name), imposition.outputs))
    if options.html:
        outputs[options.html] = document.html.encode("utf-8")
    write_outputs(outputs, protected=project.inputs + rendered.fetched, **places)
    ledger.add(outputs)
    paths = list(outputs)
    result = BuildResult(
        reading_pdf=paths[0],
        print_pdfs=[p for p in paths[1:] if p.suffix == ".pdf"],
        pages=rendered.pages,
        sheets=imposition.sheets if imposition else None,
        recipe=imposition.recipe if imposition else None,
        seconds=time.perf_counter() - started,
        warnings=project.notes + [warning_line(f) for f in composed] + (
            _preflight_warnings(rendered, reading, project) if options.preflight else rendered.warnings),
        findings=composed,
        fill=filled.fill.message() if filled.fill else None,
    )
    cache.record(project.inputs + document.pictures + rendered.fetched, outputs, _summary(result))
    return result


def _typeset(project, layout, options: BuildOptions, cache: BuildCache):
    """Compose and render; a one-sheet layout must hold the text; the fill setting may compose again."""
    from zine.render import check_fits, fill_sheets, page_turn_words, render_contributions

    # Words split across a page turn by an earlier setting, by the contribution they were split
    # in (None: the front, the back or a single article), to be set whole there only.
    unbroken: dict[int | None, set[str]] = {}

    def make(again, fill_pages=None):
        document = composed if again is project and fill_pages is None else \
            compose(again, layout, sheet=options.sheet, cache=options.cache, fill_pages=fill_pages)
        return replace(document, html=_protect(document.html, unbroken, len(again.contributions)))

    composed = compose(project, layout, sheet=options.sheet, cache=options.cache)  # once: words are kept whole on it

    def typeset(document):
        return render_contributions(document, len(project.contributions), cache, options.jobs)

    for _attempt in range(PAGE_TURN_TRIES):
        document = make(project)
        rendered = typeset(document)
        check_fits(project, document, rendered.pdf, rendered.pages)
        filled = fill_sheets(fill_mode(project, options), project, layout, document, rendered, make, typeset)
        split = False
        for word, page in page_turn_words(filled.rendered.pdf):
            where = _contribution_at(page, filled.rendered.starts)
            if word not in unbroken.get(where, ()):
                unbroken.setdefault(where, set()).add(word)  # set again whole: the line breaks before it
                split = True
        if not split:
            break
    return filled


def _contribution_at(page: int, starts: list[int]) -> int | None:
    """The contribution whose pages hold ``page`` (0-based), given each one's first page and
    the back's; None for the front and the back, or when the pages were not typeset in pieces."""
    from bisect import bisect_right

    index = bisect_right(starts, page) - 1
    return index if 0 <= index < len(starts) - 1 else None


def _protect(html: str, unbroken: dict[int | None, set[str]], contributions: int) -> str:
    """``html`` with the words of ``unbroken`` kept whole: in their own contribution only, so that
    the others (and their typeset pages, in the cache) stay as they were; everywhere for None."""
    from zine.compose import protect_words
    from zine.render import contribution_ids, contribution_spans

    everywhere = set(unbroken.get(None, ()))
    spans = contribution_spans(html, contribution_ids(contributions)) if contributions > 1 else None
    if spans is None:
        everywhere.update(*unbroken.values())
    for index in sorted((i for i in unbroken if i is not None and spans), reverse=True):
        start, end = spans[index]
        html = html[:start] + protect_words(html[start:end], unbroken[index] - everywhere) + html[end:]
    return protect_words(html, everywhere)


def layout_notes(project, layout) -> list[str]:
    """A layout setting the project cannot honour is said, never silently replaced."""
    options = resolve_options(layout, project.layout_options, project.config_path)
    if options.get("cover") == "photo" and not project.cover:
        return ['cover = "photo" needs a cover picture, and zine.toml names none: the cover is set as '
                '"slab" (name one in zine.toml: cover = "images/front.jpg")']
    return []


def with_project_sheet(options: BuildOptions, project) -> BuildOptions:
    """The options with zine.toml's ``sheet`` where the command line named none."""
    return replace(options, sheet=project.sheet) if options.sheet is None and project.sheet else options


def fill_mode(project, options: BuildOptions) -> str:
    """What to do about blank pages: the command line, else zine.toml, else only report them."""
    return options.fill or project.fill or "off"


def _preflight_warnings(rendered, reading: bytes, project) -> list[str]:
    """The renderer's warnings and the preflight findings that need no rendering (``zine check``
    does the rest). The reading PDF has the rendered pages with metadata added: their text,
    read back for the page turns and the fill report, is not read again."""
    from zine.preflight.checks import quick_warnings
    from zine.render import page_texts

    return quick_warnings(rendered.warnings, reading, project, page_texts(rendered.pdf))


def cache_settings(project, layout, options: BuildOptions) -> dict:
    """Everything besides file contents that decides the outputs: every build option (but those
    marked HOW_NOT_WHAT), what they resolve to, and the imposition they make."""
    settings = {option.name: _plain(getattr(options, option.name)) for option in fields(options)
                if option.metadata.get("cache_key", True)}
    settings.update(source=project.name, layout_name=layout.name, duplex=options.duplex or "short",
                    output=str(reading_path(options.output, project.name).resolve()),
                    fill=fill_mode(project, options))
    if options.impose:
        settings["imposition"] = _plain(asdict(impose_options(layout, options, project)))
    return settings


def _plain(value):
    """A value as JSON holds it the same way every time (sets sorted, paths as text)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(map(_plain, value))
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, Path) else value


def _summary(result: BuildResult) -> dict:
    return {"reading_pdf": str(result.reading_pdf), "print_pdfs": [str(p) for p in result.print_pdfs],
            "pages": result.pages, "sheets": result.sheets, "recipe": result.recipe,
            "warnings": result.warnings, "fill": result.fill}


def _unchanged(summary: dict, seconds: float) -> BuildResult:
    return BuildResult(reading_pdf=Path(summary["reading_pdf"]), print_pdfs=[Path(p) for p in summary["print_pdfs"]],
                       pages=summary["pages"], sheets=summary["sheets"], recipe=summary["recipe"],
                       seconds=seconds, warnings=summary["warnings"], up_to_date=True,
                       fill=summary.get("fill"))


def reading_path(output: Path | None, name: str) -> Path:
    """Where the reading-order PDF goes (``NAME.pdf`` in the current folder by default)."""
    return output if output is not None else Path(f"{name}.pdf")


def _print_paths(reading: Path, imposed: dict[str, bytes]) -> dict[Path, bytes]:
    stem = reading.with_suffix("")
    return {Path(f"{stem}-print{suffix}.pdf"): data for suffix, data in imposed.items()}


def impose_options(layout, options: BuildOptions, project=None):
    """The imposition a build uses (``zine check`` plans the same one)."""
    from zine.impose import ImposeOptions
    from zine.preflight.checks import EDGE_MM

    # Layout pages keep their ink inside their own margins, so they sit at
    # full size in their slots: no extra safe margin. On a sheet other than
    # the layout's own they may not fit, and are scaled down to fit.
    sheet = options.sheet or layout.setting("sheet")
    auto = options.creep == "auto"
    return ImposeOptions(
        **_binding(ImposeOptions, project),
        scheme=layout.setting("scheme"),
        sheet=sheet,
        duplex=options.duplex or "short",
        margin_mm=0.0,
        fit=sheet != layout.setting("sheet"),
        signature=options.signature,
        creep_mm=0.0 if auto else float(options.creep or 0.0),
        creep_auto=auto,
        paper_mm=options.paper_mm,
        marks=_marks(layout, options, project),
        # The dashes sit just inside what the copier prints, in the gutter between pages.
        mark_inset_mm=EDGE_MM,
    )


def _marks(layout, options: BuildOptions, project) -> frozenset[str]:
    """Fold and cut marks: --marks / --no-marks, else the layout's ``marks`` option (mini8
    and the pamphlet: the slit and the folds are not obvious to a first-time maker)."""
    wanted = options.marks
    if wanted is None:
        overrides = project.layout_options if project is not None else {}
        wanted = bool(resolve_options(layout, overrides).get("marks", False))
    return frozenset({"fold", "cut"}) if wanted else frozenset()


def _binding(impose_options_type, project) -> dict:
    """A right-to-left zine (``lang`` Arabic, Hebrew, Persian, Urdu, Yiddish...) binds on the
    right: the imposition reads it from what a left-to-right reader calls the back. Only when
    the imposition knows right-to-left orders (an ``rtl`` option); otherwise the sheets bind
    on the left, as before."""
    from dataclasses import fields

    if project is None or "rtl" not in {f.name for f in fields(impose_options_type)}:
        return {}
    return {"rtl": is_rtl(project.lang)}


def _finish(pdf, data: bytes, project) -> bytes:
    """Refuse embedded files (a rel=attachment that slipped through) and set metadata."""
    from zine.core.errors import RenderError

    embedded = pdf.embedded_file_names(data)
    if embedded:
        raise RenderError(f"the document tried to embed files ({', '.join(embedded)}); nothing was written")
    return pdf.set_metadata(data, title=project.title, author=_authors(project),
                            subject=project.subtitle, date=project.date)


def _authors(project) -> str | None:
    names = list(dict.fromkeys(a.author for a in project.contributions if a.author))
    return ", ".join(names) or None
