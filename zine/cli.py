"""The ``zine`` command line: each command parses options and calls one library function.

Heavy modules (WeasyPrint, pikepdf) are imported inside the commands so that
``zine --help`` answers at once.
"""

from __future__ import annotations

import traceback
from pathlib import Path

import click

from . import __version__, impose

CONTEXT = {"help_option_names": ["-h", "--help"]}
SHEETS = list(impose.SHEETS)  # the paper sizes imposition knows
DUPLEX = list(impose.DUPLEX)


# Commands that live beside their library code, imported only when used.
LAZY_COMMANDS = {
    "batch": "zine.batch_command:batch_command",
    "impose": "zine.impose.command:impose_command",
    "import": "zine.importers.command:import_command",
    "check": "zine.check_command:check_command",
    "preview": "zine.preview_command:preview_command",
    "layouts": "zine.layout_commands:layouts_command",
}


class ZineGroup(click.Group):
    """A group with lazily loaded commands that shows tracebacks only with --debug."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str):
        if name in LAZY_COMMANDS and name not in self.commands:
            import importlib

            module, attribute = LAZY_COMMANDS[name].split(":")
            try:
                self.add_command(getattr(importlib.import_module(module), attribute), name)
            except (ImportError, AttributeError):
                return None
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            raise
        except (KeyboardInterrupt, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)"
            ) from exc


@click.group(cls=ZineGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="zine")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn campaign articles and their comment threads into zines for the photocopier."""
    ctx.ensure_object(dict)["debug"] = debug


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Reading-order PDF to write (default: NAME.pdf here). "
                   "The print PDF goes beside it as NAME-print.pdf.")
@click.option("--layout", metavar="NAME|PATH", help="Layout to use instead of the project's.")
@click.option("--no-impose", is_flag=True, help="Only write the reading-order PDF.")
@click.option("--html", "html", type=click.Path(path_type=Path, dir_okay=False),
              help="Also save the HTML given to the renderer (for layout authors).")
@click.option("--sheet", type=click.Choice(SHEETS), help="Paper to print on (default: the layout's).")
@click.option("--duplex", type=click.Choice(DUPLEX), default="short", show_default=True,
              help="How the copier turns the sheet: flip on the short or long edge, or manual.")
@click.option("--no-cache", is_flag=True, help="Build everything again, ignoring .zine-cache/.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Processes for an anthology's contributions (default: one per core, "
                   "for zines of 64 pages or more).")
def build(source: Path, output: Path | None, layout: str | None, no_impose: bool,
          html: Path | None, sheet: str | None, duplex: str, no_cache: bool, jobs: int | None) -> None:
    """Build SOURCE (a project folder, zine.toml or article.md) into PDFs."""
    from .build import BuildOptions, build as run_build

    result = run_build(source, BuildOptions(output=output, layout=layout, impose=not no_impose,
                                            html=html, sheet=sheet, duplex=duplex,
                                            cache=not no_cache, jobs=jobs))
    from .wording import plural

    verb = "Up to date:" if result.up_to_date else "Wrote"
    click.echo(f"{verb} {result.reading_pdf} ({plural(result.pages, 'page')})")
    for path in result.print_pdfs:
        click.echo(f"{verb} {path} ({plural(result.sheets, 'sheet')})")
    if result.recipe:
        click.echo(result.recipe)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
