"""Pictures a post shows from the web: what an import does with each one.

The build never fetches anything, so a picture that lives on the web cannot
print as it is. :func:`remote_picture` is the one place that decides what
becomes of such a picture: with ``--fetch-images`` it is downloaded into the
project (:mod:`zine.importers.fetch` checks it); otherwise, or when it is
refused, it is left out and a visible mark takes its place in the Markdown,
saying what it showed and where it lives, so the import builds and the editor
sees what is missing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from bs4 import NavigableString, Tag

from zine.importers.post import ImportedPost

REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # ftp:, data:, file: ...


def is_remote(src: str) -> bool:
    """A picture address on the web (http, https or protocol-relative)."""
    return bool(REMOTE.match(src.strip()))


def remote_picture(src: str, post: ImportedPost) -> str | None:
    """The project file to show instead of the web address ``src``, or None to leave it out.

    With ``--fetch-images`` (``post.fetch``) the picture is downloaded and checked
    (:mod:`zine.importers.fetch`) and saved as ``images/<slug>/NAME``; otherwise, or
    when it is refused, it is left out and listed for the report.
    """
    if post.fetch is not None:
        saved = _fetched(src, post)
        if saved:
            return saved
    post.pictures_left_out.append(src)
    return None


def _fetched(src: str, post: ImportedPost) -> str | None:
    from zine.importers.fetch import Refused, download

    if src in post.pictures_refused:  # the same picture shown twice is asked for once
        return None
    known = next((name for name, address in post.fetched_from.items() if address == src), None)
    if known:
        return known
    room = post.fetch.max_total - sum(len(data) for data in post.pictures.values())
    limits = post.fetch if room >= post.fetch.max_bytes else replace(post.fetch, max_bytes=max(room, 0))
    over = f"the pictures of one import may add up to {post.fetch.max_total / 2**20:g} MB at most"
    try:
        if room <= 0:
            raise Refused(over)
        got = download(src, limits)
    except Refused as refusal:
        tight = limits is not post.fetch and str(refusal).startswith("larger than")
        post.pictures_refused[src] = over if tight else str(refusal)
        return None
    stem = unquote(urlsplit(got.url).path.rsplit("/", 1)[-1]).rsplit(".", 1)[0]
    name = post.picture_name(stem, got.suffix)
    post.pictures[name] = got.data
    post.fetched_from[name] = src
    return name


def place_remote_pictures(root: Tag, post: ImportedPost) -> None:
    """Every web picture in ``root`` either points at a project file or becomes a mark."""
    for img in root.find_all("img"):
        src = (img.get("src") or "").strip()
        if is_remote(src):
            take_remote_picture(img, post)
        elif OTHER_SCHEME.match(src):
            leave_out(img, src)


def take_remote_picture(img: Tag, post: ImportedPost) -> None:
    """Rewrite one <img> from the web to a project file, or put its mark in its place."""
    src = img["src"].strip()
    src = "https:" + src if src.startswith("//") else src
    description = _description(img)
    local = remote_picture(src, post)
    if local:
        img["src"] = local  # a figure keeps its caption
        return
    _mark(img, picture_mark(src, description))


def leave_out(img: Tag, src: str) -> None:
    """Put a mark in place of a picture by an address no build can read (``ftp:``, ``data:``):
    kept, it would stop the build."""
    shown = src if len(src) <= 80 else src[:77] + "..."
    _mark(img, f"[picture: {_description(img)}, not imported: {shown}]")


def _mark(img: Tag, text: str) -> None:
    figure = img.find_parent("figure")
    if figure and figure.find("figcaption"):
        figure.find("figcaption").decompose()  # it now lives in the mark
    mark = NavigableString(text)
    link = img.find_parent("a")
    if link is None:
        img.replace_with(mark)
        return
    # A mark inside a link's words would break the link: it goes after the link,
    # and a link that only held the picture goes with it.
    img.decompose()
    link.insert_after(mark)
    if not link.get_text(strip=True):
        link.decompose()


def picture_mark(src: str, description: str) -> str:
    """The text left where a picture was: what it showed and where it lives."""
    return f"[picture: {description}, not downloaded: {src}]"


def _description(img: Tag) -> str:
    """What the picture showed: its alt text and caption (a figure's, or the title WXR gave it)."""
    figure = img.find_parent("figure")
    caption = figure.find("figcaption") if figure else None
    words = [img.get("alt"), img.get("title"), caption.get_text(" ") if caption else None]
    parts = dict.fromkeys(" ".join((w or "").split()) for w in words)
    text = ": ".join(part for part in parts if part)
    return text.replace("[", "(").replace("]", ")") or "no description"
