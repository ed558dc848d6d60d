"""Option values shared by several commands, as plain data: listing them imports no engine.

``zine --help`` loads every command module for its one-line help, so these lists
are written out here rather than imported from ``zine.impose`` (whose package
loads the placement engine and every scheme). tests/cli/test_cli.py holds them
against the engine's own lists.  The schemes can come from other packages, so
their list and help are asked of ``zine.impose.schemes`` only when shown or parsed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click

from zine.core.paper import SHEETS as PAPER

SHEETS = list(PAPER)  # the paper sizes imposition knows
DUPLEX = ["short", "long", "manual"]
BLANKS = ["before-back", "end"]
MARKS = ["crop", "fold", "cut"]


class SchemeChoice(click.Choice):
    """The imposition schemes, built in or from a package, looked up when first needed."""

    def __init__(self):
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        from zine.impose import scheme_names

        return scheme_names()

    @choices.setter
    def choices(self, value) -> None:  # click sets it in __init__; the schemes say what it is
        pass

    def convert(self, value, param, ctx):
        if value not in self.choices:
            from zine.impose import scheme_problems

            for problem in scheme_problems():  # a broken plugin is why the name is missing
                click.echo(f"Warning: {problem}", err=True)
        return super().convert(value, param, ctx)


class LazyHelpOption(click.Option):
    """An option whose help text is written when shown: ``lazy_help`` may load the engine."""

    def __init__(self, *args, lazy_help: Callable[[], str], **kwargs):
        self._lazy_help = lazy_help
        super().__init__(*args, **kwargs)

    @property
    def help(self) -> str:
        return self._lazy_help()

    @help.setter
    def help(self, value) -> None:  # click sets it in __init__; lazy_help says what it is
        pass


def scheme_help() -> str:
    """Each scheme's name and help words."""
    from zine.impose import describe_schemes

    return describe_schemes()


def signature_help() -> str:
    """--signature, for the schemes that fold in groups."""
    from zine.impose import names_with

    return f"{', '.join(names_with('signatures')).capitalize()} only: fold groups of this many sheets separately."


class OutputFile(click.Path):
    """A file to write: not empty, not a folder (existing, or written with a trailing slash),
    and named for what it holds (``suffix``), so a PDF is never written as ``notes.txt``."""

    def __init__(self, suffix: str = ".pdf"):
        super().__init__(path_type=Path, dir_okay=False)
        self.suffix = suffix

    def convert(self, value, param, ctx):
        text = os.fspath(value) if isinstance(value, (str, os.PathLike)) else str(value)
        if not text.strip():
            self.fail("give a file name (it is empty)", param, ctx)
        if text.endswith(("/", os.sep)):
            self.fail(f"{text!r} names a folder; give a file name", param, ctx)
        if Path(text).suffix.lower() != self.suffix and not _is_device(text):
            self.fail(f"{text!r} would hold a {self.suffix[1:].upper()} file: give a name ending in "
                      f"{self.suffix}", param, ctx)
        return super().convert(value, param, ctx)


def _is_device(text: str) -> bool:
    # A pipe or terminal (-o /dev/stdout) has no suffix to check.
    return text.startswith("/dev/")


def project_source(command):
    """The SOURCE argument of a command that reads a project: the current folder when left out
    and the folder holds one (a zine.toml or Markdown articles)."""
    return click.argument("source", type=click.Path(path_type=Path), required=False,
                          callback=_current_project)(command)


def _current_project(ctx, param, value: Path | None) -> Path:
    if value is not None:
        return value
    here = Path(".")
    if (here / "zine.toml").is_file() or any(here.glob("*.md")):
        return here
    raise click.UsageError("give SOURCE (a project folder, zine.toml or article.md): this folder "
                           "holds no zine.toml and no Markdown article", ctx)


class OutputFolder(click.Path):
    """A folder to write into: not an empty name."""

    def __init__(self):
        super().__init__(path_type=Path, file_okay=False)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("give a folder name (it is empty)", param, ctx)
        return super().convert(value, param, ctx)


class PickList(click.ParamType):
    """Comments to print, comma-separated: ids (``2.1``), whole threads (``2.*``), ``top:5``,
    and ``-2.2`` to leave one comment (and its replies) out of the others."""

    name = "IDS"

    def convert(self, value, param, ctx) -> list[str]:
        if isinstance(value, list):
            return value
        entries = [part.strip() for part in str(value).split(",") if part.strip()]
        if not entries:
            self.fail("give comment ids, whole threads ('2.*') or 'top:N', separated by commas", param, ctx)
        return entries


class Creep(click.ParamType):
    """Millimetres of creep, or ``auto`` to work them out from the sheets and --paper-mm."""

    name = "MM|auto"

    def convert(self, value, param, ctx) -> float | str:
        if isinstance(value, float) or value == "auto":
            return value
        try:
            number = float(value)
        except ValueError:
            self.fail(f"{value!r} is neither a number of millimetres nor 'auto'", param, ctx)
        if not number >= 0:
            self.fail(f"{value!r} must be 0 or more millimetres", param, ctx)
        return number


def creep_options(creep: float | str | None) -> dict:
    """ImposeOptions fields for a --creep value."""
    if creep == "auto":
        return {"creep_mm": 0.0, "creep_auto": True}
    return {"creep_mm": float(creep or 0.0)}
