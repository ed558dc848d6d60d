"""A comment thread as a tree to read in a terminal (what ``zine comments`` prints).

Each line: whether it is picked, the id (indented a step a level), author, date,
likes, words and the first words, so picking needs no reading of YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zine.core.model import Comment, Project
from zine.core.wording import plural
from zine.project.comments import expand_pick, load_comments, walk, walk_printed

OPENING_CHARS = 48
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|~]+")
_WORD = re.compile(r"\S*[^\W_]\S*")  # a token holding a letter or digit


def comment_words(comment: Comment) -> int:
    """Words of what prints (the excerpt when there is one): tokens with a letter or digit."""
    return count_words(comment.excerpt or comment.text)


def count_words(text: str) -> int:
    """Words as a reader counts them: Markdown signs and lone dashes are not words."""
    return len(_WORD.findall(_LINK.sub(r"\1", text)))


def opening(text: str, width: int = OPENING_CHARS) -> str:
    """The first words of a comment on one line, cut at a word with an ellipsis."""
    plain = " ".join(_MARKUP.sub("", _LINK.sub(r"\1", text)).split())
    if len(plain) <= width:
        return plain
    return plain[:width].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


@dataclass(frozen=True)
class Row:
    """One comment of the tree."""

    id: str
    level: int
    author: str
    date: str
    likes: int | None
    words: int
    opening: str
    picked: bool
    trimmed: bool


def thread_rows(comments: list[Comment], chosen: set[str]) -> list[Row]:
    """Every comment in thread order, marked picked when its id is in ``chosen``."""
    rows = []
    for comment in walk(comments):
        rows.append(Row(comment.id, comment.id.count("."), comment.author or "-", comment.date or "-",
                        comment.likes, comment_words(comment), opening(comment.excerpt or comment.text),
                        comment.id in chosen, comment.excerpt is not None))
    return rows


def describe_threads(project: Project, pick: list[str] | None = None) -> str:
    """Each article's comments as a tree with what is picked; ``pick`` tries another choice."""
    blocks = []
    for article in project.contributions:
        if article.comments_path is None:
            blocks.append(f"{article.path.name}: no comments file")
            continue
        comments = article.thread or load_comments(article.comments_path)
        if pick is not None:
            chosen, how = set(expand_pick(comments, pick, "--pick")), "--pick " + ",".join(pick)
        else:
            # The project has picked already: its printed thread says which.
            chosen = {printed.comment.id for printed in walk_printed(article.comments)}
            how = "as the project picks"
        blocks.append(_block(article.comments_path.name, thread_rows(comments, chosen), how))
    return "\n\n".join(blocks)


def _block(name: str, rows: list[Row], how: str) -> str:
    picked = sum(row.picked for row in rows)
    head = f"{name}: {plural(len(rows), 'comment')}, {picked} picked ({how})"
    if not rows:
        return head
    width = max(len(row.id) + 2 * row.level for row in rows) + 2
    author = min(max(len("author"), *(len(row.author) for row in rows)), 18) + 2
    lines = [head, f"    {'id':<{width}}{'author':<{author}}{'date':<12}{'likes':>5} {'words':>5}  first words"]
    for row in rows:
        mark = "[x]" if row.picked else "[ ]"
        ident = "  " * row.level + row.id
        likes = "-" if row.likes is None else str(row.likes)
        text = row.opening + (" (excerpt)" if row.trimmed else "")
        lines.append(f"{mark} {ident:<{width}}{row.author[:author - 2]:<{author}}{row.date:<12}"
                     f"{likes:>5} {row.words:>5}  {text}")
    return "\n".join(lines)
