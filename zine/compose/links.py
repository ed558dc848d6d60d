"""Links on paper: a numbered note with the address, or the address itself, never altered.

Paper cannot be clicked, so a link's words are followed by a note number and
its URL prints in the notes (or, for a layout without notes, in brackets after
the words). A bare address typed in the text prints as its site's name with
the note: the whole URL is in the notes. Every printed address is cut only
where :func:`zine.core.urls.url_pieces` allows, and never hyphenated.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from html import unescape

from markdown.util import AMP_SUBSTITUTE

from zine.core.urls import looks_like_url, site_name, url_pieces


def url_element(url: str) -> etree.Element:
    """<span class="url"> holding the URL's unbreakable pieces with <wbr> between them."""
    element = etree.Element("span", {"class": "url"})
    for index, piece in enumerate(url_pieces(url)):
        if index:
            etree.SubElement(element, "wbr")
        part = etree.SubElement(element, "span", {"class": "url-part"})
        part.text = piece
    return element


def print_link(link: etree.Element, parent: etree.Element, notes: list[str], first_note: int,
               as_notes: bool) -> None:
    """Mark one <a> for paper; a URL given a note is appended to ``notes``."""
    href = _plain(link.get("href", ""))
    address = href.removeprefix("mailto:")
    shown = _plain("".join(link.itertext())).strip()
    bare = shown in (href, address, site_name(href), address.split("://", 1)[-1].rstrip("/")) \
        or looks_like_url(shown)
    if bare and (href.startswith("mailto:") or not as_notes):
        # The address itself is printed, taken from the link (its words may have been
        # touched by smart quotes); typed without "http://", it is printed without.
        typed_scheme = "://" in shown or href.startswith("mailto:")
        _replace_words(link, url_element(address if typed_scheme else address.split("://", 1)[-1]))
        return
    if bare:
        _replace_words(link, url_element(site_name(href)))
    if not as_notes:
        _after(link, parent, url_element(address), before=" (", after=")")
        return
    notes.append(address)
    marker = etree.Element("sup", {"class": "link-ref"})
    marker.text = str(first_note + len(notes) - 1)
    _after(link, parent, marker)


def _plain(text: str) -> str:
    """Python-Markdown hides e-mail addresses as entities behind placeholders: undo that."""
    return unescape(text.replace(AMP_SUBSTITUTE, "&")) if AMP_SUBSTITUTE in text else text


def _replace_words(link: etree.Element, words: etree.Element) -> None:
    for child in list(link):
        link.remove(child)
    link.text = None
    link.append(words)


def _after(element: etree.Element, parent: etree.Element, new: etree.Element,
           before: str = "", after: str = "") -> None:
    """Put ``new`` right after ``element``, with ``before`` and ``after`` text around it."""
    new.tail = after + (element.tail or "")
    element.tail = before or None
    parent.insert(list(parent).index(element) + 1, new)
