"""zine import: a blog post and its comment thread become an article and a comments file.

Sources are read by readers (:mod:`.readers`), each chosen by what the source
is: a WordPress export, a saved web page or pasted page text for a file; a
WordPress blog's API, a Mastodon server's or the page itself for a web address
(:mod:`.web`). Each reader returns an :class:`~zine.importers.post.ImportedPost`;
:mod:`.save` turns it into ``<slug>.md``, ``<slug>.comments.yaml`` and a
``zine.toml`` entry.
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zine.core.errors import FetchError, InputError, LimitError
from zine.core.faces import lazy_face
from zine.core.files import megabytes, read_bytes
from zine.core.limits import EXPORT_FILE_BYTES, PICTURE_FILE_BYTES
from zine.core.wording import plural
from zine.importers.post import PICTURE_FOLDER, ImportedPost, depth, limit_depth, word_count
from zine.project import MAX_DEPTH, walk

if TYPE_CHECKING:
    from zine.importers.fetch import Limits

# What other packages import from here: a file or a web address imported, the posts an export
# holds. The web readers (and their HTTP client) load only when a web address is imported.
_from_the_web, __getattr__, _ = lazy_face(__name__, {".web": "import_url"})
__all__ = ["ImportReport", "export_listing", "import_source", "list_posts", *_from_the_web]


@dataclass
class ImportReport:
    """What an import found, what it left out and which files it wrote."""

    title: str
    slug: str
    words: int
    comments: int
    top_level: int
    max_depth: int
    dropped: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # every web address asked for, in order
    missing: list[str] = field(default_factory=list)  # credits not found (author, source, date)

    def summary(self) -> str:
        """A few lines for the terminal."""
        lines = [f"Imported {self.title!r}", *(f"  {line}" for line in self.missing),
                 f"  article: {plural(self.words, 'word')}"]
        if self.comments:
            replies = (f", threads {self.max_depth} levels deep" if self.max_depth > 1
                       else ", no replies")
            lines.append(f"  comments: {self.comments} ({self.top_level} top-level{replies})")
        else:
            lines.append("  comments: none")
        lines += [f"  left out: {item}" for item in self.dropped]
        lines += [f"  warning: {item}" for item in self.warnings]
        lines += [f"  {note}" for note in self.notes]
        if self.fetched:
            lines.append(f"  fetched {plural(len(self.fetched), 'address', 'addresses')}:")
            lines += [f"    {address}" for address in self.fetched]
        written = ", ".join(str(p) for p in self.written) or "nothing (files already up to date)"
        lines.append(f"  wrote: {written}")
        return "\n".join(lines)


def import_source(source: Path, outdir: Path, post: str | None = None, pingbacks: bool = False,
                  force: bool = False, allow_no_comments: bool = False, title: str | None = None,
                  subtitle: str | None = None, fetch_images: bool = False,
                  allow_private: bool = False, author: str | None = None,
                  source_url: str | None = None) -> ImportReport:
    """Import one post from SOURCE into OUTDIR; nothing is written if anything fails.

    ``title`` and ``subtitle`` replace the source's; an untitled post is titled
    after its first words. What is written always builds: a post with no text
    is refused. ``author`` and ``source_url`` credit the writer and the first
    publication where the source does not (or over what it says). ``fetch_images``
    downloads the pictures the article shows from the web (the only time anything is
    fetched); ``allow_private`` lets them come from loopback, link-local and private
    addresses too.
    """
    source, outdir = Path(source), Path(outdir)
    fetch = _limits(allow_private) if fetch_images else None
    imported = read_source(source, post, pingbacks, fetch)
    report = finish_import(imported, source, outdir, force, allow_no_comments, title, subtitle,
                           author=author, source_url=source_url)
    report.fetched = list(fetch.session.fetched) if fetch else []
    return report


def finish_import(imported: ImportedPost, source: Path | str, outdir: Path, force: bool = False,
                  allow_no_comments: bool = False, title: str | None = None,
                  subtitle: str | None = None, author: str | None = None,
                  source_url: str | None = None) -> ImportReport:
    """Check, credit, title and write a post read from ``source`` (a file, or a web address as text)."""
    from zine.importers.credits import apply_credits, missing_credits
    from zine.importers.titles import settle_titles

    apply_credits(imported, author, source_url)
    if not imported.body.strip():
        raise _error(f"the post {imported.slug!r} has no text to print "
                     "(the build needs an article); nothing written", source)
    moved = limit_depth(imported.comments)
    if moved:
        imported.warnings.append(f"{plural(moved, 'reply', 'replies')} nested deeper than {MAX_DEPTH} "
                                 f"levels moved up to level {MAX_DEPTH} (the most a build prints)")
    notes = settle_titles(imported, source, title, subtitle)
    if not imported.comments and imported.comments_expected and not allow_no_comments:
        raise _error(f"{imported.no_comments}; nothing written "
                     "(add --allow-no-comments to import the article alone)", source)
    report = _write(imported, source if isinstance(source, Path) else None, outdir, force)
    report.notes[:0] = notes + _picture_note(imported)
    report.missing = missing_credits(imported)
    return report


def _error(message: str, source: Path | str) -> InputError:
    return InputError(message, source) if isinstance(source, Path) else FetchError(message, source)


def read_source(source: Path, post: str | None = None, pingbacks: bool = False,
                fetch: Limits | None = None) -> ImportedPost:
    """Read any supported source into an ImportedPost (no files written); with ``fetch``,
    the article's pictures on the web are downloaded within those limits."""
    from zine.importers.readers import ReadOptions

    reader = _reader(source)
    if post is not None and not reader.many_posts:
        raise InputError(f"--post chooses a post in a WordPress export; this file is "
                         f"{reader.name}, which holds one post", source)
    try:
        with quiet_parser():
            return reader.read(source, ReadOptions(post, pingbacks, fetch))
    except RecursionError:
        raise InputError("nested too deeply to import: HTML elements inside one another "
                         "hundreds of levels deep", source) from None


