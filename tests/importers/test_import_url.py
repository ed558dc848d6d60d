"""zine import URL against a web server on 127.0.0.1 started here, answering as the documented APIs do.

The fixtures follow the platforms' public API references (WordPress REST ``wp/v2``
posts, comments, users, media with ``X-WP-Total``/``X-WP-TotalPages``;
WordPress.com's public API; Mastodon ``api/v1/statuses/:id`` and ``/context``,
``api/v2/instance``); every name and text in them is made up for these tests.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pypdfium2 as pdfium
import pytest
import yaml
from click.testing import CliRunner

from zine.cli import main
from zine.core import limits
from zine.importers import net, wpapi
from helpers.paths import DATA

DATA = DATA / "import"
POST_PATH = "/2026/03/keep-the-library-open/"
TOP_LEVEL = 100  # comments 1..100 on page 1 are top level; 30 replies on page 2


def comment(number: int, parent: int = 0, kind: str = "comment") -> dict:
    """One comment as wp/v2/comments gives it (view context)."""
    day = 1 + number // 10
    return {
        "id": 5000 + number, "post": 41, "parent": parent, "author": 0,
        "author_name": f"Reader {number}", "author_url": "",
        "date": f"2026-03-{day:02d}T10:{number % 60:02d}:00",
        "date_gmt": f"2026-03-{day:02d}T09:{number % 60:02d}:00",
        "content": {"rendered": f"<p>Comment number {number} about the library hours.</p>\n"},
        "link": f"http://blog.test{POST_PATH}#comment-{5000 + number}",
        "status": "approved", "type": kind, "author_avatar_urls": {}, "meta": [],
    }


def all_comments(extra: int, edited: bool = False) -> list[dict]:
    """130 comments: 100 top level, then 30 replies to the first ten (3 each), then ``extra`` new ones
    (``edited``: comment 5 was changed by its author)."""
    found = [comment(n) for n in range(1, TOP_LEVEL + 1)]
    if edited:
        found[4]["content"]["rendered"] = "<p>Comment number 5, corrected.</p>"
    found += [comment(TOP_LEVEL + n, parent=5000 + 1 + (n - 1) // 3) for n in range(1, 31)]
    found += [comment(130 + n, parent=5000 + 2 if n == 1 else 0) for n in range(1, extra + 1)]
    return found


def post_json(base: str, embed: bool = True) -> dict:
    data = {
        "id": 41, "date": "2026-03-01T08:30:00", "date_gmt": "2026-03-01T07:30:00",
        "guid": {"rendered": f"{base}/?p=41"}, "modified": "2026-03-02T08:30:00",
        "slug": "keep-the-library-open", "status": "publish", "type": "post",
        "link": f"{base}{POST_PATH}",
        "title": {"rendered": "Keep the Library Open &#8211; Saturdays Too"},
        "content": {"rendered": "<p>The council plans to close the branch library on Saturdays.</p>\n"
                                "<p>Come to the meeting and bring a neighbour.</p>\n", "protected": False},
        "excerpt": {"rendered": "<p>The council plans...</p>", "protected": False},
        "author": 3, "featured_media": 55, "comment_status": "open", "ping_status": "open",
        "categories": [4], "tags": [],
    }
    if embed:
        data["_embedded"] = {
            "author": [{"id": 3, "name": "Maya Okafor", "slug": "maya"}],
            "wp:featuredmedia": [{"id": 55, "source_url": f"{base}/uploads/library.jpg",
                                  "alt_text": "The library steps", "caption": {"rendered": ""}}],
            "wp:term": [[{"id": 4, "name": "Campaigns", "taxonomy": "category"}], []],
        }
    return data


class Api(BaseHTTPRequestHandler):
    """The blog, the WordPress.com API and the Mastodon server, all on one port."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        server = self.server
        server.hits.append(self.path)
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        base = f"http://127.0.0.1:{server.server_port}"
        route = parts.path
        if route == "/slow/":
            return self.trickle()
        if route == "/slow-headers/":
            return self.trickle(head=True)
        if route == "/stall/":
            time.sleep(1.5)
            return self.send(200, b"<p>late</p>", "text/html")
        if route == "/moved/":
            return self.send(302, b"", "text/html", {"Location": server.redirect_to})
        if route == POST_PATH:
            return self.page(base, api_link=f"{base}/wp-json/", post_id=41)
        if route == "/2026/04/members-only/":  # WordPress shows visitors no private post
            return self.send(404, b"<html><body><h1>Page not found</h1></body></html>", "text/html")
        if route == "/2026/05/api-locked/":
            return self.page(base, api_link=f"{base}/wp-json/", post_id=88)
        if route == "/wp-json/wp/v2/posts/88":  # a plugin that shuts the API to visitors
            return self.json({"code": "rest_cannot_access", "message": "Only authenticated users can "
                              "access the REST API.", "data": {"status": 401}}, status=401)
        if route == "/wp-json/wp/v2/posts/41":
            return self.json(post_json(base))
        if route == "/wp-json/wp/v2/posts/77":
            return self.json({"code": "rest_forbidden", "message": "Sorry, you are not allowed to do that.",
                              "data": {"status": 401}}, status=401)
        if route == "/wp-json/wp/v2/comments":
            return self.comments(query)
        if route.startswith("/wpcom/wp/v2/sites/tenants.wordpress.com/"):
            return self.wpcom(route.rsplit("/sites/tenants.wordpress.com/", 1)[1], query, base)
        if route == "/2026/02/rent-strike-diary/":  # a WordPress.com page: its API is found by its name
            return self.send(200, b"<!DOCTYPE html><html><body><p>Diary</p></body></html>", "text/html")
        if route == "/notes/opening-hours.html":
            return self.send(200, PLAIN_PAGE.encode(), "text/html; charset=utf-8")
        if route.startswith("/@maya/") or route.startswith("/api/"):
            return self.mastodon(route, base)
        if route == "/uploads/library.jpg":
            return self.send(200, b"not really a picture", "image/jpeg")
        return self.json({"code": "rest_no_route", "message": "No route was found."}, status=404)

    # --- WordPress -------------------------------------------------------------------------

    def page(self, base: str, api_link: str, post_id: int):
        html = (f'<!DOCTYPE html><html lang="en-GB"><head><title>Post</title>'
                f'<link rel="https://api.w.org/" href="{api_link}">'
                f'<link rel="alternate" title="JSON" type="application/json" '
                f'href="{base}/wp-json/wp/v2/posts/{post_id}"></head>'
                f'<body><article><h1>Post</h1><p>Text.</p></article></body></html>')
        self.send(200, html.encode(), "text/html; charset=UTF-8",
                  {"Link": f'<{api_link}>; rel="https://api.w.org/"'})

    def comments(self, query: dict):
        if query.get("post") != "41":
            return self.json([], headers={"X-WP-Total": "0", "X-WP-TotalPages": "0"})
        kind = query.get("type", "comment")
        found = ([c for c in all_comments(self.server.extra, self.server.edited) if c["type"] == kind]
                 if kind == "comment"
                 else [comment(900, kind="pingback")] if kind == "pingback" else [])
        per_page, page = int(query.get("per_page", 10)), int(query.get("page", 1))
        pages = -(-len(found) // per_page)
        if page > max(pages, 1):
            return self.json({"code": "rest_comment_invalid_page_number",
                              "message": "The page number requested is larger than the number of pages available.",
                              "data": {"status": 400}}, status=400)
        self.json(found[(page - 1) * per_page:page * per_page],
                  headers={"X-WP-Total": str(len(found)), "X-WP-TotalPages": str(pages)})

    def wpcom(self, route: str, query: dict, base: str):
        """public-api.wordpress.com/wp/v2/sites/SITE/...: the same routes; here without _embed."""
        if route == "posts" and query.get("slug") == "rent-strike-diary":
            data = post_json(base, embed=False) | {"slug": "rent-strike-diary", "id": 12,
                                                   "link": "https://tenants.wordpress.com/2026/02/rent-strike-diary/"}
            return self.json([data])
        if route == "users/3":
            return self.json({"id": 3, "name": "Tenants Union", "slug": "tenantsunion"})
        if route == "media/55":
            return self.json({"id": 55, "source_url": "https://tenants.files.wordpress.com/2026/02/march.jpg",
                              "alt_text": "The march", "caption": {"rendered": "<p>On the march</p>"}})
        if route == "categories":
            return self.json([{"id": 4, "name": "Housing", "taxonomy": "category"}])
        if route == "comments":
            items = [comment(1), comment(2, parent=5001)]
            return self.json(items, headers={"X-WP-Total": "2", "X-WP-TotalPages": "1"})
        return self.json({"code": "rest_no_route"}, status=404)

    # --- Mastodon --------------------------------------------------------------------------

    def mastodon(self, route: str, base: str):
        if route == "/@maya/110000000000000001":
            return self.send(200, b"<!DOCTYPE html><html><body><div id='mastodon'></div></body></html>",
                             "text/html; charset=utf-8")
        if route == "/api/v2/instance":
            return self.json({"domain": "social.test", "title": "Social", "version": "4.3.0",
                              "configuration": {}, "registrations": {"enabled": False}})
        statuses = mastodon_thread(base)
        match = re.fullmatch(r"/api/v1/statuses/(\d+)(/context)?", route)
        if match and match.group(1) == "110000000000000001":
            if match.group(2):
                return self.json({"ancestors": [], "descendants": statuses[1:]})
            return self.json(statuses[0])
        return self.json({"error": "Record not found"}, status=404)

    # --- plumbing --------------------------------------------------------------------------

    def trickle(self, head: bool = False):
        """A byte every 0.3 s, in the headers or the body: no read waits long enough to time out."""
        if not head:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
        chunk = b"X-Slow: y\r\n" if head else b"<"
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n" if head else b"")
            for byte in range(40):
                self.wfile.write(chunk[byte % len(chunk):byte % len(chunk) + 1])
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass

    def json(self, data, status: int = 200, headers: dict | None = None):
        self.send(status, json.dumps(data).encode(), "application/json; charset=UTF-8", headers)

    def send(self, status: int, body: bytes, kind: str, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def account(number: int, name: str) -> dict:
    return {"id": str(number), "username": name.split()[0].lower(), "acct": name.split()[0].lower(),
            "display_name": name, "url": f"https://social.test/@{name.split()[0].lower()}"}


def status(sid: int, who: dict, text: str, reply_to: int | None, likes: int = 0, warning: str = "") -> dict:
    return {"id": str(sid), "created_at": f"2026-03-0{1 + sid % 3}T12:00:00.000Z",
            "in_reply_to_id": str(reply_to) if reply_to else None,
            "in_reply_to_account_id": None, "sensitive": bool(warning), "spoiler_text": warning,
            "visibility": "public", "language": "en", "uri": f"https://social.test/users/x/statuses/{sid}",
            "url": f"https://social.test/@{who['username']}/{sid}", "replies_count": 0,
            "reblogs_count": 0, "favourites_count": likes, "content": f"<p>{text}</p>",
            "account": who, "media_attachments": [], "mentions": [], "tags": [], "emojis": []}


def mastodon_thread(base: str) -> list[dict]:
    maya, tom, ana = account(1, "Maya Okafor"), account(2, "Tom Reyes"), account(3, "Ana Lind")
    first = status(110000000000000001, maya, "The library closes on Saturdays from April. A thread.", None)
    first["replies_count"] = 2
    return [
        first,
        status(110000000000000002, maya, "Second: the meeting is on Thursday at seven.", 110000000000000001),
        status(110000000000000003, tom, "I will be there with the petition.", 110000000000000001, likes=4),
        status(110000000000000004, ana, "Can children come?", 110000000000000003, warning="kids"),
        status(110000000000000005, maya, "Yes, bring them!", 110000000000000004),
        status(110000000000000006, maya, "@tom thank you!", 110000000000000001) | {
            "mentions": [{"id": "2", "username": "tom", "acct": "tom", "url": "https://social.test/@tom"}]},
    ]


PLAIN_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Opening hours - Friends of the Library</title></head>
<body><main><h1>Opening hours</h1><p>The branch opens at nine on weekdays and ten on Saturdays,
and the friends' group meets on the first Monday of the month.</p></main></body></html>"""


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    httpd.hits, httpd.extra, httpd.redirect_to, httpd.edited = [], 0, "http://10.9.8.7/", False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base(server) -> str:
    return f"http://127.0.0.1:{server.server_port}"


def run(*args: str):
    return CliRunner().invoke(main, ["import", *args])


def comments_of(folder: Path) -> list[dict]:
    return yaml.safe_load(next(folder.glob("*.comments.yaml")).read_text(encoding="utf-8"))


def walk(items: list[dict]):
    for item in items:
        yield item
        yield from walk(item.get("replies", []))


@pytest.fixture(scope="module")
def imported(server, tmp_path_factory):
    """The 130-comment post, imported once for the tests that read it."""
    out = tmp_path_factory.mktemp("library")
    server.extra = 0
    result = run(base(server) + POST_PATH, "-o", str(out), "--allow-private")
    assert result.exit_code == 0, result.output
    return out, result.output


def test_all_130_comments_over_two_pages_are_imported_threaded(imported, server):
    out, output = imported
    thread = comments_of(out)
    assert len(list(walk(thread))) == 130
    assert len(thread) == 100  # the 30 replies hang under comments 1 to 10
    assert [r["author"] for r in thread[0]["replies"]] == ["Reader 101", "Reader 102", "Reader 103"]
    assert thread[0]["id"] == "1" and thread[0]["replies"][2]["id"] == "1.3"
    assert "comments: 130 (100 top-level, threads 2 levels deep)" in output
    for page in (1, 2):  # both pages asked for, and listed in the report
        assert f"/wp-json/wp/v2/comments?post=41&per_page=100&page={page}&order=asc" in output
    assert "read as: WordPress (REST API)" in output
    article = (out / "keep-the-library-open.md").read_text(encoding="utf-8")
    assert "title: Keep the Library Open – Saturdays Too" in article
    assert "author: Maya Okafor" in article and "date: '2026-03-01'" in article
    assert f"source: {base(server)}{POST_PATH}" in article
    assert "categories:\n- Campaigns" in article
    assert "[picture: The library steps, not downloaded:" in article  # the featured picture's mark


def test_the_imported_project_builds_and_prints_byline_source_date_and_picked_authors(imported, server, tmp_path):
    out, _ = imported
    project = tmp_path / "project"
    project.mkdir()
    for file in out.iterdir():
        (project / file.name).write_bytes(file.read_bytes())
    config = project / "zine.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'article = "keep-the-library-open.md"',
        'article = "keep-the-library-open.md"\npick = ["1", "1.2", "7"]'), encoding="utf-8")
    built = CliRunner().invoke(main, ["build", str(project), "-o", str(tmp_path / "z.pdf"), "--no-impose"])
    assert built.exit_code == 0, built.output
    pdf = pdfium.PdfDocument(str(tmp_path / "z.pdf"))
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    flat = re.sub(r"\s+", "", text.replace("\u2010", "-").replace("\ufffe", ""))
    assert "Maya Okafor" in text
    assert "1 March 2026" in text or "March 1, 2026" in text
    assert f"{base(server)}{POST_PATH}".replace(" ", "") in flat
    for author in ("Reader 1", "Reader 102", "Reader 7"):
        assert re.search(rf"{author}\b", text), author
    assert "Reader 55" not in text


