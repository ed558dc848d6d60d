"""Importing a web address again: the article and comments are refreshed, the editor's work kept.

The editor's work is what the import does not write: front matter keys such as
``pick`` or ``order``, the ``excerpt`` of each comment, and zine.toml (only ever
appended to). A comment is known again by its id when its author is the same,
otherwise by its author, date and text; what changed is counted for the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zine.core.errors import OutputError
from zine.core.files import read_text
from zine.core.model import Comment
from zine.core.wording import plural
from zine.importers.post import ImportedPost
from zine.project import load_comments, split_front_matter, walk

WRITTEN_KEYS = ("title", "subtitle", "author", "date", "source", "lang", "categories", "comments")


@dataclass
class Changes:
    """What a re-import changed, for the report."""

    new: int = 0
    edited: int = 0
    gone: int = 0
    excerpts: int = 0
    moved_ids: list[str] = field(default_factory=list)
    kept_keys: list[str] = field(default_factory=list)

    def lines(self) -> tuple[list[str], list[str]]:
        """Notes and warnings."""
        counts = [plural(self.new, "new comment"), f"{self.edited} edited",
                  f"{self.gone} no longer on the source"]
        notes = ["refreshed the article and comments: " + ", ".join(counts)]
        kept = [f"'{key}'" for key in self.kept_keys] + (
            [plural(self.excerpts, "excerpt")] if self.excerpts else [])
        if kept:
            notes.append(f"kept what you wrote: {', '.join(kept)}")
        warnings = []
        if self.moved_ids:
            warnings.append(f"comment {', '.join(self.moved_ids[:8])} now "
                            f"{'is' if len(self.moved_ids) == 1 else 'are'} another comment (one was "
                            "removed from the source): check the 'pick' lists naming them")
        return notes, warnings


def carry_over(post: ImportedPost, outdir: Path, force: bool) -> Changes | None:
    """Take the editor's work from an earlier import of this post into ``post``; None when
    there was none. An article of the same name from another source is not replaced
    without ``force``."""
    article = outdir / f"{post.slug}.md"
    if not article.is_file():
        return None
    meta, _, _ = split_front_matter(read_text(article), article)
    if meta.get("source") not in (None, post.source) and not force:
        raise OutputError(f"already holds an article imported from {meta.get('source')}; "
                          "add --force to replace it", article)
    changes = Changes()
    post.kept_front = {key: value for key, value in meta.items() if key not in WRITTEN_KEYS}
    changes.kept_keys = list(post.kept_front)
    earlier = outdir / f"{post.slug}.comments.yaml"
    old = load_comments(earlier) if earlier.is_file() else []
    _match(old, post.comments, changes)
    return changes


def _match(old: list[Comment], new: list[Comment], changes: Changes) -> None:
    by_id = {c.id: c for c in walk(old)}
    by_words = {_words(c): c for c in walk(old)}
    matched: set[int] = set()
    for comment in walk(new):
        before = by_id.get(comment.id)
        if before is not None and before.author != comment.author:
            changes.moved_ids.append(comment.id)
            before = None
        before = before if before is not None and id(before) not in matched else by_words.get(_words(comment))
        if before is None or id(before) in matched:
            changes.new += 1
            continue
        matched.add(id(before))
        if before.text.strip() != comment.text.strip():
            changes.edited += 1
        if before.excerpt:
            comment.excerpt = before.excerpt
            changes.excerpts += 1
    changes.gone = sum(1 for c in walk(old) if id(c) not in matched)


def _words(comment: Comment) -> tuple:
    return comment.author, comment.date, " ".join(comment.text.split())
