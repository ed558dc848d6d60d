"""Runs of left-to-right words inside right-to-left text, kept together with markup.

The renderer orders the inline pieces of a right-to-left line (a text, an <em>,
a link) from right to left, one after the other. Inside a run of English words
that holds markup ("and <em>this</em> here" in Arabic text), that puts the words
in the wrong order. Each such run is wrapped in ``<bdi dir="ltr">``, so it is one
piece of the line, laid out left to right inside. No control character is
added: the order is said with markup.
"""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"(<[^>]*>)")
# Inline elements a run may cross; any other tag (a paragraph, a list item, a line break) ends it.
_INLINE = {"a", "em", "strong", "b", "i", "u", "code", "span", "small", "mark", "q", "cite", "abbr",
           "del", "ins", "s", "sup", "sub", "kbd", "var", "wbr", "bdi"}
_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


def isolate_ltr_runs(html: str) -> str:
    """``html`` (right-to-left text) with each left-to-right run that crosses a tag wrapped."""
    tokens = _TOKEN.split(html)
    out: list[str] = []
    run: list[str] = []  # tokens of the run being gathered, from its first strong L letter
    pending: list[str] = []  # neutral text and tags after the run's last strong letter

    def close_run() -> None:
        if run:
            out.extend(_wrapped(run))
            run.clear()
        out.extend(pending)
        pending.clear()

    for token in tokens:
        if not token:
            continue
        if token.startswith("<"):
            name = (_NAME.match(token) or [None, ""])[1].lower()
            pieces = [(token, "R" if name not in _INLINE else None)]  # a block tag ends a run as R does
        else:
            pieces = [(piece, _strong(piece)) for piece in _pieces(token)]
        for piece, kind in pieces:
            if kind == "L":  # the run takes in what waited between its strong letters
                run.extend(pending)
                pending.clear()
                run.append(piece)
            elif kind == "R":
                close_run()
                out.append(piece)
            else:  # neutral: the run's, if one goes on past it
                (pending if run else out).append(piece)
    close_run()
    return "".join(out)


_ENTITY = re.compile(r"(&#?\w+;)")


def _pieces(text: str) -> list[str]:
    """Text cut where its strong direction changes: each piece is one strong run or neutrals
    (a character reference, ``&amp;``, is a neutral piece of its own)."""
    pieces: list[str] = []
    for part in _ENTITY.split(text):
        if part.startswith("&") and part.endswith(";"):
            pieces.append(part)
        elif part:
            pieces += _runs(part)
    return pieces


def _runs(text: str) -> list[str]:
    pieces, current, kind = [], "", None
    for char in text:
        this = _char_kind(char)
        if this != kind and current:
            pieces.append(current)
            current = ""
        current += char
        kind = this
    if current:
        pieces.append(current)
    return pieces


def _char_kind(char: str) -> str:
    bidi = unicodedata.bidirectional(char)
    return "L" if bidi == "L" else "R" if bidi in ("R", "AL") else "N"


def _strong(piece: str) -> str:
    return "N" if piece.startswith("&") and piece.endswith(";") else _char_kind(piece[0])


def _wrapped(run: list[str]) -> list[str]:
    """The run in a ``<bdi dir="ltr">`` when it crosses tags that open and close inside it."""
    tags = [token for token in run if token.startswith("<")]
    if not tags or not _balanced(tags):
        return run
    return ['<bdi dir="ltr">', *run, "</bdi>"]


def _balanced(tags: list[str]) -> bool:
    stack: list[str] = []
    for tag in tags:
        name = (_NAME.match(tag) or [None, ""])[1].lower()
        if tag.startswith("</"):
            if not stack or stack.pop() != name:
                return False
        elif not tag.endswith("/>") and name != "wbr":
            stack.append(name)
    return not stack