def test_a_private_post_is_one_clear_error(server, tmp_path):
    result = run(base(server) + "/2026/04/members-only/", "-o", str(tmp_path / "z"), "--allow-private")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {base(server)}/2026/04/members-only/: the server answered 404 Not Found: no such page: "
        "check the address (a deleted or private post answers this too)")
    by_id = run(base(server) + POST_PATH, "--post", "77", "-o", str(tmp_path / "z"), "--allow-private")
    assert by_id.exit_code == 1
    assert by_id.output.strip() == (
        f"Error: {base(server)}/wp-json/wp/v2/posts/77?_embed=1: the server answered 401 Unauthorized: "
        "the post is private or needs a login (zine reads only public posts)")
    assert not (tmp_path / "z").exists()


def test_a_blog_whose_api_refuses_visitors_is_read_from_its_page(server, tmp_path):
    result = run(base(server) + "/2026/05/api-locked/", "-o", str(tmp_path / "z"), "--allow-private",
                 "--allow-no-comments")
    assert result.exit_code == 0, result.output
    assert "read as: the page itself" in result.output
    assert "the blog's API refused to answer" in result.output and "401 Unauthorized" in result.output


@pytest.mark.parametrize("path", ["/slow/", "/slow-headers/"])
def test_a_slow_server_stops_at_the_time_limit(server, tmp_path, monkeypatch, path):
    monkeypatch.setattr(limits, "WEB_REQUEST_SECONDS", 1.0)
    result = run(base(server) + path, "-o", str(tmp_path / "z"), "--allow-private")
    assert result.exit_code == 1
    assert "stopped at the time limit of 1 seconds for one address: the server sends too slowly" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "z").exists()


