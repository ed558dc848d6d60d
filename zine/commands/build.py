"""``zine build``: a project, a folder of articles or one article into PDFs."""

from __future__ import annotations

from pathlib import Path

import click

from zine.commands.options import DUPLEX, SHEETS, OutputFile


@click.command("build")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=OutputFile(),
              help="Reading-order PDF to write (default: NAME.pdf here). "
                   "The print PDF goes beside it as NAME-print.pdf.")
@click.option("--layout", metavar="NAME|PATH", help="Layout to use instead of the project's.")
@click.option("--no-impose", is_flag=True, help="Only write the reading-order PDF.")
@click.option("--html", "html", type=OutputFile(),
              help="Also save the HTML given to the renderer (for layout authors).")
@click.option("--sheet", type=click.Choice(SHEETS), help="Paper to print on (default: the layout's).")
@click.option("--duplex", type=click.Choice(DUPLEX), default="short", show_default=True,
              help="How the copier turns the sheet: flip on the short or long edge, or manual.")
@click.option("--no-cache", is_flag=True, help="Build everything again, ignoring .zine-cache/.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Processes for an anthology's contributions (default: one per core, "
                   "for zines of 64 pages or more).")
def build_command(source: Path, output: Path | None, layout: str | None, no_impose: bool,
                  html: Path | None, sheet: str | None, duplex: str, no_cache: bool, jobs: int | None) -> None:
    """Build SOURCE (a project folder, zine.toml or article.md) into PDFs."""
    from zine.build.pipeline import BuildOptions, build

    result = build(source, BuildOptions(output=output, layout=layout, impose=not no_impose,
                                        html=html, sheet=sheet, duplex=duplex,
                                        cache=not no_cache, jobs=jobs))
    from zine.core.wording import plural

    verb = "Up to date:" if result.up_to_date else "Wrote"
    click.echo(f"{verb} {result.reading_pdf} ({plural(result.pages, 'page')})")
    for path in result.print_pdfs:
        click.echo(f"{verb} {path} ({plural(result.sheets, 'sheet')})")
    if result.recipe:
        click.echo(result.recipe)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
