"""Files in and out: inputs read with errors that name them; outputs land whole or not at all,
and never on top of an input. Temporary files a killed build left are cleaned up by the next."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from zine.core.errors import InputError, LimitError, OutputError
from zine.core.limits import MB, TEXT_FILE_BYTES
from zine.core.targets import check_targets
from zine.core.untrusted import clean_text


def write_outputs(files: dict[Path, bytes], protected: Iterable[Path] = (), guarded: Iterable[Path] = (),
                  owned: Iterable[Path] = ()) -> None:
    """Write every file via a temporary file renamed into place.

    Every path is checked first (see :func:`zine.core.targets.check_targets`), and nothing
    is replaced until every file has been written, so a failure keeps the previous good
    outputs. Errors name the output, never a temporary file.
    """
    check_targets(files, protected, guarded, owned)
    staged: list[tuple[Path, Path]] = []
    target = None
    try:
        for target, data in files.items():
            remove_stale_temporaries(target.parent)
            staged.append((_stage(target, data), target))
        for temp, target in staged:
            os.replace(temp, target)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", target) from exc
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)


def replace_file(target: Path, data: bytes) -> None:
    """Write one file via a temporary file beside it, so no reader sees half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent)
    temp = _stage(target, data)
    try:
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\..+\.(\d+)\.[^.]+" + re.escape(TEMP_SUFFIX))
_swept: set[str] = set()


def remove_stale_temporaries(folder: Path) -> None:
    """Remove half-written files a killed zine left in ``folder`` (once per folder and process).

    Only our own temporary names are touched, and only those whose writing process is gone."""
    key = os.path.realpath(folder)
    if key in _swept:
        return
    _swept.add(key)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _TEMP_NAME.fullmatch(name)
        if match and not _running(int(match.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _stage(target: Path, data: bytes) -> Path:
    folder = target.parent
    if not folder.is_dir():
        raise OutputError("the output folder does not exist", folder)
    # The process id in the name tells a later build whether the writer is still alive.
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=folder)
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
        raise _too_big(max(info.st_size, len(data)), limit, path)
    return data


def refuse_larger(path: Path, limit: int) -> None:
    """A LimitError naming ``path`` when the file is over ``limit`` bytes (for a file another
    library reads itself, such as a stylesheet WeasyPrint opens)."""
    size = path.stat().st_size
    if size > limit:
        raise _too_big(size, limit, path)


def _too_big(size: int, limit: int, path: Path) -> LimitError:
    return LimitError(f"the file is {megabytes(size)}, over the limit of {megabytes(limit)} "
                      f"by {megabytes(size - limit)}", path)


def megabytes(size: int) -> str:
    """'3,072 MB', '16.5 MB'."""
    return f"{size / MB:,.1f}".removesuffix(".0") + " MB"


def read_text(path: Path, limit: int = TEXT_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing binaries; CRLF and a BOM are normalised."""
    raw = read_bytes(path, limit)
    wide = _wide_encoding(raw)
    if wide:
        raise InputError(f"the file is {wide} text; save it as UTF-8", path)
    if b"\x00" in raw:
        raise InputError("not a text file (it holds NUL bytes)", path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text; save it as UTF-8", path, line) from exc
    return clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes are text in one of them (by its byte order mark,
    or by the zero bytes beside Western letters); None otherwise."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:400]
    head = head[: len(head) - len(head) % 4]
    for name, codec, zeros in (("UTF-32", "utf-32-le", head[2::4]), ("UTF-32", "utf-32-be", head[1::4]),
                               ("UTF-16", "utf-16-le", head[1::2]), ("UTF-16", "utf-16-be", head[0::2])):
        if not zeros or zeros.count(0) * 2 < len(zeros):
            continue
        text = head.decode(codec, errors="replace")
        readable = sum(c.isprintable() and c != "\ufffd" or c in "\n\r\t" for c in text)
        if "\x00" not in text and readable >= 0.95 * len(text):
            return name
    return None


def link_within(root: Path, path: Path) -> Path | None:
    """The first of ``path``'s folders below ``root``, or ``path`` itself, that is a symbolic
    link (None when there is none). What zine writes or deletes in a folder someone sent must
    not be led outside it by a planted link."""
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return None
    current = Path(os.path.abspath(root))
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def refuse_links(root: Path, path: Path) -> None:
    """Stop with an OutputError when a symbolic link lies on the way from ``root`` to ``path``."""
    link = link_within(root, path)
    if link is not None:
        raise OutputError("is a symbolic link; zine does not write or delete through links "
                          "in a project folder: delete the link", link)
