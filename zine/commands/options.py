"""Option values shared by several commands, as plain data: listing them imports no engine.

``zine --help`` loads every command module for its one-line help, so these lists
are written out here rather than imported from ``zine.impose`` (whose package
loads the placement engine and every scheme). tests/test_cli.py holds them
against the engine's own lists.
"""

from __future__ import annotations

from zine.core.paper import SHEETS as PAPER

SHEETS = list(PAPER)  # the paper sizes imposition knows
DUPLEX = ["short", "long", "manual"]
SCHEMES = ["saddle", "mini8", "quarter", "trifold"]
BLANKS = ["before-back", "end"]
MARKS = ["crop", "fold", "cut"]
