"""``zine build``: read -> compose -> render -> impose -> write, top to bottom."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .compose import compose
from .layouts import load_layout
from .project import load_project
from .write import write_outputs


@dataclass
class BuildOptions:
    """What the user asked for on the command line."""

    output: Path | None = None
    layout: str | None = None
    impose: bool = True
    html: Path | None = None
    sheet: str | None = None
    duplex: str | None = None
    preflight: bool = True  # add the preflight warnings that need no rendering


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


def build(source: Path, options: BuildOptions | None = None) -> BuildResult:
    """Build a project, a folder of articles or one article into PDFs."""
    from . import pdf
    from .fitting import check_fits
    from .impose import impose
    from .render import render

    options = options or BuildOptions()
    started = time.perf_counter()
    project = load_project(source)
    layout = load_layout(options.layout or project.layout, project.root)
    document = compose(project, layout, sheet=options.sheet)
    rendered = render(document)
    check_fits(document, rendered.pdf, rendered.pages)
    reading = _finish(pdf, rendered.pdf, project)
    outputs = {reading_path(options.output, project.name): reading}
    imposition = None
    if options.impose:
        imposition = impose(reading, impose_options(layout, options), source_name=str(source))
        outputs.update(_print_paths(reading_path(options.output, project.name), imposition.outputs))
    if options.html:
        outputs[options.html] = document.html.encode("utf-8")
    write_outputs(outputs, protected=project.inputs)
    paths = list(outputs)
    return BuildResult(
        reading_pdf=paths[0],
        print_pdfs=[p for p in paths[1:] if p.suffix == ".pdf"],
        pages=rendered.pages,
        sheets=imposition.sheets if imposition else None,
        recipe=imposition.recipe if imposition else None,
        seconds=time.perf_counter() - started,
        warnings=rendered.warnings + (_preflight_warnings(reading, project) if options.preflight else []),
    )


def _preflight_warnings(reading: bytes, project) -> list[str]:
    """The preflight findings that need no rendering (``zine check`` does the rest)."""
    from .preflight import quick_findings

    return [f"{f.where}: {f.message}" if f.where else f.message for f in quick_findings(reading, project)]


def reading_path(output: Path | None, name: str) -> Path:
    """Where the reading-order PDF goes (``NAME.pdf`` in the current folder by default)."""
    return output if output is not None else Path(f"{name}.pdf")


def _print_paths(reading: Path, imposed: dict[str, bytes]) -> dict[Path, bytes]:
    stem = reading.with_suffix("")
    return {Path(f"{stem}-print{suffix}.pdf"): data for suffix, data in imposed.items()}


def impose_options(layout, options: BuildOptions):
    """The imposition a build uses (``zine check`` plans the same one)."""
    from .impose import ImposeOptions

    # Layout pages keep their ink inside their own margins, so they sit at
    # full size in their slots: no shrinking, no extra safe margin.
    return ImposeOptions(
        scheme=layout.setting("scheme"),
        sheet=options.sheet or layout.setting("sheet"),
        duplex=options.duplex or "short",
        margin_mm=0.0,
        fit=False,
    )


def _finish(pdf, data: bytes, project) -> bytes:
    """Refuse embedded files (a rel=attachment that slipped through) and set metadata."""
    from .errors import RenderError

    embedded = pdf.embedded_file_names(data)
    if embedded:
        raise RenderError(f"the document tried to embed files ({', '.join(embedded)}); nothing was written")
    return pdf.set_metadata(data, title=project.title, author=_authors(project),
                            subject=project.subtitle, date=project.date)


def _authors(project) -> str | None:
    names = list(dict.fromkeys(a.author for a in project.contributions if a.author))
    return ", ".join(names) or None
