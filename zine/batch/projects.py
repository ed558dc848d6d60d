"""``zine batch``: build several projects in one run.

Python and WeasyPrint start once for the whole run: the projects are built
one after another in this process, or by a pool of worker processes
(``jobs`` > 1, by default one per core when there are several projects). A
project that fails is reported and the others go on; a worker process that
dies fails its project, and the ones still waiting, with one clear message.
Each project's cache makes unchanged projects cost almost nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from zine.core.errors import InputError, ZineError

BUILT, UP_TO_DATE, FAILED = "built", "up to date", "failed"
PROJECT_FILES = ("zine.toml", "*.md")  # what makes a folder a project
STOPPED = "the process building it stopped before it finished (out of memory?); try again with -j 1"


@dataclass
class BatchOptions:
    """How to build every project of a batch."""

    outdir: Path = Path(".")
    jobs: int | None = None  # projects built at once, each in its own process when > 1 (None: one per core)
    impose: bool = True
    cache: bool = True


@dataclass
class Outcome:
    """One project's line in the summary."""

    project: str
    source: Path
    result: str
    seconds: float
    pages: int | None = None
    sheets: int | None = None
    message: str | None = None  # the error, for a failed project
    warnings: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return self.result == FAILED


def distinct(sources: list[Path]) -> list[Path]:
    """The projects once each, in the order given (``a`` and ``./a`` and its full path are one)."""
    first: dict[Path, Path] = {}
    for source in sources:
        first.setdefault(source.resolve(), source)
    return list(first.values())


def output_names(sources: list[Path]) -> dict[Path, str]:
    """Each project's output name (its folder's name); two projects may not share one, nor
    may one's name be another's print PDF name (``a`` writes ``a-print.pdf``, which is also
    what a project ``a-print`` writes)."""
    owners: dict[str, Path] = {}
    for source in distinct(sources):
        name = source.resolve().name
        clash = next((other for other in owners if _clash(name, other)), None)
        if clash is not None:
            first, second = sorted((clash, name), key=len)
            what = (f"two projects are both called {name!r}" if first.casefold() == second.casefold()
                    else f"projects {first!r} and {second!r} would both write {second}.pdf")
            raise InputError(f"{what} ({owners[clash]} and {source}): their PDFs would overwrite "
                             "each other; rename one folder", source)
        owners[name] = source
    return {source: name for name, source in owners.items()}


def _clash(one: str, other: str) -> bool:
    """True when the PDFs of projects ``one`` and ``other`` may share a name (letter case
    aside, for file systems that ignore it)."""
    one, other = one.casefold(), other.casefold()
    return one == other or one.startswith(other + "-print") or other.startswith(one + "-print")


def is_project(folder: Path) -> bool:
    """A folder zine can build: it has a zine.toml or Markdown articles."""
    return folder.is_dir() and any(next(folder.glob(pattern), None) for pattern in PROJECT_FILES)


def projects_in(folders: list[Path]) -> list[Path]:
    """The projects to build: each folder given, or, for a folder that is not a project
    itself but holds some, those (in name order)."""
    found = []
    for folder in folders:
        inside = sorted(p for p in folder.iterdir() if is_project(p)) if folder.is_dir() else []
        found += inside if inside and not is_project(folder) else [folder]
    return found


def job_count(jobs: int | None, projects: int) -> int:
    """Processes for a batch: as asked, or one per core when there is more than one project."""
    if jobs is not None:
        return max(1, min(jobs, projects))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, projects))


def run_batch(sources: list[Path], options: BatchOptions) -> Iterator[Outcome]:
    """Build each project, yielding its outcome as soon as it is done (in the order they finish)."""
    names = output_names(sources)
    _make_outdir(options.outdir)
    jobs = [(source, name, options) for source, name in names.items()]
    workers = job_count(options.jobs, len(jobs))
    if workers <= 1:
        for job in jobs:
            yield build_one(*job)
        return
    yield from _in_workers(jobs, workers)


def _in_workers(jobs: list[tuple], workers: int) -> Iterator[Outcome]:
    """Build the jobs in ``workers`` processes; a dead process fails what it and the queue held."""
    from zine.render import fork_context, work_alone

    context = fork_context()
    if context is not None:
        _load_for_workers()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=work_alone) as pool:
        futures = {pool.submit(build_one, *job): job for job in jobs}
        for future in as_completed(futures):
            source, name, _ = futures[future]
            try:
                yield future.result()
            except BrokenProcessPool:
                yield Outcome(name, source, FAILED, 0.0, message=STOPPED)


def batch(sources: list[Path], options: BatchOptions | None = None,
          on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Build every project; the outcomes come back in the order the projects were given."""
    outcomes = {}
    for outcome in run_batch(sources, options or BatchOptions()):
        outcomes[outcome.source] = outcome
        if on_done:
            on_done(outcome)
    return [outcomes[source] for source in distinct(sources)]


def _load_for_workers() -> None:
    """Import what a build uses once, here, rather than once in every forked worker."""
    import importlib

    from zine.render import load_engine

    load_engine()
    for module in ("zine.pipeline.build", "zine.render.pieces", "zine.impose.pdfwriter", "zine.impose.deadedge",
                   "zine.pdf", "zine.preflight.checks.content", "fontTools.subset", "PIL.Image"):
        importlib.import_module(module)


def build_one(source: Path, name: str, options: BatchOptions) -> Outcome:
    """Build one project into ``OUTDIR/<name>.pdf`` (and ``-print.pdf``); never raises a ZineError."""
    from zine.pipeline import BuildOptions
    from zine.pipeline.build import build

    started = time.perf_counter()
    try:
        if not source.is_dir():
            raise InputError("not a project folder", source)
        result = build(source, BuildOptions(output=options.outdir / f"{name}.pdf", impose=options.impose,
                                            cache=options.cache))
    except ZineError as error:
        return Outcome(name, source, FAILED, time.perf_counter() - started, message=error.format_message())
    except Exception as error:  # noqa: BLE001 - one broken project must not stop the others
        return Outcome(name, source, FAILED, time.perf_counter() - started,
                       message=f"internal error: {type(error).__name__}: {error}")
    return Outcome(name, source, UP_TO_DATE if result.up_to_date else BUILT, time.perf_counter() - started,
                   pages=result.pages, sheets=result.sheets, warnings=tuple(result.warnings))


def summary_table(outcomes: list[Outcome]) -> str:
    """A plain-text table: project, pages, sheets, seconds, result."""
    header = ("project", "pages", "sheets", "seconds", "result")
    rows = [header] + [(o.project, _number(o.pages), _number(o.sheets), f"{o.seconds:.1f}",
                        o.result if not o.failed else f"FAILED: {o.message}") for o in outcomes]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [row[c].rjust(widths[c]) for c in range(1, 4)] + [row[4]]
        lines.append("  ".join(cells))
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * len(header[4]))
    return "\n".join(lines)


def _number(value: int | None) -> str:
    return "-" if value is None else str(value)


def _make_outdir(outdir: Path) -> None:
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot make the output folder: {error.strerror}", outdir) from error

