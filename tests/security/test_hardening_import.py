"""Imports lose no comment silently and never write what a build cannot read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from zine.core.errors import InputError
from zine.importers import import_source
from zine.project.comments import MAX_DEPTH, load_comments, walk

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/">
<channel><title>Site</title><item><title>Post</title>
<content:encoded><![CDATA[The post.]]></content:encoded>
<wp:post_id>1</wp:post_id><wp:post_name>post</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
"""


def comment(cid, parent, text, minute=0):
    return (f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>A{cid}</wp:comment_author>"
            f"<wp:comment_date>2026-01-01 10:{minute:02d}:00</wp:comment_date>"
            f"<wp:comment_content><![CDATA[{text}]]></wp:comment_content>"
            f"<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>")


def export(tmp_path: Path, comments: list[str]) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(HEAD + "".join(comments) + "</item></channel></rss>\n", encoding="utf-8")
    return path


def texts(folder: Path) -> list[str]:
    return [c.text for c in walk(load_comments(folder / "post.comments.yaml"))]


def test_wxr_comments_answering_each_other_are_printed_and_reported(tmp_path):
    source = export(tmp_path, [comment(11, 12, "Ring one", 1), comment(12, 11, "Ring two", 2),
                               comment(13, 0, "Plain", 3)])
    report = import_source(source, tmp_path / "out")
    assert sorted(texts(tmp_path / "out")) == ["Plain", "Ring one", "Ring two"]
    assert any("comment 11" in w and "loop" in w for w in report.warnings)


def test_wxr_duplicate_comment_ids_keep_both_comments(tmp_path):
    source = export(tmp_path, [comment(5, 0, "First of two", 1), comment(5, 0, "Second of two", 2),
                               comment(6, 5, "Reply", 3)])
    report = import_source(source, tmp_path / "out")
    assert sorted(texts(tmp_path / "out")) == ["First of two", "Reply", "Second of two"]
    assert any("two comments have the id 5" in w for w in report.warnings)


def test_wxr_identical_copy_of_a_comment_is_reported_by_id(tmp_path):
    source = export(tmp_path, [comment(5, 0, "Said once", 1), comment(5, 0, "Said once", 1)])
    report = import_source(source, tmp_path / "out")
    assert texts(tmp_path / "out") == ["Said once"]
    assert any("comment 5" in item and "identical" in item for item in report.dropped)


def test_wxr_thread_deeper_than_a_build_reads_is_flattened_and_reads_back(tmp_path):
    chain = [comment(100 + n, 100 + n - 1 if n else 0, f"Level {n + 1}", n % 60) for n in range(140)]
    report = import_source(export(tmp_path, chain), tmp_path / "out")
    assert report.max_depth == MAX_DEPTH and report.comments == 140
    assert any("40 replies nested deeper than 100 levels" in w for w in report.warnings)
    read_back = load_comments(tmp_path / "out" / "post.comments.yaml")  # what a build reads
    assert [c.text for c in walk(read_back)] == [f"Level {n}" for n in range(1, 141)]


def page(levels: int, divs: int = 0) -> str:
    thread = "".join(f'<li class="comment"><div class="comment-body"><p>Comment {n}</p></div>'
                     '<ol class="children">' for n in range(levels))
    return ('<html lang="en"><body><article><h1 class="entry-title">T</h1><div class="entry-content">'
            f'<p>Body text.</p>{"<div>" * divs}deep{"</div>" * divs}</div>'
            f'<ol class="comment-list">{thread}<li class="comment"><p>Leaf</p></li>'
            f'{"</ol></li>" * levels}</ol></article></body></html>')


def test_saved_page_with_a_150_level_thread_imports_flattened(tmp_path):
    source = tmp_path / "page.html"
    source.write_text(page(150), encoding="utf-8")
    report = import_source(source, tmp_path / "out")
    assert report.comments == 151 and report.max_depth == MAX_DEPTH
    assert len(list(walk(load_comments(tmp_path / "out" / "t.comments.yaml")))) == 151


def test_saved_page_nested_2000_deep_is_one_clear_error(tmp_path):
    source = tmp_path / "page.html"
    source.write_text(page(1, divs=2000), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_source(source, tmp_path / "out")
    assert caught.value.format_message().startswith(f"{source}: nested too deeply to import")
    assert not (tmp_path / "out").exists()


def test_wxr_comments_left_out_are_reported_by_id(tmp_path):
    unapproved = comment(7, 0, "Buy cheap watches").replace("<wp:comment_approved>1<", "<wp:comment_approved>spam<")
    report = import_source(export(tmp_path, [comment(6, 0, "Kept"), unapproved]), tmp_path / "out")
    assert "1 spam comment (id 7)" in report.dropped
