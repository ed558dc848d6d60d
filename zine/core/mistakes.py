"""Pointing at a mistake: the line of a file that sets a key, and "did you mean" for a name
that is close to one that exists."""

from __future__ import annotations

import difflib
import re
from pathlib import Path


def line_setting(path: Path, key: str, value: str | None = None) -> int | None:
    """The 1-based line of ``path`` where ``key`` is set (to ``value``, when given), in TOML
    (``key = "value"``) or YAML (``key: value``) alike; None when no line says so."""
    try:
        lines = path.read_text("utf-8", errors="replace").split("\n")
    except OSError:
        return None
    pattern = re.compile(rf"^\s*-?\s*{re.escape(key)}\s*[:=]\s*(.*)$")
    for number, line in enumerate(lines, start=1):
        found = pattern.match(line)
        if found and (value is None or value in found.group(1)):
            return number
    return None


def did_you_mean(name: str, candidates) -> str:
    """' (did you mean "x"?)' for the candidate closest to ``name``, or '' when none is close."""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.75)
    return f' (did you mean "{close[0]}"?)' if close else ""


def files_beside(path: Path, suffixes: tuple[str, ...]) -> list[str]:
    """Names of the files in ``path``'s folder with one of ``suffixes``, for "did you mean"."""
    try:
        return [p.name for p in path.parent.iterdir() if p.suffix.lower() in suffixes and p.is_file()]
    except OSError:
        return []
