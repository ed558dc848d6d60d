"""Blog HTML and pasted plain text to the Markdown the build reads.

Nothing here fetches anything: images keep their URL, embeds and scripts are
removed and counted so the report can say what was left out. Escaping follows
Python-Markdown (the build's reader), whose escapable characters differ from
CommonMark's: ``\\&`` or ``\\<`` would print a backslash there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup, Comment, Tag
from markdownify import ATX, MarkdownConverter

from zine.core.wording import plural
from zine.importers.htmldepth import shallow

# Elements that are never content on paper; counted by the kind a reader knows.
REMOVED_KINDS = {
    "script": "script", "noscript": "script", "style": "style sheet", "link": "style sheet",
    "iframe": "embedded frame", "object": "embedded object", "embed": "embedded object",
    "video": "video", "audio": "audio clip", "form": "form", "input": "form",
    "button": "button", "select": "form", "textarea": "form", "template": "template",
    "canvas": "drawing", "svg": "drawing", "meta": None, "base": None,
}
BLOCK_TAGS = (r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li"
              r"|pre|form|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
              r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)")
WEB_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"\\`]+", re.IGNORECASE)
TRAILING = ".,;:!?)'\"\u2019\u201d]*_"
SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#|/|\./|\.\./|[\w.-]+(?:/|$))", re.IGNORECASE)


class _PrintMarkdown(MarkdownConverter):
    """markdownify, escaping text the way Python-Markdown reads it back."""

    def escape(self, text, parent_tags=(), *args, **kwargs):  # parent_tags since markdownify 1.0
        # Inside a link the words stay words: an address there is not a second link.
        return escape_text(text, autolinks="a" not in parent_tags)

    def convert_a(self, el, text, *args, **kwargs):
        href = (el.get("href") or "").strip()
        if not SAFE_LINK.match(href):
            return text  # javascript:, data: and the like keep their words only
        el["href"] = quote(href, safe=":/?#[]@!$&'()*+,;=%~")
        if el.get("title"):
            el["title"] = el["title"].replace('"', "'")
        return super().convert_a(el, text, *args, **kwargs)

    def convert_img(self, el, text, *args, **kwargs):
        src = (el.get("src") or "").strip()
        if not src or src.lower().startswith(("data:", "javascript:")):
            return el.get("alt") or ""
        el["src"] = quote(src, safe=":/?#[]@!$&'()*+,;=%~")
        el["alt"] = (el.get("alt") or "").replace("[", "(").replace("]", ")")
        if el.get("title"):
            el["title"] = el["title"].replace('"', "'")
        return super().convert_img(el, text, *args, **kwargs)

    def convert_dt(self, el, text, *args, **kwargs):
        # The build reads no definition lists: a term prints as a bold line.
        return f"\n\n**{text.strip()}**\n\n" if text.strip() else ""

    def convert_dd(self, el, text, *args, **kwargs):
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""


def escape_text(text: str, autolinks: bool = True) -> str:
    """Backslash what Python-Markdown would read as markup, and only that.

    A web address in the text is written as an autolink (``<https://...>``),
    character for character: escaping inside it would change the address.
    """
    if not autolinks:
        return _escape_words(text)
    out, end = [], 0
    for match in WEB_ADDRESS.finditer(text):
        address = _trim_address(match.group(0))
        out += [_escape_words(text[end:match.start()]), f"<{address}>"]
        end = match.start() + len(address)
    return "".join(out) + _escape_words(text[end:])


def _trim_address(address: str) -> str:
    """Punctuation after an address ends the sentence, not the address (a ')' it opened stays)."""
    while address and address[-1] in TRAILING:
        if address[-1] == ")" and address.count("(") >= address.count(")"):
            break
        address = address[:-1]
    return address


def _escape_words(text: str) -> str:
    """Backslash what Python-Markdown would read as markup, and only that.

    ``_`` inside a word, a lone ``~`` and a ``[`` that opens no link stay as
    typed, so the files remain readable; ``<`` and entity-like ``&`` become
    entities. ``~~`` (strikethrough, ``~~~`` fences) and ``|`` (tables) are the
    dialect's too.
    """
    text = re.sub(r"([\\`*{}|])", r"\\\1", text)
    text = re.sub(r"~{2,}", lambda run: "\\~" * len(run.group(0)), text)
    text = re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)
    text = re.sub(r"\](?=[(\[:])", r"\\]", text)
    text = text.replace("[^", "\\[^")
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = text.replace("<", "&lt;")
    return re.sub(r"(?m)^(\s*)(#|>|\[|[-+](?=\s|$)|-{2,}\s*$|\d+\.(?=\s|$)|=+\s*$)",
                  _escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    lead, mark = match.group(1), match.group(2)
    if mark.startswith("="):
        return lead + "&#61;" + mark[1:]  # Python-Markdown has no \= escape
    if mark[0].isdigit():
        return lead + mark[:-1] + "\\."
    return lead + "\\" + mark


def plain_to_markdown(paragraphs: list[list[str]]) -> str:
    """Paragraphs of plain lines to Markdown: blank lines between, hard breaks inside."""
    blocks = ["  \n".join(escape_text(line) for line in lines) for lines in paragraphs if lines]
    return "\n\n".join(blocks)


def wp_autop(html: str) -> str:
    """WordPress stores posts and comments without <p>: blank lines are paragraphs.

    A close copy of WordPress's own wpautop: block elements stand apart, other
    chunks are wrapped in <p>, single newlines in them become <br>, and <pre>
    is left alone.
    """
    kept: list[str] = []

    def stash(match: re.Match) -> str:
        kept.append(match.group(0))
        return f'<pre data-kept="{len(kept) - 1}"></pre>'

    text = re.sub(r"<pre\b.*?</pre>", stash, html.replace("\r\n", "\n"), flags=re.S | re.I)
    text = re.sub(rf"(<{BLOCK_TAGS}[\s/>])", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</{BLOCK_TAGS}>)", r"\1\n\n", text, flags=re.I)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.match(rf"</?{BLOCK_TAGS}[\s/>]", chunk, re.I):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    text = "\n".join(out)
    return re.sub(r'<pre data-kept="(\d+)"></pre>', lambda m: kept[int(m.group(1))], text)


def clean_tree(root: Tag) -> Counter:
    """Remove scripts, styles, embeds and forms in place; count them by kind."""
    removed: Counter = Counter()
    for node in root.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in root.find_all(list(REMOVED_KINDS)):
        if tag.decomposed:
            continue
        kind = REMOVED_KINDS[tag.name]
        if kind:
            removed[kind] += 1
        tag.decompose()
    return removed


def caption_figures(root: Tag) -> None:
    """<figure><img><figcaption>: the caption becomes the image's title (the build's figure)."""
    for figure in root.find_all("figure"):
        figure.name = "p"  # markdownify sets <figure> inline; a figure stands alone
        img, caption = figure.find("img"), figure.find("figcaption")
        if img is None or caption is None:
            continue
        text = " ".join(caption.get_text(" ").split())
        caption.decompose()
        if text:
            img["title"] = text


def tree_to_markdown(root: Tag) -> str:
    """A cleaned tag to Markdown: ATX headings, '-' bullets, images as images."""
    converter = _PrintMarkdown(heading_style=ATX, bullets="-", escape_misc=False,
                               keep_inline_images_in=["a", "p", "span", "div", "td", "th"])
    text = _tidy_line_ends(converter.convert_soup(root))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _tidy_line_ends(text: str) -> str:
    """Strip trailing blanks, except the two spaces of a hard line break."""
    lines = text.split("\n")
    out = []
    for line, after in zip(lines, lines[1:] + [""]):
        hard = line.endswith("  ") and line.strip() and after.strip()
        out.append(line.rstrip() + ("  " if hard else ""))
    return "\n".join(out)


def html_to_markdown(html: str, autop: bool = False,
                     prepare: Callable[[Tag], None] | None = None, where: Path | str | None = None,
                     ) -> tuple[str, Counter]:
    """A fragment of blog HTML (a post or a comment body) to Markdown, and what was removed.

    ``autop`` is for text as WordPress stores it (WXR), before it adds paragraphs;
    ``prepare`` may change the cleaned tree first (web pictures, say); ``where`` is the
    file named when the HTML nests too deep even without its wrappers.
    """
    # Python's own HTML parser: no network, no external entities.
    soup = BeautifulSoup(shallow(wp_autop(html) if autop else html, where), "html.parser")
    removed = clean_tree(soup)
    caption_figures(soup)
    if prepare is not None:
        prepare(soup)
    return tree_to_markdown(soup), removed


def describe_removed(removed: Counter) -> list[str]:
    """'2 embedded frames' ... for the report."""
    return [plural(count, kind) for kind, count in sorted(removed.items())]
