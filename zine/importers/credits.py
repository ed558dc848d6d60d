"""Who wrote an imported post and where it was first published: what the user gives
(``--author``, ``--source``) over what the source says, and one line for each that is missing."""

from __future__ import annotations

from urllib.parse import urlsplit

from zine.core.errors import InputError
from zine.importers.post import ImportedPost

MISSING = {
    "author": "no author found: the zine prints without a byline (give --author)",
    "source": "no source address found: the zine prints no 'First published at' (give --source URL)",
    "date": "no date found: the zine prints without a date (add date: YYYY-MM-DD to the article)",
}
NONE_FOUND = ("no author, source address or date found: the zine prints without a byline, a source or "
              "a date (give --author and --source URL; add date: YYYY-MM-DD to the article)")


def apply_credits(post: ImportedPost, author: str | None, source: str | None) -> None:
    """Put the user's ``author`` and ``source`` on the post (an address must be http or https)."""
    if author is not None:
        author = " ".join(author.split())
        if not author:
            raise InputError("--author is empty: give the writer's name")
        post.author = author
    if source is not None:
        address = source.strip()
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in address):
            raise InputError(f"--source must be a web address starting http:// or https://, not {source!r}")
        post.source = address


def missing_credits(post: ImportedPost) -> list[str]:
    """What the report says is missing, most important first: one line when all three are."""
    missing = [key for key in ("author", "source", "date") if not getattr(post, key)]
    if len(missing) == len(MISSING):
        return [NONE_FOUND]
    return [MISSING[key] for key in missing]