def test_the_whole_import_has_a_time_limit_too(server, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "WEB_IMPORT_SECONDS", 0.8)
    result = run(base(server) + "/slow/", "-o", str(tmp_path / "z"), "--allow-private")
    assert result.exit_code == 1
    assert "stopped at the time limit of 0.8 seconds for a whole import" in result.output


def test_this_machine_is_refused_without_the_flag(server, tmp_path):
    before = len(server.hits)
    result = run(base(server) + POST_PATH, "-o", str(tmp_path / "z"))
    assert result.exit_code == 1
    assert "refused: 127.0.0.1 is a loopback address; add --allow-private" in result.output
    assert len(server.hits) == before  # not even connected


@pytest.mark.parametrize("target, why", [
    ("http://10.9.8.7/admin", "10.9.8.7 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://[::ffff:192.168.1.1]/", "a private address, IPv4 inside IPv6"),
    ("http://router.test/", "router.test is 192.168.0.1 (a private address)"),
    ("http://localhost.test:8/", "::1 (a loopback address)"),
    ("file:///etc/passwd", "it redirects to file:///etc/passwd, which is not a web address"),
])
def test_a_redirect_to_a_private_address_is_refused_without_the_flag(server, tmp_path, monkeypatch, target, why):
    """The test server stands in for a public blog (127.0.0.1 let through for it alone); its
    redirect to a private address is refused before anything connects there."""
    real_reason, real_resolve = net.private_reason, net.resolve
    monkeypatch.setattr(net, "private_reason", lambda a: None if a == "127.0.0.1" else real_reason(a))
    names = {"router.test": "192.168.0.1", "localhost.test": "::1"}
    monkeypatch.setattr(net, "resolve", lambda host, port: (
        [(2 if "." in names[host] else 10, 1, 6, (names[host], port))] if host in names
        else real_resolve(host, port)))
    monkeypatch.setattr(server, "redirect_to", target)
    result = run(base(server) + "/moved/", "-o", str(tmp_path / "z"))
    assert result.exit_code == 1, result.output
    assert why in result.output
    assert f"(reached by a redirect from {base(server)}/moved/)" in result.output or "file:" in target


