"""The layout catalogue for ``zine layouts``: list, describe and copy layouts.

Kept apart from ``zine.layout.resolve`` (finding and resolving a layout for a build),
since only the commands need it.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from zine.core.errors import LayoutError
from zine.layout.resolve import MANIFEST, Layout, available_layouts, load_layout

_OPTION_NOTE = re.compile(r"^\s*(\w+)\s*=.*?#\s*(.+)$")


def option_notes(layout: Layout) -> dict[str, str]:
    """Option name -> the comment written beside it in ``[options]`` (for ``layouts show``)."""
    notes: dict[str, str] = {}
    for item in reversed(layout.chain):
        section = None
        for line in (item.folder / MANIFEST).read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("["):
                section = line.strip()
            elif section == "[options]" and (match := _OPTION_NOTE.match(line)):
                notes[match.group(1)] = match.group(2).strip()
    return notes


@dataclass
class LayoutSummary:
    """One row of ``zine layouts``."""

    name: str
    description: str
    page: str
    sheet: str
    scheme: str
    origin: str
    folder: Path


def list_layouts(project_root: Path | None = None) -> list[LayoutSummary]:
    """Every usable layout once (the first found wins, as in a build), in search order."""
    rows, seen = [], set()
    for name, folder, origin in available_layouts(project_root):
        if name in seen:
            continue
        seen.add(name)
        if folder is None:  # a package's layout that does not load: its origin says why
            package, _, problem = origin.partition(" (broken: ")
            rows.append(LayoutSummary(name, f"(broken: {problem.removesuffix(')')})", "?", "?", "?", package, Path()))
            continue
        try:
            layout = load_layout(str(folder), project_root)
        except LayoutError as exc:
            rows.append(LayoutSummary(name, f"(broken: {exc.message})", "?", "?", "?", origin, folder))
            continue
        rows.append(LayoutSummary(name, str(layout.setting("description")), str(layout.setting("page")),
                                  str(layout.setting("sheet")), str(layout.setting("scheme")), origin, folder))
    return rows


_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)")
_EXTENDS_OR_INCLUDE = re.compile(r"""{%-?\s*(?:extends|include)\s+["']([^"']+)["']""")


def layout_blocks(layout: Layout) -> dict[str, list[str]]:
    """Template name -> the blocks it defines, for the layout's template and what it uses."""
    found: dict[str, list[str]] = {}
    pending = [str(layout.setting("template"))]
    while pending:
        name = pending.pop(0)
        path = template_path(layout, name)
        if name in found or path is None:
            continue
        source = path.read_text(encoding="utf-8")
        found[name] = list(dict.fromkeys(_BLOCK.findall(source)))
        pending += _EXTENDS_OR_INCLUDE.findall(source)
    return found


def template_path(layout: Layout, name: str) -> Path | None:
    """The file a template name resolves to (``!parent/`` names the parent's version)."""
    search = layout.template_folders
    if name.startswith("!") and "/" in name:
        prefix, name = name[1:].split("/", 1)
        ancestors = [item for item in layout.chain[1:] if item.name == prefix]
        search = ancestors[0].template_folders if ancestors else []
    return next((folder / name for folder in search if (folder / name).is_file()), None)


def copy_layout(name: str, target: Path, project_root: Path | None = None, extend: bool = False) -> Path:
    """Start a custom layout in ``target``: a full copy, or (``extend``) a child that inherits."""
    layout = load_layout(name, project_root)
    if target.exists() and any(target.iterdir()):
        raise LayoutError("the folder exists and is not empty; choose a new folder", target)
    target.mkdir(parents=True, exist_ok=True)
    if extend:
        (target / MANIFEST).write_text(_child_manifest(layout, target.name), encoding="utf-8")
        (target / "extra.css").write_text(
            f"/* Rules here apply after {layout.name}'s own. */\n", encoding="utf-8")
        return target
    shutil.copytree(layout.folder, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    manifest = (target / MANIFEST).read_text(encoding="utf-8")
    (target / MANIFEST).write_text(_renamed(manifest, target.name), encoding="utf-8")
    return target


def _child_manifest(parent: Layout, name: str) -> str:
    return (f'name = "{name}"\ndescription = "{parent.name}, with my changes"\n'
            f'extends = "{parent.name}"\ncss = ["extra.css"]\n')


def _renamed(manifest: str, name: str) -> str:
    line = f'name = "{name}"'
    renamed, count = re.subn(r'(?m)^name\s*=.*$', line, manifest, count=1)
    return renamed if count else f"{line}\n{manifest}"
