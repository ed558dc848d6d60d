"""``zine build``: a project, a folder of articles or one article into PDFs."""

from __future__ import annotations

from pathlib import Path

import click

from zine.commands.options import DUPLEX, SHEETS, Creep, OutputFile, PickList, project_source
from zine.core.model import COMMENTER_MODES, FILL_MODES


@click.command("build")
@project_source
@click.option("-o", "--output", type=OutputFile(),
              help="Reading-order PDF to write (default: NAME.pdf here). "
                   "The print PDF goes beside it as NAME-print.pdf.")
@click.option("--layout", metavar="NAME|PATH", help="Layout to use instead of the project's.")
@click.option("--no-impose", is_flag=True, help="Only write the reading-order PDF.")
@click.option("--html", "html", type=OutputFile(".html"),
              help="Also save the HTML given to the renderer (for layout authors).")
@click.option("--sheet", type=click.Choice(SHEETS), help="Paper to print on (default: the layout's).")
@click.option("--duplex", type=click.Choice(DUPLEX), default="short", show_default=True,
              help="How the copier turns the sheet: flip on the short or long edge, or manual.")
@click.option("--no-cache", is_flag=True, help="Build everything again, ignoring .zine-cache/.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Processes for an anthology's contributions (default: one per core, "
                   "for zines of 64 pages or more).")
@click.option("--pick", type=PickList(), metavar="IDS",
              help="Comments to print instead of the project's pick, comma-separated: "
                   "ids (2.1), whole threads (2.*), the most liked (top:5). See `zine comments`.")
@click.option("--fill", type=click.Choice(FILL_MODES),
              help="Blank pages at the end: off (only say what to cut), tighten (set the text tighter "
                   "to save a sheet) or page (print the layout's notes, get-involved and flyer pages "
                   "there). Default: zine.toml's fill, else off.")
@click.option("--signature", type=click.IntRange(min=1), metavar="SHEETS",
              help="Fold groups of this many sheets separately, to sew or glue (thick booklets).")
@click.option("--creep", type=Creep(), default=0.0, metavar="MM|auto",
              help="Move inner pages toward the spine; auto works it out from the sheets and --paper-mm.")
@click.option("--marks/--no-marks", default=None,
              help="Fold and cut marks on the print sheets (default: as the layout says; "
                   "mini8 and pamphlet draw them).")
@click.option("--paper-mm", type=click.FloatRange(min=0, min_open=True), default=0.1, show_default=True,
              metavar="MM", help="Paper thickness, for --creep auto.")
@click.option("--commenters", type=click.Choice(COMMENTER_MODES),
              help="How commenters are named: names (as they signed), initials (M. for Margaret) or "
                   "anonymous (A reader). Default: zine.toml's commenters, else names.")
def build_command(source: Path, output: Path | None, layout: str | None, no_impose: bool,
                  html: Path | None, sheet: str | None, duplex: str, no_cache: bool, jobs: int | None,
                  pick: list[str] | None, fill: str | None, signature: int | None, creep: float | str,
                  paper_mm: float, marks: bool | None, commenters: str | None = None) -> None:
    """Build SOURCE (a project folder, zine.toml or article.md) into PDFs."""
    from zine.pipeline import BuildOptions
    from zine.pipeline.build import build

    result = build(source, BuildOptions(output=output, layout=layout, impose=not no_impose,
                                        html=html, sheet=sheet, duplex=duplex,
                                        cache=not no_cache, jobs=jobs, pick=pick, fill=fill,
                                        signature=signature, creep=creep, paper_mm=paper_mm,
                                        marks=marks, commenters=commenters))
    echo_build(result)


def echo_build(result) -> None:
    """What a build wrote, its recipe and fill report on stdout; its warnings on stderr."""
    from zine.core.wording import plural

    verb = "Up to date:" if result.up_to_date else "Wrote"
    click.echo(f"{verb} {result.reading_pdf} ({plural(result.pages, 'page')})")
    for path in result.print_pdfs:
        click.echo(f"{verb} {path} ({plural(result.sheets, 'sheet')})")
    if result.recipe:
        click.echo(result.recipe)
    if result.fill:
        click.echo(result.fill)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
