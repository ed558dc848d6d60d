"""The readers ``zine import`` can use, and how one is chosen: by what the source is, not its name.

A reader is one module of :mod:`zine.importers` that sets ``READER`` (a file
reader) or ``WEB_READER`` (a reader of web addresses) to an object with the
:class:`Reader` or :class:`WebReader` shape. Readers are found by looking
through the package, so a new reader is one new module. They are asked in
their ``order`` (the most particular first): a file reader looks at the first
bytes of the file, a web reader at what the address answered.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from zine.core.errors import InputError

if TYPE_CHECKING:
    from zine.importers.fetch import Limits
    from zine.importers.net import Response, Session
    from zine.importers.post import ImportedPost

HEAD_BYTES = 64 * 1024  # what a file reader sees to tell whether the file is its kind


@dataclass(frozen=True)
class ReadOptions:
    """What the user asked of a read: which post, pingbacks or not, pictures fetched or not."""

    post: str | None = None  # slug, id or title, for sources that hold several posts
    pingbacks: bool = False
    fetch: Limits | None = None  # with --fetch-images


class Reader(Protocol):
    """Reads one kind of file."""

    name: str  # for messages: "a WordPress export"
    order: int  # asked in this order, lowest first
    suffixes: tuple[str, ...]  # the names it is asked about when no reader knows the content
    many_posts: bool  # the file can hold several posts (--post chooses)
    # False for a kind with no mark of its own (plain text): then only its names choose it
    known_by_content: bool

    def sniff(self, head: bytes) -> bool:
        """Whether the file that starts with ``head`` is this reader's kind."""

    def list_posts(self, source: Path) -> list:
        """The posts the file holds (an empty list for a one-post source)."""

    def read(self, source: Path, options: ReadOptions) -> ImportedPost:
        """One post of the file with its comments."""


class WebReader(Protocol):
    """Reads a post from a web address: a blog's API, a social server's, or the page itself."""

    name: str  # for the report: "WordPress (REST API)"
    order: int
    chooses_posts: bool  # --post names another post of the same site
    # The page itself is read instead when this reader's API refuses visitors (401, 403)
    page_when_refused: bool

    def sniff(self, page: Response, session: Session) -> bool:
        """Whether the address that answered ``page`` is this reader's kind (it may ask more)."""

    def read(self, page: Response, session: Session, options: ReadOptions) -> ImportedPost:
        """The post and its whole comment thread."""


@cache
def _found(attribute: str) -> tuple:
    readers = []
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        loaded = importlib.import_module(f"{__package__}.{module.name}")
        if hasattr(loaded, attribute):
            readers.append(getattr(loaded, attribute))
    return tuple(sorted(readers, key=lambda reader: reader.order))


def file_readers() -> tuple[Reader, ...]:
    """Every file reader, in the order they are asked."""
    return _found("READER")


def web_readers() -> tuple[WebReader, ...]:
    """Every web reader, in the order they are asked."""
    return _found("WEB_READER")


def file_reader(source: Path) -> Reader:
    """The reader for ``source``, by its content; by its name only when no reader knows that."""
    head = _head(source)
    for reader in file_readers():
        if reader.known_by_content and reader.sniff(head):
            return reader
    for reader in file_readers():
        if source.suffix.lower() in reader.suffixes:
            return reader  # its own reading then says what is wrong with the file
    raise InputError("cannot tell what this is: import reads a WordPress export, "
                     "a saved web page or pasted page text", source)


def _head(source: Path) -> bytes:
    if not source.exists():
        raise InputError("file not found", source)
    if source.is_dir():
        raise InputError("is a folder; give the exported .xml, the saved .html or the "
                         "pasted .txt file", source)
    if not source.is_file():  # a pipe or a device: reading would wait or read for ever
        raise InputError("is not a regular file (a device, a pipe or a socket): save it as a file", source)
    try:
        with source.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", source) from None


def text_start(head: bytes) -> str:
    """The start of a file as lower-case text without a byte-order mark or leading blanks."""
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    return head.decode(encoding, errors="ignore").lstrip().lower()
