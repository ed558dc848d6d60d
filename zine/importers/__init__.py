"""zine import: a blog post and its comment thread become an article and a comments file.

Three sources, chosen by file name: a WordPress export (``.xml``), a saved
web page (``.html``) and pasted page text (``.txt``). Each reader returns an
:class:`~zine.importers.post.ImportedPost`; :mod:`.save` turns it into
``<slug>.md``, ``<slug>.comments.yaml`` and a ``zine.toml`` entry.
"""

from __future__ import annotations

import contextlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zine.core.errors import InputError, LimitError
from zine.core.files import megabytes, read_bytes
from zine.core.limits import EXPORT_FILE_BYTES, PICTURE_FILE_BYTES
from zine.core.wording import plural
from zine.importers.post import PICTURE_FOLDER, ImportedPost, depth, limit_depth, word_count
from zine.project.comments import MAX_DEPTH, walk

if TYPE_CHECKING:
    from zine.importers.fetch import Limits

READERS = {".xml": "wxr", ".wxr": "wxr", ".html": "webpage", ".htm": "webpage",
           ".txt": "pastedtext", ".text": "pastedtext"}

__all__ = ["ImportReport", "export_listing", "import_source", "list_posts"]


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

    def summary(self) -> str:
        """A few lines for the terminal."""
        lines = [f"Imported {self.title!r}", f"  article: {plural(self.words, 'word')}"]
        if self.comments:
            replies = (f", threads {self.max_depth} levels deep" if self.max_depth > 1
                       else ", no replies")
            lines.append(f"  comments: {self.comments} ({self.top_level} top-level{replies})")
        else:
            lines.append("  comments: none")
        lines += [f"  left out: {item}" for item in self.dropped]
        lines += [f"  warning: {item}" for item in self.warnings]
        lines += [f"  {note}" for note in self.notes]
        written = ", ".join(str(p) for p in self.written) or "nothing (files already up to date)"
        lines.append(f"  wrote: {written}")
        return "\n".join(lines)


def import_source(source: Path, outdir: Path, post: str | None = None, pingbacks: bool = False,
                  force: bool = False, allow_no_comments: bool = False, title: str | None = None,
                  subtitle: str | None = None, fetch_images: bool = False) -> ImportReport:
    """Import one post from SOURCE into OUTDIR; nothing is written if anything fails.

    ``title`` and ``subtitle`` replace the source's; an untitled post is titled
    after its first words. What is written always builds: a post with no text
    is refused. ``fetch_images`` downloads the pictures the article shows from
    the web (the only time anything is fetched).
    """
    from zine.importers.titles import settle_titles

    source, outdir = Path(source), Path(outdir)
    imported = read_source(source, post, pingbacks, _limits() if fetch_images else None)
    if not imported.body.strip():
        raise InputError(f"the post {imported.slug!r} has no text to print "
                         "(the build needs an article); nothing written", source)
    moved = limit_depth(imported.comments)
    if moved:
        imported.warnings.append(f"{plural(moved, 'reply', 'replies')} nested deeper than {MAX_DEPTH} "
                                 f"levels moved up to level {MAX_DEPTH} (the most a build prints)")
    notes = settle_titles(imported, source, title, subtitle)
    if not imported.comments and imported.comments_expected and not allow_no_comments:
        raise InputError(f"{imported.no_comments}; nothing written "
                         "(add --allow-no-comments to import the article alone)", source)
    report = _write(imported, source, outdir, force)
    report.notes[:0] = notes + _picture_note(imported)
    return report


def read_source(source: Path, post: str | None = None, pingbacks: bool = False,
                fetch: Limits | None = None) -> ImportedPost:
    """Read any supported source into an ImportedPost (no files written); with ``fetch``,
    the article's pictures on the web are downloaded within those limits."""
    kind = _reader_kind(source)
    if post is not None and kind != "wxr":
        raise InputError("--post chooses a post in a WordPress export (.xml); "
                         "this file holds one post", source)
    try:
        with _quiet_parser():
            return _read(source, kind, post, pingbacks, fetch)
    except RecursionError:
        raise InputError("nested too deeply to import: HTML elements inside one another "
                         "hundreds of levels deep", source) from None


@contextlib.contextmanager
def _quiet_parser():
    """BeautifulSoup warns about markup it finds odd (a comment that is only a web address
    "looks like a URL"); the import reports what it left out itself, in its own words."""
    import bs4

    names = ("UnusualUsageWarning", "MarkupResemblesLocatorWarning", "XMLParsedAsHTMLWarning",
             "GuessedAtParserWarning")
    with warnings.catch_warnings():
        for category in filter(None, (getattr(bs4, name, None) for name in names)):
            warnings.simplefilter("ignore", category)
        yield


def _read(source: Path, kind: str, post: str | None, pingbacks: bool,
          fetch: Limits | None) -> ImportedPost:
    if kind == "wxr":
        from zine.importers.wxr import read_wxr
        return read_wxr(source, post, pingbacks, fetch)
    if kind == "webpage":
        from zine.importers.webpage import read_webpage
        return read_webpage(source, pingbacks, fetch)
    from zine.importers.pastedtext import read_pasted_text
    return read_pasted_text(source)


def list_posts(source: Path) -> list:
    """Every post and page of a WordPress export (ExportEntry: slug, title, comments, marks ...)."""
    source = Path(source)
    if _reader_kind(source) != "wxr":
        raise InputError("only a WordPress export (.xml) lists posts", source)
    from zine.importers.wxr import list_export_posts
    return list_export_posts(source)


def export_listing(source: Path) -> str | None:
    """What ``zine import EXPORT`` answers without --post: the posts to choose from.

    None when there is nothing to choose: not an export, or one post only.
    """
    source = Path(source)
    if _reader_kind(source) != "wxr":
        return None
    from zine.importers.wxr import listing_text
    entries = list_posts(source)
    if len(entries) <= 1:
        return None
    published = sum(1 for e in entries if not e.marks)
    return (f"{source} holds {plural(len(entries), 'post')} ({published} published, "
            "listed first); import one with --post SLUG, ID or TITLE:\n" + listing_text(entries))


def _reader_kind(source: Path) -> str:
    if not source.exists():
        raise InputError("file not found", source)
    if source.is_dir():
        raise InputError("is a folder; give the exported .xml, the saved .html or the "
                         "pasted .txt file", source)
    kind = READERS.get(source.suffix.lower())
    if kind is None:
        raise InputError("cannot tell what this is: import reads a WordPress export (.xml), "
                         "a saved web page (.html) or pasted page text (.txt)", source)
    if not source.is_file():  # a pipe or a device: the XML parser would wait or read for ever
        raise InputError("is not a regular file (a device, a pipe or a socket): save it as a file", source)
    if kind == "wxr" and source.stat().st_size > EXPORT_FILE_BYTES:
        size = source.stat().st_size
        raise LimitError(f"the file is {megabytes(size)}, over the limit of {megabytes(EXPORT_FILE_BYTES)} "
                         f"by {megabytes(size - EXPORT_FILE_BYTES)}; export fewer posts (WordPress can "
                         "export one category or a range of dates)", source)
    return kind


def _write(imported: ImportedPost, source: Path, outdir: Path, force: bool) -> ImportReport:
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


def _limits() -> Limits:
    from zine.importers.fetch import Limits

    return Limits()


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
