"""``zine preview``: PNGs of the reading pages, each printed sheet side, and a contact sheet."""

from __future__ import annotations

from pathlib import Path

import click

from zine.commands.options import DUPLEX, SHEETS, OutputFolder, project_source


@click.command("preview")
@project_source
@click.option("-o", "--output", "folder", type=OutputFolder(), required=True,
              help="Folder for the images (made if missing).")
@click.option("--sheet", type=click.Choice(SHEETS), help="Paper to print on (default: the layout's, or A4).")
@click.option("--duplex", type=click.Choice(DUPLEX), help="How the copier turns the sheet.")
@click.option("--layout", metavar="NAME|PATH", help="Layout to use instead of the project's.")
@click.option("--dpi", type=click.IntRange(24, 300), default=96, show_default=True,
              help="Resolution of the page and sheet images.")
def preview_command(source: Path, folder: Path, sheet: str | None, duplex: str | None,
                    layout: str | None, dpi: int) -> None:
    """Preview SOURCE (a project or a PDF) as the copier will print it.

    Writes page-NN.png per reading page, sheet-N-front/back.png per printed side
    (dead edge shaded, folds dashed blue, cuts dashed red) and contact-sheet.png.
    Page and sheet images left in the folder by an earlier, longer preview are removed.
    """
    from zine.preview import preview

    result = preview(source, folder, sheet=sheet, duplex=duplex, layout=layout, dpi=dpi)
    click.echo(f"Wrote {len(result.pages)} page images and {len(result.sides)} sheet sides to {folder}")
    if result.contact:
        click.echo(f"Contact sheet: {result.contact}")
    if result.recipe:
        click.echo(result.recipe)
