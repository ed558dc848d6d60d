"""How zine says things to people: counted nouns."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 comment', '2 comments' ('1 reply', '2 replies' with ``many``)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
