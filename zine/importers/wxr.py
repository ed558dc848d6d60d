"""WordPress exports (WXR): pick one post, thread its approved comments, drop personal data.

The XML is parsed by defusedxml: entity declarations and external entities
are refused, so a hostile export cannot expand or read files. Exports name
the ``wp:`` namespace ``http://`` or ``https://wordpress.org/export/1.x/``:
elements are matched by namespace family and local name, not by exact URI.
Commenters' e-mail addresses, IPs and URLs are never read into the result.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from zine.core.errors import InputError
from zine.core.model import Comment
from zine.core.wording import plural
from zine.importers.fetch import Limits
from zine.importers.post import ImportedPost, limit_depth, number_thread
from zine.importers.readers import text_start
from zine.importers.pictures import place_remote_pictures
from zine.importers.slugs import slugify
from zine.importers.tomarkdown import describe_removed, html_to_markdown
from zine.project import LANGUAGE_TAG, MAX_DEPTH

POST_TYPES = ("post", "page")
LINKBACKS = ("pingback", "trackback")
MEDIA_SHORTCODES = {"gallery": "gallery", "embed": "embedded media", "audio": "audio clip",
                    "video": "video", "playlist": "playlist"}
STATUS_WORDS = {"draft": "draft", "future": "scheduled", "private": "private",
                "pending": "awaiting review", "trash": "binned"}
NAMESPACES = {
    "wp": re.compile(r"^https?://wordpress\.org/export/\d+(\.\d+)*/$"),
    "content": re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/?$"),
    "dc": re.compile(r"^https?://purl\.org/dc/elements/1\.1/?$"),
}


def read_export(path: Path) -> Element:
    """The export's <channel>, parsed safely; a clear error for anything else."""
    try:
        root = SafeET.parse(str(path)).getroot()
    except DefusedXmlException as err:
        raise InputError(f"refused: the XML declares entities or a DTD ({type(err).__name__}); "
                         "a WordPress export never needs them", path) from None
    except ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        raise InputError(f"not a readable WordPress export (broken or truncated XML: {err})",
                         path, line) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path) from None
    channel = root.find("channel")
    if channel is None or not any(_kind(el.tag) == "wp" for el in channel.iter()):
        raise InputError("not a WordPress export: no <channel> with wp: elements "
                         "(export from Tools > Export in WordPress)", path)
    return channel


@dataclass(frozen=True)
class ExportEntry:
    """One post or page of an export, as the listing shows it."""

    id: str
    slug: str
    title: str
    comments: int
    kind: str  # "post" or "page"
    status: str  # "publish", "draft", "future", "private", "pending" ...
    protected: bool

    @property
    def marks(self) -> list[str]:
        """What sets it apart from a published post, in a reader's words."""
        marks = [] if self.kind == "post" else [self.kind]
        if self.status not in ("publish", "inherit", ""):
            marks.append(STATUS_WORDS.get(self.status, self.status))
        return marks + (["password-protected"] if self.protected else [])


def list_export_posts(path: Path) -> list[ExportEntry]:
    """Each post and page: published posts first, then the others, pages last (export order within)."""
    channel = read_export(path)
    entries = [_entry(item) for item in _posts(channel)]
    return sorted(entries, key=lambda e: (bool(e.marks), e.kind != "post"))


def listing_text(entries: list[ExportEntry]) -> str:
    """The table ``zine import EXPORT`` prints: ID, slug, comments, title and marks."""
    width = max(len(e.slug) for e in entries)
    rows = []
    for e in entries:
        marks = f"  [{', '.join(e.marks)}]" if e.marks else ""
        rows.append(f"  {e.id:>6}  {e.slug:<{width}}  {plural(e.comments, 'comment'):>12}  "
                    f"{e.title or '(no title)'}{marks}")
    return "\n".join(rows)


def _entry(item: Element) -> ExportEntry:
    return ExportEntry(
        id=_text(item, "wp", "post_id"), slug=_slug(item), title=_title(item),
        comments=_printable_count(item), kind=_text(item, "wp", "post_type"),
        status=_text(item, "wp", "status"), protected=bool(_text(item, "wp", "post_password")))


