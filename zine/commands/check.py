"""``zine check``: will it photocopy well? A report, and an exit status for scripts."""

from __future__ import annotations

from pathlib import Path

import click

from zine.commands.options import DUPLEX, SHEETS, project_source


@click.command("check")
@project_source
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any finding).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, for scripts.")
@click.option("--sheet", type=click.Choice(SHEETS),
              help="Paper to print on (default: the layout's; for a PDF, also show the booklet it makes).")
@click.option("--duplex", type=click.Choice(DUPLEX), help="How the copier turns the sheet.")
@click.option("--layout", metavar="NAME|PATH", help="Layout to use instead of the project's.")
@click.option("--edge", "edge_mm", type=click.FloatRange(0, 30), default=5.0, show_default=True, metavar="MM",
              help="The copier's unprintable edge: ink closer than this to the sheet edge is an error.")
@click.pass_context
def check_command(ctx: click.Context, source: Path, strict: bool, as_json: bool, sheet: str | None,
                  duplex: str | None, layout: str | None, edge_mm: float) -> None:
    """Check SOURCE (a project folder, zine.toml, article.md or a PDF) before printing.

    A project is built to a temporary folder and its PDFs inspected; a PDF is
    inspected as it is. Exit status 0 when clean, 1 on errors (--strict: on warnings too).
    """
    from zine.preflight.checks import CheckOptions
    from zine.preflight.check import check

    report = check(source, CheckOptions(sheet=sheet, duplex=duplex, layout=layout, edge_mm=edge_mm))
    click.echo(report.to_json() if as_json else report.to_text())
    ctx.exit(report.exit_code(strict))