@contextlib.contextmanager
def quiet_parser():
    """BeautifulSoup warns about markup it finds odd (a comment that is only a web address
    "looks like a URL"); the import reports what it left out itself, in its own words."""
    import bs4

    names = ("UnusualUsageWarning", "MarkupResemblesLocatorWarning", "XMLParsedAsHTMLWarning",
             "GuessedAtParserWarning")
    with warnings.catch_warnings():
        for category in filter(None, (getattr(bs4, name, None) for name in names)):
            warnings.simplefilter("ignore", category)
        yield


def list_posts(source: Path) -> list:
    """Every post and page of a WordPress export (ExportEntry: slug, title, comments, marks ...)."""
    source = Path(source)
    reader = _reader(source)
    if not reader.many_posts:
        raise InputError(f"only a WordPress export lists posts; this file is {reader.name}", source)
    return reader.list_posts(source)


def export_listing(source: Path) -> str | None:
    """What ``zine import EXPORT`` answers without --post: the posts to choose from.

    None when there is nothing to choose: not an export, or one post only.
    """
    source = Path(source)
    if not _reader(source).many_posts:
        return None
    from zine.importers.wxr import listing_text
    entries = list_posts(source)
    if len(entries) <= 1:
        return None
    published = sum(1 for e in entries if not e.marks)
    return (f"{source} holds {plural(len(entries), 'post')} ({published} published, "
            "listed first); import one with --post SLUG, ID or TITLE:\n" + listing_text(entries))


def _reader(source: Path):
    from zine.importers.readers import file_reader

    reader = file_reader(source)
    if reader.many_posts and source.stat().st_size > EXPORT_FILE_BYTES:
        size = source.stat().st_size
        raise LimitError(f"the file is {megabytes(size)}, over the limit of {megabytes(EXPORT_FILE_BYTES)} "
                         f"by {megabytes(size - EXPORT_FILE_BYTES)}; export fewer posts (WordPress can "
                         "export one category or a range of dates)", source)
    return reader


def _write(imported: ImportedPost, source: Path | None, outdir: Path, force: bool) -> ImportReport:
    from zine.importers.save import article_text, check_targets, comments_text, config_text, write_files

    article_name = f"{imported.slug}.md"
    comments_name = f"{imported.slug}.comments.yaml" if imported.comments else None
    files = {outdir / article_name: article_text(imported, comments_name)}
    if comments_name:
        files[outdir / comments_name] = comments_text(imported.comments)
    for name, original in imported.files.items():
        files[outdir / name] = _picture(original)
    for name, data in imported.pictures.items():
        files[outdir / name] = data
    config, config_notes = config_text(imported, outdir, article_name)
    if config is not None:
        files[outdir / "zine.toml"] = config
    changed = check_targets(files, source, force, outdir)
    report = _report(imported)
    report.notes += config_notes
    report.written = write_files(changed, outdir) if changed else []
    return report


def _picture(original: Path) -> bytes:
    return read_bytes(original, PICTURE_FILE_BYTES)  # errors name the file, over-size ones too


def _limits(allow_private: bool) -> Limits:
    """Picture limits with one session for the import: one address rule, deadline and list."""
    from zine.importers.fetch import Limits
    from zine.importers.net import Session

    return Limits(allow_private=allow_private, session=Session(allow_private=allow_private))


def _picture_warning(imported: ImportedPost) -> list[str]:
    refused = [f"picture {url} not fetched: {why}" for url, why in imported.pictures_refused.items()]
    count = len(imported.pictures_left_out)
    if not count:
        return refused
    why = "not fetched" if imported.fetch else "nothing is downloaded without --fetch-images"
    return refused + [
        f"{plural(count, 'picture')} from the web left out ({why}): each is "
        "marked in the article as '[picture: ..., not downloaded: ADDRESS]'; to print one, "
        "save it into the project folder and replace its mark with ![what it shows](FILE)"]


def _picture_note(imported: ImportedPost) -> list[str]:
    if not imported.pictures:
        return []
    size = sum(len(data) for data in imported.pictures.values())
    return [f"fetched {plural(len(imported.pictures), 'picture')} into "
            f"{PICTURE_FOLDER}/{imported.slug}/ ({size / 1024:.0f} KB)"]


def _report(imported: ImportedPost) -> ImportReport:
    warnings = list(imported.warnings) + _picture_warning(imported)
    if not imported.comments:
        warnings.append(f"{imported.no_comments}: the article was imported alone")
    return ImportReport(
        title=imported.title, slug=imported.slug, words=word_count(imported.body),
        comments=sum(1 for _ in walk(imported.comments)), top_level=len(imported.comments),
        max_depth=depth(imported.comments), dropped=list(imported.dropped), warnings=warnings,
    )
