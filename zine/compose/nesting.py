"""Text nested deeper than a zine can print stops with an error naming the file and line.

Python-Markdown and the renderer both recurse once per level of nesting: a list
nested a thousand deep (or five thousand ``<div>``s) would run Python out of stack
after minutes of work. Lists are looked at before Markdown runs, the finished HTML
before it is typeset.
"""

from __future__ import annotations

import re
from pathlib import Path

from zine.core.errors import InputError

MAX_DEPTH = 100  # HTML elements inside one another in an article or a comment (the renderer copes with ~150)
MAX_LIST_DEPTH = 40  # Markdown list levels (each makes two elements); quotes are flattened past 40 already
_LIST_ITEM = re.compile(r"( *)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def check_list_nesting(text: str, path: Path, what: str, first_line: int | None = None) -> None:
    """Refuse a Markdown list item indented past ``MAX_LIST_DEPTH`` levels (four columns each).

    With ``first_line`` (the line the text starts on) the error names the item's own line."""
    for number, line in enumerate(text.split("\n")):
        match = _LIST_ITEM.match(line.expandtabs(4))
        if match and len(match.group(1)) >= 4 * MAX_LIST_DEPTH:
            raise InputError(f"{what} has a list nested more than {MAX_LIST_DEPTH} levels deep (a line indented "
                             f"{len(match.group(1))} spaces); a zine prints at most {MAX_LIST_DEPTH}",
                             path, first_line + number if first_line else None)


def check_html_nesting(html: str, path: Path, what: str, line: int | None = None) -> None:
    """Refuse HTML with elements nested more than ``MAX_DEPTH`` deep."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in VOID or self_closing:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise InputError(f"{what} is nested too deeply: more than {MAX_DEPTH} HTML elements, lists or "
                             f"quotes inside one another; a zine prints at most {MAX_DEPTH}", path, line)
