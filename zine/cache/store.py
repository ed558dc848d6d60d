"""Build cache: remember what a build read and wrote, so unchanged work is skipped.

It lives in ``<project>/.zine-cache/``. A build's manifest records the content
hash of every file the build read (articles, comments, images, the layout's
folders and the shared assets), the options, and the versions of zine and of
the libraries that shape the output. When all of them still match and the
outputs are still the files we wrote, the build is up to date: no composing,
no WeasyPrint, no pikepdf (neither is imported here).

Anthology builds also keep each contribution's rendered pages here (see
``zine.render.pieces``), keyed by the content they were made from.

A project folder may come from someone else, so nothing here is taken on trust:
every file the cache keeps is sealed with the user's key (``zine.core.seal``) and
one that does not match is ignored; and a cache folder reached through a symbolic
link is not used at all (pruning it would delete files outside the project).

The cache is a help, never a requirement: a folder we cannot write to, or a
damaged cache file, only means the work is done again.
"""

from __future__ import annotations

import functools
import json
import re
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from zine import __version__
from zine.core.digest import digest_bytes, digest_stream, digest_text
from zine.core.files import link_within, replace_file
from zine.core.seal import sealed, sealed_json, unsealed, unsealed_json

CACHE_DIR = ".zine-cache"
FORMAT = 1
# Libraries whose version changes the bytes of the output.
OUTPUT_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "uharfbuzz", "pyphen", "pikepdf", "markdown",
                    "pymdown-extensions", "jinja2", "nh3")



def is_font_package(name: str) -> bool:
    """A distribution that ships faces: ``font-*``, ``fontpkg-*`` (fontpkg's registry and every
    family), ``noto-*``, or a name with ``fonts`` as a word (``manimgx-fonts``)."""
    words = re.split(r"[-_.]+", name.lower())
    return words[0] in ("font", "fontpkg", "noto") or "fonts" in words


def file_digest(path: Path) -> str | None:
    """Content hash of a regular file, read in chunks; None when it cannot be read or is
    not a regular file (a pipe would never end, a device never stop)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        with os.fdopen(os.dup(handle), "rb") as stream:
            return digest_stream(stream)
    except OSError:
        return None
    finally:
        os.close(handle)


@functools.lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """zine's version and the versions of every library (and font package) that shapes the output."""
    versions = {"zine": __version__, "cache-format": FORMAT}
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower()
        if name in OUTPUT_LIBRARIES or is_font_package(name):
            versions[name] = dist.version
    return digest_text(versions)


def folder_digests(folders: list[Path]) -> dict[str, str]:
    """Hash of every file under each folder, by folder-relative name (absolute paths would tie
    the cache to where the project or the tool happens to be installed)."""
    found: dict[str, str] = {}
    for number, folder in enumerate(folders):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found[f"{number}:{path.relative_to(folder).as_posix()}"] = file_digest(path) or "?"
    return found


def project_listing(root: Path) -> str:
    """What decides which articles and layouts a project sees besides its zine.toml:
    the Markdown files of a folder project and the project's own layouts/ folder."""
    names = sorted(p.name for p in root.glob("*.md"))
    layouts = root / "layouts"
    if layouts.is_dir():
        names += sorted(f"layouts/{p.relative_to(layouts).as_posix()}" for p in layouts.rglob("*") if p.is_file())
    return digest_text(names)


class Files:
    """Paths as the cache records them: relative to the project when inside it, so a
    project folder that is moved or copied keeps its cache."""

    def __init__(self, root: Path):
        self.root = root.resolve()

    def name(self, path: Path) -> str:
        real = Path(os.path.realpath(path))
        return real.relative_to(self.root).as_posix() if real.is_relative_to(self.root) else str(real)

    def path(self, name: str) -> Path:
        candidate = Path(name)
        return candidate if candidate.is_absolute() else self.root / candidate

    def digests(self, paths: Iterable[Path]) -> dict[str, str]:
        return {self.name(p): file_digest(Path(p)) or "?" for p in paths}

    def unchanged(self, recorded: dict[str, str]) -> bool:
        return all(file_digest(self.path(name)) == digest for name, digest in recorded.items())


