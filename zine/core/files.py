"""Files in and out: inputs read with errors that name them; outputs land whole or not at all,
and never on top of an input."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from zine.core.errors import InputError, LimitError, OutputError
from zine.core.limits import MB, TEXT_FILE_BYTES


def write_outputs(files: dict[Path, bytes], protected: list[Path] = ()) -> None:
    """Write every file via a temporary file renamed into place.

    Nothing is replaced until every file has been written, so a failure keeps
    the previous good outputs.
    """
    _refuse_inputs(files, protected)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            staged.append((_stage(target, data), target))
        for temp, target in staged:
            os.replace(temp, target)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", exc.filename or target) from exc
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)


def replace_file(target: Path, data: bytes) -> None:
    """Write one file via a temporary file beside it, so no reader sees half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _stage(target, data)
    try:
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _refuse_inputs(files: dict[Path, bytes], protected) -> None:
    inputs = {os.path.realpath(p) for p in protected}
    for target in files:
        if os.path.realpath(target) in inputs:
            raise OutputError("refusing to write over an input file; choose another output name", target)


def _stage(target: Path, data: bytes) -> Path:
    folder = target.parent
    if not folder.is_dir():
        raise OutputError("the output folder does not exist", folder)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private; outputs are documents to share, as
        # any file the user writes would be.
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def read_bytes(path: Path, limit: int = TEXT_FILE_BYTES) -> bytes:
    """A regular file's bytes, or an InputError naming it (missing, a folder, a device or a
    pipe, unreadable, or more than ``limit`` bytes)."""
    try:
        # Non-blocking: opening a named pipe would otherwise wait for a writer forever.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        raise InputError("file not found", path) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from exc
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, not a file", path)
        raise InputError("is not a regular file (a device, a pipe or a socket): save it as a file", path)
    with os.fdopen(handle, "rb") as stream:
        try:
            # Not more than the limit, even from a file that grows while it is read.
            data = stream.read(limit + 1) if info.st_size <= limit else b""
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path) from exc
    if info.st_size > limit or len(data) > limit:
        size = max(info.st_size, len(data))
        raise LimitError(f"the file is {megabytes(size)}, over the limit of {megabytes(limit)} "
                         f"by {megabytes(size - limit)}", path)
    return data


def megabytes(size: int) -> str:
    """'3,072 MB', '16.5 MB'."""
    return f"{size / MB:,.1f}".removesuffix(".0") + " MB"


def read_text(path: Path, limit: int = TEXT_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing binaries; CRLF and a BOM are normalised."""
    raw = read_bytes(path, limit)
    if b"\x00" in raw:
        raise InputError("not a text file (it holds NUL bytes)", path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text; save it as UTF-8", path, line) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")
