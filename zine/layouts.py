"""Layouts: folders of templates, CSS and a ``layout.toml``, found and inherited.

Search order for a name: the project's ``layouts/`` folder, the built-ins, then
layouts installed by other packages through the ``zine.layouts`` entry point
group. ``extends = "name"`` in layout.toml inherits everything not overridden;
a template can reach its parent's version of itself as ``!parent-name/file``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

from .errors import LayoutError
from .resources import assets_folder, builtin_layouts_folder

MANIFEST = "layout.toml"
ENTRY_POINT_GROUP = "zine.layouts"
DEFAULTS = {
    "description": "", "page": "a5", "sheet": "a4", "scheme": "saddle",
    "template": "zine.html", "fonts": [], "css": [],
}


@dataclass
class Layout:
    """A resolved layout with its ancestors (child first)."""

    name: str
    folder: Path
    origin: str
    manifest: dict
    parent: "Layout | None" = None
    options: dict = field(default_factory=dict)

    @property
    def chain(self) -> list["Layout"]:
        """This layout, then its parent, grandparent ..."""
        return [self] + (self.parent.chain if self.parent else [])

    def setting(self, key: str):
        """A manifest setting, inherited from the nearest ancestor that sets it."""
        for layout in self.chain:
            if key in layout.manifest:
                return layout.manifest[key]
        return DEFAULTS.get(key)

    @property
    def stylesheets(self) -> list[Path]:
        """CSS files, ancestors' first so a child's rules win."""
        sheets: list[Path] = []
        for layout in reversed(self.chain):
            for name in layout.manifest.get("css", []):
                sheets.append(_css_path(layout, name))
        return sheets

    @property
    def fonts(self) -> list[str]:
        families: list[str] = []
        for layout in reversed(self.chain):
            families += [f for f in layout.manifest.get("fonts", []) if f not in families]
        return families

    @property
    def folders(self) -> list[Path]:
        """Every folder the renderer may read from for this layout."""
        return [layout.folder for layout in self.chain] + [assets_folder()]

    def default_options(self) -> dict:
        merged: dict = {}
        for layout in reversed(self.chain):
            merged.update(layout.manifest.get("options", {}))
        return merged


def _css_path(layout: Layout, name: str) -> Path:
    if name.startswith("assets/"):
        return assets_folder() / name.removeprefix("assets/")
    path = layout.folder / name
    if not path.is_file():
        raise LayoutError(f"stylesheet {name!r} not found", layout.folder / MANIFEST)
    return path


def load_layout(name_or_path: str, project_root: Path | None = None, _seen: tuple = ()) -> Layout:
    """Find a layout by folder path or name and resolve its ``extends`` chain."""
    folder, origin = find_layout(name_or_path, project_root)
    manifest = _read_manifest(folder)
    name = str(manifest.get("name") or folder.name)
    if name in _seen:
        raise LayoutError(f"layout {name!r} extends itself (via {' -> '.join(_seen)})", folder / MANIFEST)
    parent = None
    if manifest.get("extends"):
        parent = load_layout(str(manifest["extends"]), project_root, _seen + (name,))
    return Layout(name=name, folder=folder, origin=origin, manifest=manifest, parent=parent)


def find_layout(name_or_path: str, project_root: Path | None = None) -> tuple[Path, str]:
    """The folder of a layout, and where it was found."""
    candidates = available_layouts(project_root)
    if "/" in name_or_path or "\\" in name_or_path or name_or_path.startswith("."):
        path = Path(name_or_path)
        if project_root and not path.is_absolute() and not path.exists():
            path = project_root / path
        if (path / MANIFEST).is_file():
            return path, "path"
        raise LayoutError(f"no {MANIFEST} in layout folder {name_or_path!r}")
    for name, folder, origin in candidates:
        if name == name_or_path:
            return folder, origin
    raise LayoutError(_unknown_layout_message(name_or_path, candidates, project_root))


def _unknown_layout_message(name: str, candidates, project_root: Path | None) -> str:
    names = ", ".join(sorted({c[0] for c in candidates})) or "(none)"
    places = ["built-in layouts", f"entry point group {ENTRY_POINT_GROUP!r}"]
    if project_root is not None:
        places.insert(0, f"{project_root / 'layouts'}")
    return f"unknown layout {name!r}; available: {names} (looked in {', '.join(places)})"


def available_layouts(project_root: Path | None = None) -> list[tuple[str, Path, str]]:
    """(name, folder, origin) for every layout that can be used, in search order."""
    found = []
    if project_root is not None:
        found += _layouts_in(project_root / "layouts", "project")
    found += _layouts_in(builtin_layouts_folder(), "built-in")
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        folder = _entry_point_folder(entry)
        if folder is not None:
            found.append((entry.name, folder, f"package {entry.value.split(':')[0]}"))
    return found


def _layouts_in(folder: Path, origin: str) -> list[tuple[str, Path, str]]:
    if not folder.is_dir():
        return []
    return [(sub.name, sub, origin) for sub in sorted(folder.iterdir()) if (sub / MANIFEST).is_file()]


def _entry_point_folder(entry) -> Path | None:
    # The entry point names a module (its folder is the layout) or an object
    # that is a path to the layout folder.
    try:
        target = entry.load()
    except Exception:  # noqa: BLE001 - a broken plugin must not break the tool
        return None
    if isinstance(target, (str, Path)):
        return Path(target)
    paths = getattr(target, "__path__", None)
    return Path(next(iter(paths))) if paths else None


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"cannot read: {exc}", path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(f"malformed TOML: {exc}", path) from exc
    return data


def resolve_options(layout: Layout, overrides: dict, where: Path | None = None) -> dict:
    """The layout's option defaults with the project's overrides, each validated."""
    options = layout.default_options()
    choices = _merged_table(layout, "choices")
    for key, value in overrides.items():
        if key not in options:
            valid = ", ".join(sorted(options)) or "(this layout has no options)"
            raise LayoutError(f"layout {layout.name!r} has no option {key!r}; its options: {valid}", where)
        allowed = choices.get(key)
        if allowed is not None and value not in allowed:
            listed = ", ".join(map(repr, allowed))
            raise LayoutError(f"option {key!r} must be one of {listed}, not {value!r}", where)
        if not _same_type(value, options[key]):
            kind = type(options[key]).__name__
            raise LayoutError(f"option {key!r} must be {_KINDS.get(kind, kind)}, not {value!r}", where)
        options[key] = value
    return options


_KINDS = {"bool": "true or false", "int": "a whole number", "float": "a number", "str": "text"}


def _same_type(value, default) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _merged_table(layout: Layout, key: str) -> dict:
    merged: dict = {}
    for ancestor in reversed(layout.chain):
        merged.update(ancestor.manifest.get(key, {}))
    return merged
