"""zine import: the command, the project it writes, refusals, and a build of the result."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from zine.cli import main
from zine.core.errors import InputError, OutputError
from zine.importers import import_source
from helpers.paths import TESTS

HERE = TESTS
DATA = HERE / "data" / "import"
SAVOY = HERE.parent.parent / "shared" / "samples" / "new-savoy" / "page.txt"
# In reading order: 1.1 and 5.1.2 without their parents, thread 2 whole (picked as "2.*"), 7 with five
# web addresses.
PICK = ["1.1", "2", "2.1", "2.2", "2.2.1", "5.1.2", "7"]
PICKED_AS = ["1.1", "2.*", "5.1.2", "7"]


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def run(*args: str):
    return CliRunner().invoke(main, ["import", *map(str, args)])


# --- the command ----------------------------------------------------------------------------


def test_cli_imports_and_prints_the_summary(tmp_path):
    result = run(DATA / "export.xml", "-o", tmp_path, "--post", "keep-the-91")
    assert result.exit_code == 0, result.output
    assert "Imported 'Keep the 91 night bus'" in result.output
    assert "comments: 6 (3 top-level, threads 3 levels deep)" in result.output
    assert "left out: 1 unapproved comment" in result.output
    assert sorted(files_in(tmp_path)) == ["keep-the-91.comments.yaml", "keep-the-91.md",
                                          "zine.toml"]


def test_cli_without_post_lists_posts_as_an_answer(tmp_path):
    result = run(DATA / "export.xml", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Error" not in result.output
    rows = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert "keep-the-91" in rows[0] and "6 comments" in rows[0]
    assert "about" in rows[1] and rows[1].endswith("[page]")
    assert not (tmp_path / "out").exists()


def test_listing_puts_published_posts_first_and_marks_the_rest(tmp_path):
    text = (DATA / "export.xml").read_text(encoding="utf-8")
    post = text[text.index("<item>"):text.index("</item>") + len("</item>")]
    draft = (post.replace("keep-the-91", "draft-post").replace("Keep the 91 night bus", "A draft")
             .replace("[publish]", "[draft]").replace("<wp:post_id>", "<wp:post_id>9"))
    locked = (post.replace("keep-the-91", "locked-post").replace("Keep the 91 night bus", "Locked")
              .replace("<wp:post_password><![CDATA[]]>", "<wp:post_password><![CDATA[pw]]>")
              .replace("<wp:post_id>", "<wp:post_id>8"))
    export = tmp_path / "export.xml"
    export.write_text(text.replace(post, draft + locked + post), encoding="utf-8")
    result = run(export, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert [row.split()[1] for row in rows] == ["keep-the-91", "draft-post", "locked-post", "about"]
    assert rows[0].endswith("Keep the 91 night bus")
    assert rows[1].endswith("[draft]") and rows[2].endswith("[password-protected]")
    assert "1 published" in result.output


def test_cli_help_names_every_option():
    result = CliRunner().invoke(main, ["import", "--help"])
    assert result.exit_code == 0
    for option in ("--output", "--post", "--title", "--subtitle", "--pingbacks", "--force",
                   "--allow-no-comments"):
        assert option in result.output


@pytest.mark.parametrize("name, content, message", [
    ("missing.xml", None, "file not found"),
    ("notes.docx", "x", "cannot tell what this is"),
])
def test_unreadable_sources(tmp_path, name, content, message):
    source = tmp_path / name
    if content is not None:
        source.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_source(source, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_folder_as_source(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        import_source(tmp_path, tmp_path / "out")


def test_post_option_only_for_exports(tmp_path):
    with pytest.raises(InputError, match="--post chooses a post in a WordPress export"):
        import_source(DATA / "post.html", tmp_path, post="x")
    assert not files_in(tmp_path)


# --- the project it writes ------------------------------------------------------------------


def test_new_zine_toml(tmp_path):
    report = import_source(DATA / "post.html", tmp_path)
    config = tomllib.loads((tmp_path / "zine.toml").read_text(encoding="utf-8"))
    assert config == {"title": "Who gets the Sorrel Lane plots?", "date": "2026-05-02",
                      "layout": "a5-booklet", "lang": "en-GB", "layout_options": {}, "kicker": "Free. Copy it. Pass it on.",
                      "contribution": [{"article": "sorrel-lane-plots.md"}]}
    assert "created zine.toml" in report.summary()


def test_options_go_under_the_layout_options_table_it_writes(tmp_path):
    from zine.project.load import load_project

    import_source(DATA / "post.html", tmp_path)
    config = tmp_path / "zine.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "[layout_options]\n", "[layout_options]\nfont_size = 11\nstart_right = true\n"), encoding="utf-8")
    project = load_project(tmp_path)
    assert (project.layout, project.layout_options) == ("a5-booklet", {"font_size": 11, "start_right": True})
    assert project.notes == []


def test_existing_zine_toml_gains_one_contribution(tmp_path):
    original = ('# Our autumn zine\ntitle = "Green spaces"  # keep this comment\n\n'
                '[[contribution]]\narticle = "intro.md"\n')
    (tmp_path / "zine.toml").write_text(original, encoding="utf-8")
    import_source(DATA / "post.html", tmp_path)
    text = (tmp_path / "zine.toml").read_text(encoding="utf-8")
    assert text.startswith(original)
    assert tomllib.loads(text)["contribution"] == [{"article": "intro.md"},
                                                   {"article": "sorrel-lane-plots.md"}]
    report = import_source(DATA / "post.html", tmp_path, pingbacks=True, force=True)
    assert (tmp_path / "zine.toml").read_text(encoding="utf-8") == text  # no duplicate
    assert "zine.toml already lists sorrel-lane-plots.md" in report.summary()


def test_broken_zine_toml_is_left_alone(tmp_path):
    (tmp_path / "zine.toml").write_text('title = "unclosed\n', encoding="utf-8")
    before = files_in(tmp_path)
    with pytest.raises(InputError) as caught:
        import_source(DATA / "post.html", tmp_path)
    assert "zine.toml" in caught.value.format_message()
    assert "is not valid TOML" in caught.value.format_message()
    assert files_in(tmp_path) == before


def test_zine_toml_that_is_a_folder_is_one_clear_error(tmp_path):
    (tmp_path / "zine.toml").mkdir()
    result = run(DATA / "post.html", "-o", tmp_path)
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'zine.toml'}: exists and is not a file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["zine.toml"]


def test_existing_article_is_refused_without_force(tmp_path):
    (tmp_path / "sorrel-lane-plots.md").write_text("---\ntitle: Mine\n---\n\nMy edits.\n",
                                                    encoding="utf-8")
    before = files_in(tmp_path)
    with pytest.raises(OutputError) as caught:
        import_source(DATA / "post.html", tmp_path)
    message = caught.value.format_message()
    assert "sorrel-lane-plots.md" in message and "--force" in message
    assert files_in(tmp_path) == before
    import_source(DATA / "post.html", tmp_path, force=True)
    assert "Twelve allotment plots" in (tmp_path / "sorrel-lane-plots.md").read_text()


def test_same_import_twice_writes_nothing_new(tmp_path):
    import_source(DATA / "post.html", tmp_path)
    before = files_in(tmp_path)
    report = import_source(DATA / "post.html", tmp_path)
    assert report.written == []
    assert "nothing (files already up to date)" in report.summary()
    assert files_in(tmp_path) == before


def test_output_folder_that_is_a_file(tmp_path):
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        import_source(DATA / "post.html", target)


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    real = tempfile.mkstemp
    calls = []

    def fail_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", fail_second)
    out = tmp_path / "new" / "project"
    with pytest.raises(OutputError, match="No space left on device"):
        import_source(DATA / "post.html", out)
    assert not (tmp_path / "new").exists()


def test_written_files_are_ordinary_documents(tmp_path):
    umask = os.umask(0o022)
    try:
        import_source(DATA / "post.html", tmp_path)
    finally:
        os.umask(umask)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes == {"sorrel-lane-plots.md": 0o644, "sorrel-lane-plots.comments.yaml": 0o644,
                     "zine.toml": 0o644}


def test_output_reads_back_with_the_build_readers(tmp_path):
    from zine.project.comments import load_comments, walk
    from zine.project.load import load_project

    import_source(DATA / "export.xml", tmp_path, post="keep-the-91")
    (article,) = load_project(tmp_path).contributions
    assert article.title == "Keep the 91 night bus"
    comments = load_comments(tmp_path / "keep-the-91.comments.yaml")
    assert [c.id for c in walk(comments)] == ["1", "1.1", "1.1.1", "2", "3", "3.1"]
    assert comments[0].author == "Tomasz" and comments[0].date == "2026-09-12"


# --- the sample page, imported and built ----------------------------------------------------


@pytest.fixture(scope="module")
def savoy_built(tmp_path_factory):
    if not SAVOY.is_file():
        pytest.skip("the shared new-savoy sample is not beside this checkout")
    build_module = pytest.importorskip("zine.pipeline.build")
    folder = tmp_path_factory.mktemp("savoy")
    result = CliRunner().invoke(main, ["import", str(SAVOY), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    with (folder / "zine.toml").open("a", encoding="utf-8") as config:
        config.write(f"pick = {PICKED_AS!r}\n".replace("'", '"'))
    output = folder / "savoy.pdf"
    build_module.build(folder, build_module.BuildOptions(output=output, impose=False))
    (comments_file,) = folder.glob("*.comments.yaml")
    comments = {c["id"]: c for c in _walk_data(yaml.safe_load(comments_file.read_text()))}
    return output, comments


def _walk_data(comments):
    for comment in comments:
        yield comment
        yield from _walk_data(comment.get("replies", []))


def _opening(comment: dict) -> str:
    return " ".join(comment["text"].split()[:5])


def _pages(pdf) -> list[tuple[object, float]]:
    """Each page's text, with the x where its text column starts: the leftmost letter on any
    page of the same side (left- and right-hand pages have their own margins), since a page
    may hold nothing but an indented reply."""
    pages = []
    for number in range(len(pdf)):
        textpage = pdf[number].get_textpage()
        text = textpage.get_text_range()
        edge = min(textpage.get_charbox(i)[0] for i, ch in enumerate(text)
                   if not ch.isspace() and i < textpage.count_chars())
        pages.append((textpage, edge))
    sides = {parity: min(edge for n, (_, edge) in enumerate(pages) if n % 2 == parity) for parity in (0, 1)}
    return [(textpage, sides[n % 2]) for n, (textpage, _) in enumerate(pages)]


def _find(pages, words: str) -> list[tuple[int, float, float]]:
    """(page, x indent from the page's text edge, y) of each place the words start."""
    found = []
    for number, (textpage, edge) in enumerate(pages):
        searcher = textpage.search(words, match_case=True)
        while (hit := searcher.get_next()) is not None:
            left, _, _, top = textpage.get_charbox(hit[0])
            found.append((number, left - edge, top))
    return found


def test_savoy_builds_with_exactly_the_picked_thread(savoy_built):
    import pypdfium2

    output, comments = savoy_built
    pages = _pages(pypdfium2.PdfDocument(output))
    places = {}
    for cid, comment in comments.items():
        hits = _find(pages, _opening(comment))
        if cid in PICK:
            assert len(hits) == 1, (cid, hits)
            places[cid] = hits[0]
        else:  # only quoted by a reply that answers it: "Replying to the comment that begins ..."
            quoted = len(_find(pages, "begins “" + _opening(comment)))
            assert len(hits) == quoted, f"comment {cid} was not picked but is printed"
    # In reading order, threaded: replies indented one step per level.
    order = sorted(PICK, key=lambda cid: (places[cid][0], -places[cid][2]))
    assert order == PICK
    indent = {cid: places[cid][1] for cid in PICK}
    assert indent["2"] < 5
    assert abs(indent["2.1"] - indent["2.2"]) < 5
    assert indent["2.1"] > indent["2"] + 8
    assert indent["2.2.1"] > indent["2.2"] + 8


def test_savoy_prints_every_url_whole_and_invents_nothing(savoy_built):
    import pypdfium2

    output, comments = savoy_built
    pdf = pypdfium2.PdfDocument(output)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    picked = "\n".join(comments[cid]["text"] for cid in PICK)
    urls = re.findall(r"<(https?://[^>]+)>", picked)
    assert len(urls) == 7
    for url in urls:  # read back whole, once the line ends are taken out
        assert url in re.sub(r"\s+", "", text), url
    assert "A reader" not in text
    for mark in ("```", "~~", "| --- |", "<http", "\\"):
        assert mark not in text, mark
    # The readers whose comments were left out are named by their opening words.
    assert text.count("Replying to the comment that begins “") == 2
    assert "comment 1" not in text and "comment 5.1" not in text


def test_savoy_picture_caption_is_not_the_first_sentence(tmp_path):
    if not SAVOY.is_file():
        pytest.skip("the shared new-savoy sample is not beside this checkout")
    report = import_source(SAVOY, tmp_path)
    (article,) = tmp_path.glob("*.md")
    body = article.read_text(encoding="utf-8").split("---\n", 2)[2].strip()
    lines = [ln.strip() for ln in SAVOY.read_text(encoding="utf-8").splitlines() if ln.strip()]
    caption, first = lines[1], lines[2]
    assert body.startswith(first[:50]) and caption[:30] not in body
    assert "the caption of a picture under the title (line 4" in report.summary()
    assert "no author, source address or date found" in report.summary().splitlines()[1]
    config = tomllib.loads((tmp_path / "zine.toml").read_text(encoding="utf-8"))
    assert config["title"] == "IAPT is value-laden"  # the article keeps the whole title
    assert "date" not in config
    assert "cover title shortened to 'IAPT is value-laden'" in report.summary()


def _export_with_title(tmp_path: Path, title: str) -> Path:
    text = (DATA / "export.xml").read_text(encoding="utf-8")
    export = tmp_path / "export.xml"
    export.write_text(text.replace("<title>Keep the 91 night bus</title>", f"<title>{title}</title>"),
                      encoding="utf-8")
    return export


def test_title_and_subtitle_options(tmp_path):
    long = "A very long blog title that goes on, and on, well past what a cover can hold"
    result = run(_export_with_title(tmp_path, long), "-o", tmp_path / "out", "--post", "41",
                 "--title", "Save the 91", "--subtitle", "Night buses matter")
    assert result.exit_code == 0, result.output
    front = yaml.safe_load((tmp_path / "out" / "keep-the-91.md").read_text().split("---\n")[1])
    assert (front["title"], front["subtitle"]) == ("Save the 91", "Night buses matter")
    config = tomllib.loads((tmp_path / "out" / "zine.toml").read_text(encoding="utf-8"))
    assert (config["title"], config["subtitle"]) == ("Save the 91", "Night buses matter")
    assert config["date"] == "2026-09-12"  # the post's date is carried


def test_long_title_is_shortened_for_the_cover_only(tmp_path):
    long = "A very long blog title that goes on, and on, well past what a cover can hold"
    report = import_source(_export_with_title(tmp_path, long), tmp_path / "out", post="41")
    front = yaml.safe_load((tmp_path / "out" / "keep-the-91.md").read_text().split("---\n")[1])
    assert front["title"] == long
    config = tomllib.loads((tmp_path / "out" / "zine.toml").read_text(encoding="utf-8"))
    assert config["title"] == "A very long blog title that goes on"
    assert "cover title shortened" in report.summary()


def test_untitled_post_is_titled_after_its_first_words_and_builds(tmp_path):
    from zine.project.load import load_project

    report = import_source(_export_with_title(tmp_path, ""), tmp_path / "out", post="41")
    (article,) = load_project(tmp_path / "out").contributions  # the build accepts it
    assert article.title == report.title
    assert report.title.endswith("…") and len(report.title.split()) == 8
    assert article.body.replace("**", "").split()[:7] == report.title.split()[:7]
    assert f"the post has no title: it is titled {report.title!r} after its first words" \
        in report.summary()


def test_zine_toml_with_bom_and_crlf_keeps_them(tmp_path):
    original = '\ufefftitle = "Windows notepad"\r\n\r\n[[contribution]]\r\narticle = "a.md"\r\n'
    (tmp_path / "zine.toml").write_bytes(original.encode("utf-8"))
    import_source(DATA / "post.html", tmp_path)
    raw = (tmp_path / "zine.toml").read_bytes().decode("utf-8")
    assert raw.startswith(original)
    assert raw[len(original):] == '\r\n[[contribution]]\r\narticle = "sorrel-lane-plots.md"\r\n'
