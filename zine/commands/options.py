"""Option values shared by several commands, as plain data: listing them imports no engine."""

from __future__ import annotations

import os
from pathlib import Path

import click

from zine.core.paper import SHEETS as PAPER
from zine.impose.options import DUPLEX as DUPLEX_MODES

SHEETS = list(PAPER)  # the paper sizes imposition knows
DUPLEX = list(DUPLEX_MODES)


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
