"""A saved web page (.html) of a blog post: the article, and the WordPress comment list.

WordPress themes mark the post body ``.entry-content`` and the thread
``ol.comment-list`` (``ol.commentlist`` in older themes), each comment an
``li.comment`` with its replies in ``ol.children``. Jetpack adds "Liked by N
people". A page without these still yields its article, with a warning.
Parsing uses Python's own HTML parser, which never fetches anything.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4 import Comment as HtmlComment

from zine.core.errors import FetchError, InputError, LimitError
from zine.core.files import megabytes, read_bytes
from zine.core.limits import IMPORT_PICTURES_BYTES
from zine.core.model import Comment
from zine.core.pictures import PICTURE_SUFFIXES
from zine.core.wording import plural
from zine.importers.fetch import Limits
from zine.importers.post import ImportedPost, number_thread
from zine.importers.pictures import is_remote, leave_out, take_remote_picture
from zine.importers.readers import text_start
from zine.importers.slugs import slug_from_url, slugify
from zine.importers.textdates import iso_date
from zine.importers.tomarkdown import caption_figures, clean_tree, describe_removed, tree_to_markdown

CONTENT_SELECTORS = (".entry-content", ".post-content", ".post-entry", ".article-content",
                     "[itemprop=articleBody]")
TITLE_SELECTORS = ("h1.entry-title", ".entry-title", "h1.post-title", "article h1", "main h1")
THREAD_SELECTORS = ("ol.comment-list", "ol.commentlist", "ul.comment-list", "ul.commentlist",
                    ".comment-list", ".commentlist")
# Furniture plugins put inside the post body: sharing, likes, related posts, ads.
CONTENT_FURNITURE = (".sharedaddy", ".sd-sharing-enabled", ".jp-relatedposts", "#jp-post-flair",
                     ".wpcnt", ".wordads-ad-wrapper", ".post-navigation", ".navigation",
                     ".comments-area", "#comments", ".wp-block-buttons", ".entry-meta",
                     ".entry-footer", ".post-meta")
COMMENT_FURNITURE = (".reply", ".comment-reply-link", ".comment-likes", ".comment-like",
                     ".comment-awaiting-moderation", ".comment-meta", ".comment-metadata",
                     ".comment-author", ".vcard", ".edit-link", "footer")
LIKES = re.compile(r"Liked by (\d[\d,]*|one) (?:people|persons?)", re.IGNORECASE)
LINKBACK_CLASSES = ("pingback", "trackback")
# How a saved page starts (after any blank lines): a doctype, a comment, or an HTML element.
MARKUP = re.compile(r"<(?:!--|(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h1)\b)")


def read_webpage(path: Path, pingbacks: bool = False, fetch: Limits | None = None) -> ImportedPost:
    """The post and its threaded comments from a saved page (``fetch``: see ImportedPost)."""
    return read_page(read_bytes(path), path, pingbacks, fetch)


def read_page(raw: bytes, path: Path, pingbacks: bool = False, fetch: Limits | None = None,
              address: str | None = None) -> ImportedPost:
    """The post and its comments from a page's HTML: a saved file at ``path``, or the page
    the web ``address`` answered (then every picture is on the web, relative to it)."""
    soup = _parse(raw, path)
    content, wordpress = _content(soup)
    if content is None:
        raise InputError("no article found in the page (no <article>, <main> or body text)", path)
    thread_list = _thread_list(soup)
    post = ImportedPost(title=_title(soup, path), body="", slug="", author=_author(soup),
                        date=_post_date(soup), source=_source_url(soup) or address,
                        lang=_lang(soup), fetch=fetch)
    post.slug = slug_from_url(post.source) or slugify(post.title)
    post.comments = _thread(thread_list, pingbacks, post) if thread_list else []
    post.no_comments = ("the page's comment list is empty" if thread_list else
                        "no comment list in the page (a WordPress ol.comment-list)")
    post.comments_expected = wordpress
    if address is None:
        _copy_local_images(content, path, post)
    else:
        _place_web_pictures(content, address, post)
    post.body = _article_markdown(content, post)
    if not post.body:
        raise InputError("the page's article has no text", path)
    if not wordpress:
        post.warnings.append("not a WordPress page (no .entry-content): the article is the "
                             f"page's largest <{content.name}>; check where it starts and ends")
    return post


def _parse(raw: bytes, path: Path) -> BeautifulSoup:
    if b"\x00" in raw:
        raise InputError("not a web page (it holds NUL bytes)", path)
    soup = BeautifulSoup(raw, "html.parser")
    if soup.find(True) is None:
        raise InputError("not a web page: no HTML elements in it", path)
    return soup


# --- the article ---------------------------------------------------------------------------


def _content(soup: BeautifulSoup) -> tuple[Tag | None, bool]:
    """The post body and whether it was found the WordPress way."""
    for selector in CONTENT_SELECTORS:
        found = [t for t in soup.select(selector) if not t.find_parent(class_=_is_comment)]
        if found:
            return max(found, key=_text_length), True
    for name in ("article", "main", "body"):
        found = [t for t in soup.find_all(name) if _text_length(t)]
        if found:
            return max(found, key=_text_length), False
    return (soup if _text_length(soup) else None), False


def _is_comment(css_class: str | None) -> bool:
    return css_class in ("comment", "comment-body", "comment-content", "comments-area")


def _text_length(tag: Tag) -> int:
    return len(" ".join(tag.get_text(" ").split()))


def _article_markdown(content: Tag, post: ImportedPost) -> str:
    for selector in (*CONTENT_FURNITURE, *THREAD_SELECTORS, "nav", "header h1", "aside"):
        for tag in content.select(selector):
            tag.decompose()
    heading = content.find("h1")
    if heading and " ".join(heading.get_text(" ").split()) == post.title:
        heading.decompose()  # the title prints on the cover, not twice
    removed = clean_tree(content)
    caption_figures(content)
    post.dropped += describe_removed(removed)
    return tree_to_markdown(content)


def _copy_local_images(content: Tag, page: Path, post: ImportedPost) -> None:
    """A page saved "complete" keeps its pictures in a folder beside it: copy those.

    Only regular image files inside the page's own ``<name>_files`` folder are
    taken (no ``..`` or symlink escapes, and nothing else from the folder the page
    sits in: a page someone sent must not pick the user's files). A picture still
    given by its web address is taken from that folder when the browser saved it
    there; any other picture from the web goes to :func:`take_remote_picture`, and
    one by any other kind of address (``ftp:``, ``data:``) is left out with a mark.
    All the pictures taken together stay within ``IMPORT_PICTURES_BYTES``.
    """
    folder, missing, total = (page.parent / f"{page.stem}_files").resolve(), 0, 0
    for img in content.find_all("img"):
        src = _picture_address(img)
        if is_remote(src):
            file = _saved_copy(src, page, folder)
            if file is None:
                img["src"] = src
                take_remote_picture(img, post)
                continue
        elif re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE):
            leave_out(img, src)
            post.dropped.append(f"a picture at {src[:60]!r} (only pictures saved with the page or on "
                                "the web can be used; a mark is in its place)")
            continue
        else:
            file = (page.parent / unquote(re.split(r"[?#]", src)[0])).resolve()
        if src and _is_picture_in(file, folder):
            img["src"] = post.picture_name(file.stem, file.suffix.lower(), same=file)
            if post.files.get(img["src"]) != file:
                total += os.path.getsize(file)
                enforce_total(total, page)
            post.files[img["src"]] = file
        else:  # it would point at nothing in the project
            img.decompose()
            missing += 1
    if missing:
        post.dropped.append(f"{plural(missing, 'picture')} not saved beside the page")


def _place_web_pictures(content: Tag, address: str, post: ImportedPost) -> None:
    """A page read from the web: each picture is at its address, relative to the page's."""
    for img in content.find_all("img"):
        src = urljoin(address, _picture_address(img))
        if is_remote(src):
            img["src"] = src
            take_remote_picture(img, post)
        else:  # data: and other schemes: nothing a build can print
            img.decompose()
            post.dropped.append("a picture that is not a web address")


def enforce_total(total: int, page: Path) -> None:
    """Stop when the pictures saved with ``page`` add up to more than an import may copy."""
    if total > IMPORT_PICTURES_BYTES:
        raise LimitError(f"the pictures saved with the page add up to more than {megabytes(IMPORT_PICTURES_BYTES)}; "
                         "remove the largest from its folder, or make them smaller", page)


def _picture_address(img: Tag) -> str:
    """The picture's address; lazy-loading themes keep it in data-src behind a placeholder."""
    src = (img.get("src") or "").strip()
    if not src or src.lower().startswith("data:"):
        lazy = (img.get("data-lazy-src") or img.get("data-src") or "").strip()
        return lazy or src
    return src


def _saved_copy(url: str, page: Path, folder: Path) -> Path | None:
    """The file the browser saved for ``url`` in the page's ``<name>_files`` folder, if any."""
    name = unquote(urlsplit(url if "://" in url else "https:" + url).path.rsplit("/", 1)[-1])
    if not name:
        return None
    file = (folder / name).resolve()
    return file if _is_picture_in(file, folder) else None


def _is_picture_in(file: Path, folder: Path) -> bool:
    # os.path.isfile, not Path.is_file: a name too long for the system is simply no picture here
    return file.is_relative_to(folder) and os.path.isfile(file) and file.suffix.lower() in PICTURE_SUFFIXES


def _title(soup: BeautifulSoup, path: Path) -> str:
    for selector in TITLE_SELECTORS:
        tag = soup.select_one(selector)
        if tag and tag.get_text(strip=True):
            return " ".join(tag.get_text(" ").split())
    meta = _meta(soup, "og:title")
    if meta:
        return meta
    if soup.title and soup.title.get_text(strip=True):
        return _strip_site_name(" ".join(soup.title.get_text(" ").split()), soup)
    return path.stem


def _strip_site_name(title: str, soup: BeautifulSoup) -> str:
    site = _meta(soup, "og:site_name")
    for separator in (" | ", " – ", " — ", " - ", " :: "):
        head, _, tail = title.rpartition(separator)
        if head and (not site or tail.strip() == site):
            return head.strip()
    return title


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    value = tag.get("content", "").strip() if tag else ""
    return " ".join(value.split()) or None


def _author(soup: BeautifulSoup) -> str | None:
    for selector in (".entry-meta .author .fn", ".entry-meta .author a", ".byline .author",
                     "a[rel=author]", ".entry-author .fn", ".post-author"):
        tag = soup.select_one(selector)
        if tag and tag.get_text(strip=True):
            return " ".join(tag.get_text(" ").split())
    return _meta(soup, "author")


def _post_date(soup: BeautifulSoup) -> str | None:
    for selector in ("time.entry-date[datetime]", ".entry-meta time[datetime]",
                     ".posted-on time[datetime]", "article time[datetime]"):
        tag = soup.select_one(selector)
        if tag and not tag.find_parent(class_=_is_comment):
            return iso_date(tag["datetime"])
    return iso_date(_meta(soup, "article:published_time"))


def _source_url(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    if link and link.get("href", "").startswith("http"):
        return link["href"].strip()
    url = _meta(soup, "og:url")
    if url and url.startswith("http"):
        return url
    # Browsers mark a saved page with <!-- saved from url=(0042)https://... -->
    for note in soup.find_all(string=lambda s: isinstance(s, HtmlComment)):
        match = re.search(r"saved from url=\(\d+\)(https?://\S+)", note)
        if match:
            return match.group(1).rstrip("-> ")
    return None


def _lang(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    lang = html.get("lang", "").strip() if html else ""
    return lang if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang) else None


# --- the comments --------------------------------------------------------------------------


def _thread_list(soup: BeautifulSoup) -> Tag | None:
    for selector in THREAD_SELECTORS:
        found = soup.select_one(selector)
        if found:
            return found
    return None


def _thread(thread_list: Tag, pingbacks: bool, post: ImportedPost) -> list[Comment]:
    dropped: Counter = Counter()
    comments = _comments_in(thread_list, pingbacks, dropped)
    post.dropped += [plural(n, kind) for kind, n in sorted(dropped.items())]
    number_thread(comments)
    return comments


def _comments_in(parent: Tag, pingbacks: bool, dropped: Counter) -> list[Comment]:
    comments = []
    for item in parent.find_all("li", recursive=False):
        classes = item.get("class") or []
        kind = next((k for k in LINKBACK_CLASSES if k in classes), None)
        if kind and not pingbacks:
            dropped[kind] += 1
            continue
        # Replies come out before the comment is copied: copying each comment with every
        # reply under it would cost time in the square of the thread's depth.
        replies = [c.extract() for c in item.find_all(["ol", "ul"], class_="children", recursive=False)]
        comment = _comment(item, dropped)
        for children in replies:
            comment.replies += _comments_in(children, pingbacks, dropped)
        comments.append(comment)
    return comments


def _comment(item: Tag, dropped: Counter) -> Comment:
    """One li.comment: the body without its replies, meta and reply links."""
    body = _copy(item)
    for children in body.find_all(["ol", "ul"], class_="children"):
        children.decompose()
    author = _first_text(body, (".comment-author .fn", ".comment-author cite", ".fn",
                                ".comment-author"))
    date = _comment_date(body)
    likes = _likes(body)
    text_root = body.select_one(".comment-content") or body.select_one(".comment-body") or body
    for selector in COMMENT_FURNITURE:
        for tag in text_root.select(selector):
            tag.decompose()
    removed = clean_tree(text_root)
    dropped.update({f"{kind} in a comment": n for kind, n in removed.items()})
    text = tree_to_markdown(text_root)
    return Comment(text=text or "(no text)", author=_no_says(author), date=date, likes=likes)


def _copy(item: Tag) -> Tag:
    return BeautifulSoup(str(item), "html.parser").find("li")


def _first_text(root: Tag, selectors) -> str | None:
    for selector in selectors:
        tag = root.select_one(selector)
        if tag and tag.get_text(strip=True):
            return " ".join(tag.get_text(" ").split())
    return None


def _no_says(author: str | None) -> str | None:
    return re.sub(r"\s+says:?$", "", author).strip() or None if author else None


def _comment_date(body: Tag) -> str | None:
    tag = body.select_one("time[datetime]")
    if tag:
        return iso_date(tag["datetime"])
    meta = body.select_one(".comment-meta, .comment-metadata")
    return iso_date(meta.get_text(" ")) if meta else None


def _likes(body: Tag) -> int | None:
    match = LIKES.search(" ".join(body.get_text(" ").split()))
    if not match:
        return None
    count = match.group(1).replace(",", "")
    return 1 if count.lower() == "one" else int(count)


class SavedPageReader:
    """A web page saved from a browser, known by its HTML markup."""

    name = "a saved web page"
    order = 50
    suffixes = (".html", ".htm", ".xhtml")
    many_posts = False
    known_by_content = True

    def sniff(self, head: bytes) -> bool:
        return bool(MARKUP.match(text_start(head)))

    def list_posts(self, source: Path) -> list:
        return []

    def read(self, source: Path, options) -> ImportedPost:
        return read_webpage(source, options.pingbacks, options.fetch)


READER = SavedPageReader()


class PageReader:
    """Any other web page: its HTML read as a saved page is, with a line on what was missing."""

    name = "the page itself (no blog or Mastodon API found)"
    order = 90
    chooses_posts = False
    page_when_refused = False

    def sniff(self, page, session) -> bool:
        return page.is_html()

    def read(self, page, session, options) -> ImportedPost:
        try:
            post = read_page(page.body, Path("page.html"), options.pingbacks, options.fetch, address=page.url)
        except InputError as err:
            raise FetchError(err.reason, page.url) from None
        missing = [what for what, found in (("the author", post.author), ("the date", post.date),
                                            ("a comment list", post.comments)) if not found]
        if missing:
            post.warnings.append(f"read as a plain web page: could not find {', '.join(missing)}")
        if b"comment-page-" in page.body:  # WordPress's links to older or newer comment pages
            post.warnings.append("the page links to more pages of comments, which were not read "
                                 "(the blog's API is off): export the post from WordPress to get them all")
        return post


WEB_READER = PageReader()