def read_wxr(path: Path, post: str | None, pingbacks: bool = False,
             fetch: Limits | None = None) -> ImportedPost:
    """One post of the export with its threaded, approved comments (``fetch``: see ImportedPost)."""
    channel = read_export(path)
    item = _choose(list(_posts(channel)), post, path)
    content, shortcodes = _shortcodes(_text(item, "content", "encoded"))
    result = ImportedPost(
        title=_title(item), body="", slug=_slug(item),
        author=_post_author(channel, item),
        date=_post_date(item), source=_text(item, None, "link") or None,
        lang=_language(channel), fetch=fetch,
    )
    result.body, removed = html_to_markdown(
        content, autop=True, prepare=lambda root: place_remote_pictures(root, result), where=path)
    result.comments = _thread(item, pingbacks, result)
    left_out = f" ({', '.join(result.dropped)} left out)" if result.dropped else ""
    result.no_comments = f"the post '{result.slug}' has no approved comments{left_out}"
    result.dropped += describe_removed(removed + shortcodes)
    _warn_about_status(item, result)
    return result


# --- finding elements whatever the namespace URI -------------------------------------------


@lru_cache(maxsize=512)
def _kind(tag: str) -> str | None:
    """'wp', 'content', 'dc' for a namespaced tag, None for a plain one."""
    if not tag.startswith("{"):
        return None
    uri = tag[1:].split("}", 1)[0]
    return next((kind for kind, rule in NAMESPACES.items() if rule.match(uri)), "other")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: Element, kind: str | None, name: str) -> list[Element]:
    return [c for c in el if _local(c.tag) == name and _kind(c.tag) == kind]


def _text(el: Element, kind: str | None, name: str) -> str:
    found = _children(el, kind, name)
    return (found[0].text or "").strip() if found else ""


# --- posts -----------------------------------------------------------------------------------


def _posts(channel: Element):
    for item in channel.findall("item"):
        if _text(item, "wp", "post_type") in POST_TYPES:
            yield item


def _title(item: Element) -> str:
    return " ".join(html.unescape(_text(item, None, "title")).split())


def _slug(item: Element) -> str:
    return slugify(_text(item, "wp", "post_name") or _title(item) or _text(item, "wp", "post_id"))


