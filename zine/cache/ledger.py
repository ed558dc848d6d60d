"""Which files inside a project zine wrote itself: the only project files a build may replace.

Kept in ``.zine-cache/outputs.json`` as paths relative to the project, written even
when the cache is off (it records ownership, not work to skip). A missing or damaged
ledger only means that an old output inside the project must be deleted by hand once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from zine.cache.store import ignore_in_git
from zine.core.files import replace_file

LEDGER = Path(".zine-cache") / "outputs.json"


class OutputLedger:
    """The outputs zine wrote inside one project folder."""

    def __init__(self, root: Path):
        self.root = Path(os.path.realpath(root))
        self.path = self.root / LEDGER

    def owned(self) -> list[Path]:
        """Files inside the project that an earlier build or preview wrote."""
        try:
            names = json.loads(self.path.read_text("utf-8")).get("outputs", [])
        except (OSError, ValueError, AttributeError):
            return []
        return [self.root / name for name in names if isinstance(name, str)]

    def add(self, written: Iterable[Path]) -> None:
        """Remember ``written`` (those inside the project) as ours."""
        inside = {Path(os.path.realpath(p)) for p in written}
        names = {p.relative_to(self.root).as_posix() for p in inside if p.is_relative_to(self.root)}
        if not names:
            return
        names |= {p.relative_to(self.root).as_posix() for p in self.owned()}
        try:
            ignore_in_git(self.path.parent)
            replace_file(self.path, json.dumps({"outputs": sorted(names)}, indent=1).encode())
        except OSError:
            pass  # then the next build asks the user to delete an old output by hand
