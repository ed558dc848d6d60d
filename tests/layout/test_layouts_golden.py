"""Golden HTML: what the compose step hands the renderer, for each built-in layout.

A change to a template, a partial or compose shows up here as a readable diff.
When the change is intended, refresh the files and review them with git diff:

    ZINE_REFRESH_GOLDEN=1 python -m pytest tests/layout/test_layouts_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.paths import EXAMPLES

from zine import __version__
from zine.compose.html import compose
from zine.layout.resolve import load_layout
from zine.project.load import load_project
from helpers.paths import GOLDEN

GOLDEN = GOLDEN
CASES = [("a5-booklet", "library"), ("a5-booklet", "anthology"), ("digest", "library"),
         ("mini8", "flyer"), ("pamphlet", "flyer")]


def composed_text(layout_name: str, example: str) -> str:
    """The page CSS compose generates, then the HTML, with the version masked."""
    project = load_project(EXAMPLES / example)
    document = compose(project, load_layout(layout_name, project.root))
    text = f"<!-- generated CSS\n{document.extra_css}-->\n{document.html}"
    return text.replace(f"zine {__version__}", "zine VERSION")


@pytest.mark.parametrize("layout_name, example", CASES)
def test_compose_matches_golden_html(layout_name, example):
    path = GOLDEN / f"{layout_name}-{example}.html"
    actual = composed_text(layout_name, example)
    if os.environ.get("ZINE_REFRESH_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: run with ZINE_REFRESH_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (f"{path.name} differs; if intended, refresh with "
                                f"ZINE_REFRESH_GOLDEN=1 python -m pytest {Path(__file__).name}")


def test_golden_html_names_no_local_path():
    for path in GOLDEN.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert str(EXAMPLES.parent) not in text and "file:" not in text