def test_reimport_brings_new_comments_and_keeps_pick_and_excerpts(server, tmp_path):
    out = tmp_path / "zine"
    server.extra = 0
    assert run(base(server) + POST_PATH, "-o", str(out), "--allow-private").exit_code == 0
    article = out / "keep-the-library-open.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "comments: keep-the-library-open.comments.yaml",
        "comments: keep-the-library-open.comments.yaml\npick:\n- '2'\n- '2.1'"), encoding="utf-8")
    comments_file = out / "keep-the-library-open.comments.yaml"
    edited = comments_file.read_text(encoding="utf-8").replace(
        "  text: |-\n    Comment number 2 about the library hours.\n",
        "  text: |-\n    Comment number 2 about the library hours.\n  excerpt: The library hours.\n", 1)
    assert edited != comments_file.read_text(encoding="utf-8")
    comments_file.write_text(edited, encoding="utf-8")
    config = (out / "zine.toml").read_text(encoding="utf-8") + '\n# my note\n'
    (out / "zine.toml").write_text(config, encoding="utf-8")

    server.extra, server.edited = 3, True
    try:
        result = run(base(server) + POST_PATH, "-o", str(out), "--allow-private")
    finally:
        server.extra, server.edited = 0, False
    assert result.exit_code == 0, result.output
    assert "3 new comments, 1 edited, 0 no longer on the source" in result.output
    assert "kept what you wrote: 'pick', 1 excerpt" in result.output
    thread = comments_of(out)
    assert len(list(walk(thread))) == 133
    assert thread[4]["text"] == "Comment number 5, corrected."
    second = thread[1]
    assert second["excerpt"].strip() == "The library hours."
    assert [r["author"] for r in second["replies"]][-1] == "Reader 131"  # the new reply, under 2
    assert "pick:\n- '2'\n- '2.1'" in article.read_text(encoding="utf-8")
    assert (out / "zine.toml").read_text(encoding="utf-8") == config


