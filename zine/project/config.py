"""zine.toml as text: reading it with clear errors, and the one spelling of the layout setting.

The layout and its options are written ``layout = "NAME"`` with the options in a
``[layout_options]`` table; the two cannot collide in TOML. The older spelling, a
``[layout]`` table with ``name`` and ``[layout.options]``, still works, with a
hint. Mixing the two (``layout = "NAME"`` and then ``[layout.options]``) is a
TOML error, reported with both lines and the form to use.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from zine.core.errors import InputError

DEFAULT_LAYOUT = "a5-booklet"
NAME_LINE = re.compile(r"\s*layout\s*=\s*(\S.*?)\s*(#.*)?$")
TABLE_LINE = re.compile(r"\s*\[\s*layout\s*(\.\s*options\s*)?\]\s*(#.*)?$")
DOTTED_LINE = re.compile(r"\s*layout\s*\.\s*\w+")


def read_toml(text: str, config: Path) -> dict:
    """The settings in ``text``, or one InputError naming the line (and the clash, if it is one)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = toml_line(str(exc))
        clash = layout_clash(text, line)
        if clash:
            raise InputError(clash, config, line) from None
        raise InputError(f"malformed TOML: {exc}", config, line) from exc


def toml_line(message: str) -> int | None:
    """The line number in a tomllib message ('... (at line 4, column 16)')."""
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def layout_clash(text: str, line: int | None) -> str | None:
    """The message for ``layout = "NAME"`` followed by a [layout...] table, when that is the error."""
    lines = text.splitlines()
    if line is None or not 0 < line <= len(lines):
        return None
    here = lines[line - 1]
    if not (TABLE_LINE.match(here) or DOTTED_LINE.match(here)):
        return None
    named = next((n for n, text in enumerate(lines[:line - 1], 1) if NAME_LINE.match(text)), None)
    if named is None:
        return None
    value = NAME_LINE.match(lines[named - 1]).group(1)
    return (f"{here.strip()!s} cannot go with layout = {value} on line {named}: TOML holds one or the other; "
            f"keep layout = {value} and put the options in a [layout_options] table")


def layout_setting(data: dict, config: Path, text: str) -> tuple[str, dict, list[str]]:
    """The layout name, its options and any hint about how they are written."""
    layout, options, notes = data.get("layout", DEFAULT_LAYOUT), data.get("layout_options"), []
    if isinstance(layout, dict):  # the older spelling: [layout] name = ... and [layout.options]
        if options is not None and "options" in layout:
            raise InputError("the layout options are set twice, under [layout.options] and [layout_options]: "
                             "keep [layout_options]", config, _line_of(text, TABLE_LINE))
        name = layout.get("name", DEFAULT_LAYOUT)
        options = layout.get("options", options)
        notes.append(f"{config.name}:{_line_of(text, TABLE_LINE)}: [layout] with name = ... and [layout.options] "
                     f"is the older spelling: write layout = \"{name}\" and the options under [layout_options]")
        layout = name
    if not isinstance(layout, str) or not layout:
        raise InputError('\'layout\' must be a layout name or folder, e.g. layout = "a5-booklet"', config)
    if options is None:
        options = {}
    if not isinstance(options, dict):
        raise InputError("layout_options must be a table: [layout_options] with one option = value a line",
                         config, _line_of(text, re.compile(r"\s*layout_options\b")))
    return layout, dict(options), notes


def _line_of(text: str, pattern: re.Pattern) -> int | None:
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)), None)
