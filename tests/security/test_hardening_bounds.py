"""Inputs inside the old limits that still cost minutes: the limits now count what a build
makes (CJK characters, words in comments), and the readers stay linear in depth."""

from __future__ import annotations

import yaml

from helpers.files import write
from helpers.hostile import nested_divs, reply_chain, wordpress_export
from helpers.bounded import built, refused, run_bounded
from zine.core import limits


def test_cjk_text_counts_a_word_a_character(tmp_path):
    text = "".join(chr(0x4E00 + (i * 37) % 20000) for i in range(limits.ARTICLE_WORDS + 1))
    paragraphs = "\n\n".join(text[i:i + 800] for i in range(0, len(text), 800))
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Long\nlang: zh\n---\n" + paragraphs + "\n")
    result = run_bounded("build", root, "-o", tmp_path / "z.pdf", "--no-impose", cwd=tmp_path)
    refused(result, "a.md:", "Chinese, Japanese or Korean", f"over the limit of {limits.ARTICLE_WORDS:,}")


def test_cjk_written_as_character_references_counts_the_same(tmp_path):
    text = "".join(f"&#x{0x4E00 + i % 9000:X};" for i in range(limits.ARTICLE_WORDS + 1))
    root = tmp_path / "proj"
    write(root / "a.md", "---\ntitle: Long\n---\n" + "\n\n".join(text[i:i + 8000] for i in range(0, len(text), 8000)))
    result = run_bounded("build", root, "-o", tmp_path / "z.pdf", "--no-impose", cwd=tmp_path)
    refused(result, "a.md:", "words (each Chinese, Japanese or Korean character counts as one)")


def test_words_in_printed_comments_are_limited(tmp_path):
    words = " ".join(["bus"] * 1600)
    count = limits.COMMENT_WORDS // 1600 + 1
    root = tmp_path / "proj"
    write(root / "c.yaml", "".join(f"- author: Reader {n}\n  text: \"{words}\"\n" for n in range(count)))
    write(root / "a.md", "---\ntitle: Thread\ncomments: c.yaml\n---\nA short article.\n")
    result = run_bounded("build", root, "-o", tmp_path / "z.pdf", "--no-impose", cwd=tmp_path)
    refused(result, "c.yaml:", f"{count * 1600:,} words in the comments to print")


def test_a_deep_reply_chain_imports_with_short_ids(tmp_path):
    depth = 3000
    source = write(tmp_path / "export.xml", wordpress_export("<p>A post about buses.</p>", reply_chain(depth)))
    result = run_bounded("import", source, "-o", tmp_path / "proj", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    said = (result.stdout + result.stderr).replace(",", "")
    assert f"{depth - 100} replies nested deeper than 100" in said
    thread = yaml.safe_load(next((tmp_path / "proj").glob("*.comments.yaml")).read_text())
    ids, pending = [], list(thread)
    while pending:
        comment = pending.pop()
        ids.append(comment["id"])
        pending += comment.get("replies", [])
    assert len(ids) == depth and len(set(ids)) == depth
    assert max(map(len, ids)) < 250  # 100 levels and a number, not 3,000 levels


def test_a_post_of_deeply_nested_divs_imports(tmp_path):
    source = write(tmp_path / "export.xml", wordpress_export(nested_divs(5000), [(1, 0)]))
    result = run_bounded("import", source, "-o", tmp_path / "proj", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    article = next((tmp_path / "proj").glob("*.md")).read_text()
    assert "We met." in article and "Deep inside." in article
    built(run_bounded("build", tmp_path / "proj", "-o", tmp_path / "z.pdf", "--no-impose", cwd=tmp_path))


def test_html_too_deep_even_without_wrappers_is_refused(tmp_path):
    body = "<blockquote>" * 2000 + "Deep." + "</blockquote>" * 2000
    source = write(tmp_path / "export.xml", wordpress_export(body, [(1, 0)]))
    result = run_bounded("import", source, "-o", tmp_path / "proj", cwd=tmp_path)
    refused(result, "export.xml:", "elements nested one inside another, over the limit of 400")
    assert not (tmp_path / "proj").exists()