def test_pingbacks_only_with_the_flag(server, tmp_path):
    result = run(base(server) + POST_PATH, "-o", str(tmp_path / "z"), "--allow-private", "--pingbacks")
    assert result.exit_code == 0, result.output
    assert len(list(walk(comments_of(tmp_path / "z")))) == 131
    assert "type=pingback" in result.output


def test_wordpress_com_is_read_through_the_public_api(server, tmp_path, monkeypatch):
    """A *.wordpress.com address goes to public-api.wordpress.com/wp/v2/sites/SITE/ (here the
    test server, and the blog's name resolved to it); author, picture and categories come from
    users/, media/ and categories/ when the answer has no _embed."""
    real_resolve = net.resolve
    monkeypatch.setattr(net, "resolve", lambda host, port: real_resolve(
        "127.0.0.1" if host.endswith("wordpress.com") else host, port))
    monkeypatch.setattr(wpapi, "WPCOM_API", f"{base(server)}/wpcom/wp/v2/sites/")
    url = f"http://tenants.wordpress.com:{server.server_port}/2026/02/rent-strike-diary/"
    result = run(url, "-o", str(tmp_path / "z"), "--allow-private")
    assert result.exit_code == 0, result.output
    article = (tmp_path / "z" / "rent-strike-diary.md").read_text(encoding="utf-8")
    assert "author: Tenants Union" in article and "- Housing" in article
    assert "source: https://tenants.wordpress.com/2026/02/rent-strike-diary/" in article
    assert "[picture: The march: On the march, not downloaded:" in article
    assert "https://tenants.files.wordpress.com/2026/02/march.jpg" in article
    assert [c["author"] for c in walk(comments_of(tmp_path / "z"))] == ["Reader 1", "Reader 2"]
    for route in ("posts?slug=rent-strike-diary", "users/3", "media/55", "categories?include=4"):
        assert f"/wpcom/wp/v2/sites/tenants.wordpress.com/{route}" in result.output


