"""Markdown to print-ready, sanitised HTML fragments.

Articles may hold raw HTML (it is cleaned to a safe subset); comments are
pasted web text, so their raw HTML is printed as text. Both are read in one
dialect (the one ``zine import`` writes): Python-Markdown with tables, fenced
code, ``~~strikethrough~~`` and bare URLs as links, all by established
extensions. For paper, footnotes move to where they are called (the layout
floats them to the page foot), links gain numbered notes that print their
URLs (:mod:`zine.compose.links`), an image with a title becomes a figure with
a caption, and headings in a comment are set below the comments' own title.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from zine.compose.links import print_link
from zine.core.limits import LONG_WORD, WORD_PIECE

DIALECT = ["tables", "smarty", "sane_lists", "pymdownx.highlight", "pymdownx.superfences",
           "pymdownx.tilde", "pymdownx.magiclink"]
DIALECT_CONFIG = {
    "pymdownx.highlight": {"use_pygments": False},  # same output with or without Pygments
    "pymdownx.tilde": {"subscript": False},  # "~5 km" in prose stays a tilde
}
ARTICLE_EXTENSIONS = ["footnotes", "attr_list", *DIALECT]
COMMENT_EXTENSIONS = DIALECT
COMMENT_HEADING_SHIFT = 3  # a comment's "# heading" prints as h4, below the comments' h2

SAFE_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "u", "code", "pre",
    "blockquote", "ul", "ol", "li", "img", "figure", "figcaption", "table", "thead", "tbody",
    "tfoot", "tr", "th", "td", "caption", "hr", "br", "sup", "sub", "span", "div", "section",
    "abbr", "del", "ins", "s", "dl", "dt", "dd", "small", "mark", "q", "cite", "kbd", "var",
    "wbr",
}
SAFE_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}
LINK_SCHEMES = {"http", "https", "mailto"}
MAX_NESTING = 40
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TAG = re.compile(r"(<[^>]*>)")
# No-break spaces join words into one for the line breaker, so they count as letters.
_LONG_WORD = re.compile(rf"(?:[^\s<]|[\xa0\u2007\u202f]){{{LONG_WORD + 1},}}")
_LETTER = re.compile(r"&#?\w+;|.", re.DOTALL)
_SOFT = {"/", ".", "-", "_", "?", "&amp;", "=", ",", ";", ":", "#", "~", "+"}  # good places to break a long word


@dataclass
class Fragment:
    """HTML ready for a template, with what the page needs to print beside it."""

    html: str
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)


def article_fragment(text: str, id_prefix: str, link_notes: bool = True) -> Fragment:
    """Convert an article body; ids are prefixed so contributions never clash.

    With ``link_notes`` False (a layout's choice) URLs print in brackets
    after the link's words instead of as numbered notes.
    """
    md, printer = _converter("article", link_notes)
    printer.start(id_prefix)
    html = sanitize(md.convert(_limit_nesting(text)))
    # Python-Markdown leaves a no-break space where the footnote back-link was.
    html = re.sub(r"(?:&nbsp;|\xa0)+</span>", "</span>", html)
    return Fragment(break_long_words(html), printer.links, printer.images)


def comment_fragment(text: str, id_prefix: str, link_notes: bool = True,
                     first_note: int = 1) -> Fragment:
    """Convert a comment; raw HTML and images are printed as plain text.

    Its link notes are numbered from ``first_note``, after the article's.
    """
    md, printer = _converter("comment", link_notes)
    printer.start(id_prefix, first_note)
    return Fragment(break_long_words(sanitize(md.convert(_limit_nesting(text)))), printer.links)


def inline_text(text: str) -> str:
    """A title or name: Markdown emphasis and smart quotes, nothing block-level."""
    md, _printer = _converter("inline", False)
    md.reset()
    html = md.convert(text)
    return break_long_words(sanitize(html.removeprefix("<p>").removesuffix("</p>")))


@functools.lru_cache(maxsize=None)
def _converter(kind: str, link_notes: bool) -> tuple[markdown.Markdown, _PrintExtension | None]:
    """One Markdown converter per kind of text, made once: setting one up (its extensions, their
    patterns) costs more than converting a short article. ``_PrintExtension.start`` readies it
    for the next text."""
    if kind == "inline":
        md = markdown.Markdown(extensions=["smarty"])
        printer = None
    elif kind == "article":
        printer = _PrintExtension("", links_as_notes=link_notes)
        md = markdown.Markdown(
            extensions=[*ARTICLE_EXTENSIONS, printer],
            extension_configs={**DIALECT_CONFIG,
                               "footnotes": {"UNIQUE_IDS": False, "BACKLINK_TEXT": ""}},
        )
    else:
        printer = _PrintExtension("", links_as_notes=link_notes, images_as_text=True,
                                  heading_shift=COMMENT_HEADING_SHIFT)
        md = markdown.Markdown(extensions=[*COMMENT_EXTENSIONS, printer], extension_configs=DIALECT_CONFIG)
    if kind != "article":  # raw HTML in a comment or a title is printed as text
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    if printer is not None:
        printer.md = md
    return md, printer


def sanitize(html: str) -> str:
    """Keep a safe subset of HTML: no scripts, styles, frames, rel= or remote schemes."""
    return nh3.clean(
        html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, url_schemes=LINK_SCHEMES,
        link_rel=None, strip_comments=True,
    )


def break_long_words(html: str) -> str:
    """A break opportunity (``<wbr>``) every WORD_PIECE characters of a word longer than LONG_WORD.

    WeasyPrint's time to break (and hyphenate) one word into lines grows much faster
    than its length: a 2,000-character word took 45 s, a 20,000-character one never
    finished. Split into pieces it is set in moments. Only text is touched, never a tag.
    """
    parts = _TAG.split(html)
    for index in range(0, len(parts), 2):  # even parts are text, odd ones tags
        if len(parts[index]) > LONG_WORD:
            parts[index] = _LONG_WORD.sub(_with_breaks, parts[index])
    return "".join(parts)


def _with_breaks(match: re.Match) -> str:
    """Pieces of at most WORD_PIECE letters, each ending after the last '/', '.', '-' ... in
    it when there is one, so an address breaks where a reader expects it to."""
    letters = _LETTER.findall(match.group())  # an entity such as &amp; counts as one letter
    pieces: list[str] = []
    while len(letters) > WORD_PIECE:
        piece = letters[:WORD_PIECE]
        cut = max((i + 1 for i, letter in enumerate(piece) if letter in _SOFT), default=WORD_PIECE)
        pieces.append("".join(letters[:cut]))
        letters = letters[cut:]
    pieces.append("".join(letters))
    return "<wbr>".join(pieces)


def _limit_nesting(text: str) -> str:
    """Deeply nested quotes crash Python-Markdown (RecursionError); flatten them."""
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        depth = len(stripped) - len(stripped.lstrip("> "))
        if depth > MAX_NESTING * 2:
            line = "> " * MAX_NESTING + stripped.lstrip("> ")
        lines.append(line)
    return "\n".join(lines)


class _PrintExtension(Extension):
    def __init__(self, id_prefix: str, links_as_notes: bool, images_as_text: bool = False,
                 first_note: int = 1, heading_shift: int = 0):
        super().__init__()
        self.id_prefix = id_prefix
        self.links_as_notes = links_as_notes
        self.images_as_text = images_as_text
        self.first_note = first_note
        self.heading_shift = heading_shift
        self.links: list[str] = []
        self.images: list[str] = []
        self.md: markdown.Markdown | None = None

    def start(self, id_prefix: str, first_note: int = 1) -> None:
        """Ready the converter for a new text: its own ids, notes and pictures, nothing left
        over from the one before (Python-Markdown's ``reset``)."""
        self.id_prefix, self.first_note = id_prefix, first_note
        self.links, self.images = [], []
        self.md.reset()

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        # Priority 5: after footnotes (50), inline (20), attr_list (8) and smarty (6).
        md.treeprocessors.register(_PrintTreeprocessor(md, self), "zine-print", 5)


class _PrintTreeprocessor(Treeprocessor):
    def __init__(self, md, ext: _PrintExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        notes = _footnote_bodies(root)
        parents = _parent_map(root)
        for sup in [e for e in root.iter("sup") if e.get("id", "").startswith("fnref")]:
            _inline_footnote(sup, notes, parents)
        parents = _parent_map(root)  # footnotes moved: map the tree again
        for element in list(root.iter()):
            if element.tag == "a":
                self._link(element, parents)
            elif element.tag == "img":
                self._image(element, parents)
            elif element.tag == "p" and "pull" in element.get("class", "").split():
                _promote_pull(element, parents)
            elif element.tag in HEADINGS and self.ext.heading_shift:
                level = min(int(element.tag[1]) + self.ext.heading_shift, 6)
                element.tag = f"h{level}"
        for element in root.iter():
            if element.get("id"):
                element.set("id", f"{self.ext.id_prefix}-{element.get('id')}")

    def _link(self, link: etree.Element, parents: dict) -> None:
        href = link.get("href", "")
        if href.startswith("#") or not href or parents.get(link) is None:
            return
        print_link(link, parents[link], self.ext.links, self.ext.first_note,
                   self.ext.links_as_notes)

    def _image(self, image: etree.Element, parents: dict) -> None:
        if self.ext.images_as_text:
            _replace_with_text(image, parents, f"[image: {image.get('alt') or image.get('src')}]")
            return
        self.ext.images.append(image.get("src", ""))
        parent = parents.get(image)
        caption = image.attrib.pop("title", None)
        if caption and parent is not None and parent.tag == "p" and len(parent) == 1 \
                and not (parent.text or "").strip() and not (image.tail or "").strip():
            parent.tag = "figure"
            parent.attrib.clear()
            figcaption = etree.SubElement(parent, "figcaption")
            figcaption.text = caption


def _parent_map(root: etree.Element) -> dict[etree.Element, etree.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def _footnote_bodies(root: etree.Element) -> dict[str, etree.Element]:
    bodies = {}
    parents = _parent_map(root)
    for div in [d for d in root.iter("div") if d.get("class") == "footnote"]:
        for item in div.iter("li"):
            span = etree.Element("span", {"class": "footnote"})
            for block in item:
                if block.tag == "p":
                    _drop_backrefs(block)
                    _move_children(block, span)
            bodies[item.get("id", "")] = span
        _remove_keeping_tail(div, parents[div])
    return bodies


def _drop_backrefs(block: etree.Element) -> None:
    parents = _parent_map(block)
    for link in [a for a in block.iter("a") if a.get("class") == "footnote-backref"]:
        _remove_keeping_tail(link, parents[link])
    if len(block):
        block[-1].tail = (block[-1].tail or "").rstrip("\xa0 ")
    else:
        block.text = (block.text or "").rstrip("\xa0 ")


def _move_children(source: etree.Element, target: etree.Element) -> None:
    if len(target):
        target[-1].tail = (target[-1].tail or "") + " " + (source.text or "")
    else:
        target.text = (target.text or "") + (" " if target.text else "") + (source.text or "")
    for child in list(source):
        target.append(child)


def _inline_footnote(sup: etree.Element, notes: dict, parents: dict) -> None:
    link = sup.find("a")
    target = (link.get("href", "") if link is not None else "").lstrip("#")
    body = notes.get(target)
    parent = parents.get(sup)
    if body is None or parent is None:
        return
    body.tail = sup.tail
    index = list(parent).index(sup)
    parent.remove(sup)
    parent.insert(index, body)


def _promote_pull(paragraph: etree.Element, parents: dict) -> None:
    parent = parents.get(paragraph)
    if parent is not None and parent.tag == "blockquote":
        classes = paragraph.get("class", "").split()
        classes.remove("pull")
        if classes:
            paragraph.set("class", " ".join(classes))
        else:
            del paragraph.attrib["class"]
        parent.set("class", (parent.get("class", "") + " pull").strip())


def _replace_with_text(element: etree.Element, parents: dict, text: str) -> None:
    parent = parents[element]
    element.tail = text + (element.tail or "")
    _remove_keeping_tail(element, parent)


def _remove_keeping_tail(element: etree.Element, parent: etree.Element) -> None:
    index = list(parent).index(element)
    tail = element.tail or ""
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)