def _choose(items: list[Element], wanted: str | None, path: Path) -> Element:
    if not items:
        raise InputError("the export holds no posts or pages", path)
    if wanted is None and len(items) == 1:
        return items[0]
    matches = [i for i in items if wanted is not None and wanted in _names(i)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(f"{len(matches)} posts match {wanted!r}; pick one by slug or ID:\n"
                         + _listing(matches), path)
    lead = ("choose a post with --post SLUG, ID or TITLE" if wanted is None
            else f"no post or page {wanted!r}; choose one with --post SLUG, ID or TITLE")
    raise InputError(f"{lead}. The export holds:\n" + _listing(items), path)


def _names(item: Element) -> tuple[str, ...]:
    raw_slug = _text(item, "wp", "post_name")
    return (raw_slug, _slug(item), _text(item, "wp", "post_id"), _title(item))


def _listing(items: list[Element]) -> str:
    return listing_text([_entry(i) for i in items])


def _printable_count(item: Element) -> int:
    return sum(1 for c in _children(item, "wp", "comment")
               if _approved(c) and _text(c, "wp", "comment_type") not in LINKBACKS)


def _post_author(channel: Element, item: Element) -> str | None:
    login = _text(item, "dc", "creator")
    return _author_names(channel).get(login) or login or None


def _author_names(channel: Element) -> dict[str, str]:
    """Login -> display name, from the export's author list (logins are not names)."""
    names = {}
    # WordPress writes <wp:author>; WordPress.com exports write <wp:wp_author>.
    for author in _children(channel, "wp", "author") + _children(channel, "wp", "wp_author"):
        login = _text(author, "wp", "author_login")
        shown = html.unescape(_text(author, "wp", "author_display_name"))
        if login and shown:
            names[login] = shown
    return names


def _post_date(item: Element) -> str | None:
    local = _date(_text(item, "wp", "post_date"))
    if local:
        return local
    try:
        return parsedate_to_datetime(_text(item, None, "pubDate")).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _date(stamp: str) -> str | None:
    """'2017-03-14 10:49:28' -> '2017-03-14'; WordPress writes zeros for 'never'."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", stamp)
    if not match or match.group(1) == "0000":
        return None
    return match.group(0)


def _language(channel: Element) -> str | None:
    """The blog's language, when it is a tag a build accepts (some exports hold 'English')."""
    lang = _text(channel, None, "language")
    return lang if LANGUAGE_TAG.fullmatch(lang) else None


def _warn_about_status(item: Element, result: ImportedPost) -> None:
    status = _text(item, "wp", "status")
    if status and status not in ("publish", "inherit"):
        result.warnings.append(f"the post's status on the blog is '{status}', not published")
    if _text(item, "wp", "post_password"):
        result.warnings.append("the post is password-protected on the blog")


def _shortcodes(content: str) -> tuple[str, Counter]:
    """[caption] becomes a figure; media shortcodes (galleries, embeds) are left out."""
    def figure(match: re.Match) -> str:
        inner = match.group(1)
        img = re.search(r"<img\b[^>]*>", inner)
        caption = re.sub(r"<[^>]+>", "", inner).strip()
        if not img:
            return inner
        return f"<figure>{img.group(0)}<figcaption>{caption}</figcaption></figure>"

    content = re.sub(r"\[caption\b[^\]]*\](.*?)\[/caption\]", figure, content, flags=re.S)
    removed: Counter = Counter()
    for name in MEDIA_SHORTCODES:
        pattern = rf"\[{name}\b[^\]]*\](?:.*?\[/{name}\])?"
        removed[MEDIA_SHORTCODES[name]] += len(re.findall(pattern, content, flags=re.S))
        content = re.sub(pattern, "", content, flags=re.S)
    return content, +removed


# --- comments ------------------------------------------------------------------------------


def _approved(comment: Element) -> bool:
    return _text(comment, "wp", "comment_approved") == "1"


def _thread(item: Element, pingbacks: bool, result: ImportedPost) -> list[Comment]:
    """Approved comments threaded by wp:comment_parent, siblings in date order."""
    dropped: dict[str, list[str]] = {}
    kept: dict[str, tuple[str, Element]] = {}
    parents: dict[str, str] = {}
    for el in _children(item, "wp", "comment"):
        cid, kind = _text(el, "wp", "comment_id"), _text(el, "wp", "comment_type")
        if cid in parents:  # a second comment with the same id: kept under an id of its own
            cid = _second_copy(cid, el, kept, parents, result)
            if cid is None:
                continue
        parents[cid] = _text(el, "wp", "comment_parent")
        if not _approved(el):
            dropped.setdefault(_status_name(_text(el, "wp", "comment_approved")), []).append(cid)
        elif kind in LINKBACKS and not pingbacks:
            dropped.setdefault(kind, []).append(cid)
        else:
            kept[cid] = (_sort_key(el), el)
    result.dropped += [_by_id(what, ids) for what, ids in sorted(dropped.items())]
    return _build_tree(kept, parents, result)


def _by_id(what: str, ids: list[str]) -> str:
    """'2 spam comments (ids 7, 9)': every comment left out can be found in the export."""
    shown = [i.split("~")[0] for i in ids]
    listed = ", ".join(shown[:12]) + (f" and {len(shown) - 12} more" if len(shown) > 12 else "")
    return f"{plural(len(ids), what)} ({'id' if len(ids) == 1 else 'ids'} {listed})"


def _second_copy(cid: str, el: Element, kept, parents, result: ImportedPost) -> str | None:
    """The key for a comment whose id an earlier one has; None for an exact copy (left out)."""
    first = kept.get(cid)
    if first is not None and SafeET.tostring(first[1]) == SafeET.tostring(el):
        result.dropped.append(f"comment {cid}: a second, identical copy in the export")
        return None
    number = 2
    while f"{cid}~{number}" in parents:
        number += 1
    result.warnings.append(f"two comments have the id {cid}: the second is kept as well, and "
                           f"replies to {cid} go under the first")
    return f"{cid}~{number}"


def _status_name(status: str) -> str:
    return {"0": "unapproved comment", "spam": "spam comment", "trash": "binned comment"}.get(
        status, "unapproved comment")


def _sort_key(el: Element) -> str:
    gmt = _text(el, "wp", "comment_date_gmt")
    stamp = gmt if _date(gmt) else _text(el, "wp", "comment_date")
    return f"{stamp}|{_text(el, 'wp', 'comment_id').zfill(12)}"


def _build_tree(kept, parents, result: ImportedPost) -> list[Comment]:
    nodes = {cid: _comment(el, result) for cid, (_, el) in kept.items()}
    placed = {cid: _kept_ancestor(cid, kept, parents) for cid in kept}
    moved = sum(parent != _parent_of(cid, parents) for cid, parent in placed.items())
    for cid in _break_loops(placed, kept):
        result.warnings.append(f"comment {cid} is a reply to its own reply (a loop in "
                               "wp:comment_parent): printed at the top level")
    roots: list[tuple[str, Comment]] = []
    children: dict[str, list[tuple[str, Comment]]] = {}
    for cid, (key, _) in kept.items():
        parent = placed[cid]
        (children.setdefault(parent, []) if parent != "0" else roots).append((key, nodes[cid]))
    for parent, replies in children.items():
        nodes[parent].replies = [c for _, c in sorted(replies, key=lambda kc: kc[0])]
    if moved:
        result.warnings.append(f"{plural(moved, 'reply', 'replies')} to left-out comments "
                               "moved up to the nearest comment kept")
    thread = [c for _, c in sorted(roots, key=lambda kc: kc[0])]
    # Deep replies move up before numbering: ids a level each ('1.1.1...') 20,000 levels
    # deep would add up to hundreds of megabytes.
    deep = limit_depth(thread)
    if deep:
        result.warnings.append(f"{plural(deep, 'reply', 'replies')} nested deeper than {MAX_DEPTH} "
                               f"levels moved up to level {MAX_DEPTH} (the most a build prints)")
    number_thread(thread)
    return thread


def _parent_of(cid: str, parents: dict[str, str]) -> str:
    return parents.get(cid) or "0"


def _kept_ancestor(cid: str, kept, parents) -> str:
    """The nearest ancestor that is kept, '0' for top level; a parent loop ends at the top."""
    seen = {cid}
    parent = _parent_of(cid, parents)
    while parent != "0" and parent not in kept:
        if parent in seen:
            return "0"
        seen.add(parent)
        parent = _parent_of(parent, parents)
    return "0" if parent in seen else parent


def _break_loops(placed: dict[str, str], kept) -> list[str]:
    """The earliest comment of each reply ring moves to the top level (a ring hangs off nothing)."""
    moved, settled = [], {"0"}
    for start in placed:
        chain: list[str] = []
        on_chain: set[str] = set()  # a set beside the list: a 20,000-deep chain stays linear
        cid = start
        while cid not in settled and cid not in on_chain:
            chain.append(cid)
            on_chain.add(cid)
            cid = placed[cid]
        if cid not in settled:  # back at a comment of this chain: a ring
            ring = chain[chain.index(cid):]
            first = min(ring, key=lambda c: kept[c][0])
            placed[first] = "0"
            moved.append(first.split("~")[0])
        settled.update(chain)
    return moved


def _comment(el: Element, result: ImportedPost) -> Comment:
    text, removed = html_to_markdown(_text(el, "wp", "comment_content"), autop=True)
    result.dropped += [f"{what} in a comment" for what in describe_removed(removed)]
    author = " ".join(html.unescape(_text(el, "wp", "comment_author")).split())
    if not text:
        result.warnings.append(f"comment {_text(el, 'wp', 'comment_id')} has no text")
    return Comment(text=text or "(no text)", author=author or None,
                   date=_date(_text(el, "wp", "comment_date")))


class ExportReader:
    """A WordPress export, known by the export namespace in its <rss> head, whatever its name."""

    name = "a WordPress export"
    order = 10
    suffixes = (".xml", ".wxr")
    many_posts = True
    known_by_content = True

    def sniff(self, head: bytes) -> bool:
        start = text_start(head)
        return start.startswith(("<?xml", "<rss", "<!--")) and "<rss" in start and bool(
            re.search(r"xmlns:wp=[\"']https?://wordpress\.org/export/", start))

    def list_posts(self, source: Path) -> list[ExportEntry]:
        return list_export_posts(source)

    def read(self, source: Path, options) -> ImportedPost:
        return read_wxr(source, options.post, options.pingbacks, options.fetch)


READER = ExportReader()