def test_a_mastodon_thread_becomes_article_and_comments(server, tmp_path):
    result = run(base(server) + "/@maya/110000000000000001", "-o", str(tmp_path / "z"), "--allow-private")
    assert result.exit_code == 0, result.output
    assert "read as: Mastodon (API)" in result.output
    article = next((tmp_path / "z").glob("*.md")).read_text(encoding="utf-8")
    assert "author: Maya Okafor" in article
    assert "The library closes on Saturdays" in article and "Second: the meeting is on Thursday" in article
    assert "source: https://social.test/@maya/110000000000000001" in article
    thread = comments_of(tmp_path / "z")
    assert [(c["author"], c.get("likes")) for c in walk(thread)] == [
        ("Tom Reyes", 4), ("Ana Lind", None), ("Maya Okafor", None), ("Maya Okafor", None)]
    assert "thank you" not in article  # her answer to Tom is a comment, not the article
    assert thread[0]["replies"][0]["text"].startswith("*Content warning: kids*\n\nCan children come?")
    assert thread[0]["replies"][0]["replies"][0]["id"] == "1.1.1"


def test_any_other_page_is_read_as_a_page_and_the_report_says_what_was_missing(server, tmp_path):
    result = run(base(server) + "/notes/opening-hours.html", "-o", str(tmp_path / "z"),
                 "--allow-private", "--allow-no-comments")
    assert result.exit_code == 0, result.output
    assert "read as: the page itself (no blog or Mastodon API found)" in result.output
    assert "could not find the author, the date, a comment list" in result.output
    article = (tmp_path / "z" / "opening-hours.md").read_text(encoding="utf-8")
    assert "The branch opens at nine" in article
    assert f"source: {base(server)}/notes/opening-hours.html" in article


def test_answers_that_are_not_a_post_give_one_clear_error(server, tmp_path):
    result = run(base(server) + "/uploads/library.jpg", "-o", str(tmp_path / "z"), "--allow-private")
    assert result.exit_code == 1
    assert result.output.strip().endswith("the address gives image/jpeg, not a web page or JSON")
    result = run(base(server) + "/no/such/post/", "-o", str(tmp_path / "z"), "--allow-private")
    assert "the server answered 404 Not Found" in result.output


def test_429_says_when_to_try_again():
    response = net.Response("http://blog.test/", 429, net.urllib3.HTTPHeaderDict({"Retry-After": "90"}), b"")
    with pytest.raises(net.FetchError, match="429 Too Many Requests: it asks to wait 90 seconds"):
        net._check_status(response)


