"""Words split across a page turn, read back from the rendered pages.

PDFium gives the glyph that ends a hyphenated line as a control character
(U+0002 or U+FFFE) rather than a hyphen; a page's lowest line of body text
ending so, the word runs on to the next page. The word is that line's last
letters and the first letters of the next page's body (running heads and page
numbers left out). See ``zine.compose.nohyphen`` for what the build does with them.
"""

from __future__ import annotations

import re

from zine.render.pagetext import text_runs

HYPHEN_ENDS = ("\x02", "\ufffe", "\u00ad", "\u2010", "-")
_LAST = re.compile(r"([^\W\d_][\w'’]*)[\x02\ufffe\u00ad\u2010-]$")
_FIRST = re.compile(r"^\W*([^\W\d_][\w'’]*)")


def page_turn_words(pdf: bytes) -> set[tuple[str, int]]:
    """The words split at the foot of a page and finished on the next one, each with the
    0-based page it begins on."""
    lines = [[(bottom, text, top) for _, bottom, _, top, text in page if text and not text.isdigit()]
             for page in text_runs(pdf)]
    heads = _running_heads(lines)
    words = set()
    for index in range(len(lines) - 1):
        body = [line for line in lines[index] if line[1] not in heads]
        following = [line for line in lines[index + 1] if line[1] not in heads]
        if not body or not following:
            continue
        last = min(body)[1].rstrip()  # the lowest line
        if not last.endswith(HYPHEN_ENDS):
            continue
        start, rest = _LAST.search(last), _continuation(following)
        if start and rest:
            words.add((start.group(1) + rest, index))
    return words


def _continuation(lines: list[tuple[float, str, float]]) -> str | None:
    """The letters that finish a split word: the first word of the page's highest line that
    begins in a small letter (a running head met once, set in capitals, is passed over), else
    of its highest line (scripts without capitals)."""
    ordered = sorted(lines, key=lambda line: -line[2])
    starts = [match.group(1) for match in (_FIRST.match(line[1]) for line in ordered) if match]
    return next((word for word in starts if word[0].islower()), starts[0] if starts else None)


def _running_heads(lines: list[list[tuple[float, str, float]]]) -> set[str]:
    """Texts that stand as the top line of more than one page: running heads."""
    tops = [max(page, key=lambda line: line[2])[1] for page in lines if page]
    return {text for text in tops if tops.count(text) > 1}
