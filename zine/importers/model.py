"""What every importer hands the writer: one post, its comment tree, and notes for the report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zine.core.model import Comment


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
    author: str | None = None
    date: str | None = None
    source: str | None = None
    lang: str | None = None
    comments: list[Comment] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Without comments the import stops with this message (unless the user allows it);
    # a page that cannot have a WordPress thread sets comments_expected False.
    no_comments: str = "no comments found"
    comments_expected: bool = True
    # Files to copy beside the article (pictures of a page saved "complete"): name -> source.
    files: dict[str, Path] = field(default_factory=dict)


def number_thread(comments: list[Comment], prefix: str = "") -> None:
    """Give comments without an id the numbering a blog shows: 1, 1.1, 1.1.2 ..."""
    for position, comment in enumerate(comments, start=1):
        if not comment.id:
            comment.id = f"{prefix}{position}"
        number_thread(comment.replies, prefix=f"{comment.id}.")


def depth(comments: list[Comment]) -> int:
    """Levels in the thread: 0 without comments, 1 without replies."""
    return max((1 + depth(c.replies) for c in comments), default=0)


def word_count(markdown_text: str) -> int:
    """Words a reader sees: link targets and image addresses are not counted."""
    visible = re.sub(r"\]\([^)]*\)", "]", markdown_text)
    return len(re.findall(r"\w[\w'’.-]*", visible))
