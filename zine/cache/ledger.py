"""Which files inside a project zine wrote itself: the only project files a build may replace.

Kept in ``.zine-cache/outputs.json`` as paths relative to the project, written even
when the cache is off (it records ownership, not work to skip). A missing or damaged
ledger only means that an old output inside the project must be deleted by hand once.

A ledger in a folder someone sent could claim the user's own files as outputs, to
have a build replace them: it is sealed with the user's key (``zine.core.seal``),
one that does not match is no ledger, and a name that leaves the project or passes
through a symbolic link is not ours.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from zine.cache.store import ignore_in_git
from zine.core.files import link_within, replace_file
from zine.core.seal import sealed_json, unsealed_json

LEDGER = Path(".zine-cache") / "outputs.json"


class OutputLedger:
    """The outputs zine wrote inside one project folder."""

    def __init__(self, root: Path):
        self.root = Path(os.path.realpath(root))
        self.path = self.root / LEDGER

    def owned(self) -> list[Path]:
        """Files inside the project that an earlier build or preview wrote."""
        if link_within(self.root, self.path) is not None:
            return []
        try:
            found = unsealed_json(self.path.read_bytes())
        except OSError:
            return []
        names = found.get("outputs") if isinstance(found, dict) else None
        if not isinstance(names, list):
            return []
        paths = [self.root / name for name in names if isinstance(name, str) and name and "\0" not in name]
        return [p for p in paths if _inside(p, self.root) and link_within(self.root, p) is None]

    def add(self, written: Iterable[Path]) -> None:
        """Remember ``written`` (those inside the project) as ours."""
        inside = {Path(os.path.realpath(p)) for p in written}
        names = {p.relative_to(self.root).as_posix() for p in inside if p.is_relative_to(self.root)}
        if not names:
            return
        names |= {p.relative_to(self.root).as_posix() for p in self.owned()}
        if link_within(self.root, self.path) is not None:
            return  # never written through a planted link
        try:
            ignore_in_git(self.path.parent)
            replace_file(self.path, sealed_json({"outputs": sorted(names)}))
        except OSError:
            pass  # then the next build asks the user to delete an old output by hand


def _inside(path: Path, root: Path) -> bool:
    return Path(os.path.normpath(path)).is_relative_to(root)
