"""How much text an article may hold: the limits of ``zine.core.limits``, checked on the
Markdown as written, so the error can name the line where a limit is passed.

Typesetting time grows with the text (and faster than linearly with footnotes on a
page), so an article no zine needs (a whole book, a web page's worth of footnotes,
a paragraph of megabytes) is refused before any of it is set.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from zine.core.limits import ARTICLE_CHARS, ARTICLE_WORDS, BLOCK_CHARS, COMMENT_WORDS, COMMENTS, FOOTNOTES, enforce
from zine.core.model import PrintedComment
from zine.project.comments import walk_printed

FOOTNOTE = re.compile(r" {0,3}\[\^[^\]\s]+\]:")
# A line that starts a block of its own (list item, heading, quote, table row, footnote, fence):
# each is typeset as a paragraph of its own.
NEW_BLOCK = re.compile(r"\s*(?:[-*+] |\d{1,9}[.)] |#|>|\||\[\^[^\]\s]+\]:|```|~~~)")
BLOCK_ADVICE = "put a blank line between paragraphs"
SPLIT_ADVICE = "split it into several articles (one [[contribution]] each) or cut it"


# Chinese, Japanese and Korean characters: written without spaces, each takes the room of a
# word on the page, so each counts as one (198,000 of them make over 2,000 pages).
WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                  "\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def printed_words(text: str) -> int:
    """Words as the page holds them: runs between spaces, and each CJK character."""
    return len(text.split()) + len(WIDE.findall(text))


def check_article_text(body: str, path: Path, first_line: int) -> None:
    """Refuse a body with a paragraph, or footnotes, words or characters beyond the limits."""
    _check_blocks(body, path, first_line)
    _check_footnotes(body, path, first_line)
    # Counted as printed: '&#x4E00;' is one character on the page, not eight.
    text = html.unescape(body) if "&" in body else body
    words = text.split()
    enforce(sum(map(len, words)), ARTICLE_CHARS, "characters (not counting spaces)", path, advice=SPLIT_ADVICE)
    enforce(printed_words(text), ARTICLE_WORDS, "words (each Chinese, Japanese or Korean character counts as one)"
            if WIDE.search(text) else "words", path, advice=SPLIT_ADVICE)


def check_printed_comments(thread: list[PrintedComment], path: Path) -> None:
    """Refuse more printed comments than the limit, or a comment with a giant paragraph."""
    printed = [p.comment for p in walk_printed(thread)]
    enforce(len(printed), COMMENTS, "comments to print", path,
            advice="choose the ones to print with 'pick'")
    words = sum(printed_words(comment.excerpt or comment.text) for comment in printed)
    enforce(words, COMMENT_WORDS, "words in the comments to print", path,
            advice="choose fewer with 'pick', or print excerpts of the long ones")
    for comment in printed:
        _check_blocks(comment.excerpt or comment.text, path, comment.line, f" of comment {comment.id}")


def _check_blocks(text: str, path: Path, first_line: int | None, whose: str = "") -> None:
    """Lines up to a blank line, or to a line that starts a new block, are one paragraph."""
    lines = text.split("\n")
    start, size = 0, -1
    for number, line in enumerate(lines):
        if not line.strip():
            start, size = number + 1, -1
            continue
        if NEW_BLOCK.match(line):
            start, size = number, -1
        size += len(line) + 1  # counted as _block_length counts, so passing here always stops
        if size > BLOCK_CHARS:
            length = _block_length(lines, start)
            where = first_line + start if first_line is not None else None
            enforce(length, BLOCK_CHARS, f"characters in one paragraph{whose}", path, where, BLOCK_ADVICE)


def _block_length(lines: list[str], start: int) -> int:
    length = len(lines[start])
    for line in lines[start + 1:]:
        if not line.strip() or NEW_BLOCK.match(line):
            break
        length += len(line) + 1
    return length


def _check_footnotes(body: str, path: Path, first_line: int) -> None:
    count, passed = 0, None
    for number, line in enumerate(body.split("\n")):
        if FOOTNOTE.match(line):
            count += 1
            if count == FOOTNOTES + 1:
                passed = first_line + number
    enforce(count, FOOTNOTES, "footnotes", path, passed,
            "turn some into text, or split the article (the line is where the limit is passed)")

