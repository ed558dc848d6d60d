"""zine import --fetch-images against a local web server: what is taken, what is refused, and
that nothing is fetched unless asked."""

from __future__ import annotations

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from zine import pdf as pdf_io
from zine.cli import main
from zine.importers import import_source, read_source
from zine.importers.fetch import Limits, Refused, download
from helpers.paths import DATA

DATA = DATA / "import"
PLOTS = "https://gardens.example.org/wp-content/uploads/plots.jpg"
LOCAL = Limits(allow_private=True)  # the test server is on 127.0.0.1


def picture(kind: str, size=(60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("L", size, 90).save(out, kind)
    return out.getvalue()


ROUTES = {
    "/uploads/plots.jpg": (200, "image/jpeg", picture("JPEG")),
    "/uploads/tree.png": (200, "image/png", picture("PNG")),
    "/uploads/wide.png": (200, "image/png", picture("PNG", (3000, 2000))),
    "/uploads/page.jpg": (200, "image/jpeg", b"<html><body>Not found, sorry</body></html>"),
    "/uploads/drawing.svg": (200, "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
    "/uploads/big.jpg": (200, "image/jpeg", picture("JPEG", (1200, 900)) + b"\0" * 300_000),
}
REDIRECTS = {"/moved.png": "/uploads/tree.png", "/to-file.png": "file:///etc/passwd",
             "/to-ftp.png": "ftp://127.0.0.1/tree.png"}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.hits.append(self.path)
        path = self.path.split("?")[0]
        if path == "/slow.png":
            time.sleep(1.5)
        if path == "/uploads/endless.jpg":  # no Content-Length: only counting the bytes stops it
            self.send_response(200)
            self.end_headers()
            try:
                self.wfile.write(picture("JPEG") + b"\0" * 400_000)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[path])
            self.end_headers()
            return
        status, kind, body = ROUTES.get(path, (404, "text/plain", b"no such picture"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the importer hung up: refused by its size

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """A web server on 127.0.0.1 in a thread: its base URL, and the paths it was asked for."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.hits = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd.hits
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def saved_page(folder: Path, base: str, extra: str = "") -> Path:
    """The test blog post, its picture on the local server (and ``extra`` HTML in the article)."""
    html = (DATA / "post.html").read_text(encoding="utf-8").replace(PLOTS, f"{base}/uploads/plots.jpg?w=300")
    html = html.replace("<p>Tell us", f"{extra}<p>Tell us")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Post.html").write_text(html, encoding="utf-8")
    return folder / "Post.html"


def article(folder: Path) -> str:
    return next(folder.glob("*.md")).read_text(encoding="utf-8")


def build(project: Path, out: Path):
    return CliRunner().invoke(main, ["build", str(project), "-o", str(out), "--no-impose"])


def test_fetched_pictures_are_saved_and_the_article_builds(server, tmp_path):
    base, hits = server
    tree = f'<img src="{base}/moved.png" alt="A tree">'
    page = saved_page(tmp_path / "saved", base, f"<p>{tree}</p><p>Again: {tree}</p>")
    out = tmp_path / "zine"
    before = len(hits)
    result = CliRunner().invoke(main, ["import", str(page), "-o", str(out), "--fetch-images", "--allow-private"])
    assert result.exit_code == 0, result.output
    text = article(out)
    assert '![Plots in May](images/sorrel-lane-plots/plots.jpg "The empty plots by the canal")' in text
    assert text.count("![A tree](images/sorrel-lane-plots/tree.png)") == 2
    assert base not in text
    assert hits[before:].count("/moved.png") == 1  # shown twice, fetched once
    assert (out / "images" / "sorrel-lane-plots" / "plots.jpg").read_bytes() == ROUTES["/uploads/plots.jpg"][2]
    assert sorted(p.name for p in (out / "images" / "sorrel-lane-plots").iterdir()) == ["plots.jpg", "tree.png"]
    assert "fetched 2 pictures into images/sorrel-lane-plots/" in result.output
    assert (f"fetched 3 addresses:\n    {base}/uploads/plots.jpg?w=300\n    {base}/moved.png\n"
            f"    {base}/uploads/tree.png\n") in result.output  # the redirect too
    # The pictures are in the project now: the build prints them.
    built = build(out, tmp_path / "z.pdf")
    assert built.exit_code == 0, built.output
    assert len(pdf_io.image_facts((tmp_path / "z.pdf").read_bytes())) == 2


def test_a_refused_picture_is_reported_left_out_and_the_rest_builds(server, tmp_path):
    base, _ = server
    page = saved_page(tmp_path / "saved", base, f'<p><img src="{base}/uploads/page.jpg" alt="Broken"></p>')
    out = tmp_path / "zine"
    report = import_source(page, out, fetch_images=True, allow_private=True)
    assert f"picture {base}/uploads/page.jpg not fetched: not a picture (Pillow cannot read it)" in report.warnings
    assert [p.name for p in (out / "images" / "sorrel-lane-plots").iterdir()] == ["plots.jpg"]
    assert "](images/sorrel-lane-plots/plots.jpg" in article(out)
    built = build(out, tmp_path / "z.pdf")
    assert built.exit_code == 0, built.output


def test_without_the_flag_nothing_is_fetched_and_the_import_builds(server, tmp_path):
    base, hits = server
    before = len(hits)
    page = saved_page(tmp_path / "saved", base)
    import_source(page, tmp_path / "zine")
    assert len(hits) == before
    assert not (tmp_path / "zine" / "images").exists()
    built = build(tmp_path / "zine", tmp_path / "z.pdf")
    assert built.exit_code == 0, built.output
    assert len(hits) == before


@pytest.mark.parametrize("path, limits, reason", [
    ("/uploads/big.jpg", Limits(max_bytes=100_000, allow_private=True), "larger than 0.1 MB"),
    ("/uploads/endless.jpg", Limits(max_bytes=100_000, allow_private=True), "larger than 0.1 MB"),
    ("/uploads/wide.png", Limits(max_pixels=5_000_000, allow_private=True), "3000 x 2000 pixels, more than 5 megapixels"),
    ("/uploads/wide.png", Limits(max_pixels=1_000_000, allow_private=True), "more than 1 megapixels"),  # a bomb to Pillow
    ("/uploads/page.jpg", LOCAL, "not a picture (Pillow cannot read it)"),
    ("/uploads/drawing.svg", LOCAL, "not a picture (Pillow cannot read it)"),
    ("/to-file.png", LOCAL, "it redirects to file:///etc/passwd, which is not a web address"),
    ("/to-ftp.png", LOCAL, "it redirects to ftp://127.0.0.1/tree.png, which is not a web address"),
    ("/slow.png", Limits(timeout=0.5, allow_private=True), "stopped at the time limit of 0.5 seconds"),
    ("/nothing.png", LOCAL, "the server answered 404 Not Found"),
])
def test_refusals_say_why(server, path, limits, reason):
    base, _ = server
    with pytest.raises(Refused) as refused:
        download(base + path, limits)
    assert str(refused.value).startswith(reason)


def test_only_web_addresses_are_fetched():
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x.png", "data:image/png;base64,AAAA"):
        with pytest.raises(Refused, match="only http and https"):
            download(url, Limits())


def test_a_redirect_to_a_picture_is_followed(server):
    base, _ = server
    got = download(base + "/moved.png", LOCAL)
    assert (got.data, got.suffix, got.url) == (ROUTES["/uploads/tree.png"][2], ".png", base + "/uploads/tree.png")


def test_saved_page_uses_the_browsers_copy_of_a_web_picture(server, tmp_path):
    """A page saved "complete" that still names a picture by its web address: the copy in
    Post_files is used, and nothing is fetched even with --fetch-images."""
    base, hits = server
    before = len(hits)
    page = saved_page(tmp_path / "saved", base)
    (page.parent / "Post_files").mkdir()
    (page.parent / "Post_files" / "plots.jpg").write_bytes(ROUTES["/uploads/plots.jpg"][2])
    out = tmp_path / "zine"
    import_source(page, out, fetch_images=True, allow_private=True)
    assert "](images/sorrel-lane-plots/plots.jpg" in article(out)
    assert len(hits) == before


def test_wordpress_export_pictures_are_fetched_too(server, tmp_path):
    base, _ = server
    export = (DATA / "export.xml").read_text(encoding="utf-8").replace(
        "https://bususers.example.org/files/stop.jpg", f"{base}/uploads/plots.jpg")
    (tmp_path / "export.xml").write_text(export, encoding="utf-8")
    out = tmp_path / "zine"
    import_source(tmp_path / "export.xml", out, post="keep-the-91", fetch_images=True, allow_private=True)
    assert "![The stop at Mill Road](images/keep-the-91/plots.jpg" in article(out)
    assert (out / "images" / "keep-the-91" / "plots.jpg").is_file()


def test_the_pictures_of_one_import_have_a_budget(server, tmp_path):
    base, _ = server
    page = saved_page(tmp_path / "saved", base, f'<p><img src="{base}/uploads/tree.png" alt="A tree"></p>')
    budget = len(ROUTES["/uploads/plots.jpg"][2]) + 10  # room for the first picture only
    post = read_source(page, fetch=Limits(max_total=budget, allow_private=True))
    assert list(post.pictures) == ["images/sorrel-lane-plots/plots.jpg"]
    assert post.pictures_refused == {
        f"{base}/uploads/tree.png": f"the pictures of one import may add up to {budget / 2**20:g} MB at most"}
