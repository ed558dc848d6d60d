"""``zine impose``: impose any PDF for printing, cutting and folding."""

from __future__ import annotations

from pathlib import Path

import click

from zine.commands.options import (BLANKS, DUPLEX, MARKS, SHEETS, Creep, LazyHelpOption, OutputFile, SchemeChoice,
                                   creep_options, scheme_help, signature_help)


class MarkList(click.ParamType):
    """A comma-separated subset of crop, fold and cut."""

    name = "MARKS"

    def convert(self, value, param, ctx) -> frozenset[str]:
        if isinstance(value, frozenset):
            return value
        marks = frozenset(part.strip() for part in value.split(",") if part.strip())
        unknown = sorted(marks - set(MARKS))
        if unknown:
            self.fail(f"unknown mark {unknown[0]!r}: choose from {', '.join(MARKS)}", param, ctx)
        return marks


@click.command("impose")
@click.argument("source", metavar="IN.pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", required=True, type=OutputFile(),
              help="The imposed PDF (manual duplex writes OUT-fronts.pdf and OUT-backs.pdf).")
@click.option("--scheme", type=SchemeChoice(), default="saddle", show_default=True, cls=LazyHelpOption,
              lazy_help=scheme_help)
@click.option("--sheet", type=click.Choice(SHEETS), default="a4", show_default=True)
@click.option("--duplex", type=click.Choice(DUPLEX), default="short", show_default=True,
              help="How the printer turns the sheet; manual: two files for a single-sided copier.")
@click.option("--marks", type=MarkList(), default="", help="Comma-separated: crop,fold,cut.")
@click.option("--creep", type=Creep(), default=0.0, metavar="MM|auto",
              help="Shift of the innermost sheet toward the spine; auto: (sheets in a fold - 1) x --paper-mm.")
@click.option("--paper-mm", type=click.FloatRange(min=0, min_open=True), default=0.1, show_default=True,
              metavar="MM", help="Paper thickness, for --creep auto (80 gsm office paper: 0.1).")
@click.option("--signature", type=click.IntRange(min=1), default=None, metavar="SHEETS", cls=LazyHelpOption,
              lazy_help=signature_help)
@click.option("--blanks", type=click.Choice(BLANKS), default="before-back", show_default=True,
              help="Where padding blank pages go.")
@click.option("--margin", "margin_mm", type=click.FloatRange(min=0), default=5.0, show_default=True,
              metavar="MM", help="Safe zone at every sheet edge the printer may not reach.")
@click.option("--fit/--no-fit", default=None,
              help="Scale pages to fit their cells inside the margin / never scale (refuse pages "
                   "that do not fit). By default pages that fit stay at 100% and larger ones are "
                   "scaled down, with a warning.")
@click.option("--rtl", is_flag=True, default=False,
              help="Right to left: the folded booklet binds on the right (Arabic, Hebrew, Persian, Urdu).")
def impose_command(source: Path, output: Path, creep: float | str, **options) -> None:
    """Impose IN.pdf onto sheets for printing, cutting and folding."""
    from zine.impose import impose_file

    report, warnings = impose_file(source, output, **creep_options(creep), **options)
    click.echo(report)
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
