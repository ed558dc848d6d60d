"""``zine watch``: build on every save, in the terminal, printing what ``zine build`` prints.

Saves in a burst (an editor writing a file and its backup, a folder copied in) are one
rebuild: watchfiles gathers changes until none has come for ``STEP_MS``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from zine.core.errors import ZineError

STEP_MS = 50  # saves closer together than this are one burst, and one rebuild
WAKE_MS = 1000
IGNORED_DIRS = (".zine-cache",)  # the build cache: written by every build
TEMPORARY = r"^\..+\.tmp$"  # outputs being written (zine.core.files)


def saves_filter(outputs: Callable[[], set[str]] = set):
    """A watchfiles filter for the saves a build should follow: not the cache, not temporary
    files, not editors' swap files, not the outputs the build itself writes."""
    from watchfiles import DefaultFilter

    class Saves(DefaultFilter):
        def __call__(self, change, path: str) -> bool:
            return super().__call__(change, path) and os.path.realpath(path) not in outputs()

    return Saves(ignore_dirs=(*DefaultFilter.ignore_dirs, *IGNORED_DIRS),
                 ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns, TEMPORARY))


def watch(source: Path, output: Path | None, report: Callable, fail: Callable[[str], None],
          stop=None) -> None:
    """Build ``source`` now and after every burst of saves; ``report(result)`` after each build,
    ``fail(line)`` with the line the command line prints when one fails. Runs until interrupted."""
    from watchfiles import watch as changes

    from zine.pipeline import BuildOptions
    from zine.pipeline.build import build

    root = source if source.is_dir() else source.parent
    written: set[str] = set()

    def once() -> None:
        try:
            result = build(source, BuildOptions(output=output))
        except ZineError as exc:
            fail(f"Error: {exc.format_message()}")
            return
        written.clear()
        written.update(os.path.realpath(p) for p in [result.reading_pdf, *result.print_pdfs])
        report(result)

    # Watching starts before the first build, so a save made while it runs is not missed;
    # the watcher then says "nothing yet" every WAKE_MS, which is passed over.
    first = True
    for changed in changes(root, watch_filter=saves_filter(lambda: written), step=STEP_MS, stop_event=stop,
                           rust_timeout=WAKE_MS, yield_on_timeout=True):
        if changed or first:
            first = False
            once()
