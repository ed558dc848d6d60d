"""``zine import URL``: a post on the web, read by the reader its address answers to.

The address is fetched once; each web reader (:mod:`.readers`) in turn looks at
the answer and may ask the server more (a blog's API, a Mastodon server's),
all through one :class:`~zine.importers.net.Session`, so every request keeps to
the same address rule and limits, and the report lists every address asked
for. Importing an address into a folder that already holds it refreshes the
article and comments and keeps the editor's work (:mod:`.refresh`).
"""

from __future__ import annotations

from pathlib import Path

from zine.core.errors import FetchError
from zine.importers import ImportReport, finish_import, quiet_parser
from zine.importers.fetch import Limits
from zine.importers.net import Session
from zine.importers.readers import ReadOptions, web_readers
from zine.importers.refresh import carry_over
from zine.importers.webpage import WEB_READER as PAGE_READER


def import_url(url: str, outdir: Path, post: str | None = None, pingbacks: bool = False,
               force: bool = False, allow_no_comments: bool = False, title: str | None = None,
               subtitle: str | None = None, fetch_images: bool = False,
               allow_private: bool = False, author: str | None = None,
               source_url: str | None = None) -> ImportReport:
    """Import the post at ``url`` with its whole comment thread into ``outdir``.

    Nothing is written if anything fails. ``allow_private`` lets the address (and
    its pictures) be on this machine or a private network.
    """
    outdir = Path(outdir)
    session = Session(allow_private=allow_private)
    fetch = Limits(allow_private=allow_private, session=session) if fetch_images else None
    page = session.get(url)
    reader = _reader(page, session)
    if post is not None and not reader.chooses_posts:
        raise FetchError(f"--post chooses a post on a WordPress blog; this address was read as "
                         f"{reader.name}, which shows one post", page.url)
    options = ReadOptions(post, pingbacks, fetch)
    with quiet_parser():
        reader, imported = _read(reader, page, session, options)
    imported.source = imported.source or page.url
    changes = carry_over(imported, outdir, force)
    report = finish_import(imported, url, outdir, force=force or changes is not None,
                           allow_no_comments=allow_no_comments, title=title, subtitle=subtitle,
                           author=author, source_url=source_url)
    report.notes.insert(0, f"read as: {reader.name}")
    if changes is not None:
        notes, warnings = changes.lines()
        report.notes += notes
        report.warnings += warnings
    report.fetched = list(session.fetched)
    return report


def _read(reader, page, session: Session, options: ReadOptions):
    """The reader used and its post. When a blog's API refuses visitors (a plugin that locks
    it) though the page is public, the page itself is read, and the report says so."""
    try:
        return reader, reader.read(page, session, options)
    except FetchError as refusal:
        if refusal.status not in (401, 403) or not reader.page_when_refused or options.post:
            raise
        refused = f"{refusal.url}: {refusal.why}"
    imported = PAGE_READER.read(page, session, options)
    imported.warnings.append(f"the blog's API refused to answer ({refused}), "
                             "so the page itself was read: comments on further comment pages, "
                             "if any, are not in it")
    return PAGE_READER, imported


def _reader(page, session: Session):
    for reader in web_readers():
        if reader.sniff(page, session):
            return reader
    raise FetchError(f"the address gives {page.kind}, which no reader knows: give the address "
                     "of the post's page", page.url)
