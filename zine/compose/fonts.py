"""Fonts from PyPI font packages, so output never depends on what a machine has.

Each family maps to an installed package whose ``files/`` folder holds the
font files; @font-face rules are generated from the file names.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from zine.core.errors import LayoutError

FAMILIES = {
    "Source Serif Pro": "font_source_serif_pro",
    "Source Sans Pro": "font_source_sans_pro",
    "Caladea": "font_caladea",
    "Lato": "font_lato",
    "Anton": "fontpkg_anton",  # a condensed display face for poster covers
}

# Suffix of the file name -> (weight, style). Longest suffixes first.
_FACES = [
    ("ExtraLightIt", 200, "italic"), ("ExtraLight", 200, "normal"),
    ("SemiboldIt", 600, "italic"), ("Semibold", 600, "normal"),
    ("BoldItalic", 700, "italic"), ("BoldIt", 700, "italic"), ("Bold", 700, "normal"),
    ("BlackItalic", 900, "italic"), ("BlackIt", 900, "italic"), ("Black", 900, "normal"),
    ("LightItalic", 300, "italic"), ("LightIt", 300, "italic"), ("Light", 300, "normal"),
    ("Italic", 400, "italic"), ("It", 400, "italic"), ("Regular", 400, "normal"),
]


@dataclass(frozen=True)
class FontFace:
    """One font file of a family."""

    family: str
    path: Path
    weight: int
    style: str


def font_folder(family: str) -> Path:
    """The folder of font files of a known family."""
    package = FAMILIES.get(family)
    if package is None:
        known = ", ".join(FAMILIES)
        raise LayoutError(f"unknown font family {family!r}; available: {known}")
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LayoutError(f"font family {family!r} needs the Python package {package.replace('_', '-')}")
    return Path(next(iter(spec.submodule_search_locations))) / "files"


def font_faces(family: str) -> list[FontFace]:
    """Every weight and style of a family, TrueType preferred."""
    faces: dict[tuple[int, str], FontFace] = {}
    for path in sorted(font_folder(family).iterdir(), key=lambda p: (p.suffix != ".ttf", p.name)):
        if path.suffix not in (".ttf", ".otf"):
            continue
        face = _face_of(family, path)
        if face and (face.weight, face.style) not in faces:
            faces[(face.weight, face.style)] = face
    return sorted(faces.values(), key=lambda f: (f.weight, f.style))


def _face_of(family: str, path: Path) -> FontFace | None:
    suffix = path.stem.rsplit("-", 1)[-1]
    for name, weight, style in _FACES:
        if suffix == name:
            return FontFace(family, path, weight, style)
    return None


USED_WEIGHTS = (400, 600, 700)


def font_face_css(families: list[str]) -> str:
    """@font-face rules for the given families (the weights layouts use)."""
    rules = []
    for family in families:
        for face in font_faces(family):
            if face.weight not in USED_WEIGHTS:
                continue
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("{face.path.as_uri()}"); '
                f"font-weight: {face.weight}; font-style: {face.style}; }}"
            )
    return "\n".join(rules)


def font_roots(families: list[str]) -> list[Path]:
    """Folders the renderer may read font files from."""
    return [font_folder(family) for family in families]
