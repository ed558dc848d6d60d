"""Fonts from PyPI font packages, so output never depends on what a machine has.

A family is either one of the four the toolkit has always shipped (a
``font-*`` package whose ``files/`` folder holds the files, faces told apart
by file name) or any installed ``fontpkg-*`` package (Google Fonts faces with
a manifest, found through fontpkg's registry). @font-face rules are generated
for them; the renderer is told to know no other font (see ``fontconfig_xml``).

Characters none of these fonts has are not left to chance: ``covered`` says
which characters the zine's fonts can draw, so compose prints the others as
their names instead of a box.
"""

from __future__ import annotations

import importlib.util
import os
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote
from xml.sax.saxutils import escape

from zine.core.errors import LayoutError
from zine.core.sandbox import is_inside

FAMILIES = {
    "Source Serif Pro": "font_source_serif_pro",
    "Source Sans Pro": "font_source_sans_pro",
    "Caladea": "font_caladea",
    "Lato": "font_lato",
}
# Families every zine may fall back on, after its layout's own: Noto Sans draws
# Latin, Greek and Cyrillic in full (Lato and Caladea have no Greek or Cyrillic).
# The generic families CSS may name (code is set in ``monospace``) get a bundled font too.
GENERIC_FAMILIES = {"monospace": "IBM Plex Mono"}
FALLBACK_FAMILIES = ("Noto Sans", *GENERIC_FAMILIES.values())

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
    """One font file of a family; a variable font has every weight (``weight`` None)."""

    family: str
    path: Path
    weight: int | None
    style: str


def font_folder(family: str) -> Path:
    """The folder of font files of a known family."""
    return _family(family)[0]


def font_faces(family: str) -> list[FontFace]:
    """Every weight and style of a family, TrueType preferred."""
    return list(_family(family)[1])


@lru_cache(maxsize=None)
def _family(family: str) -> tuple[Path, tuple[FontFace, ...]]:
    package = FAMILIES.get(family)
    if package is None and family in script_families():
        return script_families()[family]
    if package is None:
        return _fontpkg_family(family)
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LayoutError(f"font family {family!r} needs the Python package {package.replace('_', '-')}")
    folder = Path(next(iter(spec.submodule_search_locations))) / "files"
    return folder, _named_faces(family, folder)


def _named_faces(family: str, folder: Path) -> tuple[FontFace, ...]:
    faces: dict[tuple[int, str], FontFace] = {}
    for path in sorted(folder.iterdir(), key=lambda p: (p.suffix != ".ttf", p.name)):
        if path.suffix not in (".ttf", ".otf"):
            continue
        face = _face_of(family, path)
        if face and (face.weight, face.style) not in faces:
            faces[(face.weight, face.style)] = face
    return tuple(sorted(faces.values(), key=lambda f: (f.weight, f.style)))


def _face_of(family: str, path: Path) -> FontFace | None:
    suffix = path.stem.rsplit("-", 1)[-1]
    for name, weight, style in _FACES:
        if suffix == name:
            return FontFace(family, path, weight, style)
    return None


def _fontpkg_family(family: str) -> tuple[Path, tuple[FontFace, ...]]:
    """A family from an installed ``fontpkg-*`` package (its manifest lists the files)."""
    import fontpkg

    try:
        found = _fontpkg_module_family(family) or fontpkg.family(family)
    except fontpkg.FamilyNotInstalled:
        known = ", ".join([*FAMILIES, *sorted(f.name for f in fontpkg.families().values())])
        raise LayoutError(f"unknown font family {family!r}; available: {known} (a font package "
                          f"from PyPI adds more: pip install fontpkg-{fontpkg.slugify(family)})") from None
    faces = [FontFace(found.name, Path(str(f.path)), None if f.variable else f.weight, f.style)
             for f in found.files if str(f.path).endswith((".ttf", ".otf"))]
    if not faces:
        raise LayoutError(f"font family {family!r} has no TrueType or OpenType file")
    faces.sort(key=lambda f: (f.weight or 0, f.style, f.path.name))
    return Path(str(faces[0].path)).parent, tuple(faces)


def _fontpkg_module_family(family: str):
    """The family from its package's manifest, found by module name (``fontpkg_noto_sans``):
    much quicker than fontpkg's registry, which imports every font package installed."""
    import json

    import fontpkg

    module = "fontpkg_" + fontpkg.slugify(family).replace("-", "_")
    if not module.isidentifier():  # 'x.y' would import a package 'fontpkg_x' first
        return None
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    manifest = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    return fontpkg.family_from_metadata(manifest, root) if manifest.get("family") == family else None


# Packages of unmodified Noto faces, one file a script (and Noto Emoji, monochrome): a zine
# takes from them the faces for the scripts its text is in (zine.compose.scripts).
# ``manimgx-fonts`` comes with zine; ``manimgx-fonts-cjk`` with the ``cjk`` extra.
SCRIPT_PACKAGES = ("manimgx_fonts", "manimgx_fonts_cjk")
_NOT_SCRIPTS = ("Noto Sans",)  # the package's Latin face: fontpkg-noto-sans has it already


