"""Option values shared by several commands, as plain data: listing them imports no engine.

``zine --help`` loads every command module for its one-line help, so these lists
are written out here rather than imported from ``zine.impose`` (whose package
loads the placement engine and every scheme). tests/test_cli.py holds them
against the engine's own lists.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from zine.core.paper import SHEETS as PAPER

SHEETS = list(PAPER)  # the paper sizes imposition knows
DUPLEX = ["short", "long", "manual"]
SCHEMES = ["saddle", "mini8", "quarter", "trifold"]
BLANKS = ["before-back", "end"]
MARKS = ["crop", "fold", "cut"]


class OutputFile(click.Path):
    """A file to write: not empty, not a folder (existing, or written with a trailing slash)."""

    def __init__(self):
        super().__init__(path_type=Path, dir_okay=False)

    def convert(self, value, param, ctx):
        text = os.fspath(value) if isinstance(value, (str, os.PathLike)) else str(value)
        if not text.strip():
            self.fail("give a file name (it is empty)", param, ctx)
        if text.endswith(("/", os.sep)):
            self.fail(f"{text!r} names a folder; give a file name", param, ctx)
        return super().convert(value, param, ctx)


class OutputFolder(click.Path):
    """A folder to write into: not an empty name."""

    def __init__(self):
        super().__init__(path_type=Path, file_okay=False)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("give a folder name (it is empty)", param, ctx)
        return super().convert(value, param, ctx)