@dataclass
class PartEntry:
    """One rendered piece of a document: its pages and what they were made from."""

    pages: int
    anchors: dict[str, int]
    deps: dict[str, str] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


class PartStore:
    """Rendered pieces by key. ``folder=None`` keeps them in memory only (no cache)."""

    def __init__(self, folder: Path | None, files: Files):
        self.folder = folder
        self.files = files
        self.used: set[str] = set()
        self._memory: dict[str, tuple[PartEntry, bytes]] = {}
        self._fonts: dict[str, bytes] = {}
        self.subsets = Subsets(self)  # cut-down fonts, remembered between builds (for ``zine.pdf.merge``)

    def get(self, key: str) -> tuple[PartEntry, bytes] | None:
        """The piece stored under ``key``, if every file it was made from is unchanged."""
        found = self._memory.get(key) or self._load(key)
        if found is None or not self.files.unchanged(found[0].deps):
            return None
        self.used.add(key)
        return found

    def put(self, key: str, entry: PartEntry, pdf: bytes) -> None:
        self.used.add(key)
        self._memory[key] = (entry, pdf)
        self.keep(f"{key}.pdf", pdf)
        self.keep(f"{key}.json", json.dumps(entry.__dict__, sort_keys=True).encode())

    def note(self, key: str, entry: PartEntry) -> None:
        """Keep an entry for this build only (a measurement cheaper to make again than to keep)."""
        self._memory[key] = (entry, b"")

    def put_font(self, digest: str, data: bytes) -> None:
        """Keep a font file the pieces leave out (see ``zine.render.engine.write_pages``), once."""
        self._fonts[digest] = data
        self.used.add(f"font-{digest}")
        if self.folder is not None and not (self.folder / f"font-{digest}.font").exists():
            self.keep(f"font-{digest}.font", data)

    def get_font(self, digest: str) -> bytes | None:
        if digest not in self._fonts:
            data = self.read(f"font-{digest}.font")
            if data is None:
                return None
            self._fonts[digest] = data
        self.used.add(f"font-{digest}")
        return self._fonts[digest]

    def keep(self, name: str, data: bytes) -> None:
        """Write a file of the cache, if there is a cache folder and it can be written.
        The file starts with the seal of the rest, for ``read`` to check."""
        if self.folder is None:
            return
        try:
            ignore_in_git(self.folder)
            replace_file(self.folder / name, sealed(data))
        except OSError:
            pass  # an unwritable cache only costs time next build

    def read(self, name: str) -> bytes | None:
        """A file of the cache as ``keep`` wrote it; None when there is none or it was damaged."""
        if self.folder is None:
            return None
        try:
            found = (self.folder / name).read_bytes()
        except OSError:
            return None
        return unsealed(found)

    def prune(self) -> None:
        """Forget pieces this build did not use, so the cache does not grow without end."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.stem not in self.used and path.suffix in (".pdf", ".json", ".subset", ".font"):
                path.unlink(missing_ok=True)  # a link planted here goes, never what it points to

    def _load(self, key: str) -> tuple[PartEntry, bytes] | None:
        recorded, pdf = self.read(f"{key}.json"), self.read(f"{key}.pdf")
        if recorded is None or pdf is None:
            return None
        try:
            return PartEntry(**json.loads(recorded)), pdf
        except (ValueError, TypeError):
            return None


class BuildCache:
    """The manifest of one kind of build (same options, same output paths) of one project."""

    def __init__(self, root: Path, settings: dict, layout_folders: list[Path], enabled: bool = True):
        self.files = Files(root)
        folder = root / CACHE_DIR
        # A link on the way (``.zine-cache -> ..``, ``parts -> ../..``) would lead writing
        # and pruning out of the project: such a cache is not used.
        usable = enabled and link_within(root, folder / "parts") is None
        self.folder = folder if usable else None
        # What the build depends on besides the files it reads: options, tool, layout, listing.
        self.environment = digest_text(tool_fingerprint(), folder_digests(layout_folders))
        self.key = digest_text(settings, self.environment)
        self.listing = project_listing(root)
        self.parts = PartStore(self.folder / "parts" if self.folder else None, self.files)
        self.manifest: dict | None = self._load_manifest()

    @property
    def manifest_path(self) -> Path | None:
        return self.folder / f"build-{self.key[:20]}.json" if self.folder else None

    def up_to_date(self) -> bool:
        """True when the last build with these settings read exactly what is there now
        and its outputs are still in place, untouched."""
        recorded = self.manifest
        if not recorded or recorded.get("listing") != self.listing:
            return False
        if not self.files.unchanged(recorded.get("inputs", {})):
            return False
        return all(file_digest(Path(path)) == digest for path, digest in recorded.get("outputs", {}).items())

    def summary(self) -> dict:
        """What the last build reported (pages, sheets, recipe, warnings, output paths)."""
        return dict((self.manifest or {}).get("summary", {}))

    def record(self, inputs: list[Path], outputs: dict[Path, bytes], summary: dict) -> None:
        """Remember this build: the files it read (pictures included), the outputs it wrote
        and what it reported."""
        if self.folder is None:
            return
        manifest = {
            "format": FORMAT,
            "listing": self.listing,
            "inputs": self.files.digests(sorted(set(inputs))),
            "outputs": {str(Path(p).resolve()): digest_bytes(data) for p, data in outputs.items()},
            "summary": summary,
        }
        try:
            ignore_in_git(self.folder)
            replace_file(self.manifest_path, sealed_json(manifest))
        except OSError:
            return
        if self.parts.used:
            self.parts.prune()

    def _load_manifest(self) -> dict | None:
        if self.manifest_path is None:
            return None
        try:
            data = unsealed_json(self.manifest_path.read_bytes())
        except OSError:
            return None
        return data if _well_formed(data) else None


# What a manifest's summary holds, for a build found up to date to report from.
SUMMARY_FIELDS = {"reading_pdf": (str,), "print_pdfs": (list,), "pages": (int,), "sheets": (int, type(None)),
                  "recipe": (str, type(None)), "warnings": (list,)}


def _well_formed(data) -> bool:
    """A manifest as ``record`` writes it; anything else (edited by hand, cut short) is no
    manifest, and the build runs again instead of stopping."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("listing"), str):
        return False
    for key in ("inputs", "outputs"):
        table = data.get(key)
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            return False
    summary = data.get("summary")
    if not isinstance(summary, dict):
        return False
    if not all(isinstance(summary.get(key), kinds) for key, kinds in SUMMARY_FIELDS.items()):
        return False
    return all(isinstance(item, str) for item in summary["print_pdfs"] + summary["warnings"])


def ignore_in_git(folder: Path) -> None:
    """Make ``folder`` if need be, with a .gitignore that ignores all of it: the cache is
    nobody's source, wherever the project lives (even when a build stops before its manifest)."""
    marker = folder / ".gitignore"
    if not marker.exists():
        replace_file(marker, b"*\n")


class Subsets:
    """A mapping view of the fonts ``zine.pdf.merge`` cut down, kept beside the pieces."""

    def __init__(self, store: PartStore):
        self.store = store
        self.memory: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        data = self.memory.get(key) or self.store.read(f"{key}.subset")
        if data is not None:
            self.store.used.add(key)
        return data

    def __setitem__(self, key: str, data: bytes) -> None:
        self.store.used.add(key)
        self.memory[key] = data
        self.store.keep(f"{key}.subset", data)