@lru_cache(maxsize=1)
def script_families() -> dict[str, tuple[Path, tuple[FontFace, ...]]]:
    """Family name -> (folder, faces) of every face in the installed script packages
    (``NotoSansArabic[wght].ttf`` is "Noto Sans Arabic", every weight)."""
    found: dict[str, tuple[Path, tuple[FontFace, ...]]] = {}
    for package in SCRIPT_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(folder.iterdir()):
            stem = path.name.split("[")[0].split(".")[0]
            if path.suffix not in (".ttf", ".otf", ".ttc") or "-" in stem.replace("-VF", ""):
                continue
            family = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem.replace("-VF", ""))
            if family not in _NOT_SCRIPTS:
                found[family] = (folder, (FontFace(family, path, None, "normal"),))
    return found


USED_WEIGHTS = (400, 600, 700)


def font_face_css(families: list[str], replaced: dict[str, str] | None = None) -> str:
    """@font-face rules for the given families (the weights layouts use); a face whose file is
    in ``replaced`` is loaded from the URL given there instead."""
    replaced = replaced or {}
    rules = []
    for family in families:
        for face in font_faces(family):
            if face.weight is not None and face.weight not in USED_WEIGHTS:
                continue
            # A variable font states no weight: its named instances (Regular, Bold...) keep theirs.
            weight = f"font-weight: {face.weight}; " if face.weight is not None else ""
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("{replaced.get(str(face.path), face.path.as_uri())}"); '
                f"{weight}font-style: {face.style}; }}"
            )
    return "\n".join(rules)


def font_roots(families: list[str]) -> list[Path]:
    """Folders the renderer may read font files from."""
    return list(dict.fromkeys(font_folder(family) for family in families))


def covered(families: list[str], files: list[Path] = ()) -> frozenset[int]:
    """Every character (code point) some face of these families, or one of these font
    ``files`` (a layout's own), can draw."""
    return _covered(tuple(families), tuple(files))


@lru_cache(maxsize=8)
def _covered(families: tuple[str, ...], files: tuple[Path, ...]) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError

    # The regular and italic faces: a character one of them has, fontconfig finds in the
    # family for any weight (the bold faces of a family cover the same characters).
    paths = [f.path for family in families for f in font_faces(family) if f.weight in (400, None)]
    points: set[int] = set()
    for path in [*paths, *files]:
        found = _harfbuzz_cmap(path)
        if found is not None:
            points.update(found)
            continue
        try:
            with TTFont(path, lazy=True, fontNumber=0) as font:
                points.update(font.getBestCmap() or {})
        except (TTLibError, OSError, KeyError, AssertionError, struct.error):
            continue  # not a font the renderer can use either
    return frozenset(points)


def _harfbuzz_cmap(path: Path) -> set[int] | None:
    """The characters of a plain TrueType or OpenType file as HarfBuzz reads its best cmap, or None
    for anything else (WOFF, a collection, not a font) for fontTools to read. The same set
    fontTools' getBestCmap gives, read 25 times faster: every build reads its fonts' maps."""
    import uharfbuzz

    try:
        with open(path, "rb") as handle:
            if handle.read(4) not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
                return None
        found = set(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path))).unicodes)
    except (OSError, ValueError, TypeError):
        return None
    return found or None


_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}", re.IGNORECASE)
_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""", re.IGNORECASE)


def layout_font_files(stylesheets: list[Path], folders: list[Path]) -> list[Path]:
    """The font files a layout's own @font-face rules name, inside its folders."""
    found: list[Path] = []
    for sheet in stylesheets:
        for block in _FONT_FACE.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            for _, url in _URL.findall(block):
                if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
                    continue  # the renderer reads no web or file: address
                path = Path(os.path.realpath(sheet.parent / unquote(url)))
                if path.is_file() and is_inside(path, folders):
                    found.append(path)
    return list(dict.fromkeys(found))


def fontconfig_xml(families: list[str], fallbacks: list[str]) -> str:
    """A fontconfig configuration that knows no font at all: no folders, no system rules.

    The renderer's @font-face rules then bring the only fonts there are. Each
    family takes the fallbacks next, so a character a layout's font lacks is
    looked for in them first (not in whichever other layout font sorts first).
    """
    text = [name for name in fallbacks if name not in GENERIC_FAMILIES.values()]
    aliases = [f"<alias><family>{escape(family)}</family><accept>"
               + "".join(f"<family>{escape(name)}</family>" for name in text if name != family)
               + "</accept></alias>"
               for family in [*families, *GENERIC_FAMILIES.values()] if family not in text]
    aliases += [f"<alias><family>{generic}</family><prefer><family>{escape(family)}</family></prefer></alias>"
                for generic, family in GENERIC_FAMILIES.items() if family in [*families, *fallbacks]]
    lines = "".join(f"  {alias}\n" for alias in aliases)
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            f"<fontconfig>\n{lines}</fontconfig>\n")
