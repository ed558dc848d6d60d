"""Where the built-in layouts and shared assets live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the zine package folder


def _data_folder(name: str) -> Path:
    # A wheel maps the top-level folders into the package's data folder (kept apart
    # from the code packages); a source checkout (or an editable install) keeps them beside it.
    inside = _PACKAGE / "data" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def builtin_layouts_folder() -> Path:
    """The folder holding one sub-folder per built-in layout."""
    return _data_folder("layouts")


def assets_folder() -> Path:
    """Fonts setup, CSS and images shared by several layouts."""
    return _data_folder("assets")
