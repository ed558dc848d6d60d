"""Round trip of the shared WordPress sample: every post imports, builds, and prints no Markdown.

The importer writes one Markdown dialect and the build reads that dialect, so
nothing the importer writes (fences, ``~~``, table rules, ``#`` headings) may
reach the paper as literal marks. Every post is imported into one project and
composed in one go (the whole export as one anthology); the posts that hold
each kind of mark are also rendered to PDF and read back.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from zine.compose.html import compose
from zine.core.errors import InputError
from zine.importers import import_source, list_posts
from zine.layout.resolve import load_layout
from zine.project.load import load_project
from helpers.paths import TESTS

HERE = TESTS
SAMPLE = HERE.parent.parent / "shared" / "samples" / "wordpress" / "a11y-theme-unit-test-data.xml"
REFUSED = {"edge-case-no-content": "has no text to print"}
MARKS = {  # what the importer writes -> how it would show on paper if the build did not read it
    "fence": re.compile(r"```|~~~"),
    "strikethrough": re.compile(r"~~"),
    "table": re.compile(r"\|\s*:?-{3,}"),
    "heading": re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+\S"),  # a lone "#" is a character table's
    "link": re.compile(r"\]\((?:https?:|/)"),
    "image": re.compile(r"!\["),
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(project folder, {slug: refusal}) with every post of the export imported into it."""
    if not SAMPLE.is_file():
        pytest.skip("the shared WordPress sample is not beside this checkout")
    root = tmp_path_factory.mktemp("wordpress")
    refused = {}
    for entry in list_posts(SAMPLE):
        try:
            import_source(SAMPLE, root, post=entry.id, allow_no_comments=True)
        except InputError as err:
            refused[entry.slug] = err.format_message()
    return root, refused


def visible_text(html: str) -> str:
    """Text of the composed document as a reader would see it (tags, styles and scripts out)."""
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_every_post_imports_but_the_one_without_text(imported):
    root, refused = imported
    assert set(refused) == set(REFUSED)
    for slug, reason in REFUSED.items():
        assert reason in refused[slug]
    articles = sorted(root.glob("*.md"))
    assert len(articles) == len(list_posts(SAMPLE)) - len(REFUSED)


def test_the_whole_export_composes_without_markdown_marks(imported):
    root, _ = imported
    project = load_project(root)  # every title, date and picture the build checks
    composed = compose(project, load_layout("a5-booklet", root))
    text = visible_text(composed.html)
    found = {kind: rule.findall(text)[:3] for kind, rule in MARKS.items() if rule.search(text)}
    assert found == {}
    assert len(project.contributions) == len(list(root.glob("*.md")))


def test_posts_with_each_mark_print_without_it(imported, tmp_path):
    """The smallest post holding each kind of mark, rendered and read back from the PDF."""
    from zine.render.engine import render

    root, _ = imported
    chosen = _smallest_post_per_mark(root)
    assert set(chosen) >= {"fence", "strikethrough", "table", "heading"}
    for article in set(chosen.values()):
        for file in root.glob(article.stem + ".*"):
            shutil.copy(file, tmp_path / file.name)
    entries = "".join(f'\n[[contribution]]\narticle = "{a.name}"\n' for a in sorted(set(chosen.values())))
    (tmp_path / "zine.toml").write_text('title = "Marks"\n' + entries, encoding="utf-8")
    project = load_project(tmp_path)
    doc = pdfium.PdfDocument(render(compose(project, load_layout("a5-booklet", tmp_path))).pdf)
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    found = {kind: rule.findall(text)[:3] for kind, rule in MARKS.items() if rule.search(text)}
    assert found == {}


def _smallest_post_per_mark(root: Path) -> dict[str, Path]:
    """Kind of mark -> the shortest article whose text or comments hold it."""
    chosen: dict[str, Path] = {}
    for article in sorted(root.glob("*.md"), key=lambda p: p.stat().st_size):
        comments = article.with_suffix(".comments.yaml")
        written = article.read_text(encoding="utf-8").split("---", 2)[2]
        if comments.exists():
            written += comments.read_text(encoding="utf-8")
        for kind, rule in MARKS.items():
            if kind not in chosen and rule.search(written):
                chosen[kind] = article
    return chosen
