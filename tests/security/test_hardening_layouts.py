"""A layout that came with a project folder runs bounded: loops, values, output, recursion,
and the pictures its stylesheet names. Each ends in one error naming the layout, in seconds."""

from __future__ import annotations

import pytest

from helpers.files import write
from helpers.bounded import refused, run_bounded

ARTICLE = "---\ntitle: Short\n---\nA short article.\n"


def _project(tmp_path, template: str = "", css: str = "") -> "Path":  # noqa: F821
    folder = tmp_path / "proj" / "layouts" / "mine"
    write(folder / "layout.toml", 'name = "mine"\nextends = "a5-booklet"\ncss = ["extra.css"]\n')
    write(folder / "extra.css", css or "h1 { letter-spacing: 0; }\n")
    if template:
        write(folder / "zine.html", '{% extends "!a5-booklet/zine.html" %}{% block cover %}' + template
              + "{% endblock %}")
    write(tmp_path / "proj" / "a.md", ARTICLE)
    write(tmp_path / "proj" / "zine.toml", 'title = "Short"\nlayout = "mine"\n[[contribution]]\narticle = "a.md"\n')
    return tmp_path / "proj"


def _build(tmp_path, root):
    return run_bounded("build", root, "-o", tmp_path / "z.pdf", "--no-impose", cwd=tmp_path)


@pytest.mark.parametrize("template, phrase", [
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "loops run more than"),
    ("{{ 'x' * 1500000000 }}", "more than 10,000,000 characters"),
    ("{{ 'x'.ljust(1500000000) }}", "more than 10,000,000 characters"),
    ("{{ '{:>1500000000}'.format(1) }}", "format width is too large"),
    ("{% for a in range(90000) %}{{ 'word ' * 1000 }}{% endfor %}", "writes more than"),
    ("{% macro down() %}{{ down() }}{% endmacro %}{{ down() }}", "calls itself without end"),
])
def test_a_project_layout_that_works_without_end_is_refused(tmp_path, template, phrase):
    root = _project(tmp_path, template)
    refused(_build(tmp_path, root), "zine.html", phrase)
    assert not (tmp_path / "z.pdf").exists()


def test_a_project_layout_that_doubles_a_string_stops_at_the_memory_cap(tmp_path):
    template = ("{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                "{% endfor %}{{ ns.s|length }}")
    root = _project(tmp_path, template)
    refused(_build(tmp_path, root), "layouts/mine", "more memory than", "template")


def test_an_svg_use_bomb_named_by_a_layout_stylesheet_is_refused(tmp_path):
    uses = "".join(f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 10))
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><rect id="l0" width="1" '
           f'height="1"/>{uses}</defs><use href="#l9"/></svg>')
    root = _project(tmp_path, css="body { background: url(bomb.svg); }\n")
    write(root / "layouts" / "mine" / "bomb.svg", svg)
    refused(_build(tmp_path, root), "bomb.svg", "drawing it would take more than")


def test_a_project_layout_within_the_limits_builds(tmp_path):
    root = _project(tmp_path, "{% for a in range(3) %}<p>{{ 'ok ' * 3 }}{{ '%05d'|format(a) }}</p>{% endfor %}")
    result = _build(tmp_path, root)
    assert result.returncode == 0, result.stderr
