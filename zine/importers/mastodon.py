"""A Mastodon post (or one from a server with the same API) and the replies to it.

Found by what the server answers: the address names a post (``/@name/ID``,
``/users/name/statuses/ID``, ``/notice/ID``) and the server answers
``/api/v2/instance`` as a Mastodon-compatible server does. Then
``/api/v1/statuses/ID`` is the post and ``/api/v1/statuses/ID/context`` its
``descendants``, each with ``in_reply_to_id``. The article is the post and the
author's own replies that continue it (a thread written as several posts); the
replies from others are the comments, threaded, with their display names,
dates and favourites as likes. A content warning (``spoiler_text``) is kept as
a line before the text it hid.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

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

STATUS_PATH = re.compile(r"^/(?:@[^/]+|users/[^/]+/statuses|notice|objects)/(?P<id>[A-Za-z0-9]{1,40})/?$")


class MastodonReader:
    """A post on Mastodon (or a server with its API) and its replies."""

    name = "Mastodon (API)"
    order = 20
    chooses_posts = False
    page_when_refused = False

    def sniff(self, page: Response, session: Session) -> bool:
        if not STATUS_PATH.match(urlsplit(page.url).path):
            return False
        try:
            server = session.get_json(_api(page.url, "v2/instance"))
        except FetchError:
            return False
        return isinstance(server, dict) and bool(server.get("domain")) and "version" in server

    def read(self, page: Response, session: Session, options: ReadOptions) -> ImportedPost:
        status_id = STATUS_PATH.match(urlsplit(page.url).path).group("id")
        root = session.get_json(_api(page.url, f"v1/statuses/{status_id}"))
        if not isinstance(root, dict) or not isinstance(root.get("account"), dict):
            raise FetchError("the server did not answer with a post", page.url)
        context = session.get_json(_api(page.url, f"v1/statuses/{status_id}/context"))
        replies = [s for s in (context or {}).get("descendants") or []
                   if isinstance(s, dict) and isinstance(s.get("account"), dict) and s.get("id")]
        article, others = _split(root, replies)
        post = _article(root, article, page, options)
        post.comments = _thread(root, article, others, post)
        post.comments_expected = False  # a post without replies is still a post
        post.no_comments = "nobody has replied to the post"
        return post


WEB_READER = MastodonReader()


def _api(url: str, route: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/api/{route}"


def _split(root: dict, replies: list[dict]) -> tuple[list[dict], list[dict]]:
    """The author's own continuing posts (in order), and everything else."""
    author = root["account"].get("id")
    joined, article, others = {str(root["id"])}, [root], []
    for status in replies:  # the API gives descendants in reading order, a reply after its post
        if status["account"].get("id") == author and str(status.get("in_reply_to_id")) in joined \
                and not _mentions_others(status, author):
            joined.add(str(status["id"]))
            article.append(status)
        else:
            others.append(status)
    return article, others


def _mentions_others(status: dict, author) -> bool:
    """An answer to someone (it mentions them) is a comment, even when it replies to the post."""
    return any(isinstance(m, dict) and m.get("id") != author for m in status.get("mentions") or [])


def _article(root: dict, article: list[dict], page: Response, options: ReadOptions) -> ImportedPost:
    account = root["account"]
    post = ImportedPost(
        title="", body="", slug=slugify(f"{account.get('username') or 'post'}-{root['id']}"),
        author=_name(account), date=_date(root.get("created_at")),
        source=str(root.get("url") or page.url), lang=_lang(root), fetch=options.fetch)
    parts = []
    for status in article:
        text, removed = html_to_markdown(_content_html(status, pictures=True),
                                         prepare=lambda tree: place_remote_pictures(tree, post))
        post.dropped += describe_removed(removed)
        parts.append(text)
    post.body = "\n\n".join(part for part in parts if part)
    if len(article) > 1:
        post.warnings.append(f"the article joins the post and {plural(len(article) - 1, 'reply', 'replies')} "
                             "its author wrote to continue it")
    return post


def _thread(root: dict, article: list[dict], others: list[dict], post: ImportedPost) -> list[Comment]:
    in_article = {str(s["id"]) for s in article}
    nodes = {str(s["id"]): _comment(s, post) for s in others}
    top: list[Comment] = []
    placed: set[str] = set()
    for status in others:
        parent, own = str(status.get("in_reply_to_id")), str(status["id"])
        if parent in placed:  # only under a reply read before it: a forged loop cannot hang
            nodes[parent].replies.append(nodes[own])
        else:  # a reply to the article, or to a post the server does not show
            top.append(nodes[own])
        placed.add(own)
    direct = sum(1 for s in others if str(s.get("in_reply_to_id")) in in_article)
    counted = sum(int(s.get("replies_count") or 0) for s in article) - (len(article) - 1)
    if counted > direct:
        post.warnings.append(f"the post counts {plural(counted, 'reply', 'replies')} but the server "
                             f"showed {direct} (the others are private, deleted, or on servers it "
                             "does not see)")
    number_thread(top)
    return top


def _comment(status: dict, post: ImportedPost) -> Comment:
    text, removed = html_to_markdown(_content_html(status, pictures=False))
    post.dropped += [f"{what} in a reply" for what in describe_removed(removed)]
    pictures = sum(1 for m in status.get("media_attachments") or [] if isinstance(m, dict))
    if pictures:
        post.dropped.append(f"{plural(pictures, 'picture')} in a reply")
    likes = status.get("favourites_count")
    return Comment(text=text or "(no text)", author=_name(status["account"]),
                   date=_date(status.get("created_at")),
                   likes=likes if isinstance(likes, int) and likes > 0 else None)


def _content_html(status: dict, pictures: bool) -> str:
    """The post's HTML: its content warning as a line first, links shown whole, pictures last."""
    soup = BeautifulSoup(str(status.get("content") or ""), "html.parser")
    for hidden in soup.select("span.invisible, span.ellipsis"):
        hidden.unwrap()  # Mastodon shortens a link's words; print the address whole
    html = str(soup)
    warning = " ".join(str(status.get("spoiler_text") or "").split())
    if warning:
        html = f"<p><em>Content warning: {_escape(warning)}</em></p>{html}"
    if pictures:
        for media in status.get("media_attachments") or []:
            if isinstance(media, dict) and media.get("type") == "image" and \
                    str(media.get("url") or "").startswith(("http://", "https://")):
                html += f'<p><img src="{_escape(media["url"])}" alt="{_escape(media.get("description") or "")}"></p>'
    return html


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _name(account: dict) -> str | None:
    name = " ".join(str(account.get("display_name") or "").split())
    return name or account.get("username") or account.get("acct") or None


def _date(stamp) -> str | None:
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(stamp or ""))
    return match.group(0) if match else None


def _lang(status: dict) -> str | None:
    lang = str(status.get("language") or "")
    return lang if LANGUAGE_TAG.fullmatch(lang) else None
