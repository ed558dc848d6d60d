"""``zine watch``: build SOURCE again on every save, in the terminal."""

from __future__ import annotations

from pathlib import Path

import click

from zine.commands.options import OutputFile


@click.command("watch")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=OutputFile(),
              help="Reading-order PDF to write (default: NAME.pdf here); the print PDF goes beside it.")
def watch_command(source: Path, output: Path | None) -> None:
    """Build SOURCE now and again each time one of its files is saved (Ctrl-C to stop).

    Prints what `zine build` prints each time; a failed build prints its error and
    the last good PDFs stay as they were.
    """
    from zine.commands.build import echo_build
    from zine.core.errors import InputError
    from zine.desk.watch import watch

    if not source.exists():
        raise InputError("no such file or folder", source)

    def fail(line: str) -> None:
        click.echo(line, err=True)

    try:
        watch(source, output, echo_build, fail)
    except KeyboardInterrupt:
        click.echo("Stopped.")