@pytest.mark.parametrize("address, refused", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("10.1.2.3", True), ("172.16.0.1", True),
    ("172.31.255.255", True), ("172.32.0.1", False), ("192.168.1.1", True), ("169.254.169.254", True),
    ("0.0.0.0", True), ("::1", True), ("fd00::1", True), ("fc00::1", True), ("fe80::1%eth0", True),
    ("::ffff:127.0.0.1", True), ("::ffff:10.0.0.1", True), ("::", True), ("93.184.216.34", False),
    ("2606:4700::1111", False), ("::ffff:93.184.216.34", False),
])
def test_the_address_rule(address, refused):
    assert (net.private_reason(address) is not None) is refused


def test_the_api_address_itself_and_post_by_id(server, tmp_path):
    api = run(base(server) + "/wp-json/wp/v2/posts/41", "-o", str(tmp_path / "a"), "--allow-private")
    assert api.exit_code == 0, api.output
    by_id = run(base(server) + "/2026/05/api-locked/", "--post", "41", "-o", str(tmp_path / "b"),
                "--allow-private")
    assert by_id.exit_code == 0, by_id.output
    for folder in ("a", "b"):
        assert len(list(walk(comments_of(tmp_path / folder)))) == 130
    page = run(base(server) + "/notes/opening-hours.html", "--post", "2", "-o", str(tmp_path / "c"),
               "--allow-private")
    assert page.exit_code == 1 and "--post chooses a post on a WordPress blog" in page.output


@pytest.mark.parametrize("path, limit, value, message", [
    ("/stall/", "WEB_STALL_SECONDS", 0.3, "the server stalled (nothing for 0.3 seconds)"),
    (POST_PATH, "WEB_COMMENT_PAGES", 1, "the post has 130 comments on 2 pages, over the limit of 1 pages"),
    (POST_PATH, "WEB_REQUESTS", 2, "not asked for: one import asks for 2 addresses at most"),
    (POST_PATH, "WEB_PAGE_BYTES", 100, "larger than 100 bytes"),
])
def test_each_web_limit_stops_the_import_with_one_message(server, tmp_path, monkeypatch, path, limit, value, message):
    monkeypatch.setattr(limits, limit, value)
    result = run(base(server) + path, "-o", str(tmp_path / "z"), "--allow-private")
    assert result.exit_code == 1
    assert result.output.startswith("Error: http://127.0.0.1:") and message in result.output, result.output
    assert not (tmp_path / "z").exists()


@pytest.fixture(scope="module")
def tls_server():
    """The same server behind TLS, with a certificate for 'localhost' made for these tests only."""
    import ssl

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    httpd.hits, httpd.extra, httpd.redirect_to, httpd.edited = [], 0, "http://10.9.8.7/", False
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(DATA / "tls-cert.pem", DATA / "tls-key.pem")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"https://localhost:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_https_is_checked_and_bounded_like_http(tls_server, monkeypatch, tmp_path):
    """The certificate is verified against the name; a trickle over TLS stops at the limit too."""
    result = run(tls_server + "/notes/opening-hours.html", "-o", str(tmp_path / "a"), "--allow-private",
                 "--allow-no-comments")
    assert result.exit_code == 1 and "the server's certificate is not valid" in result.output
    monkeypatch.setattr(net, "HTTPSConnectionPool", functools.partial(
        net.HTTPSConnectionPool, ca_certs=str(DATA / "tls-cert.pem")))
    result = run(tls_server + "/notes/opening-hours.html", "-o", str(tmp_path / "b"), "--allow-private",
                 "--allow-no-comments")
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(limits, "WEB_REQUEST_SECONDS", 1.0)
    result = run(tls_server + "/slow/", "-o", str(tmp_path / "c"), "--allow-private")
    assert "stopped at the time limit of 1 seconds for one address" in result.output


def test_mastodon_replies_that_answer_each_other_in_a_ring_do_not_hang():
    from zine.importers.mastodon import _thread
    from zine.importers.post import ImportedPost

    who = account(2, "Tom Reyes")
    ring = [status(11, who, "A", 12), status(12, who, "B", 11)]
    post = ImportedPost(title="", body="", slug="x")
    thread = _thread(status(1, who, "root", None), [status(1, who, "root", None)], ring, post)
    assert [c.text for c in thread] == ["A"] and [c.text for c in thread[0].replies] == ["B"]
