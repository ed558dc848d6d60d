"""zine import from saved web pages (.html) and pasted page text (.txt)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zine.core.errors import InputError
from zine.importers import import_source, read_source
from zine.importers.save import comments_text
from zine.project.comments import load_comments, walk
from helpers.paths import TESTS

HERE = TESTS
DATA = HERE / "data" / "import"
SAVOY = HERE.parent.parent / "shared" / "samples" / "new-savoy" / "page.txt"
SAVOY_IDS = ["1", "1.1", "2", "2.1", "2.2", "2.2.1", "3", "4", "5", "5.1", "5.1.1", "5.1.2",
             "6", "6.1", "7", "8", "9", "9.1"]


def flat(comments):
    for comment in comments:
        yield comment
        yield from flat(comment.get("replies", []))


def load(folder: Path):
    """Front matter, body and comments of the one article imported into folder."""
    (article,) = folder.glob("*.md")
    text = article.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    front = yaml.safe_load(front)
    comments = None
    if "comments" in front:
        comments = yaml.safe_load((folder / front["comments"]).read_text(encoding="utf-8"))
    return front, body, comments


@pytest.fixture(scope="module")
def savoy(tmp_path_factory):
    if not SAVOY.is_file():
        pytest.skip("the shared new-savoy sample is not beside this checkout")
    out = tmp_path_factory.mktemp("savoy")
    report = import_source(SAVOY, out)
    return report, *load(out)


# --- pasted text: the sample ----------------------------------------------------------------


def test_savoy_thread_as_the_page_numbers_it(savoy):
    report, _, _, comments = savoy
    assert [c["id"] for c in flat(comments)] == SAVOY_IDS
    assert len(comments) == 9
    assert (report.comments, report.top_level, report.max_depth) == (18, 9, 3)


def test_savoy_likes_and_nothing_invented(savoy):
    _, front, _, comments = savoy
    likes = {c["id"]: c["likes"] for c in flat(comments) if "likes" in c}
    assert likes == {"1.1": 1, "2.1": 5, "2.2": 3, "2.2.1": 3, "3": 1, "4": 1, "5.1": 2,
                     "5.1.2": 1, "7": 1, "9": 1}
    assert not any("author" in c or "date" in c for c in flat(comments))
    assert "author" not in front and "date" not in front
    for comment in flat(comments):
        assert not re.search(r"^(Liked by|Reply$)", comment["text"], re.M)


def test_savoy_article_stops_at_the_furniture(savoy):
    _, front, body, _ = savoy
    lines = [ln.strip() for ln in SAVOY.read_text(encoding="utf-8").splitlines()]
    assert front["title"] == lines[0].replace("\u00a0", " ")
    see_also = next(i for i, ln in enumerate(lines) if ln.startswith("Also, see"))
    header = next(i for i, ln in enumerate(lines) if re.match(r"\d+ thoughts on", ln))
    last_kept = next(ln for ln in reversed(lines[:see_also]) if ln)
    assert body.rstrip().endswith(last_kept.replace("\u00a0", " ").strip()[-60:])
    caption, first_kept = [ln for ln in lines[1:] if ln][:2]  # a picture's caption, then text
    assert body.lstrip().startswith(first_kept.replace("\u00a0", " ")[:60])
    assert caption[:40] not in body
    furniture = [ln.replace("\u00a0", " ") for ln in lines[see_also:header] if ln]
    assert len(furniture) >= 10
    assert not [ln for ln in furniture if ln in body]
    assert "Leave a Reply" not in body


def test_savoy_summary(savoy):
    summary = savoy[0].summary()
    assert "comments: 18 (9 top-level, threads 3 levels deep)" in summary
    assert "donation appeal" in summary and "related posts" in summary
    assert "the page says 30 comments; the paste holds 18" in summary


def test_savoy_markdown_keeps_the_words(savoy):
    _, _, body, comments = savoy
    html = markdown.markdown(body)
    assert "<h1>" not in html and "<ol>" not in html and "<ul>" not in html
    by_id = {c["id"]: c for c in flat(comments)}
    # Comment 2.2 is written in short lines: they stay lines (hard breaks).
    assert markdown.markdown(by_id["2.2"]["text"]).count("<br />") >= 4


# --- pasted text: a different blog shape ----------------------------------------------------


def test_pasted_with_authors_dates_and_reply_links(tmp_path):
    report = import_source(DATA / "pasted.txt", tmp_path)
    front, body, comments = load(tmp_path)
    assert front["author"] == "Marguerite Osei" and front["date"] == "2026-06-08"
    rows = [(c["id"], c.get("author"), c.get("date"), c.get("likes")) for c in flat(comments)]
    assert rows == [
        ("1", "Jo", "2026-06-08", None), ("1.1", "Marguerite Osei", "2026-06-08", 2),
        ("1.1.1", "Jo", "2026-06-09", None), ("2", "Dmitri", "2026-06-09", 1),
        ("3", "Anonymous", "2026-06-10", None),
    ]
    # A number that does not continue the page's numbering is the commenter's text.
    assert comments[2]["text"] == "2\\. Not everyone online will see this."
    assert comments[1]["text"].endswith("Hale Road.\n\nWorth asking at the next surgery.")
    assert not any("Reply" in c["text"] for c in flat(comments))
    for gone in ("Posted on", "Share this", "Related", "Bins, again", "Leave a Reply"):
        assert gone not in body
    assert "<h1>" not in markdown.markdown(body)  # '#savethelaunderette' is not a heading
    assert "sharing links" in report.summary()
    assert "1 numbered line did not continue the thread's numbering" in report.summary()


def test_text_without_thread_is_refused_unless_allowed(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("A title\n\nOne paragraph of text.\n\nShare this:\n\nTwitter\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        import_source(source, out)
    message = caught.value.format_message()
    assert "no comment thread found" in message and "--allow-no-comments" in message
    assert not out.exists()
    import_source(source, out, allow_no_comments=True)
    front, body, comments = load(out)
    assert (front["title"], body.strip(), comments) == ("A title", "One paragraph of text.", None)


@pytest.mark.parametrize("text, expected", [
    ("", "the file is empty"),
    ("\n\n  \n", "the file is empty"),
    ("Just a title\n\n2 Comments\n\n1. First comment\n", "no article text"),
])
def test_text_bad_input(tmp_path, text, expected):
    source = tmp_path / "page.txt"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_source(source, tmp_path / "out")
    assert expected in caught.value.format_message()
    assert not (tmp_path / "out").exists()


def test_text_not_utf8(tmp_path):
    source = tmp_path / "page.txt"
    source.write_bytes("Caf\u00e9 title\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8 text"):
        import_source(source, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- saved web pages ------------------------------------------------------------------------


def test_wordpress_page_nested_comments_and_likes(tmp_path):
    report = import_source(DATA / "post.html", tmp_path)
    front, body, comments = load(tmp_path)
    assert front == {
        "title": "Who gets the Sorrel Lane plots?", "author": "Inès Marlow",
        "date": "2026-05-02", "source": "https://gardens.example.org/2026/05/sorrel-lane-plots/",
        "lang": "en-GB", "comments": "sorrel-lane-plots.comments.yaml",
    }
    rows = [(c["id"], c.get("author"), c.get("date"), c.get("likes")) for c in flat(comments)]
    assert rows == [("1", "Harriet", "2026-05-02", 4), ("1.1", "Kwame", "2026-05-03", None),
                    ("1.1.1", "Harriet", "2026-05-03", 1), ("2", "Sam", "2026-05-04", None)]
    assert comments[0]["text"] == ("I have waited six years. I don't mind sharing, but a *rule* "
                                   "is a rule.\n\nCould we at least keep two plots for the school?")
    assert "1 pingback" in report.summary()
    assert "1 picture from the web left out (nothing is downloaded without --fetch-images)" in report.summary()


def test_wordpress_page_article_is_clean(tmp_path):
    import_source(DATA / "post.html", tmp_path)
    _, body, _ = load(tmp_path)
    assert body.lstrip().startswith("Twelve allotment plots")
    assert "**ninety names**" in body and "## Two ways to share" in body
    assert "1. Strict waiting-list order." in body
    assert ("[picture: Plots in May: The empty plots by the canal, not downloaded: "
            "<https://gardens.example.org/wp-content/uploads/plots.jpg>]") in body
    assert "](https://gardens.example.org/wp-content/uploads" not in body  # nothing to fetch
    assert "[open meeting](https://gardens.example.org/meeting/)" in body
    for gone in ("Share this", "Related", "Seed swap", "stats", "maps.example.com",
                 "Leave a Reply", "Harriet", "Home"):
        assert gone not in body


def test_wordpress_page_pingbacks_when_asked(tmp_path):
    import_source(DATA / "post.html", tmp_path, pingbacks=True)
    _, _, comments = load(tmp_path)
    assert [c["id"] for c in comments] == ["1", "2", "3"]
    assert "Local news roundup" in comments[1]["text"]


def test_page_that_is_not_wordpress_gives_the_article(tmp_path):
    report = import_source(DATA / "plain.html", tmp_path)
    front, body, comments = load(tmp_path)
    assert front == {"title": "Open letter on the library hours", "lang": "en"}
    assert comments is None
    assert body.strip().startswith("We, the undersigned")
    assert body.strip().endswith("Signed by 214 residents.")
    assert "Contact us" not in body and "Short note" not in body
    assert "not a WordPress page" in report.summary()


def test_page_saved_by_a_browser_keeps_its_address(tmp_path):
    # No canonical link: the address comes from the browser's "saved from" note.
    source = tmp_path / "Saved page.html"
    source.write_text('<!-- saved from url=(0044)https://rota.example.net/2026/02/bin-rota/ -->\n'
                      '<html><body><div class="entry-content"><p>Words.</p></div>'
                      '<ol class="comment-list"><li class="comment"><p>Agreed.</p></li></ol>'
                      "</body></html>", encoding="utf-8")
    import_source(source, tmp_path / "out")
    front, _, _ = load(tmp_path / "out")
    assert front["source"] == "https://rota.example.net/2026/02/bin-rota/"
    assert (tmp_path / "out" / "bin-rota.md").is_file()


def test_wordpress_page_without_comment_list_is_refused(tmp_path):
    source = tmp_path / "post.html"
    source.write_text('<html><body><div class="entry-content"><p>Words.</p></div>'
                      "</body></html>", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_source(source, tmp_path / "out")
    assert "no comment list in the page" in caught.value.format_message()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["<html><body></body></html>", "<html><body><script>x()"
                                  "</script><nav> </nav></body></html>", "   "])
def test_html_without_article(tmp_path, text):
    source = tmp_path / "empty.html"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_source(source, tmp_path / "out")
    assert re.search(r"no article|not a web page|has no text", caught.value.format_message())
    assert str(source) in caught.value.format_message()
    assert not (tmp_path / "out").exists()


def test_early_see_also_is_the_writers_and_said_lines_give_name_and_date(tmp_path):
    source = tmp_path / "page.txt"
    source.write_text(
        "Tenants win a repair fund\n\n"
        "After a year of letters, the housing association has set aside money for repairs.\n\n"
        "See also our guide to logging a repair, which helped many of you.\n\n"
        + "".join(f"Paragraph {n} of the story, long enough to count as the article. " * 3
                  + "\n\n" for n in range(6))
        + "Please share.\n\nRelated\n\n"
        "2 thoughts on \u201cTenants win a repair fund\u201d\n\n"
        "  1. Nadia on 4 July 2026 at 10:00 am said:\n"
        "    Brilliant news for the whole block.\n\n"
        "    1. Femi on July 5, 2026 said:\n"
        "      Now let's make sure they spend it.\n\n"
        "Leave a Reply\n", encoding="utf-8")
    import_source(source, tmp_path / "out")
    _, body, comments = load(tmp_path / "out")
    assert "See also our guide" in body and "Paragraph 5 of the story" in body
    assert "Please share" not in body
    assert (comments[0]["author"], comments[0]["date"]) == ("Nadia", "2026-07-04")
    reply = comments[0]["replies"][0]
    assert (reply["id"], reply["author"], reply["date"]) == ("1.1", "Femi", "2026-07-05")
    assert reply["text"] == "Now let's make sure they spend it."


def test_saved_complete_page_brings_its_pictures_and_nothing_else(tmp_path):
    page_dir = tmp_path / "saved"
    (page_dir / "Post_files").mkdir(parents=True)
    picture = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    (page_dir / "Post_files" / "plots.png").write_bytes(picture)
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the zine")
    (page_dir / "Post_files" / "link.png").symlink_to(secret)
    html = (DATA / "post.html").read_text(encoding="utf-8").replace(
        "https://gardens.example.org/wp-content/uploads/plots.jpg", "Post_files/plots.png")
    html = html.replace("<p>Tell us", '<p><img src="../secret.png" alt="up">'
                        '<img src="Post_files/link.png" alt="link"><img src="" alt="empty">'
                        '<img src="Post_files/gone.png" alt="gone">Tell us')
    (page_dir / "Post.html").write_text(html, encoding="utf-8")
    out = tmp_path / "out"
    report = import_source(page_dir / "Post.html", out)
    _, body, _ = load(out)
    assert ('![Plots in May](images/sorrel-lane-plots/plots.png "The empty plots by the canal")'
            in body)
    assert "secret" not in body and "link.png" not in body and "gone" not in body
    assert (out / "images" / "sorrel-lane-plots" / "plots.png").read_bytes() == picture
    assert [p.name for p in (out / "images" / "sorrel-lane-plots").iterdir()] == ["plots.png"]
    assert "4 pictures not saved beside the page" in report.summary()
    assert "from the web" not in report.summary()


LINE = st.one_of(
    st.sampled_from(["", "  ", "3 thoughts on “X”", "Leave a Reply", "Liked by 2 people",
                     "Reply", "Share this:", "Posted on 3 May 2026 by Ann", "Ann says:"]),
    st.builds(lambda indent, n, text: " " * indent + f"{n}. {text}",
              st.integers(0, 8), st.integers(0, 4), st.text(max_size=20)),
    st.text(max_size=40).map(lambda t: t.replace("\n", " ")),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, max_size=30))
def test_any_pasted_text_imports_or_fails_clearly(tmp_path, lines):
    source = tmp_path / "page.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    imports_or_fails_clearly(source)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(html=st.text(alphabet="<>/=\"' abcdilopr-\n", max_size=200))
def test_any_html_imports_or_fails_clearly(tmp_path, html):
    source = tmp_path / "page.html"
    source.write_text('<ol class="comment-list"><li class="comment">' + html, encoding="utf-8")
    imports_or_fails_clearly(source)


def imports_or_fails_clearly(source: Path) -> None:
    """One InputError naming the file, or an article and a thread the build reads back."""
    try:
        post = read_source(source)
    except InputError as err:
        assert err.path == source
        return
    assert post.title and post.body.strip()
    written = source.with_name("thread.comments.yaml")
    written.write_text(comments_text(post.comments), encoding="utf-8")
    read_back = [(c.id, c.text) for c in walk(load_comments(written))]
    assert read_back == [(c.id, c.text.strip()) for c in walk(post.comments)]


def test_a_picture_name_too_long_for_the_system_is_not_a_crash(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>T</title></head><body><article><h1>A title</h1>"
                    "<p>Some words of text here for the article body.</p>"
                    f'<img src="{"a" * 300}.png"></article></body></html>', encoding="utf-8")
    import_source(page, tmp_path / "out")
    assert "A title" in (tmp_path / "out" / "a-title.md").read_text(encoding="utf-8")
