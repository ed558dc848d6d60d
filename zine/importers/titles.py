"""Titles an import gives: the article's (from the source, the user, or its first words) and the cover's.

The build needs a title on every article. A post without one is titled after
its opening words, and the report says so; the user may give another with
``--title``. A blog's long title suits the article's head but not a cover,
so a new zine.toml gets a shorter one: its first clause, or its first words.
"""

from __future__ import annotations

import re
from pathlib import Path

from zine.core.errors import InputError
from zine.core.limits import TITLE_CHARS
from zine.importers.post import ImportedPost
from zine.importers.tomarkdown import escape_text
from zine.project import plain_text

TITLE_WORDS = 8  # an untitled post is titled after this many of its first words
COVER_WORDS = 8  # a longer title is shortened for the cover
CLAUSE = re.compile(r"\s*(?::|;|,|\s[–—|-])\s+")


def settle_titles(post: ImportedPost, source: Path, title: str | None,
                  subtitle: str | None) -> list[str]:
    """Apply ``--title``/``--subtitle``; title an untitled post. Notes for the report."""
    notes = []
    if subtitle is not None:
        post.subtitle = " ".join(subtitle.split()) or None
    if title is not None and title.strip():
        post.title, post.title_given = " ".join(title.split()), True
    elif not post.title:
        post.title = opening_words(post.body)
        if not post.title:
            raise InputError("the post has no title and no text to take one from; "
                             "give one with --title", source)
        notes.append(f"the post has no title: it is titled {post.title!r} after its first "
                     "words (give another with --title, or edit the article's 'title')")
    elif len(post.title) > TITLE_CHARS:  # a pasted page whose first line is a paragraph, say
        whole, post.title = post.title, opening_words(post.title)
        post.body = f"{escape_text(whole)}\n\n{post.body}"
        notes.append(f"the title was {len(whole):,} characters, over the limit of {TITLE_CHARS} for a title: "
                     f"it now starts the article, which is titled {post.title!r} after its first words "
                     "(give another with --title, or edit the article's 'title')")
    return notes


def opening_words(markdown_text: str, count: int = TITLE_WORDS) -> str:
    """The first words of the text as a reader sees them, up to the first sentence's end."""
    first = re.split(r"(?<=[.!?])\s", plain_text(markdown_text), maxsplit=1)[0]
    words = first.split()
    shown = " ".join(words[:count]).rstrip(".,;:")
    return shown + ("…" if len(words) > count else "")


def cover_title(post: ImportedPost) -> tuple[str, str | None]:
    """The title for a new zine.toml and, if it was shortened, a note saying so."""
    words = post.title.split()
    if post.title_given or len(words) <= COVER_WORDS:
        return post.title, None
    head = CLAUSE.split(post.title, maxsplit=1)[0]
    short = head if 2 <= len(head.split()) <= COVER_WORDS else \
        " ".join(words[:COVER_WORDS]).rstrip(".,;:") + "…"
    return short, (f"cover title shortened to {short!r} (the article keeps the whole title; "
                   "change 'title' in zine.toml, or import with --title)")
