"""Where outputs may go: every path is checked before any file is written.

An output never replaces a file the build read, never lands on a folder, and inside
a guarded folder (the project, the layouts) replaces only a file zine wrote there
before (``owned``): pictures, notes and anything else of the user's stay untouched.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from zine.core.errors import OutputError


def check_targets(targets: Iterable[Path], protected: Iterable[Path] = (), guarded: Iterable[Path] = (),
                  owned: Iterable[Path] = ()) -> None:
    """Raise OutputError naming the first target that may not be written; write nothing."""
    inputs = {os.path.realpath(p) for p in protected}
    folders = [os.path.realpath(f) for f in guarded]
    ours = {os.path.realpath(p) for p in owned}
    seen: dict[str, Path] = {}
    for target in targets:
        real = os.path.realpath(target)
        if real in seen:
            raise OutputError(f"two outputs would go to the same file (also {seen[real]}); "
                              "choose different names", target)
        seen[real] = target
        if real in inputs:
            raise OutputError("refusing to write over an input file; choose another output name", target)
        _check_place(Path(target))
        if os.path.lexists(target) and real not in ours and _inside(real, folders):
            raise OutputError("refusing to replace a file of the project that zine did not write; "
                              "choose another output name (or delete the file if it is an old output)", target)


def _check_place(target: Path) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise OutputError("the output folder does not exist", folder)
    if target.is_symlink():
        # Writing replaces the file whole, so it would replace the link itself (/dev/stdout
        # included); following it could write anywhere a sent folder's link points.
        raise OutputError("is a symbolic link; give the name of a file (zine replaces files, "
                          "not links, and does not write to the terminal)", target)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", target) from exc
    if stat.S_ISDIR(mode):
        raise OutputError("is a folder, not a file: choose another output name", target)
    if not stat.S_ISREG(mode):
        raise OutputError("is not a regular file: choose another output name", target)


def _inside(real: str, folders: list[str]) -> bool:
    return any(Path(real).is_relative_to(folder) for folder in folders)
