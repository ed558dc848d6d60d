"""zine import from WordPress exports (WXR): the real sample and a hand-made export."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as StdET
from pathlib import Path

import pytest
import yaml

from zine.core.errors import InputError
from zine.importers import import_source, list_posts
from helpers.paths import TESTS

HERE = TESTS
FIXTURE = HERE / "data" / "import" / "export.xml"
SAMPLE = HERE.parent.parent / "shared" / "samples" / "wordpress" / "a11y-theme-unit-test-data.xml"
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
IP = re.compile(r"\b\d{1,3}(\.\d{1,3}){3}\b")


def needs_sample():
    if not SAMPLE.is_file():
        pytest.skip("the shared WordPress sample is not beside this checkout")


def flat(comments, parent=None):
    """(id, parent id, comment) for every comment of a loaded comments file."""
    for comment in comments:
        yield comment["id"], parent, comment
        yield from flat(comment.get("replies", []), comment["id"])


def load(folder: Path, slug: str):
    text = (folder / f"{slug}.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    body = text.split("---\n", 2)[2]
    comments_file = folder / f"{slug}.comments.yaml"
    comments = yaml.safe_load(comments_file.read_text(encoding="utf-8")) if comments_file.exists() else None
    return front, body, comments


def files_in(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def expected_threads(path: Path) -> dict[str, dict[str, str]]:
    """Per post title: approved, non-linkback comment id -> parent id, read independently."""
    root = StdET.parse(path).getroot()  # test data we trust; the importer uses defusedxml
    result = {}
    for item in root.iter("item"):
        fields = {el.tag.rsplit("}", 1)[-1]: el for el in item}
        if fields.get("post_type") is None or fields["post_type"].text not in ("post", "page"):
            continue
        kept = {}
        for comment in item:
            if not comment.tag.endswith("}comment"):
                continue
            values = {el.tag.rsplit("}", 1)[-1]: (el.text or "") for el in comment}
            if values["comment_approved"] == "1" and values.get("comment_type") not in (
                    "pingback", "trackback"):
                kept[values["comment_id"]] = values.get("comment_parent", "0") or "0"
        result[html.unescape(fields["title"].text or "")] = kept
    return result


# --- the real export ------------------------------------------------------------------------


def test_sample_every_approved_comment_with_replies_under_parents(tmp_path):
    needs_sample()
    expected = expected_threads(SAMPLE)
    imported = 0
    for entry in list_posts(SAMPLE):
        slug, title, count = entry.slug, entry.title, entry.comments
        kept = expected[title]
        assert count == len(kept), title
        if not count:
            continue
        if slug == "edge-case-no-content":  # refused: nothing to print (tested below)
            imported += count
            continue
        out = tmp_path / slug
        report = import_source(SAMPLE, out, post=slug)
        _, _, comments = load(out, slug)
        rows = list(flat(comments))
        assert report.comments == len(rows) == count
        # Replies sit under their parents: the imported tree has as many replies
        # as the export has comments whose parent is an approved comment.
        replies = sum(1 for parent in kept.values() if parent in kept)
        assert sum(1 for _, parent, _ in rows if parent) == replies
        imported += count
    assert imported == 25  # the export's 29 comments less its 4 pingbacks


def test_sample_deep_thread_in_order(tmp_path):
    needs_sample()
    import_source(SAMPLE, tmp_path, post="template-comments")
    _, _, comments = load(tmp_path, "template-comments")
    depth_of = {c["text"].split("\n")[0]: cid.count(".") + 1 for cid, _, c in flat(comments)
                if c["text"].startswith("Comment Depth")}
    assert depth_of == {f"Comment Depth {n:02d}": n for n in range(1, 11)}
    assert [c["id"] for c in comments] == [str(n) for n in range(1, len(comments) + 1)]
    dates = [c["date"] for c in comments]
    assert dates == sorted(dates)  # numbered by date, as the blog shows them


def test_sample_output_holds_no_address_or_ip(tmp_path):
    needs_sample()
    raw = SAMPLE.read_text(encoding="utf-8")
    private = set()
    for field in ("comment_author_email", "comment_author_IP", "author_email"):
        private |= set(re.findall(rf"<wp:{field}>(?:<!\[CDATA\[)?([^<\]]+)", raw))
    assert len(private) > 5
    for entry in list_posts(SAMPLE):
        if entry.comments and entry.slug != "edge-case-no-content":
            import_source(SAMPLE, tmp_path / entry.slug, post=entry.slug, pingbacks=True)
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file())
    assert not [value for value in private if value in written]
    assert not ADDRESS.search(written)


# --- a hand-made export ---------------------------------------------------------------------


def test_fixture_thread_shape_and_fields(tmp_path):
    report = import_source(FIXTURE, tmp_path, post="keep-the-91")
    front, body, comments = load(tmp_path, "keep-the-91")
    assert front == {
        "title": "Keep the 91 night bus", "author": "Rosa Tenby", "date": "2026-09-12",
        "source": "https://bususers.example.org/2026/09/keep-the-91/", "lang": "en-GB",
        "comments": "keep-the-91.comments.yaml",
    }
    shape = [(cid, parent, c.get("author")) for cid, parent, c in flat(comments)]
    assert shape == [
        ("1", None, "Tomasz"), ("1.1", "1", "Rosa Tenby"), ("1.1.1", "1.1", "Tomasz"),
        ("2", None, "Priya K."), ("3", None, "Dev"),
        ("3.1", "3", "Ade"),  # its parent is unapproved: it moves up to the nearest kept one
    ]
    assert comments[0]["date"] == "2026-09-12"
    assert "likes" not in comments[0]  # WordPress exports hold no likes: none invented
    assert comments[0]["text"] == ("I finish at the bakery at 1am. Without the 91 it is a taxi "
                                   "I cannot afford.\n\nCount me in for the meeting.")
    assert "[The survey](https://bususers.example.org/survey)" in comments[1]["text"]
    assert "alert" not in comments[1]["text"]
    assert (report.comments, report.top_level, report.max_depth) == (6, 3, 3)
    summary = report.summary()
    for left_out in ("1 unapproved comment", "1 spam comment", "1 pingback", "1 trackback"):
        assert left_out in summary


def test_fixture_article_markdown(tmp_path):
    import_source(FIXTURE, tmp_path, post="41")
    _, body, _ = load(tmp_path, "keep-the-91")
    assert "the **91 night bus** in January" in body
    assert "## What you can do" in body
    assert "- Sign the [petition](https://bususers.example.org/petition)" in body
    assert "> A bus that runs at night" in body
    # The picture is on the web: left out, with a mark saying what it showed and where it is.
    assert ("[picture: The stop at Mill Road: The stop at Mill Road at 2am, not downloaded: "
            "<https://bususers.example.org/files/stop.jpg>]") in body
    for gone in ("<script", "track()", "iframe", "[caption", "video.example.com"):
        assert gone not in body


def test_fixture_private_fields_never_written(tmp_path):
    import_source(FIXTURE, tmp_path, post="Keep the 91 night bus", pingbacks=True)
    written = "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert not ADDRESS.search(written)
    assert not IP.search(written)
    assert "tomasz.example.com" not in written  # commenters' own URLs are not printed


def test_pingbacks_kept_when_asked(tmp_path):
    report = import_source(FIXTURE, tmp_path, post="keep-the-91", pingbacks=True)
    _, _, comments = load(tmp_path, "keep-the-91")
    authors = [c.get("author") for c in comments]
    assert authors[-2:] == ["Riverside Cyclists » Night transport roundup", "Town Forum"]
    assert report.comments == 8


def test_without_post_lists_posts_with_counts(tmp_path):
    with pytest.raises(InputError) as caught:
        import_source(FIXTURE, tmp_path / "out")
    message = caught.value.format_message()
    assert "choose a post with --post" in message
    assert re.search(r"41\s+keep-the-91\s+6 comments\s+Keep the 91 night bus", message)
    assert re.search(r"2\s+about\s+0 comments\s+About us", message)
    assert "stop" not in message  # attachments are not posts
    assert not (tmp_path / "out").exists()


def test_unknown_post_lists_posts(tmp_path):
    with pytest.raises(InputError) as caught:
        import_source(FIXTURE, tmp_path / "out", post="night-bus")
    message = caught.value.format_message()
    assert "no post or page 'night-bus'" in message and "keep-the-91" in message
    assert not (tmp_path / "out").exists()


def test_list_posts():
    entries = list_posts(FIXTURE)
    assert [(e.slug, e.title, e.comments, e.marks) for e in entries] == [
        ("keep-the-91", "Keep the 91 night bus", 6, []), ("about", "About us", 0, ["page"])]


def test_post_without_comments_is_refused_unless_allowed(tmp_path):
    with pytest.raises(InputError) as caught:
        import_source(FIXTURE, tmp_path / "out", post="about")
    message = caught.value.format_message()
    assert "has no approved comments (1 unapproved comment (id 120) left out)" in message
    assert "--allow-no-comments" in message
    assert not (tmp_path / "out").exists()
    report = import_source(FIXTURE, tmp_path / "out", post="about", allow_no_comments=True)
    front, body, comments = load(tmp_path / "out", "about")
    assert comments is None and "comments" not in front
    assert body.strip() == "We are people who ride the buses of Brackenford."
    assert "comments: none" in report.summary()


BAD_XML = {
    "prose.xml": ("This is a note, not an export.\n", "not a readable WordPress export"),
    "rss.xml": ('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
                "<item><title>One</title></item></channel></rss>", "not a WordPress export"),
    "bomb.xml": ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
                 '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel>&b;</channel></rss>',
                 "refused: the XML declares entities"),
    "external.xml": ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM '
                     '"file:///etc/hostname">]><rss><channel>&secret;</channel></rss>',
                     "refused: the XML declares entities"),
}


@pytest.mark.parametrize("name", sorted(BAD_XML))
def test_bad_xml_is_one_clear_error(tmp_path, name):
    text, expected = BAD_XML[name]
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_source(source, tmp_path / "out", post="x")
    assert expected in caught.value.format_message()
    assert str(source) in caught.value.format_message()
    assert not (tmp_path / "out").exists()


def test_truncated_export_names_the_line(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    source = tmp_path / "cut.xml"
    source.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_source(source, tmp_path / "out", post="keep-the-91")
    assert "broken or truncated XML" in caught.value.format_message()
    assert caught.value.line and caught.value.line > 50
    assert not (tmp_path / "out").exists()


def test_http_namespace_matches_too(tmp_path):
    source = tmp_path / "old.xml"
    source.write_text(FIXTURE.read_text(encoding="utf-8").replace(
        "https://wordpress.org/export/", "http://wordpress.org/export/"), encoding="utf-8")
    report = import_source(source, tmp_path / "out", post="keep-the-91")
    assert report.comments == 6


def test_sample_post_without_text_is_refused(tmp_path):
    needs_sample()
    with pytest.raises(InputError, match="'edge-case-no-content' has no text to print"):
        import_source(SAMPLE, tmp_path / "out", post="edge-case-no-content")
    assert not (tmp_path / "out").exists()  # what is written always builds


def test_unreadable_export_is_one_clear_error(tmp_path, monkeypatch):
    from zine.importers import wxr

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(wxr.SafeET, "parse", refuse)
    with pytest.raises(InputError) as caught:
        import_source(FIXTURE, tmp_path / "out", post="keep-the-91")
    assert caught.value.format_message() == f"{FIXTURE}: cannot read: Permission denied"
    assert not (tmp_path / "out").exists()
