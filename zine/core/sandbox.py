"""Which files a build may read: only regular files under the allowed roots.

Pasted web text is untrusted, so every path it names is resolved (symlinks and
``..`` included) before it is trusted. The render stage's URL fetcher and the
read stage both ask this module.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from zine.core.errors import InputError

MAX_RESOURCE_BYTES = 40 * 1024 * 1024


def is_inside(path: Path, roots: list[Path]) -> bool:
    """True when the real path of ``path`` lies under one of the real ``roots``."""
    real = Path(os.path.realpath(path))
    return any(real.is_relative_to(os.path.realpath(root)) for root in roots)


def project_file(root: Path, relative: str, where: Path, line: int | None = None) -> Path:
    """Resolve a path the user wrote, relative to ``root``, refusing escapes."""
    path = (root / relative)
    if not is_inside(path, [root]):
        raise InputError(f"{relative!r} is outside the project folder; move it inside", where, line)
    return path


def check_file_url(url: str, roots: list[Path]) -> tuple[Path | None, str | None]:
    """Vet a ``file:`` URL: returns (path, None) when allowed, else (None, reason)."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None, "only files inside the project or layout may be used, nothing from the network"
    if parts.netloc not in ("", "localhost"):
        return None, "files on other machines are not read"
    path = Path(unquote(parts.path))
    if not is_inside(path, roots):
        return None, "it is outside the project and layout folders"
    real = Path(os.path.realpath(path))
    if not real.is_file():
        return None, "no such file" if not real.exists() else "not a regular file"
    if real.stat().st_size > MAX_RESOURCE_BYTES:
        return None, f"larger than {MAX_RESOURCE_BYTES // (1024 * 1024)} MB"
    return real, None
