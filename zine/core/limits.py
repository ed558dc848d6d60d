"""The most any input may hold, so that every command ends in seconds and well under 1 GB.

Input is pasted from the web or handed over by someone else, so nothing about
its size can be assumed: a picture can claim a billion pixels, a word can run for
pages (line breaking it costs more than linear time), a PDF can hold twenty
thousand pages. Each limit below is far beyond what a zine needs; passing one
stops the command with one error naming the file, the limit and how far over the
input is. docs/guide/safety.md ("Limits") lists them for users: keep the two alike.
"""

from __future__ import annotations

from pathlib import Path

from zine.core.errors import LimitError

MB = 1024 * 1024

# Files read whole.
TEXT_FILE_BYTES = 16 * MB  # an article, zine.toml, a page to import
# A layout's stylesheet or template (the built-in ones are under 20 KB): WeasyPrint took 3 minutes
# and 3.3 GB for a 21 MB stylesheet in a project's own layout.
LAYOUT_FILE_BYTES = 1 * MB
COMMENTS_FILE_BYTES = 4 * MB  # YAML is slow to read: about 4 seconds a megabyte
PICTURE_FILE_BYTES = 200 * MB
PDF_FILE_BYTES = 256 * MB  # a PDF to impose, check or preview
EXPORT_FILE_BYTES = 100 * MB  # a WordPress export: its XML tree takes several times that
IMPORT_PICTURES_BYTES = 200 * MB  # the pictures saved with one web page, together

# Pictures: decoded, they take 3-4 bytes a pixel, several times over while converted.
PICTURE_PIXELS = 60_000_000

# Text. Each is per article; the typesetter's time grows with all of them.
TITLE_CHARS = 300  # a title is set large on the cover and in every running head
SUBTITLE_CHARS = 1_000
ARTICLE_WORDS = 20_000  # about 70 A5 pages; each CJK character counts as a word
ARTICLE_CHARS = 200_000  # for text without spaces between words
BLOCK_CHARS = 100_000  # one paragraph: about 50 A5 pages
FOOTNOTES = 100  # footnotes crowding a page cost WeasyPrint a second or more each
LINKS = 500  # each prints its address as a numbered note
COMMENTS = 500  # printed comments, after ``pick``
COMMENT_WORDS = 30_000  # in all the printed comments of an article: about 100 A5 pages

# Words longer than this get a break opportunity every WORD_PIECE characters:
# WeasyPrint's line breaking (and hyphenation) of one long word costs far more than linear time.
LONG_WORD = 40
WORD_PIECE = 20

# One zine: past this many contributions (some 3,000 A5 pages) a build is a book's work.
CONTRIBUTIONS = 1_000
CONTRIBUTIONS_ADVICE = "make several zines of it (zine batch builds them together)"

# Rendering pages to pictures (zine check, zine preview).
PAGES = 500
PAGE_PIXELS = 40_000_000  # A3 at 300 dpi is 17.4 million
# ... in a child process (zine.core.bounded): a few kilobytes of PDF can ask PDFium for
# gigabytes or minutes (forms nested deep, millions of path operators).
RENDER_MEMORY = 768 * MB  # address space the child may add to what it shares with zine
RENDER_SECONDS = 10  # CPU seconds for the first page ...
RENDER_SECONDS_PER_PAGE = 0.25  # ... and for each page after it

TEMPLATE_SECONDS = 20  # CPU seconds a layout that came with a project may take to fill in

# Imposing: each page becomes a form on a sheet; qpdf copies them one by one.
IMPOSE_PAGES = 5_000


def over(count: int, limit: int, unit: str) -> str:
    """'2,000 footnotes, over the limit of 200 by 1,800' (figures grouped for reading)."""
    return f"{count:,} {unit}, over the limit of {limit:,} by {count - limit:,}"


def millions(count: float) -> str:
    """A pixel count in millions: '118.8 million'."""
    return f"{count / 1e6:.1f}".removesuffix(".0") + " million"


def enforce(count: int, limit: int, unit: str, path: Path | str | None, line: int | None = None,
            advice: str = "") -> None:
    """Stop with a LimitError when ``count`` passes ``limit``."""
    if count > limit:
        raise LimitError(over(count, limit, unit) + (f"; {advice}" if advice else ""), path, line)

# Reading from the web (``zine import URL``, ``--fetch-images``): only when the user asks.
# Read at call time (``limits.WEB_...``), so a test can make them small.
WEB_PAGE_BYTES = 8 * MB  # one page or API answer
WEB_PICTURE_BYTES = 15 * MB  # one picture
WEB_PICTURES_BYTES = 200 * MB  # all the pictures of one import together
WEB_PICTURE_PIXELS = 40_000_000  # a 144-megapixel PNG took 13 s and 1.2 GB to print
WEB_STALL_SECONDS = 15.0  # no byte at all for this long: the server has stalled
WEB_REQUEST_SECONDS = 30.0  # one request, from connecting to the last byte (a trickle included)
WEB_IMPORT_SECONDS = 180.0  # every request of one import together
WEB_REQUESTS = 80  # addresses asked for in one import, redirects and pictures included
WEB_REDIRECTS = 5  # redirects followed for one address
WEB_COMMENT_PAGES = 50  # pages of comments (100 comments a page: 5,000 comments)
