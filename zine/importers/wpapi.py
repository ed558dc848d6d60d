"""A WordPress post from the web, through the blog's REST API (``wp/v2``): self-hosted or WordPress.com.

Found by what the address answers: the page names its API in a
``<link rel="https://api.w.org/">`` element or a ``Link`` header; a
``*.wordpress.com`` blog is read through WordPress.com's public API
(``public-api.wordpress.com/wp/v2/sites/SITE/``), which answers the same routes.
The post comes by id or slug with ``_embed`` (author, featured picture and
categories in one answer; asked for separately when a blog leaves them out),
and every approved comment over all pages (``per_page=100``, the
``X-WP-TotalPages`` header), threaded by ``parent``. Pingbacks and trackbacks
are asked for only with ``--pingbacks``. Comment ids follow the blog's thread
(1, 1.1, 1.2 ...), as a WordPress export's do. Commenters' e-mail addresses
are not in the public API and nothing else about them is kept.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, quote, unquote, urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup

from zine.core import limits
from zine.core.errors import FetchError
from zine.core.model import Comment
from zine.core.wording import plural
from zine.importers.net import Response, Session
from zine.importers.pictures import place_remote_pictures
from zine.importers.post import ImportedPost, number_thread
from zine.importers.readers import ReadOptions
from zine.importers.slugs import slugify
from zine.importers.tomarkdown import describe_removed, html_to_markdown
from zine.project import LANGUAGE_TAG

API_REL = "https://api.w.org/"
WPCOM_API = "https://public-api.wordpress.com/wp/v2/sites/"  # + SITE + "/"
PER_PAGE = 100  # the most the API gives in one page
LINKBACKS = ("pingback", "trackback")
LINK_HEADER = re.compile(r"<([^>]+)>\s*;[^,]*?rel=\"?https://api\.w\.org/\"?", re.IGNORECASE)
ALTERNATE = re.compile(r"/wp/v2/(posts|pages)/(\d+)")


class WordPressReader:
    """Self-hosted WordPress and WordPress.com, through the REST API."""

    name = "WordPress (REST API)"
    order = 10
    chooses_posts = True  # --post SLUG or ID reads another post of the same blog
    page_when_refused = True

    def sniff(self, page: Response, session: Session) -> bool:
        return api_base(page) is not None

    def read(self, page: Response, session: Session, options: ReadOptions) -> ImportedPost:
        base = api_base(page)
        data = _find_post(page, base, session, options.post)
        post = _post(data, page, base, session, options)
        post.comments = _comments(data, base, session, options.pingbacks, post)
        post.no_comments = f"the post '{post.slug}' has no approved comments"
        return post


WEB_READER = WordPressReader()


# --- finding the API and the post ----------------------------------------------------------


def api_base(page: Response) -> str | None:
    """The address ``wp/v2`` routes hang from (ends in '/'), or None for no WordPress API."""
    host = (urlsplit(page.url).hostname or "").lower()
    if host.endswith(".wordpress.com") and host != "public-api.wordpress.com":
        return f"{WPCOM_API}{host}/"
    root = _linked_root(page)
    if root is None:
        return None
    if urlsplit(root).hostname == "public-api.wordpress.com" and "/sites/" not in root:
        return f"{WPCOM_API}{host}/"  # a WordPress.com blog on a domain of its own
    if "/wp/v2/" in root:  # a link that already names the namespace (WordPress.com's do)
        return root.rstrip("/") + "/"
    if "rest_route=" in root:  # a blog without pretty links: ?rest_route=/wp/v2/...
        return root.split("rest_route=")[0] + "rest_route=/wp/v2/"
    return root.rstrip("/") + "/wp/v2/"


def _linked_root(page: Response) -> str | None:
    match = LINK_HEADER.search(page.headers.get("Link", ""))
    if match:
        return urljoin(page.url, match.group(1).strip())
    path = urlsplit(page.url).path
    if page.is_json() and "/wp-json/wp/v2/" in path:  # the user gave an API address itself
        return urljoin(page.url, path.split("/wp-json/")[0] + "/wp-json/")
    if not page.is_html():
        return None
    link = page.html().find("link", rel=API_REL, href=True)
    return urljoin(page.url, link["href"].strip()) if link else None


def endpoint(base: str, route: str, **params) -> str:
    """``base`` + ``route`` with query ``params``, for both kinds of API address."""
    query = urlencode({key: value for key, value in params.items() if value is not None})
    joiner = "&" if "?" in base else "?"
    return base + route + (joiner + query if query else "")


def _find_post(page: Response, base: str, session: Session, wanted: str | None) -> dict:
    """The post (or page) the address shows, or the one --post names."""
    if wanted:
        kind_id = ("posts", wanted) if wanted.isdigit() else None
        slug = None if kind_id else wanted
    else:
        kind_id, slug = _post_in_page(page), None
        slug = None if kind_id else _slug_in_address(page.url)
    if kind_id:
        return session.get_json(endpoint(base, f"{kind_id[0]}/{kind_id[1]}", _embed=1))
    if not slug:
        raise FetchError("cannot tell which post this is (the address names no post); "
                         "give the post's own address, or --post SLUG or ID", page.url)
    for kind in ("posts", "pages"):
        found = session.get_json(endpoint(base, kind, slug=slug, _embed=1))
        if isinstance(found, list) and found and isinstance(found[0], dict):
            return found[0]
    raise FetchError(f"the blog shows no public post '{slug}' (a private, draft or deleted "
                     "post is not shown to visitors)", page.url)


def _post_in_page(page: Response) -> tuple[str, str] | None:
    """('posts', '123') from the page's <link rel="alternate" type="application/json">, or
    from ?p=123 / ?page_id=123 in the address."""
    own = ALTERNATE.search(urlsplit(page.url).path)
    if page.is_json() and own:  # the address is the API's own, as a blog's JSON link gives it
        return own.group(1), own.group(2)
    if page.is_html():
        for link in page.html().find_all("link", rel="alternate", href=True):
            match = ALTERNATE.search(unquote(link["href"]))
            if match and "json" in (link.get("type") or ""):
                return match.group(1), match.group(2)
    query = parse_qs(urlsplit(page.url).query)
    for key, kind in (("p", "posts"), ("page_id", "pages")):
        if query.get(key, [""])[0].isdigit():
            return kind, query[key][0]
    return None


def _slug_in_address(url: str) -> str | None:
    parts = [p for p in urlsplit(url).path.split("/") if p]
    return quote(unquote(parts[-1]).lower(), safe="") if parts else None


# --- the post ------------------------------------------------------------------------------


def _post(data: dict, page: Response, base: str, session: Session, options: ReadOptions) -> ImportedPost:
    if not isinstance(data, dict) or "content" not in data:
        raise FetchError("the blog's API did not answer with a post", page.url)
    where = str(data.get("link") or page.url)
    if _field(data, "content", "protected") is True:
        raise FetchError("the post is password-protected (zine reads only public posts)", where)
    post = ImportedPost(
        title=_plain(_field(data, "title", "rendered")), body="",
        slug=slugify(unquote(str(data.get("slug") or data.get("id") or "post"))),
        author=_author(data, base, session), date=_date(data.get("date")), source=where,
        lang=_lang(page), fetch=options.fetch)
    content = _featured(data, base, session) + str(_field(data, "content", "rendered") or "")
    post.body, removed = html_to_markdown(content, prepare=lambda root: place_remote_pictures(root, post))
    post.dropped += describe_removed(removed)
    post.categories = _categories(data, base, session)
    return post


def _field(data: dict, *keys):
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _plain(rendered) -> str:
    text = BeautifulSoup(str(rendered or ""), "html.parser").get_text(" ")
    return " ".join(html.unescape(text).split())


def _date(stamp) -> str | None:
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(stamp or ""))
    return match.group(0) if match and not match.group(0).startswith("0000") else None


def _lang(page: Response) -> str | None:
    if not page.is_html():
        return None
    tag = page.html().find("html")
    lang = (tag.get("lang") or "").strip() if tag else ""
    return lang if LANGUAGE_TAG.fullmatch(lang) else None


def _embedded(data: dict, key: str) -> list:
    found = _field(data, "_embedded", key)
    return found if isinstance(found, list) else []


def _author(data: dict, base: str, session: Session) -> str | None:
    for person in _embedded(data, "author"):
        if isinstance(person, dict) and person.get("name"):
            return _plain(person["name"])
    if str(data.get("author") or "0") in ("0", ""):
        return None
    try:
        person = session.get_json(endpoint(base, f"users/{data['author']}"))
    except FetchError:  # some blogs hide their users: the post is still worth reading
        return None
    return _plain(person.get("name")) or None if isinstance(person, dict) else None


def _featured(data: dict, base: str, session: Session) -> str:
    """The featured picture as a figure before the text ('' when there is none)."""
    media = next((m for m in _embedded(data, "wp:featuredmedia") if isinstance(m, dict)), None)
    if media is None and str(data.get("featured_media") or "0") not in ("0", ""):
        try:
            media = session.get_json(endpoint(base, f"media/{data['featured_media']}"))
        except FetchError:
            media = None
    url = media.get("source_url") if isinstance(media, dict) else None
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return ""
    alt = html.escape(str(media.get("alt_text") or ""), quote=True)
    caption = _plain(_field(media, "caption", "rendered"))
    figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="{html.escape(url, quote=True)}" alt="{alt}">{figcaption}</figure>'


def _categories(data: dict, base: str, session: Session) -> list[str]:
    names = [_plain(term.get("name")) for group in _embedded(data, "wp:term") if isinstance(group, list)
             for term in group if isinstance(term, dict) and term.get("taxonomy") == "category"]
    ids = [str(i) for i in data.get("categories") or [] if str(i).isdigit()]
    if names or not ids:
        return [name for name in names if name and name != "Uncategorized"]
    try:
        terms = session.get_json(endpoint(base, "categories", include=",".join(ids), per_page=PER_PAGE))
    except FetchError:
        return []
    return [_plain(t.get("name")) for t in terms if isinstance(t, dict) and _plain(t.get("name"))
            and _plain(t.get("name")) != "Uncategorized"] if isinstance(terms, list) else []


# --- the comments ----------------------------------------------------------------------------


def _comments(data: dict, base: str, session: Session, pingbacks: bool,
              post: ImportedPost) -> list[Comment]:
    kinds = ["comment", *LINKBACKS] if pingbacks else ["comment"]
    found: list[dict] = []
    for kind in kinds:
        found += _all_pages(base, data.get("id"), kind, session, post)
    return thread(found, post)


def _all_pages(base: str, post_id, kind: str, session: Session, post: ImportedPost) -> list[dict]:
    """Every comment of one type, page after page, as the total-pages header counts them."""
    def page_of(number: int):
        url = endpoint(base, "comments", post=post_id, per_page=PER_PAGE, page=number,
                       order="asc", type=None if kind == "comment" else kind)
        return session.get(url, accept="application/json", kinds=("json",))

    first = page_of(1)
    pages = _header_number(first, "X-WP-TotalPages", 1)
    if pages > limits.WEB_COMMENT_PAGES:
        total = _header_number(first, "X-WP-Total", pages * PER_PAGE)
        raise FetchError(f"the post has {total:,} comments on {pages} pages, over the limit of "
                         f"{limits.WEB_COMMENT_PAGES} pages ({limits.WEB_COMMENT_PAGES * PER_PAGE:,} "
                         "comments)", post.source or first.url)
    found = _listed(first)
    for number in range(2, pages + 1):
        found += _listed(page_of(number))
    expected = _header_number(first, "X-WP-Total", len(found))
    if len(found) < expected:
        post.warnings.append(f"the blog counts {plural(expected, kind)} but gave {len(found)}")
    return found


def _header_number(response: Response, name: str, default: int) -> int:
    value = response.headers.get(name, "").strip()
    return int(value) if value.isdigit() else default


def _listed(response: Response) -> list[dict]:
    items = response.json()
    if not isinstance(items, list):
        raise FetchError("the blog's API did not answer with a list of comments", response.url)
    return [item for item in items if isinstance(item, dict) and str(item.get("id", "")).isdigit()]


def thread(found: list[dict], post: ImportedPost) -> list[Comment]:
    """Approved comments threaded by ``parent``, siblings by date; linear in the thread's size."""
    items = {str(c["id"]): c for c in found if c.get("status", "approved") == "approved"}
    nodes = {cid: _comment(item, post) for cid, item in items.items()}
    children: dict[str, list[str]] = {}
    orphans = 0
    for cid, item in items.items():
        parent = str(item.get("parent") or "0")
        if parent != "0" and parent not in items:
            parent, orphans = "0", orphans + 1
        children.setdefault(parent, []).append(cid)
    placed = _attach(children, nodes, items)
    roots = children.get("0", []) + [cid for cid in items if cid not in placed]  # reply rings
    if orphans:
        post.warnings.append(f"{plural(orphans, 'reply', 'replies')} to comments the blog does "
                             "not show printed at the top level")
    comments = [nodes[cid] for cid in sorted(set(roots), key=lambda c: _order(items[c]))]
    number_thread(comments)
    return comments


def _attach(children: dict[str, list[str]], nodes: dict[str, Comment], items: dict) -> set[str]:
    """Hang every reply under its comment; the ids reached from the top level."""
    placed, pending = set(), list(children.get("0", []))
    while pending:
        cid = pending.pop()
        if cid in placed:
            continue
        placed.add(cid)
        replies = sorted(children.get(cid, []), key=lambda c: _order(items[c]))
        nodes[cid].replies = [nodes[r] for r in replies]
        pending += replies
    return placed


def _order(item: dict) -> tuple[str, int]:
    return str(item.get("date_gmt") or item.get("date") or ""), int(item["id"])


def _comment(item: dict, post: ImportedPost) -> Comment:
    text, removed = html_to_markdown(str(_field(item, "content", "rendered") or ""))
    post.dropped += [f"{what} in a comment" for what in describe_removed(removed)]
    author = _plain(item.get("author_name"))
    return Comment(text=text or "(no text)", author=author or None, date=_date(item.get("date")))
