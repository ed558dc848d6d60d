"""Jinja filters layouts may use: QR codes, moving a section, counting words, printing a URL.

``split_section`` lets a layout lift a section (say "What you can do") out of an
article into a panel of its own, ``without_heading`` drops its heading where the
panel has the same title; ``words`` lets it judge how much text there is.
"""

from __future__ import annotations

import re
from html import unescape

from markupsafe import Markup, escape

from zine.core.direction import text_dir
from zine.core.urls import url_pieces
from zine.layout.qr import qr_filter

_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    """Text of an HTML fragment (a ``<wbr>`` inside a long word is no space)."""
    return unescape(_TAG.sub(" ", str(html).replace("<wbr>", "")))


def word_count(html: str | None) -> int:
    """Words in an HTML fragment."""
    return len(plain(html or "").split())


def _key(text: str) -> str:
    return re.sub(r"[^\w ]", "", plain(text).replace("\u2019", "'")).strip().lower()


def split_section(html: str, headings) -> tuple[Markup, Markup | None]:
    """(the article without the section, the section) for the first ``<h2>`` among ``headings``.

    The section runs from its heading to the next ``<h2>``; without a match the
    article is returned whole and the section is None.
    """
    wanted = {_key(h) for h in ([headings] if isinstance(headings, str) else headings)}
    heads = list(_H2.finditer(str(html)))
    for index, head in enumerate(heads):
        if _key(head.group(1)) in wanted:
            end = heads[index + 1].start() if index + 1 < len(heads) else len(html)
            text = str(html)
            return Markup(text[:head.start()] + text[end:]), Markup(text[head.start():end])
    return Markup(html), None


def url_text(url: str | None) -> Markup:
    """A URL to print: never hyphenated, broken only where :func:`url_pieces` allows."""
    parts = (f'<span class="url-part">{escape(piece)}</span>' for piece in url_pieces(url or ""))
    return Markup(f'<span class="url">{"<wbr>".join(parts)}</span>')


def without_heading(html: str, title: str) -> Markup:
    """The section without its first ``<h2>`` when that heading says ``title`` (a panel's own title
    already says it: "What you can do" is not printed twice)."""
    head = _H2.search(str(html))
    if head is None or _key(head.group(1)) != _key(title) or str(html)[:head.start()].strip():
        return Markup(html)
    return Markup(str(html)[:head.start()] + str(html)[head.end():])


def isolate(html: str | None) -> Markup:
    """Text of its own direction (a name, a title) inside text of another: a ``<bdi>`` that runs
    the way its first strong letter does, so neither reorders the other's punctuation."""
    if not html:
        return Markup("")
    return Markup(f'<bdi dir="{text_dir(html)}">{escape(html)}</bdi>')


FILTERS = {"qr": qr_filter, "split_section": split_section, "without_heading": without_heading,
           "words": word_count, "url": url_text, "isolate": isolate, "direction": text_dir}
