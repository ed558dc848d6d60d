"""The folder a preview writes into: it holds a manifest of the images a preview wrote, and
only those are ever replaced or removed. A folder holding the project's own files is refused.

The manifest is sealed with the user's key (``zine.core.seal``): one that came with a
folder someone sent, listing their choice of files, is no manifest, so nothing it
names is removed. Only plain PNG files in the folder itself are ever removed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from zine.core.errors import OutputError
from zine.core.files import replace_file, write_outputs
from zine.core.seal import sealed_json, unsealed_json

MANIFEST = ".zine-preview.json"


def make_folder(folder: Path) -> None:
    """Make the folder (and its parents) if need be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the folder: {exc.strerror}", folder) from exc


def written_before(folder: Path) -> list[Path]:
    """The images an earlier preview wrote into ``folder``, by its manifest."""
    try:
        found = unsealed_json((folder / MANIFEST).read_bytes())
    except OSError:
        return []
    names = found.get("images") if isinstance(found, dict) else None
    if not isinstance(names, list):
        return []
    return [folder / name for name in names if isinstance(name, str) and _our_kind(folder, name)]


def _our_kind(folder: Path, name: str) -> bool:
    """A PNG file right in ``folder`` (not a link, not in a subfolder), or nothing there yet."""
    if name != Path(name).name or not name.endswith(".png") or "\0" in name:
        return False
    try:
        return stat.S_ISREG(os.lstat(folder / name).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def refuse_input_folder(folder: Path, root: Path | None, inputs: list[Path], ours: list[Path]) -> None:
    """Stop when ``folder`` is, or holds, the project (or the PDF previewed)."""
    if folder.exists() and not folder.is_dir():
        raise OutputError("not a folder: give a folder for the preview images", folder)
    if not folder.exists():
        return  # made afresh: it holds nothing
    real = Path(os.path.realpath(folder))
    if root is not None and Path(os.path.realpath(root)).is_relative_to(real):
        raise OutputError("this folder holds the project; give a folder of its own for the preview", folder)
    for path in inputs:
        if Path(os.path.realpath(path)).parent == real:
            raise OutputError(f"this folder holds {path.name}, an input; give a folder of its own "
                              "for the preview", folder)
    if root is None or not real.is_relative_to(os.path.realpath(root)):
        return
    mine = {os.path.realpath(p) for p in ours} | {os.path.realpath(folder / MANIFEST)}
    theirs = sorted(p.name for p in folder.iterdir() if os.path.realpath(p) not in mine)
    if theirs:
        raise OutputError(f"this folder inside the project holds files a preview did not write "
                          f"({', '.join(theirs[:3])}); give an empty folder or one of its own", folder)


def write_images(folder: Path, files: dict[Path, bytes], protected: list[Path], ours: list[Path]) -> None:
    """Write the images, then remove the ones an earlier preview wrote that this one did not."""
    write_outputs(files, protected=protected, guarded=[folder], owned=ours)
    for path in ours:
        if path not in files:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise OutputError(f"cannot remove an old preview image: {exc.strerror}", path) from exc
    try:
        replace_file(folder / MANIFEST, sealed_json({"images": sorted(p.name for p in files)}))
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", folder / MANIFEST) from exc
