"""The ``zine batch`` command: options in, one call to ``zine.batch``, a progress bar and a table out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from zine.commands.options import OutputFolder


@click.command("batch")
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=OutputFolder(), default=Path("."),
              show_default=True, help="Folder for FOLDER.pdf and FOLDER-print.pdf of each project.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Projects to build at once, each in its own process (default: one per core "
                   "when there is more than one project).")
@click.option("--no-impose", is_flag=True, help="Only write the reading-order PDFs.")
@click.option("--no-cache", is_flag=True, help="Build everything again, ignoring .zine-cache/.")
def batch_command(folders: tuple[Path, ...], outdir: Path, jobs: int | None, no_impose: bool,
                  no_cache: bool) -> None:
    """Build several project FOLDERS in one run.

    A FOLDER that is not a project itself but holds project folders stands for
    those. Writes OUTDIR/<folder>.pdf and OUTDIR/<folder>-print.pdf for each. A
    project that fails does not stop the others; the exit status is 1 if any failed.
    """
    from zine.batch import BatchOptions, batch, distinct, job_count, output_names, projects_in, summary_table
    from zine.core.errors import ZineError

    sources = distinct(projects_in(list(folders)))
    output_names(sources)  # two projects of one name: refuse before building anything
    options = BatchOptions(outdir=outdir, jobs=jobs, impose=not no_impose, cache=not no_cache)
    finished: set[Path] = set()
    shown = {"name": sources[0].resolve().name}

    def done(outcome) -> None:
        finished.add(outcome.source)
        waiting = [s.resolve().name for s in sources if s not in finished]
        # One at a time, the next project is the one being built now.
        shown["name"] = waiting[0] if waiting and job_count(jobs, len(sources)) == 1 else outcome.project
        bar.update(1)

    with click.progressbar(length=len(sources), label="Building", show_pos=True,
                           item_show_func=lambda _: shown["name"], file=sys.stderr) as bar:
        outcomes = batch(sources, options, on_done=done)
    click.echo(summary_table(outcomes))
    for outcome in outcomes:
        for warning in outcome.warnings:
            click.echo(f"Warning: {outcome.project}: {warning}", err=True)
    failed = [o.project for o in outcomes if o.failed]
    if failed:
        # Named only now, after the others were built.
        raise ZineError(f"{len(failed)} of {len(outcomes)} projects failed: {', '.join(failed)}")
