"""What every importer hands the writer: one post, its comment tree, and notes for the report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zine.core.model import Comment
from zine.importers.slugs import slugify
from zine.project import MAX_DEPTH

if TYPE_CHECKING:
    from zine.importers.fetch import Limits

PICTURE_FOLDER = "images"  # imported pictures go to images/<slug>/


@dataclass
class ImportedPost:
    """An article in Markdown with its metadata, comments and what was left out.

    Not a :class:`zine.core.model.Article`: nothing is on disk yet (no path or line),
    the comments are the whole tree rather than the printed pick, and the
    report fields say what the import did. The writer turns title to lang into
    the front matter the build reads back.
    """

    title: str
    body: str
    slug: str
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    source: str | None = None
    lang: str | None = None
    categories: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Without comments the import stops with this message (unless the user allows it);
    # a page that cannot have a WordPress thread sets comments_expected False.
    no_comments: str = "no comments found"
    comments_expected: bool = True
    # Files to copy beside the article (pictures of a page saved "complete"): name -> source.
    files: dict[str, Path] = field(default_factory=dict)
    title_given: bool = False  # the user chose the title (--title): used as it is
    # Web addresses of pictures left out of the article (marked in its text).
    pictures_left_out: list[str] = field(default_factory=list)
    # Pictures fetched from the web (--fetch-images): name -> bytes; refused ones: address -> why.
    pictures: dict[str, bytes] = field(default_factory=dict)
    pictures_refused: dict[str, str] = field(default_factory=dict)
    fetched_from: dict[str, str] = field(default_factory=dict)  # name -> address
    fetch: Limits | None = None  # download limits, with --fetch-images only
    # Front matter the editor added to an article imported before (pick, order ...): kept on re-import.
    kept_front: dict = field(default_factory=dict)

    def picture_name(self, stem: str, suffix: str, same: Path | None = None) -> str:
        """A free name for a picture of this post, ``images/<slug>/<stem><suffix>``; the
        name ``same`` (a file already copied) has is given again."""
        base = f"{PICTURE_FOLDER}/{self.slug}/{slugify(stem, fallback='picture')}"
        name, number = base + suffix, 1
        while (name in self.files and (same is None or self.files[name] != same)) or name in self.pictures:
            number += 1
            name = f"{base}-{number}{suffix}"
        return name


def number_thread(comments: list[Comment], prefix: str = "") -> None:
    """Give comments without an id the numbering a blog shows: 1, 1.1, 1.1.2 ..."""
    pending = [(comments, prefix)]  # no recursion: an export may chain thousands of replies
    while pending:
        siblings, prefix = pending.pop()
        for position, comment in enumerate(siblings, start=1):
            if not comment.id:
                comment.id = f"{prefix}{position}"
            pending.append((comment.replies, f"{comment.id}."))


def depth(comments: list[Comment]) -> int:
    """Levels in the thread: 0 without comments, 1 without replies."""
    deepest, pending = 0, [(comments, 1)]
    while pending:
        siblings, level = pending.pop()
        if siblings:
            deepest = max(deepest, level)
            pending += [(comment.replies, level + 1) for comment in siblings]
    return deepest


def limit_depth(comments: list[Comment], most: int = MAX_DEPTH) -> int:
    """Replies nested deeper than ``most`` levels (more than a build reads) move up to level
    ``most``, each right after the comment it hangs under, in reading order. Returns how
    many moved."""
    moved, pending = 0, [(comments, 1)]
    while pending:
        siblings, level = pending.pop()
        if level < most:
            pending += [(comment.replies, level + 1) for comment in siblings]
            continue
        flat: list[Comment] = []
        for comment in siblings:
            below = _all_replies(comment)
            moved += len(below)
            flat += [comment, *below]
        siblings[:] = flat
    return moved


def _all_replies(comment: Comment) -> list[Comment]:
    """Every reply under ``comment``, in reading order, each cut loose from its own replies."""
    found: list[Comment] = []
    pending = list(reversed(comment.replies))
    comment.replies = []
    while pending:
        reply = pending.pop()
        found.append(reply)
        pending += reversed(reply.replies)
        reply.replies = []
    return found


def word_count(markdown_text: str) -> int:
    """Words a reader sees: link targets and image addresses are not counted."""
    visible = re.sub(r"\]\([^)]*\)", "]", markdown_text)
    return len(re.findall(r"\w[\w'’.-]*", visible))
