"""Pasted web text is untrusted: nothing outside the project reaches the PDF, nothing is fetched."""

from __future__ import annotations

import os
import socket

import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from helpers.files import write

from zine.cli import main

SECRET = "TOP-SECRET-MARKER-4711"

HOSTILE_ARTICLE = """\
---
title: Hostile
comments: c.yaml
---
Text with raw HTML.

<a rel="attachment" href="file://{secret}">leak</a>
<a rel="attachment" href="../secret.txt">leak2</a>
<link rel="attachment" href="file://{secret}">
<base href="file:///etc/">
<iframe src="file://{secret}"></iframe>
<object data="file://{secret}"></object>
<div style="background: url(file://{secret})">styled</div>
<svg><image href="file://{secret}"/></svg>
<script>document.write("x")</script>
<style>@import url("file://{secret}");</style>
"""

HOSTILE_COMMENTS = """\
- author: troll
  text: |
    <a rel="attachment" href="file://{secret}">click</a>
    <img src="file://{secret}"> ![pic](file://{secret}) ![p2](../secret.txt)
    <script>alert(1)</script>
"""


@pytest.fixture
def no_network(monkeypatch):
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("network use in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return calls


def test_hostile_article_and_comment_embed_nothing_and_fetch_nothing(tmp_path, no_network):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    project = tmp_path / "project"
    write(project / "a.md", HOSTILE_ARTICLE.format(secret=secret))
    write(project / "c.yaml", HOSTILE_COMMENTS.format(secret=secret))
    out = tmp_path / "out" / "h.pdf"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["build", str(project / "a.md"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert no_network == []
    for path in (out, out.with_name("h-print.pdf")):
        data = path.read_bytes()
        assert SECRET.encode() not in data
        with pikepdf.open(path) as pdf:
            assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
            for page in pdf.pages:
                for annot in page.get("/Annots", []):
                    assert annot.get("/Subtype") != "/FileAttachment"
    # Comment HTML is shown as text, not obeyed.

    doc = pdfium.PdfDocument(str(out))
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    flat = text.replace("\r", "").replace("\n", "")
    assert "<script>alert(1)</script>" in flat


@pytest.mark.parametrize("reference,expected", [
    ("![x](http://example.org/p.png)", "not a file in the project"),
    ("![x](file:///etc/hostname)", "not a file in the project"),
    ("![x](../outside.png)", "outside the project folder"),
    ("![x](/etc/hostname)", "not a file in the project"),
    ('<img src="http://127.0.0.1:9/p.png">', "not a file in the project"),
])
def test_image_references_outside_the_project_are_refused(tmp_path, reference, expected):
    write(tmp_path / "outside.png", "x")
    project = tmp_path / "p"
    write(project / "a.md", f"---\ntitle: T\n---\nIntro\n\n{reference}\n")
    result = CliRunner().invoke(main, ["build", str(project / "a.md"), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert "a.md:6:" in result.output and expected in result.output
    assert not (tmp_path / "o.pdf").exists()


def test_symlink_out_of_the_project_is_refused(tmp_path):
    from PIL import Image

    Image.new("L", (20, 20), 128).save(tmp_path / "real.png")
    project = tmp_path / "p"
    project.mkdir()
    os.symlink(tmp_path / "real.png", project / "link.png")
    write(project / "a.md", "---\ntitle: T\n---\n![x](link.png)\n")
    result = CliRunner().invoke(main, ["build", str(project / "a.md"), "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert "outside the project folder" in result.output


def test_layout_css_reaching_outside_is_refused_and_named(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    layout = tmp_path / "p" / "layouts" / "leaky"
    write(layout / "layout.toml", 'name = "leaky"\nextends = "a5-booklet"\ncss = ["leak.css"]\n')
    write(layout / "leak.css", f'body {{ background: url("file://{secret}"); }}\n')
    write(tmp_path / "p" / "a.md", "---\ntitle: T\n---\nBody\n")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "p" / "a.md"), "--layout", "leaky",
                                       "-o", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert "refused to read" in result.output and "secret.txt" in result.output
    assert "outside the project and layout folders" in result.output
    assert not (tmp_path / "o.pdf").exists()
