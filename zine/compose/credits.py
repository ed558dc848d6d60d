"""Who is named in print, and how: commenters, running-head titles, the call to action, the cover quote.

A campaign quoting a thread about mental health may print its commenters by
name, by initial or not at all (``commenters`` in zine.toml, ``--commenters``);
the choice reaches every line that names one, the "Replying to" lines too.
"""

from __future__ import annotations

import re
from html import unescape

from markupsafe import Markup

from zine.compose.markdown import inline_text
from zine.core.model import COMMENTER_MODES, Comment, PrintedComment
from zine.project import opening_words

ANONYMOUS = "A reader"
SHORT_TITLE_CHARS = 40  # a running head is one line of small capitals


def commenter(author: str | None, mode: str | None) -> str | None:
    """The name a comment prints under: as signed, its initials ("M." for "Margaret"), or "A reader".

    A comment nobody signed prints no name in any mode: nothing is made up,
    and "A reader" stands only where the user asked for anonymity.
    """
    mode = mode or COMMENTER_MODES[0]
    if not author:
        return None
    if mode == "anonymous":
        return ANONYMOUS
    if mode == "initials":
        return " ".join(f"{word[0].upper()}." for word in re.findall(r"\w[\w'’-]*", author)) or None
    return author


def replying_to(printed: PrintedComment, mode: str | None) -> str | None:
    """The "Replying to ..." words of a reply whose parent is not printed, under the naming rule."""
    if printed.replying_to is None:
        return None
    parent: Comment | None = printed.answering
    if parent is None:
        return printed.replying_to
    name = commenter(parent.author, mode)
    if name is None or (mode == "anonymous"):
        return f"the comment that begins “{opening_words(parent.text)}”"
    return name


def short_title(title: str, given: str | None = None, limit: int = SHORT_TITLE_CHARS) -> str:
    """The title for a running head: ``given`` (front matter ``short_title``), else the title
    cut after the last whole word that keeps it under ``limit`` characters, with "…"."""
    if given:
        return given
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[:limit + 1].rsplit(" ", 1)[0].rstrip(",;:–—-")
    if not cut or cut == title[:limit + 1]:
        return title  # one word longer than the limit: whole, never cut inside
    return cut + "…"


def action_fields(action: dict[str, str]) -> dict[str, Markup | None]:
    """The ``[action]`` table as templates print it: each line of a value kept as a line."""
    shown: dict[str, Markup | None] = {}
    for key, value in action.items():
        if key == "qr" or not value:
            shown[key] = value or None
            continue
        lines = [inline_text(line) for line in value.splitlines() if line.strip()]
        shown[key] = Markup("<br>".join(lines)) if lines else None
    return shown


_PULL = re.compile(r'<blockquote class="pull"[^>]*>(.*?)</blockquote>', re.S)
_TAG = re.compile(r"<[^>]+>")


def pull_quote(fragments: list[str]) -> str | None:
    """The text of the first pull quote (``{.pull}``) in the contributions, for a cover, or None."""
    for html in fragments:
        found = _PULL.search(html)
        if found:
            text = " ".join(unescape(_TAG.sub(" ", found.group(1))).split())
            text = re.sub(r"\s+([,.;:!?’”])", r"\1", text)
            if text:
                return text
    return None


def marked_excerpt(contributions: list[dict], most_words: int = 40) -> str | None:
    """The first printed comment the editor trimmed to an ``excerpt`` (short enough for a cover), or None."""
    for piece in contributions:
        for comment in piece["comments"]:
            if comment["trimmed"]:
                text = " ".join(unescape(_TAG.sub(" ", str(comment["html"]))).split())
                if text and len(text.split()) <= most_words:
                    return text
    return None


def credit_lines(credits: list[dict], chars_per_line: int) -> int:
    """About how many lines the writers and sources take at ``chars_per_line`` (a little over,
    never under: a colophon that might not fit its place goes on a page of its own)."""
    per_line = max(10, int(chars_per_line))
    lines = 0
    for credit in credits:
        said = len(_TAG.sub("", str(credit.get("title") or ""))) + len(credit.get("author") or "") + 4
        lines += -(-said // per_line) + -(-len(credit.get("source") or "") // per_line)
    return lines + (2 if len(credits) == 1 else 1)


def action_lines(action: dict) -> int:
    """Lines of text the call to action prints, besides its heading and QR code."""
    return sum(str(action[key]).count("<br>") + 1
               for key in ("meeting", "where", "when", "contact") if action.get(key))
