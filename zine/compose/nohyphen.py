"""Words that must not be hyphenated: those the first setting split across a page turn.

A reader turning the page in the middle of "in-" / "creasingly" loses the word. The
build finds such words in the rendered pages (``zine.render.pageturns``) and sets the
text again with each of them wrapped in ``<span class="no-hyphen">`` (print-base.css:
no hyphen, no break inside), so the line breaks before the word instead.
"""

from __future__ import annotations

import re
from html import escape

_TAG = re.compile(r"(<[^>]*>)")
_SKIP = re.compile(r"<(style|script|title|head)\b", re.I)


def protect_words(html: str, words: set[str]) -> str:
    """``html`` with every whole-word occurrence of ``words`` in its text (never inside a tag,
    nor in the head) wrapped so it is never hyphenated or broken."""
    if not words:
        return html
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(escape(w, quote=False))
                                                  for w in sorted(words, key=len, reverse=True)) + r")(?![\w])")
    body_at = html.find("<body")
    head, body = (html[:body_at], html[body_at:]) if body_at >= 0 else ("", html)
    parts = _TAG.split(body)
    inside_skip = False
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            if _SKIP.match(part):
                inside_skip = True
            elif part.startswith("</") and _SKIP.match("<" + part[2:]):
                inside_skip = False
            continue
        if not inside_skip and part:
            parts[index] = pattern.sub(r'<span class="no-hyphen">\1</span>', part)
    return head + "".join(parts)
