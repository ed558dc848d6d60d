"""Comment threads: read a comments file, number it as a blog does, pick excerpts."""

from __future__ import annotations

import re
from pathlib import Path

from zine.core.errors import InputError
from zine.core.files import read_text
from zine.core.limits import COMMENTS_FILE_BYTES
from zine.core.mistakes import did_you_mean
from zine.core.model import Comment, PrintedComment
from zine.project.fields import date_field, int_field, require_mapping, text_field
from zine.project.yamlio import LineDict, load_yaml

MAX_DEPTH = 100  # levels of replies a thread may have (a comments file nests two YAML levels a level)


def load_comments(path: Path) -> list[Comment]:
    """Read a comments YAML file into a tree, ids defaulting to 1, 1.1, 1.1.2 ..."""
    data = load_yaml(read_text(path, COMMENTS_FILE_BYTES), path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError("a comments file must be a list of comments (lines starting '- ')", path, 1)
    comments = _read_list(data, path, prefix="")
    _check_unique_ids(comments, path)
    return comments


def _read_list(items: list, path: Path, prefix: str) -> list[Comment]:
    return [_read_comment(item, path, f"{prefix}{n}") for n, item in enumerate(items, start=1)]


def _read_comment(item, path: Path, default_id: str) -> Comment:
    line = item.line if isinstance(item, LineDict) else None
    require_mapping(item, f"comment {default_id}", path, line)
    cid = text_field(item, "id", path) or default_id
    replies = item.get("replies") or []
    if not isinstance(replies, list):
        raise InputError(f"'replies' of comment {cid} must be a list of comments", path, line)
    return Comment(
        id=cid,
        text=text_field(item, "text", path, required=True),
        author=text_field(item, "author", path),
        date=date_field(item, "date", path),
        likes=int_field(item, "likes", path),
        excerpt=text_field(item, "excerpt", path),
        replies=_read_list(replies, path, prefix=f"{cid}."),
        line=line,
    )


def _check_unique_ids(comments: list[Comment], path: Path) -> None:
    seen: dict[str, Comment] = {}
    for comment in walk(comments):
        if comment.id in seen:
            raise InputError(f"comment id {comment.id!r} is used twice", path, comment.line)
        seen[comment.id] = comment


def walk(comments: list[Comment]):
    """Every comment of a tree, parents before their replies."""
    for comment in comments:
        yield comment
        yield from walk(comment.replies)


def walk_printed(thread: list[PrintedComment]):
    """Every comment of a printed thread, in reading order."""
    for printed in thread:
        yield printed
        yield from walk_printed(printed.children)


def pick_comments(
    comments: list[Comment], pick: list[str] | None, where: Path | None = None
) -> list[PrintedComment]:
    """The printed thread: picked comments, each under its nearest picked ancestor.

    No ``pick`` prints every comment. A picked reply whose parent was left out
    moves up to the nearest picked ancestor and is marked as a reply.
    """
    chosen = None if pick is None else set(expand_pick(comments, pick, where))
    printed: list[PrintedComment] = []
    _place(comments, chosen, printed, level=0, parent=None, parent_picked=True)
    return printed


def expand_pick(comments: list[Comment], pick: list[str], where: Path | None = None) -> list[str]:
    """The ids a pick list selects, in thread order.

    An entry is a comment id (``2.1``), a whole thread (``2.*``: comment 2 and
    every reply under it) or the most-liked comments (``top:5``). An entry that
    starts with ``-`` or ``!`` (``-2.2``) leaves that comment and its replies out of
    what the others pick; a pick of only such entries starts from every comment.
    """
    everything = list(walk(comments))
    wanted = [entry for entry in pick if not _is_exclusion(entry)]
    left_out = [entry.lstrip("-!").strip() for entry in pick if _is_exclusion(entry)]
    chosen = set() if wanted else {c.id for c in everything}
    unknown = []
    for entry in wanted:
        selected = _select(entry, everything, where)
        if selected is None:
            unknown.append(entry)
        chosen.update(selected or ())
    for entry in left_out:
        selected = _select(entry.removesuffix(".*") + ".*", everything, where)
        if selected is None:
            unknown.append(entry)
        chosen.difference_update(selected or ())
    if unknown:
        _unknown_ids(unknown, everything, where)
    return [c.id for c in everything if c.id in chosen]


def _is_exclusion(entry: str) -> bool:
    return entry.strip().startswith(("-", "!"))


def _unknown_ids(unknown: list[str], everything: list[Comment], where: Path | None) -> None:
    known = [c.id for c in everything]
    listed = ", ".join(known) if known else "(there are no comments)"
    hint = did_you_mean(unknown[0], known) if len(unknown) == 1 else ""
    raise InputError(
        f"pick names comment {', '.join(map(repr, unknown))} which does not exist{hint}; "
        f"the comments are: {listed}",
        where,
    )


def _select(entry: str, everything: list[Comment], where: Path | None) -> list[str] | None:
    """The ids one pick entry names, or None when it names no comment."""
    top = top_count(entry, where)
    if top is not None:
        # sorted() is stable: among equal likes, the earlier comment in the thread wins.
        ranked = sorted(everything, key=lambda c: -(c.likes or 0))
        return [c.id for c in ranked[:top]]
    if entry.endswith(".*"):
        head = next((c for c in everything if c.id == entry[:-2]), None)
        return None if head is None else [c.id for c in walk([head])]
    return [entry] if any(c.id == entry for c in everything) else None


_TOP = re.compile(r"^top\s*[:=]?\s*(\S+)$", re.IGNORECASE)


def top_count(entry: str, where: Path | None = None) -> int | None:
    """N for a ``top:N`` entry (the N most-liked comments); None for any other entry."""
    match = _TOP.match(entry.strip())
    if not match:
        return None
    if not match.group(1).isdigit():
        raise InputError(f"pick entry {entry!r}: top needs a whole number, as in 'top:5'", where)
    return int(match.group(1))


def _place(comments, chosen, out, level, parent, parent_picked) -> None:
    for comment in comments:
        if chosen is None or comment.id in chosen:
            note = None if parent_picked else (_who(parent) if parent else "an earlier comment")
            printed = PrintedComment(comment, level, replying_to=note,
                                     answering=None if parent_picked else parent)
            out.append(printed)
            _place(comment.replies, chosen, printed.children, level + 1, comment, parent_picked=True)
        else:
            _place(comment.replies, chosen, out, level, comment, parent_picked=False)


def _who(comment: Comment) -> str:
    """Whom a reply answers, in words a reader has: a name, or how the comment began.

    Comment ids ("2.2") are the blog's numbering, which paper does not show.
    """
    if comment.author:
        return comment.author
    return f"the comment that begins “{opening_words(comment.text)}”"


def opening_words(markdown_text: str, count: int = 8) -> str:
    """The first words of a comment as a reader sees them, '…' if there are more."""
    words = plain_text(markdown_text).split()
    opening = " ".join(words[:count]).rstrip(",;:")
    return opening + ("…" if len(words) > count else "")


def plain_text(markdown_text: str) -> str:
    """Markdown as a reader sees it: link words without targets, no marks, one line."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"(?m)^\s*(?:#{1,6}\s|>\s?|[-*+]\s|\d+[.)]\s|```.*$|~~~.*$)", "", text)
    text = re.sub(r"\\(.)|(?<!\w)[*_~`]+|[*_~`]+(?!\w)", lambda m: m.group(1) or "", text)
    return " ".join(text.split())
