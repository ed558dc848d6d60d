"""Layouts: folders of templates, CSS and a ``layout.toml``, found and inherited.

Search order for a name: the project's ``layouts/`` folder, the built-ins, then
layouts installed by other packages through the ``zine.layouts`` entry point
group. ``extends = "name"`` in layout.toml inherits everything not overridden;
a template can reach its parent's version of itself as ``!parent-name/file``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from zine.core.errors import LayoutError
from zine.core.mistakes import did_you_mean, line_setting
from zine.core.paper import MM, PAPER_MM
from zine.core.resources import assets_folder, builtin_layouts_folder
from zine.core.files import refuse_larger
from zine.core.limits import LAYOUT_FILE_BYTES
from zine.core.sandbox import is_inside

MANIFEST = "layout.toml"
ENTRY_POINT_GROUP = "zine.layouts"
DEFAULTS = {
    "description": "", "page": "a5", "sheet": "a4", "scheme": "saddle",
    "template": "zine.html", "fonts": [], "css": [], "max_pages": None, "fixed_tail": 1,
    "fill_pages": [],
}
UNITS = {"mm": MM, "cm": 10 * MM, "in": 72.0, "pt": 1.0}
PANEL = "panel"  # page = "panel": one panel of the sheet, as the imposition scheme divides it
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)\s*$", re.I)


@dataclass
class Layout:
    """A resolved layout with its ancestors (child first)."""

    name: str
    folder: Path
    origin: str
    manifest: dict
    parent: "Layout | None" = None

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

    @property
    def template_folders(self) -> list[Path]:
        """Where templates are looked for: the layout, its ancestors, then the shared partials."""
        return [layout.folder for layout in self.chain] + [assets_folder() / "templates"]

    def default_options(self) -> dict:
        merged: dict = {}
        for layout in reversed(self.chain):
            merged.update(layout.manifest.get("options", {}))
        return merged


def _css_path(layout: Layout, name: str) -> Path:
    # WeasyPrint reads stylesheets itself, past the renderer's file sandbox: each must be
    # inside its own folder once links and '..' are resolved, as project files must.
    if name.startswith("assets/"):
        folder, relative = assets_folder(), name.removeprefix("assets/")
    else:
        folder, relative = layout.folder, name
    path = folder / relative
    if not is_inside(path, [folder]):
        raise LayoutError(f"stylesheet {name!r} is outside the layout's folder; "
                          "layout files must be inside their folder", layout.folder / MANIFEST)
    if not path.is_file():
        raise LayoutError(f"stylesheet {name!r} not found", layout.folder / MANIFEST)
    refuse_larger(path, LAYOUT_FILE_BYTES)
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
            if folder is None:  # a package offers it, but its entry point does not give a layout
                raise LayoutError(f"layout {name!r} from {origin}")
            return folder, origin
    raise LayoutError(_unknown_layout_message(name_or_path, candidates, project_root))


def _unknown_layout_message(name: str, candidates, project_root: Path | None) -> str:
    names = ", ".join(sorted({c[0] for c in candidates})) or "(none)"
    places = ["built-in layouts", f"entry point group {ENTRY_POINT_GROUP!r}"]
    if project_root is not None:
        places.insert(0, f"{project_root.resolve() / 'layouts'}")
    hint = did_you_mean(name, [c[0] for c in candidates])
    return f"unknown layout {name!r}{hint}; available: {names} (looked in {', '.join(places)})"


def available_layouts(project_root: Path | None = None) -> list[tuple[str, Path | None, str]]:
    """(name, folder, origin) for every layout that can be used, in search order.

    A package's layout that cannot be used is listed too, with no folder and an origin
    that says why (``package x (broken: ...)``): ``zine layouts`` shows it, and asking
    for it is an error naming the package, never a silent "unknown layout".
    """
    found: list[tuple[str, Path | None, str]] = []
    if project_root is not None:
        found += _layouts_in(project_root / "layouts", "project")
    found += _layouts_in(builtin_layouts_folder(), "built-in")
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        package = f"package {entry.value.split(':')[0]}"
        folder, problem = _entry_point_folder(entry)
        found.append((entry.name, folder, f"{package} (broken: {problem})" if problem else package))
    return found


def _layouts_in(folder: Path, origin: str) -> list[tuple[str, Path, str]]:
    if not folder.is_dir():
        return []
    return [(sub.name, sub, origin) for sub in sorted(folder.iterdir()) if (sub / MANIFEST).is_file()]


def _entry_point_folder(entry) -> tuple[Path | None, str]:
    """The layout folder an entry point names (a package, whose folder is the layout, or a
    path), or None and why not."""
    try:
        target = entry.load()
    except Exception as exc:  # noqa: BLE001 - a broken plugin breaks only itself, and says so
        return None, f"it does not load: {type(exc).__name__}: {exc}"
    if isinstance(target, (str, Path)):
        folder = Path(target)
    else:
        paths = getattr(target, "__path__", None)
        if not paths:
            return None, f"{entry.value} is neither a package nor a folder path"
        folder = Path(next(iter(paths)))
    if not (folder / MANIFEST).is_file():
        return None, f"no {MANIFEST} in {folder}"
    return folder, ""


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not is_inside(path, [folder]):
        raise LayoutError("leads outside the layout's folder (a link?); layout files must be inside it", path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"cannot read: {exc}", path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(f"malformed TOML: {exc}", path) from exc
    _check_manifest_types(data, path)
    return data


_MANIFEST_TYPES = {"max_pages": int, "fixed_tail": int, "css": list, "fonts": list, "fill_pages": list,
                   "options": dict, "choices": dict}


def _check_manifest_types(data: dict, path: Path) -> None:
    """A layout.toml value of the wrong kind is named here, not met later as a crash."""
    for key, kind in _MANIFEST_TYPES.items():
        if key in data and (not isinstance(data[key], kind) or isinstance(data[key], bool)):
            raise LayoutError(f"'{key}' must be {_KIND_NAMES[kind]}, not {data[key]!r}", path)
    for name, values in data.get("choices", {}).items():
        if not isinstance(values, list):
            raise LayoutError(f"choices for '{name}' must be a list, not {values!r}", path)


_KIND_NAMES = {int: "a whole number", list: "a list", dict: "a table"}


def resolve_options(layout: Layout, overrides: dict, where: Path | None = None) -> dict:
    """The layout's option defaults with the project's overrides, each validated."""
    options = layout.default_options()
    choices = _merged_table(layout, "choices")
    for key, value in overrides.items():
        line = line_setting(where, key) if where else None
        if key not in options:
            valid = ", ".join(sorted(options)) or "(this layout has no options)"
            hint = did_you_mean(key, options)
            raise LayoutError(f"layout {layout.name!r} has no option {key!r}{hint}; its options: {valid}",
                              where, line)
        allowed = choices.get(key)
        if allowed is not None and value not in allowed:
            listed = ", ".join(map(repr, allowed))
            raise LayoutError(f"option {key!r} must be one of {listed}, not {value!r}", where, line)
        # A number among the choices is right whatever its type (9.5 where the default is 10).
        if not (allowed is not None and _numbers(value, options[key])) and not _same_type(value, options[key]):
            kind = type(options[key]).__name__
            raise LayoutError(f"option {key!r} must be {_KINDS.get(kind, kind)}, not {value!r}", where, line)
        options[key] = value
    return options


_KINDS = {"bool": "true or false", "int": "a whole number", "float": "a number", "str": "text"}


def _numbers(*values) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _same_type(value, default) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def option_choices(layout: Layout) -> dict:
    """Option name -> its allowed values, from ``[choices]`` along the chain."""
    return _merged_table(layout, "choices")


def _merged_table(layout: Layout, key: str) -> dict:
    merged: dict = {}
    for ancestor in reversed(layout.chain):
        merged.update(ancestor.manifest.get(key, {}))
    return merged


def page_size(layout: Layout, sheet: str | None = None) -> tuple[float, float]:
    """The page size in points: a name, ``"W x H mm"``, or ``"panel"`` of the sheet."""
    spec = str(layout.setting("page")).strip()
    where = _manifest_path(layout, "page")
    if spec.lower() == PANEL:
        return _panel_size(layout, sheet or layout.setting("sheet"), where)
    if spec.lower() in PAPER_MM:
        width, height = PAPER_MM[spec.lower()]
        return width * MM, height * MM
    match = _SIZE.match(spec)
    if not match:
        names = ", ".join(PAPER_MM)
        raise LayoutError(f"page {spec!r} is not a page size: use one of {names}, "
                          f"'{PANEL}', or a size such as \"120 x 170 mm\"", where)
    unit = UNITS[match.group(3).lower()]
    return float(match.group(1)) * unit, float(match.group(2)) * unit


def _panel_size(layout: Layout, sheet: str, where: Path) -> tuple[float, float]:
    from zine.core.paper import SHEETS, sheet_size
    from zine.impose import SCHEMES

    scheme = SCHEMES.get(layout.setting("scheme"))
    if scheme is None or sheet not in SHEETS:
        raise LayoutError(f"page 'panel' needs a known scheme and sheet, not "
                          f"{layout.setting('scheme')!r} on {sheet!r}", where)
    width, height = sheet_size(sheet, bool(scheme.landscape))
    # A hair under the panel, so float rounding never makes the page overhang its slot.
    return _floor(width / scheme.cols), _floor(height / scheme.rows)


def _floor(points: float) -> float:
    return int(points * 100) / 100


def _manifest_path(layout: Layout, key: str) -> Path:
    for item in layout.chain:
        if key in item.manifest:
            return item.folder / MANIFEST
    return layout.folder / MANIFEST


def layout_css(layout: Layout, options: dict, sheet: str | None = None) -> str:
    """CSS the layout's settings imply: the page size and custom properties.

    ``--page-width`` and ``--page-height`` (millimetres, unitless) and one property
    per option (``font_size = 10`` gives ``--font-size: 10``). It comes before the
    layout's stylesheets, so they can use ``calc(var(--font-size) * 1pt)`` and a
    child layout's CSS can still override anything.
    """
    width, height = page_size(layout, sheet)
    properties = [f"  --page-width: {width / MM:.2f}; --page-height: {height / MM:.2f};"]
    properties += [f"  --{key.replace('_', '-')}: {_css_value(value)};"
                   for key, value in options.items() if _css_value(value) is not None]
    return (f"@page {{ size: {_floor(width):.2f}pt {_floor(height):.2f}pt; }}\n"
            + ":root {\n" + "\n".join(properties) + "\n}\n")


_CSS_TOKEN = re.compile(r"^[\w.%#-]+$")


def _css_value(value) -> str | None:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    if isinstance(value, str) and _CSS_TOKEN.match(value):
        return value
    return None  # free text (a heading, say) belongs in templates, not CSS


def layout_context(layout: Layout, sheet: str | None = None) -> dict:
    """What templates may know about the layout and the paper."""
    sheet = sheet or layout.setting("sheet")
    width, height = page_size(layout, sheet)
    return {
        "name": layout.name,
        "page": layout.setting("page"),
        "page_mm": (round(width / MM, 2), round(height / MM, 2)),
        "sheet": sheet,
        "scheme": layout.setting("scheme"),
    }

