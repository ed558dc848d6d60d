"""Name the source of printed text: which article file, which comment.

Printed text is matched back to the project's sources with punctuation, spacing
and case removed, so hyphenation, smart quotes and Markdown marks do not get in
the way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zine.project import walk_printed

WINDOW = 14  # characters of compacted text that identify a passage


@dataclass(frozen=True)
class Source:
    """One piece of source text: a file, and the comment id when it is a comment."""

    file: str
    comment: str | None
    text: str
    compact: str


def compact(text: str) -> str:
    """Lower-case letters and digits only."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class Locator:
    """Find where printed text came from; comments are preferred (they are more specific)."""

    def __init__(self, sources: list[Source]):
        self.sources = sorted(sources, key=lambda s: s.comment is None)

    @classmethod
    def for_project(cls, project) -> Locator:
        sources = []
        for article in project.contributions:
            sources.append(_source(article.path, project.root, None, article.title + "\n" + article.body))
            for comment in (p.comment for p in walk_printed(article.comments)):
                text = "\n".join(t for t in (comment.author, comment.text, comment.excerpt) if t)
                sources.append(_source(article.comments_path or article.path, project.root, comment.id, text))
        return cls(sources)

    def find_char(self, char: str) -> list[Source]:
        """Every source that holds ``char``."""
        return [s for s in self.sources if char in s.text]

    def find_text(self, printed: str) -> Source | None:
        """The source a printed snippet came from, or None when unsure."""
        printed = compact(printed)
        if len(printed) < 6:
            return None
        windows = [printed] if len(printed) <= WINDOW else [
            printed[i:i + WINDOW] for i in range(0, len(printed) - WINDOW + 1, max(1, WINDOW // 2))]
        best, best_hits = None, 0
        for source in self.sources:
            hits = sum(1 for w in windows if w in source.compact)
            if hits > best_hits:
                best, best_hits = source, hits
        return best


def _source(path: Path, root: Path, comment: str | None, text: str) -> Source:
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = path.name
    plain = re.sub(r"\]\([^)]*\)", "]", text)  # Markdown link targets are not printed inline
    return Source(shown, comment, text, compact(plain))

