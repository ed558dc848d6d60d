"""``zine batch``: build several projects in one run.

Python and WeasyPrint start once for the whole run: the projects are built
one after another in this process, or by a pool of worker processes
(``jobs`` > 1) that each import WeasyPrint once. A project that fails is
reported and the others go on. Each project's cache makes unchanged projects
cost almost nothing.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from zine.core.errors import InputError, ZineError

BUILT, UP_TO_DATE, FAILED = "built", "up to date", "failed"


@dataclass
class BatchOptions:
    """How to build every project of a batch."""

    outdir: Path = Path(".")
    jobs: int = 1  # projects built at once (each in its own process when > 1)
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
    """Each project's output name (its folder's name); two projects may not share one."""
    owners: dict[str, Path] = {}
    for source in distinct(sources):
        name = source.resolve().name
        if name in owners:
            raise InputError(f"two projects are both called {name!r} ({owners[name]} and {source}): "
                             "their PDFs would overwrite each other; rename one folder", source)
        owners[name] = source
    return {source: name for name, source in owners.items()}


def run_batch(sources: list[Path], options: BatchOptions) -> Iterator[Outcome]:
    """Build each project, yielding its outcome as soon as it is done (in the order they finish)."""
    names = output_names(sources)
    _make_outdir(options.outdir)
    jobs = [(source, name, options) for source, name in names.items()]
    if options.jobs <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield build_one(*job)
        return
    context = multiprocessing.get_context()
    # Workers import WeasyPrint on their first real build, once each (an up-to-date
    # project never needs it).
    with context.Pool(min(options.jobs, len(jobs))) as pool:
        yield from pool.imap_unordered(_build_job, jobs)


def batch(sources: list[Path], options: BatchOptions | None = None,
          on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Build every project; the outcomes come back in the order the projects were given."""
    outcomes = {}
    for outcome in run_batch(sources, options or BatchOptions()):
        outcomes[outcome.source] = outcome
        if on_done:
            on_done(outcome)
    return [outcomes[source] for source in distinct(sources)]


def build_one(source: Path, name: str, options: BatchOptions) -> Outcome:
    """Build one project into ``OUTDIR/<name>.pdf`` (and ``-print.pdf``); never raises a ZineError."""
    from zine.build.pipeline import BuildOptions, build

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


def _build_job(job: tuple) -> Outcome:
    return build_one(*job)
